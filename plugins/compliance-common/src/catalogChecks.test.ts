import type { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { knownGroups, service } from './__fixtures__/entities';
import {
  dataClassificationCheck,
  drDrillRecentCheck,
  drSecondaryReadyCheck,
  drTierCheck,
  ownerGroupCheck,
  type CatalogCheck,
  type CatalogCheckContext,
  type DrReadinessSummary,
} from './catalogChecks';

const now = DateTime.fromISO('2026-11-23T12:00:00Z', { zone: 'utc' });
const context = (
  overrides: Partial<CatalogCheckContext> = {},
): CatalogCheckContext => ({
  knownGroups,
  drSummary: undefined,
  now,
  ...overrides,
});
const dr = (
  overrides: Partial<DrReadinessSummary> = {},
): DrReadinessSummary => ({
  secondaryRegion: 'centralus',
  secondaryStatus: 'ready',
  lastDrill: { performedAt: '2026-03-02T09:30:00Z', outcome: 'success' },
  evaluatedAt: '2026-11-23T11:55:00Z',
  ...overrides,
});
const withoutAnnotation = (name: string): Entity => {
  const entity = service('claims-api');
  delete entity.metadata.annotations![name];
  return entity;
};

const cases: Array<{
  name: string;
  check: CatalogCheck;
  entity: Entity;
  context?: Partial<CatalogCheckContext>;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
}> = [
  {
    name: 'owned by a known group',
    check: ownerGroupCheck,
    entity: service('claims-api'),
    status: 'pass',
    actual: 'group:default/claims-team',
  },
  {
    name: 'short owner ref defaults to a group in the namespace',
    check: ownerGroupCheck,
    entity: service('claims-api', {}, { owner: 'Claims-Team' }),
    status: 'pass',
    actual: 'group:default/claims-team',
  },
  {
    name: 'owner group not in the catalog',
    check: ownerGroupCheck,
    entity: service('claims-api', {}, { owner: 'group:default/ghosts' }),
    status: 'fail',
    actual: 'group:default/ghosts',
  },
  {
    name: 'owned by a person',
    check: ownerGroupCheck,
    entity: service('claims-api', {}, { owner: 'user:default/jane.doe' }),
    status: 'fail',
    actual: 'user:default/jane.doe',
  },
  {
    name: 'no owner',
    check: ownerGroupCheck,
    entity: service('claims-api', {}, { owner: undefined }),
    status: 'fail',
    actual: null,
  },
  {
    name: 'groups not supplied',
    check: ownerGroupCheck,
    entity: service('claims-api'),
    context: { knownGroups: undefined },
    status: 'unknown',
    actual: 'group:default/claims-team',
  },

  {
    name: 'phi',
    check: dataClassificationCheck,
    entity: service('claims-api'),
    status: 'pass',
    actual: 'phi',
  },
  {
    name: 'upper-case PII',
    check: dataClassificationCheck,
    entity: service('claims-api', { 'vitals.dev/data-classification': 'PII' }),
    status: 'pass',
    actual: 'PII',
  },
  {
    name: 'not declared',
    check: dataClassificationCheck,
    entity: withoutAnnotation('vitals.dev/data-classification'),
    status: 'fail',
    actual: null,
  },
  {
    name: 'unknown class',
    check: dataClassificationCheck,
    entity: service('claims-api', {
      'vitals.dev/data-classification': 'secret',
    }),
    status: 'fail',
    actual: 'secret',
  },

  {
    name: 'high',
    check: drTierCheck,
    entity: service('claims-api'),
    status: 'pass',
    actual: 'high',
  },
  {
    name: 'none',
    check: drTierCheck,
    entity: service('claims-api', { 'vitals.dev/dr-tier': 'none' }),
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'missing',
    check: drTierCheck,
    entity: withoutAnnotation('vitals.dev/dr-tier'),
    status: 'fail',
    actual: null,
  },
  {
    name: 'not a tier',
    check: drTierCheck,
    entity: service('claims-api', { 'vitals.dev/dr-tier': 'gold' }),
    status: 'fail',
    actual: 'gold',
  },

  {
    name: 'secondary ready',
    check: drSecondaryReadyCheck,
    entity: service('claims-api'),
    context: { drSummary: dr() },
    status: 'pass',
    actual: 'ready',
  },
  {
    name: 'secondary at risk',
    check: drSecondaryReadyCheck,
    entity: service('claims-api'),
    context: { drSummary: dr({ secondaryStatus: 'at-risk' }) },
    status: 'fail',
    actual: 'at-risk',
  },
  {
    name: 'secondary not ready',
    check: drSecondaryReadyCheck,
    entity: service('claims-api'),
    context: { drSummary: dr({ secondaryStatus: 'not-ready' }) },
    status: 'fail',
    actual: 'not-ready',
  },
  {
    name: 'secondary unknown',
    check: drSecondaryReadyCheck,
    entity: service('claims-api'),
    context: { drSummary: dr({ secondaryStatus: 'unknown' }) },
    status: 'unknown',
    actual: 'unknown',
  },
  {
    name: 'no secondary region',
    check: drSecondaryReadyCheck,
    entity: service('claims-api'),
    context: { drSummary: dr({ secondaryRegion: null }) },
    status: 'fail',
    actual: null,
  },
  {
    name: 'no DR assessment',
    check: drSecondaryReadyCheck,
    entity: service('claims-api'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'drill 8 months ago',
    check: drDrillRecentCheck,
    entity: service('claims-api'),
    context: { drSummary: dr() },
    status: 'pass',
    actual: '2026-03-02T09:30:00Z (success)',
  },
  {
    name: 'partial drill exactly 12 months ago',
    check: drDrillRecentCheck,
    entity: service('claims-api'),
    context: {
      drSummary: dr({
        lastDrill: { performedAt: '2025-11-23T12:00:00Z', outcome: 'partial' },
      }),
    },
    status: 'pass',
    actual: '2025-11-23T12:00:00Z (partial)',
  },
  {
    name: 'drill 12 months and a minute ago',
    check: drDrillRecentCheck,
    entity: service('claims-api'),
    context: {
      drSummary: dr({
        lastDrill: { performedAt: '2025-11-23T11:59:00Z', outcome: 'success' },
      }),
    },
    status: 'fail',
    actual: '2025-11-23T11:59:00Z (success)',
  },
  {
    name: 'recent drill failed',
    check: drDrillRecentCheck,
    entity: service('claims-api'),
    context: {
      drSummary: dr({
        lastDrill: { performedAt: '2026-10-01T08:00:00Z', outcome: 'failed' },
      }),
    },
    status: 'fail',
    actual: '2026-10-01T08:00:00Z (failed)',
  },
  {
    name: 'no drill recorded',
    check: drDrillRecentCheck,
    entity: service('claims-api'),
    context: { drSummary: dr({ lastDrill: null }) },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'drill dated in the future',
    check: drDrillRecentCheck,
    entity: service('claims-api'),
    context: {
      drSummary: dr({
        lastDrill: { performedAt: '2027-01-01T00:00:00Z', outcome: 'success' },
      }),
    },
    status: 'unknown',
    actual: '2027-01-01T00:00:00Z (success)',
  },
  {
    name: 'unparseable drill date',
    check: drDrillRecentCheck,
    entity: service('claims-api'),
    context: {
      drSummary: dr({
        lastDrill: { performedAt: 'last spring', outcome: 'success' },
      }),
    },
    status: 'unknown',
    actual: 'last spring',
  },
];

describe('catalog checks', () => {
  it.each(cases)(
    '$check.id: $name → $status',
    ({ check, entity, context: overrides, status, actual }) => {
      const outcome = check.evaluate(entity, context(overrides));
      expect(outcome.status).toBe(status);
      expect(outcome.actual).toBe(actual);
      expect(outcome.message).not.toBe('');
    },
  );
});

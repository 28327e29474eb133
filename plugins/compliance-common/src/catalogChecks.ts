import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import {
  COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION,
  COMPLIANCE_DR_TIER_ANNOTATION,
  DATA_CLASSIFICATIONS,
  DR_TIERS,
  isDrTier,
  readDataClassification,
} from './annotations';
import type { CheckStatus } from './rules/types';

import type {
  DrillOutcome,
  ReadinessStatus,
} from '@vitals/plugin-dr-readiness-common';

/** A service's DR readiness, as the DR-readiness plugin reports it. */
export type DrStatus = ReadinessStatus;
/** A DR drill's outcome, as the DR-readiness plugin records it. */
export type DrDrillOutcome = DrillOutcome;

/**
 * What the compliance engine needs from the DR-readiness plugin about one
 * service: whether its secondary region could take over, and its last drill.
 */
export interface DrReadinessSummary {
  secondaryRegion: string | null;
  secondaryStatus: DrStatus;
  lastDrill?: { performedAt: string; outcome: DrDrillOutcome } | null;
  /** When the DR plugin assessed this; used as the evidence's age. */
  evaluatedAt?: string;
}

export interface CatalogCheckContext {
  /** Full, lower-cased refs of the groups in the catalog (`group:default/payments`). */
  knownGroups: ReadonlySet<string> | undefined;
  drSummary: DrReadinessSummary | undefined;
  now: DateTime;
}

export interface CatalogCheckOutcome {
  status: CheckStatus;
  property: string;
  expected: string;
  actual: string | null;
  message: string;
}

/** A check over the catalog entity (and the DR summary) rather than Azure resources. */
export interface CatalogCheck {
  id: string;
  title: string;
  /** Where the evidence comes from, for the evidence export. */
  source: 'catalog' | 'dr-readiness';
  remediation: string;
  evaluate(entity: Entity, context: CatalogCheckContext): CatalogCheckOutcome;
}

/** How recent a contingency-plan test must be (164.308(a)(7)(ii)(D) "periodic"; annual is the common reading). */
export const DR_DRILL_MAX_AGE_MONTHS = 12;

export const ownerGroupCheck: CatalogCheck = {
  id: 'catalog.owner-group',
  title: 'Owned by a known team',
  source: 'catalog',
  remediation:
    'Set spec.owner to a Group entity that exists in the catalog (e.g. group:default/payments).',
  evaluate(entity, { knownGroups }) {
    const property = 'spec.owner';
    const expected = 'a Group entity in the catalog';
    const owner = entity.spec?.owner;
    if (typeof owner !== 'string' || owner.trim() === '') {
      return {
        status: 'fail',
        property,
        expected,
        actual: null,
        message:
          'The service has no owner: nobody is accountable for its findings.',
      };
    }
    let ref: string;
    let kind: string;
    try {
      const parsed = parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      kind = parsed.kind.toLowerCase();
      ref = stringifyEntityRef(parsed);
    } catch {
      return {
        status: 'fail',
        property,
        expected,
        actual: owner,
        message: `The owner ${owner} is not a valid entity reference.`,
      };
    }
    if (kind !== 'group') {
      return {
        status: 'fail',
        property,
        expected,
        actual: ref,
        message: `The owner is a ${kind}, not a team: responsibility should not rest on one person.`,
      };
    }
    if (!knownGroups) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: ref,
        message:
          'The catalog groups were not supplied, so the owner could not be resolved.',
      };
    }
    return knownGroups.has(ref)
      ? {
          status: 'pass',
          property,
          expected,
          actual: ref,
          message: `Owned by ${ref}.`,
        }
      : {
          status: 'fail',
          property,
          expected,
          actual: ref,
          message: `The owner ${ref} does not resolve to a group in the catalog.`,
        };
  },
};

export const dataClassificationCheck: CatalogCheck = {
  id: 'catalog.data-classification',
  title: 'Data classification declared',
  source: 'catalog',
  remediation: `Add the annotation ${COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION} with one of ${DATA_CLASSIFICATIONS.join(
    ', ',
  )}.`,
  evaluate(entity) {
    const property = `metadata.annotations["${COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION}"]`;
    const expected = DATA_CLASSIFICATIONS.join(' | ');
    const { raw, value } = readDataClassification(entity);
    if (!raw) {
      return {
        status: 'fail',
        property,
        expected,
        actual: null,
        message:
          'The service does not declare what data it handles, so nobody can tell whether HIPAA applies.',
      };
    }
    return value
      ? {
          status: 'pass',
          property,
          expected,
          actual: raw,
          message: `Declared as ${value}.`,
        }
      : {
          status: 'fail',
          property,
          expected,
          actual: raw,
          message: `${raw} is not a known classification.`,
        };
  },
};

export const drTierCheck: CatalogCheck = {
  id: 'catalog.dr-tier',
  title: 'Disaster-recovery tier declared',
  source: 'catalog',
  remediation: `Add the annotation ${COMPLIANCE_DR_TIER_ANNOTATION} with critical, high or standard (which set the RTO and RPO).`,
  evaluate(entity) {
    const property = `metadata.annotations["${COMPLIANCE_DR_TIER_ANNOTATION}"]`;
    const expected = 'critical | high | standard';
    const raw =
      entity.metadata.annotations?.[COMPLIANCE_DR_TIER_ANNOTATION]?.trim();
    if (!raw) {
      return {
        status: 'fail',
        property,
        expected,
        actual: null,
        message: 'No DR tier: the service has no declared recovery objectives.',
      };
    }
    const tier = raw.toLowerCase();
    if (!isDrTier(tier)) {
      return {
        status: 'fail',
        property,
        expected,
        actual: raw,
        message: `${raw} is not a DR tier (${DR_TIERS.join(', ')}).`,
      };
    }
    // The contingency plan is a required standard: a PHI service cannot opt
    // out of recovery objectives.
    return tier === 'none'
      ? {
          status: 'fail',
          property,
          expected,
          actual: raw,
          message:
            'The tier is none: the service declares no recovery objectives.',
        }
      : {
          status: 'pass',
          property,
          expected,
          actual: raw,
          message: `DR tier ${tier}.`,
        };
  },
};

export const drSecondaryReadyCheck: CatalogCheck = {
  id: 'catalog.dr-secondary-ready',
  title: 'Secondary region ready for failover',
  source: 'dr-readiness',
  remediation:
    'Open the DR readiness tab and fix the failing checks of the secondary region (replication, paired capacity, failover configuration).',
  evaluate(_entity, { drSummary }) {
    const property = 'drReadiness.secondaryStatus';
    const expected = 'ready';
    if (!drSummary) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: 'No DR readiness assessment is available for this service.',
      };
    }
    if (!drSummary.secondaryRegion) {
      return {
        status: 'fail',
        property: 'drReadiness.secondaryRegion',
        expected: 'a secondary region',
        actual: null,
        message: 'The service has no secondary region to recover into.',
      };
    }
    const where = `secondary region ${drSummary.secondaryRegion}`;
    switch (drSummary.secondaryStatus) {
      case 'ready':
        return {
          status: 'pass',
          property,
          expected,
          actual: 'ready',
          message: `The ${where} is ready.`,
        };
      case 'at-risk':
        return {
          status: 'fail',
          property,
          expected,
          actual: 'at-risk',
          message: `The ${where} is at risk: recovery may miss the RTO or RPO.`,
        };
      case 'not-ready':
        return {
          status: 'fail',
          property,
          expected,
          actual: 'not-ready',
          message: `The ${where} could not take over.`,
        };
      default:
        return {
          status: 'unknown',
          property,
          expected,
          actual: String(drSummary.secondaryStatus),
          message: `The readiness of the ${where} is unknown.`,
        };
    }
  },
};

// An estate evaluation checks thousands of services against one `now`, and
// drills are often recorded in batches: parse each date once.
const drillDates = new Map<string, DateTime>();
function drillDate(iso: string): DateTime {
  let parsed = drillDates.get(iso);
  if (!parsed) {
    parsed = DateTime.fromISO(iso, { zone: 'utc' });
    if (drillDates.size > 10_000) drillDates.clear();
    drillDates.set(iso, parsed);
  }
  return parsed;
}

let thresholdFor: { now: DateTime; oldest: DateTime } | undefined;
function oldestRecentDrill(now: DateTime): DateTime {
  if (!thresholdFor || !thresholdFor.now.equals(now)) {
    thresholdFor = {
      now,
      oldest: now.minus({ months: DR_DRILL_MAX_AGE_MONTHS }),
    };
  }
  return thresholdFor.oldest;
}

export const drDrillRecentCheck: CatalogCheck = {
  id: 'catalog.dr-drill-recent',
  title: `DR drill within ${DR_DRILL_MAX_AGE_MONTHS} months`,
  source: 'dr-readiness',
  remediation:
    'Run a failover drill and record it in the DR readiness tab, or attest the evidence of a test held elsewhere.',
  evaluate(_entity, { drSummary, now }) {
    const property = 'drReadiness.lastDrill.performedAt';
    const expected = `a successful or partial drill within ${DR_DRILL_MAX_AGE_MONTHS} months`;
    const drill = drSummary?.lastDrill;
    if (!drill) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message:
          'No DR drill is recorded; attest evidence of a test held outside Vitals.',
      };
    }
    const performed = drillDate(drill.performedAt);
    if (!performed.isValid) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: drill.performedAt,
        message: 'The recorded drill date is not a valid ISO-8601 timestamp.',
      };
    }
    const actual = `${drill.performedAt} (${drill.outcome})`;
    if (performed > now) {
      return {
        status: 'unknown',
        property,
        expected,
        actual,
        message: 'The recorded drill is dated in the future.',
      };
    }
    if (performed < oldestRecentDrill(now)) {
      return {
        status: 'fail',
        property,
        expected,
        actual,
        message: `The last drill was more than ${DR_DRILL_MAX_AGE_MONTHS} months ago.`,
      };
    }
    if (drill.outcome === 'failed') {
      return {
        status: 'fail',
        property: 'drReadiness.lastDrill.outcome',
        expected,
        actual,
        message: 'The last drill failed: revise the plan and test it again.',
      };
    }
    return {
      status: 'pass',
      property,
      expected,
      actual,
      message: `Last drill ${performed.toISODate()} (${drill.outcome}).`,
    };
  },
};

export const catalogChecks: readonly CatalogCheck[] = [
  ownerGroupCheck,
  dataClassificationCheck,
  drTierCheck,
  drSecondaryReadyCheck,
  drDrillRecentCheck,
];

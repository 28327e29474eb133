import { ConfigReader } from '@backstage/config';
import type { EntityReadiness } from '@vitals/plugin-dr-readiness-common';
import { readCoverageExclusions } from './coverageExclusions';
import { withoutRecordedCoverage } from './router';

const SYNAPSE =
  '/subscriptions/6a1f4c2e-2b4d-4e7a-9c1b-3f2e8d7c5a10/resourceGroups/rg-a/providers/Microsoft.Synapse/workspaces/syn-a';

const read = (coverageExclusions: unknown) =>
  readCoverageExclusions(new ConfigReader({ coverageExclusions } as any));

describe('readCoverageExclusions', () => {
  it('reads none when the key is absent', () => {
    expect(readCoverageExclusions(undefined)).toEqual([]);
    expect(readCoverageExclusions(new ConfigReader({}))).toEqual([]);
  });

  it('keeps ids as written, lower-cases types, trims reasons', () => {
    expect(
      read([
        { resource: ` ${SYNAPSE}/ `, reason: ' rebuilt nightly ' },
        { resource: 'Microsoft.Synapse/workspaces', reason: 'analytics only' },
      ]),
    ).toEqual([
      { resource: SYNAPSE, reason: 'rebuilt nightly' },
      { resource: 'microsoft.synapse/workspaces', reason: 'analytics only' },
    ]);
  });

  it.each([
    [[{ resource: SYNAPSE }], 'coverageExclusions[0].reason is required'],
    [[{ resource: SYNAPSE, reason: 42 }], '[0].reason is required'],
    [[{ reason: 'x' }], '[0].resource must be a resource id'],
    [[{ resource: 'syn-a', reason: 'x' }], 'got "syn-a"'],
    [[{ resource: '../../etc', reason: 'x' }], '[0].resource must be'],
  ])('refuses %j', (entries, message) => {
    expect(() => read(entries)).toThrow(message);
  });
});

describe('withoutRecordedCoverage', () => {
  const evaluation = {
    entityRef: 'component:default/a',
    status: 'ready',
    reasons: ['Every check passes.'],
  } as unknown as EntityReadiness;

  it('never serves an evaluation without coverage as ready', () => {
    expect(withoutRecordedCoverage(evaluation)).toMatchObject({
      status: 'unknown',
      coverage: { evaluated: 0, notEvaluated: [] },
      reasons: [
        expect.stringContaining('stored before Vitals recorded'),
        'Every check passes.',
      ],
    });
  });

  it.each(['at-risk', 'not-ready', 'unknown'] as const)('keeps %s', status => {
    expect(withoutRecordedCoverage({ ...evaluation, status }).status).toBe(
      status,
    );
  });
});

import { checkDrDrill } from './drills';
import { input, drill, run } from '../__fixtures__/checkInput';
import { patientRecordsPolicy } from '../__fixtures__/patientRecords';

describe('checkDrDrill', () => {
  it.each([
    [
      'critical, recent success',
      'critical',
      drill(),
      'pass',
      false,
      'The last drill (2025-04-15, 47 days ago) succeeded in PT11M.',
    ],
    [
      'critical, none',
      'critical',
      null,
      'fail',
      false,
      'No DR drill has rehearsed the loss of East US 2.',
    ],
    ['high, none', 'high', null, 'fail', false, 'No DR drill'],
    ['standard, none', 'standard', null, 'warn', false, 'No DR drill'],
    [
      'critical, failed',
      'critical',
      drill({ outcome: 'failed' }),
      'fail',
      true,
      'The last drill (2025-04-15) failed: the service did not come back.',
    ],
    [
      'critical, partial',
      'critical',
      drill({ outcome: 'partial' }),
      'warn',
      false,
      'succeeded only partially',
    ],
    [
      'critical, 121 days old',
      'critical',
      drill({ performedAt: '2025-02-01T12:00:00Z' }),
      'warn',
      false,
      'The last drill was 121 days ago (more than 90).',
    ],
    [
      'critical, 400 days old',
      'critical',
      drill({ performedAt: '2024-04-28T12:00:00Z' }),
      'fail',
      false,
      'The last drill was 400 days ago; critical services drill at least yearly.',
    ],
    [
      'high, 400 days old',
      'high',
      drill({ performedAt: '2024-04-28T12:00:00Z' }),
      'warn',
      false,
      '400 days ago (more than 90)',
    ],
    [
      'RTO missed',
      'critical',
      drill({ rtoAchieved: 'PT40M' }),
      'fail',
      true,
      'The last drill took PT40M to recover, beyond the RTO of PT15M.',
    ],
    [
      'RPO missed',
      'critical',
      drill({ rpoAchieved: 'PT9M' }),
      'fail',
      true,
      'The last drill lost PT9M of data, beyond the RPO of PT5M.',
    ],
    [
      'zero data loss',
      'critical',
      drill({ rpoAchieved: 'PT0S' }),
      'pass',
      false,
      'succeeded',
    ],
    [
      'a date in the future',
      'critical',
      drill({ performedAt: '2025-07-01T00:00:00Z' }),
      'unknown',
      false,
      'is not a past ISO-8601 timestamp',
    ],
    [
      'a malformed date',
      'critical',
      drill({ performedAt: 'last spring' }),
      'unknown',
      false,
      'is not a past ISO-8601 timestamp',
    ],
    ['tier none with a drill', 'none', drill(), 'pass', false, 'succeeded'],
  ] as const)('%s → %s', (_, tier, lastDrill, status, blocking, summary) => {
    const rto = tier === 'none' ? null : patientRecordsPolicy.rto;
    const result = run(checkDrDrill, input([], { tier, rto }, { lastDrill }));
    expect(result.status).toBe(status);
    expect(result.blocking).toBe(blocking);
    expect(result.summary).toContain(summary);
  });

  it('does not apply to tier none without a drill, nor to the secondary', () => {
    expect(
      checkDrDrill(input([], { tier: 'none', rto: null, rpo: null })),
    ).toBeUndefined();
    expect(
      checkDrDrill(input([], {}, { role: 'secondary', lastDrill: drill() })),
    ).toBeUndefined();
  });
});

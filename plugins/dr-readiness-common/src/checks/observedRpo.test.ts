import { checkObservedRpo, observeRpo } from './observedRpo';
import { RG, input, run, storage } from '../__fixtures__/checkInput';
import { patientRecordsResources } from '../__fixtures__/patientRecords';
import { billingPolicy, billingResources } from '../__fixtures__/services';

describe('checkObservedRpo', () => {
  function synced(lastSyncTime: string, status = 'Live') {
    return storage('st1', 'Standard_GRS', {
      secondaryLocation: 'centralus',
      geoReplicationStats: { status, lastSyncTime, canFailover: true },
    });
  }

  it.each([
    [
      '2025-06-02T11:58:30Z',
      'Live',
      'pass',
      'Replication lags up to PT1M30S, within the RPO of PT5M.',
    ],
    [
      '2025-06-02T11:55:00Z',
      'Live',
      'pass',
      'Replication lags up to PT5M, within the RPO of PT5M.',
    ],
    [
      '2025-06-02T11:38:00Z',
      'Live',
      'fail',
      'st1 lags PT22M behind its replica, beyond the RPO of PT5M: a failover now would lose that much data.',
    ],
    [
      '2025-06-02T11:59:00Z',
      'Unavailable',
      'fail',
      'Geo-replication of st1 is unavailable.',
    ],
    [
      '2025-06-02T11:59:00Z',
      'Bootstrap',
      'warn',
      'st1 is still bootstrapping its geo-replica.',
    ],
    [
      '2025-06-02T12:03:00Z',
      'Live',
      'pass',
      'Replication lags up to PT0S, within the RPO of PT5M.',
    ],
  ])('last sync %s (%s) → %s', (lastSync, status, expected, summary) => {
    const result = run(checkObservedRpo, input([synced(lastSync, status)]));
    expect(result.status).toBe(expected);
    expect(result.summary).toBe(summary);
  });

  it('takes replication lag measured outside Resource Manager', () => {
    const replicationLag = [
      {
        resourceId: `${billingResources[0].id.toUpperCase()}`,
        lagSeconds: 1200,
        observedAt: '2025-06-02T11:59:00Z',
        source: 'sql-dm-geo-replication-link-status',
      },
    ];
    const result = run(
      checkObservedRpo,
      input(billingResources, billingPolicy, { replicationLag }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(
      'billingdb lags PT20M behind its replica, beyond the RPO of PT15M',
    );
    expect(
      observeRpo(input(billingResources, billingPolicy, { replicationLag })),
    ).toEqual({
      duration: 'PT20M',
      seconds: 1200,
      resourceId: billingResources[0].id,
      source: 'sql-dm-geo-replication-link-status',
      withinObjective: false,
    });
  });

  it('reports the lag without judging it when no RPO is declared', () => {
    const result = run(
      checkObservedRpo,
      input([synced('2025-06-02T10:00:00Z')], {
        tier: 'none',
        rto: null,
        rpo: null,
      }),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'Replication lags up to PT2H; no RPO is declared.',
    );
  });

  it('does not apply without lag data', () => {
    expect(
      checkObservedRpo(
        input([
          storage('st1', 'Standard_GRS', { secondaryLocation: 'centralus' }),
        ]),
      ),
    ).toBeUndefined();
    expect(observeRpo(input([]))).toBeNull();
  });

  it('picks the worst lag', () => {
    expect(
      observeRpo(
        input([
          ...patientRecordsResources,
          {
            ...synced('2025-06-02T11:57:00Z'),
            id: `${RG}/providers/Microsoft.Storage/storageAccounts/st2`,
            name: 'st2',
          },
        ]),
      ),
    ).toMatchObject({
      duration: 'PT3M',
      seconds: 180,
      resourceId: `${RG}/providers/Microsoft.Storage/storageAccounts/st2`,
      source: 'storage-last-sync-time',
      withinObjective: true,
    });
  });
});

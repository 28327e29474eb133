import {
  READINESS_CHECKS,
  READINESS_CHECK_CATALOG,
  RESOURCE_TYPES,
  runReadinessChecks,
} from '.';
import * as checks from '.';
import { input } from '../__fixtures__/checkInput';
import {
  patientRecordsPolicy,
  patientRecordsResources,
} from '../__fixtures__/patientRecords';
import {
  labResultsPolicy,
  labResultsResources,
} from '../__fixtures__/services';

describe('runReadinessChecks', () => {
  it.each([
    [
      'patient-records, primary',
      patientRecordsResources,
      patientRecordsPolicy,
      'primary',
      [
        'secondary-region',
        'storage-geo-replication',
        'sql-failover-group',
        'sql-failover-policy',
        'cosmos-multi-region',
        'geo-redundant-backups',
        'backup-vault',
        'key-vault-recovery',
        'observed-rpo',
        'compute-in-surviving-region',
        'global-routing',
        'zone-redundancy',
        'data-residency',
        'dr-drill',
      ],
    ],
    [
      'patient-records, secondary',
      patientRecordsResources,
      patientRecordsPolicy,
      'secondary',
      [
        'cosmos-multi-region',
        'compute-in-surviving-region',
        'global-routing',
        'write-region-placement',
      ],
    ],
    [
      'lab-results, primary',
      labResultsResources,
      labResultsPolicy,
      'primary',
      ['secondary-region', 'key-vault-recovery', 'zone-redundancy', 'dr-drill'],
    ],
  ] as const)(
    '%s runs only the checks that apply',
    (_, resources, policy, role, ids) => {
      expect(
        runReadinessChecks(input(resources, policy, { role })).map(c => c.id),
      ).toEqual(ids);
    },
  );

  it('never passes a check on resources read without properties', () => {
    const bare = patientRecordsResources.map(r => ({ ...r, properties: {} }));
    const results = runReadinessChecks(input(bare));
    const byId = Object.fromEntries(results.map(c => [c.id, c.status]));
    expect(byId).toMatchObject({
      'storage-geo-replication': 'unknown',
      'sql-failover-group': 'unknown',
      'sql-failover-policy': 'unknown',
      'cosmos-multi-region': 'unknown',
      'geo-redundant-backups': 'unknown',
      'backup-vault': 'unknown',
      'key-vault-recovery': 'unknown',
      'global-routing': 'unknown',
      'zone-redundancy': 'unknown',
    });
  });
});

describe('READINESS_CHECK_CATALOG', () => {
  it('lists every check once, in the order results are reported', () => {
    expect(READINESS_CHECK_CATALOG.map(c => c.id)).toEqual(
      READINESS_CHECKS.map(c => c.id),
    );
    expect(new Set(READINESS_CHECK_CATALOG.map(c => c.id)).size).toBe(
      READINESS_CHECK_CATALOG.length,
    );
  });

  it('describes checks without their evaluation', () => {
    for (const info of READINESS_CHECK_CATALOG) {
      expect(Object.keys(info).sort()).toEqual(
        [
          'id',
          'title',
          'resourceTypes',
          ...(info.mirrors ? ['mirrors'] : []),
        ].sort(),
      );
    }
  });

  it('names judged types as the inventory stores them', () => {
    const known = new Set<string>(Object.values(RESOURCE_TYPES));
    for (const info of READINESS_CHECK_CATALOG) {
      for (const type of info.resourceTypes) {
        expect(type).toBe(type.toLowerCase());
        expect(known).toContain(type);
      }
    }
  });

  it('names APRL recommendations by the first block of their GUID', () => {
    for (const info of READINESS_CHECK_CATALOG) {
      for (const id of info.mirrors?.aprl ?? []) {
        expect(id).toMatch(/^[0-9a-f]{8}$/);
      }
    }
  });

  it.each([
    ['storage-geo-replication', ['e6c7e1cc']],
    ['sql-failover-policy', ['0f838324']],
    ['cosmos-multi-region', ['43663217', '9cabded7']],
    ['key-vault-recovery', ['1cca00d2', '70fcfe6d']],
    ['backup-vault', ['1549b91f']],
    ['vm-site-recovery', ['cfe22a65', '1981f704', '17e877f7']],
    ['sql-mi-failover-group', ['257cd903']],
    ['sql-failover-group', ['943c168a', 'de266d8a']],
    ['application-insights-in-surviving-region', ['dac421ec']],
  ])('%s mirrors %j', (id, aprl) => {
    expect(
      READINESS_CHECK_CATALOG.find(c => c.id === id)?.mirrors?.aprl,
    ).toEqual(expect.arrayContaining(aprl));
  });

  it('judges AKS, SQL database and managed disk zones with their APRL recommendations', () => {
    const zones = READINESS_CHECK_CATALOG.find(c => c.id === 'zone-redundancy');
    expect(zones?.mirrors?.aprl).toEqual(
      expect.arrayContaining(['4f63619f', 'c0085c32', 'fa0cf4f5']),
    );
  });

  it.each([
    ['microsoft.sql/servers', 'sql-failover-group'],
    ['microsoft.compute/disks', 'zone-redundancy'],
    [
      'microsoft.insights/components',
      'application-insights-in-surviving-region',
    ],
    [
      'microsoft.network/applicationgatewaywebapplicationfirewallpolicies',
      'waf-policy-in-surviving-region',
    ],
    [
      'microsoft.network/firewallpolicies',
      'firewall-policy-in-surviving-region',
    ],
    ['microsoft.operationalinsights/workspaces', 'log-workspace-replication'],
  ])('judges %s with %s', (type, id) => {
    expect(
      READINESS_CHECK_CATALOG.find(c => c.id === id)?.resourceTypes,
    ).toContain(type);
  });

  it('puts the mirrors of the check on its results', () => {
    const results = runReadinessChecks(
      input(patientRecordsResources, patientRecordsPolicy),
    );
    for (const result of results) {
      const info = READINESS_CHECK_CATALOG.find(c => c.id === result.id);
      expect(result.mirrors).toEqual(
        info?.mirrors ? { aprl: [...info.mirrors.aprl] } : undefined,
      );
    }
  });

  it('keeps the function of every check under its former name', () => {
    for (const name of [
      'checkSecondaryRegion',
      'checkDataResidency',
      'checkStorageReplication',
      'checkSqlFailoverGroup',
      'checkSqlFailoverPolicy',
      'checkCosmosMultiRegion',
      'checkGeoRedundantBackups',
      'checkBackupVault',
      'checkKeyVaultRecovery',
      'checkObservedRpo',
      'checkComputeInSurvivingRegion',
      'checkGlobalRouting',
      'checkZoneRedundancy',
      'checkDrDrill',
      'checkWriteRegionPlacement',
    ] as const) {
      expect(typeof checks[name]).toBe('function');
    }
  });
});

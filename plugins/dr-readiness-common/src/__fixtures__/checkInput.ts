import type { AzureResource } from '@vitals/azure-inventory-common';
import type { CheckInput, ReadinessCheck } from '../checks';
import type { ReadinessPolicy } from '../policy';
import type { DrillRecord } from '../types';
import { FIXTURE_NOW, arm, resourceGroupId } from './arm';
import { patientRecordsPolicy } from './patientRecords';

export const RG = resourceGroupId('rg-test');

/** The input of one check: patient-records' policy, overridden, losing the primary. */
export function input(
  resources: readonly AzureResource[],
  policy: Partial<ReadinessPolicy> = {},
  extra: Partial<CheckInput> = {},
): CheckInput {
  return {
    policy: { ...patientRecordsPolicy, ...policy },
    role: 'primary',
    resources,
    now: FIXTURE_NOW,
    lastDrill: null,
    ...extra,
  };
}

export function drill(overrides: Partial<DrillRecord> = {}): DrillRecord {
  return {
    id: 'drill-1',
    entityRef: 'component:default/patient-records',
    region: 'eastus2',
    performedAt: '2025-04-15T14:00:00Z',
    outcome: 'success',
    rtoAchieved: 'PT11M',
    rpoAchieved: 'PT1M',
    notes: '',
    recordedBy: 'user:default/ana.lima',
    recordedAt: '2025-04-15T16:00:00Z',
    ...overrides,
  };
}

/** Runs a check that must apply. */
export function run(check: ReadinessCheck, checkInput: CheckInput) {
  const result = check(checkInput);
  if (!result) {
    throw new Error('expected the check to apply');
  }
  return result;
}

export function storage(
  name: string,
  sku: string | undefined,
  properties: Record<string, unknown>,
  location = 'eastus2',
) {
  return arm({
    id: `${RG}/providers/Microsoft.Storage/storageAccounts/${name}`,
    type: 'Microsoft.Storage/storageAccounts',
    location,
    kind: 'StorageV2',
    sku: sku ? { name: sku, tier: 'Standard' } : undefined,
    properties,
  });
}

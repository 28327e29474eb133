import type { AzureResource } from '@vitals/azure-inventory-common';
import { indexResources } from '../resourceIndex';
import type { RuleContext } from '../rules/types';

/** A rule context over the given resources with the default minimums. */
export function ruleContext(
  resources: readonly AzureResource[],
  overrides: Partial<Omit<RuleContext, 'inventory'>> = {},
): RuleContext {
  return {
    inventory: indexResources(resources),
    minimumLogRetentionDays: 2190,
    minimumBackupRetention: 'P6Y',
    ...overrides,
  };
}

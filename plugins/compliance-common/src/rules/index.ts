import { aksRules } from './aks';
import { appServiceRules } from './appService';
import { cosmosDbRules } from './cosmosDb';
import { keyVaultRules } from './keyVault';
import { monitoringRules } from './monitoring';
import { sqlRules } from './sql';
import { storageRules } from './storage';
import type { ResourceRule } from './types';

export type {
  CheckStatus,
  PolicyInitiative,
  PolicyMirror,
  ResourceRule,
  RuleContext,
  RuleOutcome,
} from './types';
export * from './aks';
export * from './appService';
export * from './cosmosDb';
export * from './keyVault';
export * from './monitoring';
export * from './sql';
export * from './storage';

/** Every built-in resource rule, in a stable order. */
export const resourceRules: readonly ResourceRule[] = [
  ...storageRules,
  ...sqlRules,
  ...keyVaultRules,
  ...appServiceRules,
  ...cosmosDbRules,
  ...aksRules,
  ...monitoringRules,
];

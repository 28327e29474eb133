import type { AzureResource } from '@vitals/azure-inventory-common';
import type { ResourceIndex } from '../resourceIndex';

export type PolicyInitiative = 'HIPAA HITRUST' | 'HITRUST CSF v11.3';

/** The Azure Policy built-in definition a rule is equivalent to in meaning. */
export interface PolicyMirror {
  /** The built-in's display name. */
  policyName: string;
  /** The definition name (the last segment of `/providers/Microsoft.Authorization/policyDefinitions/{id}`). */
  definitionId: string;
  initiative: PolicyInitiative;
  /** HITRUST CSF control groups the initiative files the definition under. */
  hitrustControls?: readonly string[];
}

export type CheckStatus = 'pass' | 'fail' | 'unknown';

/** What one rule concluded about one resource, and the evidence it used. */
export interface RuleOutcome {
  status: CheckStatus;
  /** The property read, as a path an engineer can find in the ARM JSON. */
  property: string;
  expected: string;
  /** The observed value; `null` when Azure did not report it. */
  actual: string | null;
  message: string;
  /** A child or related resource that holds the evidence (auditing settings, a diagnostic setting). */
  evidenceResourceId?: string;
  /** Set when a resource-specific built-in fits better than the rule's default (function apps). */
  mirrors?: PolicyMirror;
}

export interface RuleContext {
  /** The whole inventory, for child resources and Log Analytics workspaces. */
  inventory: ResourceIndex;
  /** Minimum log retention in days; 2190 (6 years, 164.316(b)(2)(i)) by default. */
  minimumLogRetentionDays: number;
  /** Minimum long-term retention of SQL backups, an ISO-8601 duration (`P6Y`). */
  minimumBackupRetention: string;
  /**
   * Child and extension resource types the inventory collected (lower-case).
   * When set and a type is missing from it, the absence of such children is
   * missing evidence (`unknown`), not a failure. Undefined means the inventory
   * holds every child type the rules read.
   */
  collectedChildTypes?: ReadonlySet<string>;
}

/** A check over Azure resources, equivalent in meaning to an Azure Policy built-in. */
export interface ResourceRule {
  id: string;
  title: string;
  /** Lower-case resource types the rule evaluates. */
  resourceTypes: readonly string[];
  /** The built-in the rule mirrors; undefined where no built-in in either initiative matches. */
  mirrors: PolicyMirror | undefined;
  remediation: string;
  /** Narrows the rule within its types, e.g. skipping the `master` database. */
  appliesTo?(resource: AzureResource): boolean;
  evaluate(resource: AzureResource, context: RuleContext): RuleOutcome;
}

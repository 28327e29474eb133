import type { AzureResource } from '@vitals/azure-inventory-common';
import type { PolicyMirror, ResourceRule, RuleContext } from './types';
import { isUserDatabase } from './sql';
import {
  asBoolean,
  asNumber,
  asString,
  childTypeCollected,
  propertiesUnread,
  read,
  readPath,
  sameText,
  unreadResource,
} from './values';

const DIAGNOSTIC_SETTINGS = 'microsoft.insights/diagnosticsettings';
const TABLES = 'microsoft.operationalinsights/workspaces/tables';

/** Resource types whose activity the audit controls need logged. SQL servers are covered by server auditing instead. */
export const MONITORED_RESOURCE_TYPES = [
  'microsoft.storage/storageaccounts',
  'microsoft.sql/servers/databases',
  'microsoft.keyvault/vaults',
  'microsoft.web/sites',
  'microsoft.documentdb/databaseaccounts',
  'microsoft.containerservice/managedclusters',
] as const;

/**
 * Log Analytics tables the resource logs land in when a diagnostic setting
 * uses resource-specific mode (`logAnalyticsDestinationType: Dedicated`).
 * Storage and App Service always write resource-specific tables; the others
 * fall back to the shared AzureDiagnostics table.
 */
const RESOURCE_SPECIFIC_TABLES: Record<string, readonly string[]> = {
  'microsoft.storage/storageaccounts': [
    'StorageBlobLogs',
    'StorageFileLogs',
    'StorageQueueLogs',
    'StorageTableLogs',
  ],
  'microsoft.web/sites': [
    'AppServiceHTTPLogs',
    'AppServiceAppLogs',
    'AppServiceConsoleLogs',
    'AppServiceAuditLogs',
  ],
  'microsoft.keyvault/vaults': ['AZKVAuditLogs'],
  'microsoft.containerservice/managedclusters': [
    'AKSAudit',
    'AKSAuditAdmin',
    'AKSControlPlane',
  ],
  'microsoft.documentdb/databaseaccounts': [
    'CDBDataPlaneRequests',
    'CDBControlPlaneRequests',
  ],
};
/** The tables resource logs of the monitored types land in, in either destination mode. */
export const RESOURCE_LOG_TABLES: readonly string[] = [
  'AzureDiagnostics',
  ...Object.values(RESOURCE_SPECIFIC_TABLES).flat(),
];
const ALWAYS_RESOURCE_SPECIFIC = new Set([
  'microsoft.storage/storageaccounts',
  'microsoft.web/sites',
]);

const GENERIC_MIRROR: PolicyMirror = {
  policyName: 'Audit diagnostic setting for selected resource types',
  definitionId: '7f89b1eb-583c-429a-8828-af049802c1d9',
  initiative: 'HIPAA HITRUST',
  hitrustControls: ['hipaa-1210.09aa3System.3-09.aa'],
};

/** Resource-type built-ins of the initiative; they test storage-account retention, this rule tests a workspace destination. */
const MIRROR_BY_TYPE: Record<string, PolicyMirror> = {
  'microsoft.keyvault/vaults': {
    policyName: 'Resource logs in Key Vault should be enabled',
    definitionId: 'cf820ca0-f99e-4f3e-84fb-66e913812d21',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-1211.09aa3System.4-09.aa'],
  },
  'microsoft.web/sites': {
    policyName: 'App Service apps should have resource logs enabled',
    definitionId: '91a78b24-f231-4a8a-8da9-02c35b2b6510',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-1209.09aa3System.2-09.aa'],
  },
};

interface WorkspaceDestination {
  setting: AzureResource;
  workspaceId: string;
  dedicated: boolean;
}

function hasEnabledLogs(setting: AzureResource): boolean {
  const logs = read(setting, 'properties.logs');
  return (
    Array.isArray(logs) &&
    logs.some(
      entry =>
        entry !== null &&
        typeof entry === 'object' &&
        asBoolean(readPath(entry, 'enabled')) === true,
    )
  );
}

/**
 * Diagnostic settings (extension resources under the resource or its
 * sub-services such as `blobServices/default`) that send enabled log
 * categories to a Log Analytics workspace.
 */
interface Destinations {
  settings: readonly AzureResource[];
  destinations: WorkspaceDestination[];
}

// Both monitoring rules read the same settings of the same resource; keep
// the answer per rule context (one per entity evaluated), so each resource's
// settings are read once and the answers go with the entity's evaluation.
const destinationCache = new WeakMap<
  RuleContext,
  Map<AzureResource, Destinations>
>();

function workspaceDestinations(
  resource: AzureResource,
  context: RuleContext,
): Destinations {
  let cache = destinationCache.get(context);
  if (!cache) {
    cache = new Map();
    destinationCache.set(context, cache);
  }
  let found = cache.get(resource);
  if (!found) {
    found = readDestinations(resource, context);
    cache.set(resource, found);
  }
  return found;
}

function readDestinations(
  resource: AzureResource,
  context: RuleContext,
): Destinations {
  const settings = context.inventory.descendants(
    resource.id,
    DIAGNOSTIC_SETTINGS,
  );
  const destinations: WorkspaceDestination[] = [];
  for (const setting of settings) {
    const workspaceId = asString(read(setting, 'properties.workspaceId'));
    if (workspaceId && hasEnabledLogs(setting)) {
      destinations.push({
        setting,
        workspaceId,
        dedicated: sameText(
          read(setting, 'properties.logAnalyticsDestinationType'),
          'Dedicated',
        ),
      });
    }
  }
  return { settings, destinations };
}

function describeSettings(settings: readonly AzureResource[]): string {
  return settings
    .map(s => {
      const targets = [
        asString(read(s, 'properties.workspaceId')) ? 'workspace' : undefined,
        asString(read(s, 'properties.storageAccountId'))
          ? 'storage account'
          : undefined,
        asString(read(s, 'properties.eventHubAuthorizationRuleId'))
          ? 'event hub'
          : undefined,
        asString(read(s, 'properties.marketplacePartnerId'))
          ? 'partner'
          : undefined,
      ].filter(Boolean);
      return `${s.name}: ${hasEnabledLogs(s) ? 'logs on' : 'no logs'} → ${
        targets.join('+') || 'no destination'
      }`;
    })
    .join('; ');
}

function isMonitored(resource: AzureResource): boolean {
  return (
    resource.type.toLowerCase() !== 'microsoft.sql/servers/databases' ||
    isUserDatabase(resource)
  );
}

export const resourceLogsRule: ResourceRule = {
  id: 'monitor.resource-logs',
  title: 'Resource logs are sent to a Log Analytics workspace',
  resourceTypes: MONITORED_RESOURCE_TYPES,
  mirrors: GENERIC_MIRROR,
  remediation:
    'Add a diagnostic setting that sends the allLogs (or audit) category group to the central Log Analytics workspace (Terraform azurerm_monitor_diagnostic_setting with enabled_log { category_group = "allLogs" }).',
  appliesTo: isMonitored,
  evaluate: (resource, context) => {
    const mirrors = MIRROR_BY_TYPE[resource.type.toLowerCase()];
    const base = {
      property: 'diagnosticSettings.properties.workspaceId',
      expected: 'a diagnostic setting with enabled logs and a workspaceId',
      ...(mirrors ? { mirrors } : {}),
    };
    const { settings, destinations } = workspaceDestinations(resource, context);
    if (destinations.length > 0) {
      return {
        ...base,
        status: 'pass',
        actual: destinations.map(d => d.workspaceId).join(', '),
        message: `Resource logs go to ${
          destinations.length === 1
            ? 'a Log Analytics workspace'
            : `${destinations.length} Log Analytics workspaces`
        }.`,
        evidenceResourceId: destinations[0].setting.id,
      };
    }
    if (settings.length === 0) {
      if (!childTypeCollected(context, DIAGNOSTIC_SETTINGS)) {
        return {
          ...base,
          status: 'unknown',
          actual: null,
          message: `The inventory does not collect ${DIAGNOSTIC_SETTINGS}; no evidence either way.`,
        };
      }
      if (propertiesUnread(resource)) {
        return {
          ...base,
          ...unreadResource(
            resource,
            base.property,
            base.expected,
            'diagnostic settings',
          ),
        };
      }
      return {
        ...base,
        status: 'fail',
        actual: 'none',
        message:
          'The resource has no diagnostic settings: its activity is not recorded anywhere reviewable.',
      };
    }
    return {
      ...base,
      status: 'fail',
      actual: describeSettings(settings),
      message:
        'Diagnostic settings exist but none sends enabled logs to a Log Analytics workspace.',
      evidenceResourceId: settings[0].id,
    };
  },
};

export interface RetentionEvidence {
  days: number;
  source: string;
  evidenceResourceId: string;
}

function tablesFor(
  resource: AzureResource,
  destination: WorkspaceDestination,
): readonly string[] {
  const type = resource.type.toLowerCase();
  if (ALWAYS_RESOURCE_SPECIFIC.has(type) || destination.dedicated) {
    return RESOURCE_SPECIFIC_TABLES[type] ?? ['AzureDiagnostics'];
  }
  return ['AzureDiagnostics'];
}

/**
 * The retention that applies to this resource's logs in a workspace. A
 * workspace keeps data interactively for `retentionInDays` (at most 730); a
 * table can extend it with long-term retention up to `totalRetentionInDays`.
 * Where the inventory has the tables the logs land in, the shortest of their
 * totals governs; otherwise the workspace default does.
 */
export function retentionIn(
  workspace: AzureResource,
  tableNames: readonly string[],
  context: RuleContext,
): RetentionEvidence | undefined {
  const workspaceDays = asNumber(read(workspace, 'properties.retentionInDays'));
  const wanted = new Set(tableNames.map(t => t.toLowerCase()));
  const tables = context.inventory
    .descendants(workspace.id, TABLES)
    .filter(t => wanted.has(t.name.toLowerCase()));
  let shortest: RetentionEvidence | undefined;
  for (const table of tables) {
    const total = asNumber(read(table, 'properties.totalRetentionInDays'));
    const interactive = asNumber(read(table, 'properties.retentionInDays'));
    // -1 (or absent) means the table inherits the workspace default.
    let days = workspaceDays;
    if (total !== undefined && total > 0) {
      days = total;
    } else if (interactive !== undefined && interactive > 0) {
      days = interactive;
    }
    if (days === undefined) {
      continue;
    }
    if (!shortest || days < shortest.days) {
      shortest = {
        days,
        source: `table ${table.name} in ${workspace.name}`,
        evidenceResourceId: table.id,
      };
    }
  }
  if (shortest) {
    return shortest;
  }
  return workspaceDays === undefined
    ? undefined
    : {
        days: workspaceDays,
        source: `workspace ${workspace.name}`,
        evidenceResourceId: workspace.id,
      };
}

export const logRetentionRule: ResourceRule = {
  id: 'monitor.log-retention',
  title: 'Audit logs are retained for the required period',
  resourceTypes: MONITORED_RESOURCE_TYPES,
  // No built-in in either initiative tests workspace or table retention.
  mirrors: undefined,
  remediation:
    'Keep the tables that receive these logs for at least the minimum: set totalRetentionInDays (long-term retention) on them, e.g. 2190 days (az monitor log-analytics workspace table update --total-retention-time 2190).',
  appliesTo: isMonitored,
  evaluate: (resource, context) => {
    const minimum = context.minimumLogRetentionDays;
    const base = {
      property:
        'workspace.properties.retentionInDays / tables.properties.totalRetentionInDays',
      expected: `≥ ${minimum} days`,
    };
    const { settings, destinations } = workspaceDestinations(resource, context);
    if (destinations.length === 0) {
      if (
        settings.length === 0 &&
        !childTypeCollected(context, DIAGNOSTIC_SETTINGS)
      ) {
        return {
          ...base,
          status: 'unknown',
          actual: null,
          message: `The inventory does not collect ${DIAGNOSTIC_SETTINGS}; no evidence either way.`,
        };
      }
      if (settings.length === 0 && propertiesUnread(resource)) {
        return {
          ...base,
          ...unreadResource(
            resource,
            base.property,
            base.expected,
            'diagnostic settings',
          ),
        };
      }
      return {
        ...base,
        status: 'fail',
        actual: 'no workspace destination',
        message:
          'No resource logs reach a Log Analytics workspace, so none are retained.',
      };
    }
    const results: Array<RetentionEvidence | { missing: string }> =
      destinations.map(d => {
        const workspace = context.inventory.get(d.workspaceId);
        if (!workspace) {
          return {
            missing: `workspace ${d.workspaceId} is not in the inventory`,
          };
        }
        return (
          retentionIn(workspace, tablesFor(resource, d), context) ?? {
            missing: `workspace ${workspace.name} reports no retentionInDays`,
          }
        );
      });
    const known = results.filter((r): r is RetentionEvidence => 'days' in r);
    const best = known.reduce<RetentionEvidence | undefined>(
      (acc, r) => (!acc || r.days > acc.days ? r : acc),
      undefined,
    );
    if (best && best.days >= minimum) {
      return {
        ...base,
        status: 'pass',
        actual: `${best.days} days (${best.source})`,
        message: `Logs are kept for ${best.days} days.`,
        evidenceResourceId: best.evidenceResourceId,
      };
    }
    const missing = results.filter(
      (r): r is { missing: string } => 'missing' in r,
    );
    if (missing.length > 0 || !best) {
      return {
        ...base,
        status: 'unknown',
        actual: best ? `${best.days} days (${best.source})` : null,
        message: `Cannot tell how long logs are kept: ${missing
          .map(m => m.missing)
          .join('; ')}.`,
      };
    }
    return {
      ...base,
      status: 'fail',
      actual: `${best.days} days (${best.source})`,
      message: `Logs are kept for ${best.days} days, short of ${minimum} (HIPAA keeps documentation 6 years).`,
      evidenceResourceId: best.evidenceResourceId,
    };
  },
};

export const monitoringRules: readonly ResourceRule[] = [
  resourceLogsRule,
  logRetentionRule,
];

import {
  AzureResource,
  keyIgnoringCase,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import { isoDurationToSeconds, timestampMillis } from '../durations';
import type { ReadinessPolicy } from '../policy';
import { getRegion } from '../regions';
import type {
  CheckCategory,
  CheckStatus,
  DrillRecord,
  FailureImpact,
  ReadinessCheckResult,
  RegionRole,
} from '../types';
import type { ReadinessCheckInfo } from './catalog';

/**
 * A replication lag measured outside Resource Manager (for Azure SQL,
 * `sys.dm_geo_replication_link_status.replication_lag_sec` on the primary),
 * which Resource Manager does not expose.
 */
export interface ReplicationLagObservation {
  /** The replicated (source) resource, e.g. the primary database. */
  resourceId: string;
  lagSeconds: number;
  /** ISO-8601 timestamp of the measurement. */
  observedAt: string;
  /** Where it was read, e.g. `sql-dm-geo-replication-link-status`. */
  source: string;
}

/** What every readiness check is a function of. */
export interface CheckInput {
  policy: ReadinessPolicy;
  /** The role of the region whose loss is evaluated. */
  role: RegionRole;
  /** The entity's resources, every region. */
  resources: readonly AzureResource[];
  now: Date;
  /** The latest drill that rehearsed the loss of this role's region. */
  lastDrill?: DrillRecord | null;
  replicationLag?: readonly ReplicationLagObservation[];
}

/** A readiness check's evaluation: undefined when it does not apply (e.g. the service has no SQL). */
export type ReadinessCheck = (
  input: CheckInput,
) => ReadinessCheckResult | undefined;

/** Resource types, lower-cased as the inventory stores them. */
export const RESOURCE_TYPES = {
  storageAccount: 'microsoft.storage/storageaccounts',
  sqlServer: 'microsoft.sql/servers',
  sqlDatabase: 'microsoft.sql/servers/databases',
  sqlFailoverGroup: 'microsoft.sql/servers/failovergroups',
  cosmosAccount: 'microsoft.documentdb/databaseaccounts',
  postgresFlexible: 'microsoft.dbforpostgresql/flexibleservers',
  mysqlFlexible: 'microsoft.dbformysql/flexibleservers',
  appServicePlan: 'microsoft.web/serverfarms',
  appServiceSite: 'microsoft.web/sites',
  aksCluster: 'microsoft.containerservice/managedclusters',
  containerApp: 'microsoft.app/containerapps',
  containerAppsEnvironment: 'microsoft.app/managedenvironments',
  trafficManagerProfile: 'microsoft.network/trafficmanagerprofiles',
  cdnProfile: 'microsoft.cdn/profiles',
  frontDoorEndpoint: 'microsoft.cdn/profiles/afdendpoints',
  frontDoorOriginGroup: 'microsoft.cdn/profiles/origingroups',
  frontDoorOrigin: 'microsoft.cdn/profiles/origingroups/origins',
  keyVault: 'microsoft.keyvault/vaults',
  managedHsm: 'microsoft.keyvault/managedhsms',
  recoveryServicesVault: 'microsoft.recoveryservices/vaults',
  sqlManagedInstance: 'microsoft.sql/managedinstances',
  /** Located by the `locations/{region}` segment of its id: the body carries no `location`. */
  sqlInstanceFailoverGroup: 'microsoft.sql/locations/instancefailovergroups',
  storageObjectReplicationPolicy:
    'microsoft.storage/storageaccounts/objectreplicationpolicies',
  applicationGateway: 'microsoft.network/applicationgateways',
  applicationGatewayWafPolicy:
    'microsoft.network/applicationgatewaywebapplicationfirewallpolicies',
  firewall: 'microsoft.network/azurefirewalls',
  firewallPolicy: 'microsoft.network/firewallpolicies',
  apiManagement: 'microsoft.apimanagement/service',
  eventHubNamespace: 'microsoft.eventhub/namespaces',
  eventHubDisasterRecoveryConfig:
    'microsoft.eventhub/namespaces/disasterrecoveryconfigs',
  serviceBusNamespace: 'microsoft.servicebus/namespaces',
  serviceBusDisasterRecoveryConfig:
    'microsoft.servicebus/namespaces/disasterrecoveryconfigs',
  iotHub: 'microsoft.devices/iothubs',
  virtualMachine: 'microsoft.compute/virtualmachines',
  virtualMachineScaleSet: 'microsoft.compute/virtualmachinescalesets',
  managedDisk: 'microsoft.compute/disks',
  replicationProtectedItem:
    'microsoft.recoveryservices/vaults/replicationfabrics/replicationprotectioncontainers/replicationprotecteditems',
  backupProtectedItem:
    'microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems',
  containerGroup: 'microsoft.containerinstance/containergroups',
  redisCache: 'microsoft.cache/redis',
  redisLinkedServer: 'microsoft.cache/redis/linkedservers',
  applicationInsights: 'microsoft.insights/components',
  logAnalyticsWorkspace: 'microsoft.operationalinsights/workspaces',
} as const;

/**
 * Time for Azure to act on a regional outage before a grace period starts to
 * run. Not published by Microsoft; an assumption kept explicit in evidence.
 */
export const OUTAGE_DETECTION_SECONDS = 5 * 60;

/** Drills older than this warn. */
export const DRILL_WARN_AGE_DAYS = 90;
/** Drills older than this fail for the critical tier. */
export const DRILL_FAIL_AGE_DAYS = 365;

// ---------------------------------------------------------------------------
// Reading resources

/** Paths are a few dozen constants; split (and lower-cased) once. */
const pathSegments = new Map<
  string,
  { segments: string[]; lowered: string[] }
>();

/**
 * A nested property by dotted path, matching names case-insensitively as
 * `readProperty` of @vitals/azure-inventory-common does (Azure's casing
 * varies across api-versions), with each path split and lower-cased once:
 * the checks read tens of properties per resource.
 */
export function readPath(root: unknown, path: string): unknown {
  let parsed = pathSegments.get(path);
  if (!parsed) {
    const segments = path.split('.');
    parsed = { segments, lowered: segments.map(s => s.toLowerCase()) };
    pathSegments.set(path, parsed);
  }
  const { segments, lowered } = parsed;
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    const record = node as Record<string, unknown>;
    const segment = segments[i];
    if (segment in record) {
      node = record[segment];
      continue;
    }
    const match = keyIgnoringCase(record, lowered[i]);
    node = match === undefined ? undefined : record[match];
  }
  return node;
}

export function read(
  resource: AzureResource | Record<string, unknown>,
  path: string,
): unknown {
  return readPath(resource, path);
}

/** A field of a nested record (a Cosmos DB location, a partner server), case-insensitively. */
export function field(record: Record<string, unknown>, path: string): unknown {
  return readPath(record, path);
}

export function readString(
  resource: AzureResource | Record<string, unknown>,
  path: string,
) {
  const value = read(resource, path);
  return typeof value === 'string' ? value : undefined;
}

export function readArray(
  resource: AzureResource | Record<string, unknown>,
  path: string,
) {
  const value = read(resource, path);
  return Array.isArray(value) ? (value as unknown[]) : undefined;
}

export function records(
  values: unknown[] | undefined,
): Record<string, unknown>[] {
  return (values ?? []).filter(
    (v): v is Record<string, unknown> => v !== null && typeof v === 'object',
  );
}

/**
 * Lower case for Azure identifiers (ids, types, names, enum values), which
 * are ASCII. `toLocaleLowerCase('en-US')` resolves the locale on every call
 * and dominated the evaluation of large estates; for ASCII both agree.
 */
export function lower(value: string): string {
  return value.toLowerCase();
}

export function equalsIgnoreCase(a: unknown, b: string): boolean {
  return typeof a === 'string' && lower(a) === lower(b);
}

const withoutTrailingSlashes = (id: string) =>
  id.charCodeAt(id.length - 1) === 47 ? id.replace(/\/+$/, '') : id;

export function sameId(a: unknown, b: string): boolean {
  return (
    typeof a === 'string' &&
    lower(withoutTrailingSlashes(a)) === lower(withoutTrailingSlashes(b))
  );
}

export function typeOf(resource: AzureResource): string {
  return lower(resource.type);
}

const regionCache = new WeakMap<AzureResource, string>();
const PROGRAMMATIC_REGION = /^[a-z0-9]+$/;

/**
 * Where a resource is. Proxy resources such as SQL instance failover groups
 * carry no `location`; their id names the region (`.../locations/JapanEast/...`).
 */
export function regionOf(resource: AzureResource): string {
  const location = resource.location;
  // A programmatic name needs neither normalising nor a cache entry.
  if (typeof location === 'string' && PROGRAMMATIC_REGION.test(location)) {
    return location;
  }
  let region = regionCache.get(resource);
  if (region === undefined) {
    region =
      normalizeRegion(resource.location) ||
      normalizeRegion(/\/locations\/([^/]+)\//i.exec(resource.id)?.[1]);
    regionCache.set(resource, region);
  }
  return region;
}

export function hasProperties(resource: AzureResource): boolean {
  return !!resource.properties && Object.keys(resource.properties).length > 0;
}

/** Property values as seen, `null` where absent, keyed by the path read. */
export function seen(
  resource: AzureResource,
  paths: string[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const path of paths) {
    values[path] = read(resource, path) ?? null;
  }
  return values;
}

/**
 * Resources by lower-cased type, per resource list. Every check of both
 * regions asks the same list for its types, so the grouping is made once.
 */
interface TypeGroups {
  length: number;
  groups: Map<string, readonly AzureResource[]>;
  /** Values derived from the list, by what derives them (see derivedOnce). */
  derived?: Map<(resources: readonly AzureResource[]) => unknown, unknown>;
}
const byTypeCache = new WeakMap<readonly AzureResource[], TypeGroups>();
// The checks of one entity run one after another over the same list.
let lastList: readonly AzureResource[] | undefined;
let lastGroups: TypeGroups | undefined;
const NO_RESOURCES: readonly AzureResource[] = Object.freeze([]);

export function ofType(
  resources: readonly AzureResource[],
  type: string,
): readonly AzureResource[] {
  return groupsOf(resources).groups.get(type) ?? NO_RESOURCES;
}

/**
 * A value derived from a resource list, worked out once per list as its
 * grouping by type is: the checks of both regions ask for the same writable
 * databases and failover groups. The value is shared; callers do not change it.
 */
export function derivedOnce<T>(
  resources: readonly AzureResource[],
  derive: (resources: readonly AzureResource[]) => T,
): T {
  const derived = (groupsOf(resources).derived ??= new Map());
  if (derived.has(derive)) return derived.get(derive) as T;
  const value = derive(resources);
  derived.set(derive, value);
  return value;
}

function groupsOf(resources: readonly AzureResource[]): TypeGroups {
  let cached = resources === lastList ? lastGroups : byTypeCache.get(resources);
  if (!cached || cached.length !== resources.length) {
    const groups = new Map<string, AzureResource[]>();
    for (const resource of resources) {
      const key = typeOf(resource);
      const group = groups.get(key);
      if (group) group.push(resource);
      else groups.set(key, [resource]);
    }
    cached = { length: resources.length, groups };
    byTypeCache.set(resources, cached);
  }
  lastList = resources;
  lastGroups = cached;
  return cached;
}

/** The resources of the list located in the region, in order. */
export function inRegion(
  resources: readonly AzureResource[],
  region: string,
): readonly AzureResource[] {
  return resources.length === 0
    ? resources
    : resources.filter(r => regionOf(r) === region);
}

export function displayName(region: string): string {
  return getRegion(region)?.displayName ?? region;
}

export function objectiveSeconds(value: string | null): number | undefined {
  return value === null ? undefined : isoDurationToSeconds(value);
}

export function strictTier(policy: ReadinessPolicy): boolean {
  return policy.tier === 'critical' || policy.tier === 'high';
}

/** The region whose loss is evaluated, and the declared region that must take over. */
export function regionsOf(input: CheckInput): {
  lost: string;
  surviving: string | null;
} {
  const { policy, role } = input;
  return role === 'primary'
    ? { lost: policy.primaryRegion, surviving: policy.secondaryRegion }
    : { lost: policy.secondaryRegion ?? '', surviving: policy.primaryRegion };
}

// ---------------------------------------------------------------------------
// Building results

export interface Assessment {
  resource?: AzureResource;
  status: CheckStatus;
  evidence: Record<string, unknown>;
  finding?: string;
  remediation?: string;
  /** For a failure: whether losing the region takes the service down (default: it degrades). */
  impact?: FailureImpact;
}

/**
 * A readiness check, declared: what it judges and mirrors, listed without
 * running anything, and `evaluate`, which is undefined when the check does
 * not apply (e.g. the service has no SQL).
 */
export interface ReadinessCheckDefinition extends ReadinessCheckInfo {
  category: CheckCategory;
  /** Relative weight in the readiness score. */
  weight: number;
  evaluate: ReadinessCheck;
}

const STATUS_SEVERITY: Record<CheckStatus, number> = {
  pass: 0,
  warn: 1,
  unknown: 2,
  fail: 3,
};

/** The worst of several statuses: fail, then unknown (never a pass), then warn. */
export function worstCheckStatus(
  statuses: readonly CheckStatus[],
): CheckStatus {
  return statuses.reduce<CheckStatus>(
    (worst, s) => (STATUS_SEVERITY[s] > STATUS_SEVERITY[worst] ? s : worst),
    'pass',
  );
}

/**
 * An empty plain object kept in dictionary mode. Evidence is keyed by
 * resource ids, nearly all of them new to every result: as ordinary objects,
 * each would add a hidden class to V8's transition tree for its first key.
 */
function evidenceRecord(): Record<string, unknown> {
  return Object.setPrototypeOf(Object.create(null), Object.prototype);
}

/** The texts joined by spaces; a single text as it is. */
function joined(texts: readonly string[]): string {
  return texts.length === 1 ? texts[0] : texts.join(' ');
}

function addOnce(list: string[], value: string | undefined) {
  if (value && !list.includes(value)) list.push(value);
}

export function result(
  definition: Pick<
    ReadinessCheckDefinition,
    'id' | 'title' | 'category' | 'weight' | 'mirrors'
  >,
  assessments: Assessment[],
  passSummary: string,
  options: {
    status?: CheckStatus;
    blocking?: boolean;
    evidence?: Record<string, unknown>;
  } = {},
): ReadinessCheckResult {
  // One pass over the assessments: this runs for every check of every region
  // of every entity, so it avoids intermediate arrays and object copies.
  let worst: CheckStatus = 'pass';
  let goesDown = false;
  const evidence = evidenceRecord();
  // The keys set so far: an assessment's evidence is merged into an entry
  // only when one exists, which these tell without a lookup by id.
  const keys = options.evidence ? Object.keys(options.evidence) : [];
  for (const key of keys) {
    evidence[key] = options.evidence![key];
  }
  const resources: string[] = [];
  const findings: string[] = [];
  const remediations: string[] = [];
  for (const a of assessments) {
    if (STATUS_SEVERITY[a.status] > STATUS_SEVERITY[worst]) {
      worst = a.status;
    }
    const id = a.resource?.id;
    const key = id ?? 'policy';
    const seenKey = keys.includes(key);
    const existing = seenKey
      ? (evidence[key] as object | undefined)
      : undefined;
    if (existing === undefined) keys.push(key);
    evidence[key] = existing ? { ...existing, ...a.evidence } : a.evidence;
    // A resource listed before has its id among the keys: only then can it
    // already be among the resources.
    if (seenKey) addOnce(resources, id);
    else if (id) resources.push(id);
    if (a.status !== 'pass') {
      addOnce(findings, a.finding);
      addOnce(remediations, a.remediation);
      if (a.status === 'fail' && a.impact === 'goes-down') goesDown = true;
    }
  }
  const status = options.status ?? worst;
  const blocking =
    status === 'fail' &&
    (options.blocking ?? definition.category !== 'assurance');
  const checkResult: ReadinessCheckResult = {
    id: definition.id,
    title: definition.title,
    category: definition.category,
    status,
    blocking,
    weight: definition.weight,
    summary:
      status === 'pass' || findings.length === 0
        ? passSummary
        : joined(findings),
    resources,
    evidence,
    remediation: status === 'pass' ? '' : joined(remediations),
  };
  if (blocking) {
    checkResult.impact = goesDown ? 'goes-down' : 'degrades';
  }
  if (definition.mirrors) {
    checkResult.mirrors = { aprl: [...definition.mirrors.aprl] };
  }
  return checkResult;
}

/** Whether the latest drill of the lost region shows a recovery within the RTO. */
export function drillProvesRecovery(input: CheckInput): boolean {
  const drill = input.lastDrill;
  const rto = objectiveSeconds(input.policy.rto);
  if (!drill || drill.outcome !== 'success' || rto === undefined) {
    return false;
  }
  const achieved = isoDurationToSeconds(drill.rtoAchieved, { allowZero: true });
  const performed = timestampMillis(drill.performedAt);
  if (achieved === undefined || performed === undefined) {
    return false;
  }
  const ageDays = (input.now.getTime() - performed) / 86_400_000;
  return achieved <= rto && ageDays >= 0 && ageDays <= DRILL_FAIL_AGE_DAYS;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** The availability zones a resource is pinned to or spread over (`zones`), empty when none. */
export function zonesOf(resource: AzureResource): string[] {
  const zones = resource.zones ?? read(resource, 'zones');
  return Array.isArray(zones)
    ? zones.filter((z): z is string => typeof z === 'string')
    : [];
}

/** A resource in the inventory by id, case-insensitively. */
export function findById(
  resources: readonly AzureResource[],
  id: unknown,
): AzureResource | undefined {
  return typeof id === 'string'
    ? resources.find(r => sameId(r.id, id))
    : undefined;
}

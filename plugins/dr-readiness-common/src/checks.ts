import {
  AzureResource,
  isChildOf,
  isGeoRedundantStorageSku,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import {
  formatIsoDuration,
  isoDurationToSeconds,
  timestampMillis,
} from './durations';
import {
  ANNOTATION_PRIMARY_REGION,
  ANNOTATION_SECONDARY_REGION,
  ReadinessPolicy,
} from './policy';
import { AZURE_REGIONS, describePairing, getRegion } from './regions';
import type {
  CheckCategory,
  CheckStatus,
  DrillRecord,
  FailureImpact,
  ObservedRpo,
  ReadinessCheckResult,
  RecoveryComponent,
  RegionRole,
} from './types';

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

/** A readiness check: undefined when it does not apply (e.g. the service has no SQL). */
export type ReadinessCheck = (
  input: CheckInput,
) => ReadinessCheckResult | undefined;

/** Resource types, lower-cased as the inventory stores them. */
export const RESOURCE_TYPES = {
  storageAccount: 'microsoft.storage/storageaccounts',
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
  recoveryServicesVault: 'microsoft.recoveryservices/vaults',
} as const;

const COMPUTE_TYPES: readonly string[] = [
  RESOURCE_TYPES.appServiceSite,
  RESOURCE_TYPES.aksCluster,
  RESOURCE_TYPES.containerApp,
];

const COMPUTE_LABELS: Record<string, string> = {
  [RESOURCE_TYPES.appServiceSite]: 'App Service site',
  [RESOURCE_TYPES.aksCluster]: 'AKS cluster',
  [RESOURCE_TYPES.containerApp]: 'container app',
};

/**
 * Time for Azure to act on a regional outage before a grace period starts to
 * run. Not published by Microsoft; an assumption kept explicit in evidence.
 */
export const OUTAGE_DETECTION_SECONDS = 5 * 60;

/**
 * Azure SQL's automatic (Microsoft-managed) failover policy requires a grace
 * period of at least one hour (failoverWithDataLossGracePeriodMinutes ≥ 60).
 */
export const SQL_MIN_GRACE_PERIOD_MINUTES = 60;

/**
 * Recovery time of a single-write-region Cosmos DB account with
 * service-managed failover, from the Azure Cosmos DB reliability guide
 * (RTO under 15 minutes for a region outage).
 */
export const COSMOS_SERVICE_MANAGED_FAILOVER_SECONDS = 15 * 60;

/** Drills older than this warn. */
export const DRILL_WARN_AGE_DAYS = 90;
/** Drills older than this fail for the critical tier. */
export const DRILL_FAIL_AGE_DAYS = 365;

// ---------------------------------------------------------------------------
// Reading resources

/** Paths are a few dozen constants; split once. */
const pathSegments = new Map<string, string[]>();

/**
 * A nested property by dotted path, matching names case-insensitively as
 * `readProperty` of @vitals/azure-inventory-common does (Azure's casing
 * varies across api-versions). Reimplemented here with ASCII lower-casing:
 * the checks read tens of properties per resource and the locale-aware
 * comparison dominated the evaluation of large estates.
 */
function readPath(root: unknown, path: string): unknown {
  let segments = pathSegments.get(path);
  if (!segments) {
    segments = path.split('.');
    pathSegments.set(path, segments);
  }
  let node = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    const record = node as Record<string, unknown>;
    if (segment in record) {
      node = record[segment];
      continue;
    }
    const wanted = segment.toLowerCase();
    let match: string | undefined;
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === wanted) {
        match = key;
        break;
      }
    }
    node = match === undefined ? undefined : record[match];
  }
  return node;
}

function read(
  resource: AzureResource | Record<string, unknown>,
  path: string,
): unknown {
  return readPath(resource, path);
}

/** A field of a nested record (a Cosmos DB location, a partner server), case-insensitively. */
function field(record: Record<string, unknown>, path: string): unknown {
  return readPath(record, path);
}

function readString(
  resource: AzureResource | Record<string, unknown>,
  path: string,
) {
  const value = read(resource, path);
  return typeof value === 'string' ? value : undefined;
}

function readArray(
  resource: AzureResource | Record<string, unknown>,
  path: string,
) {
  const value = read(resource, path);
  return Array.isArray(value) ? (value as unknown[]) : undefined;
}

function records(values: unknown[] | undefined): Record<string, unknown>[] {
  return (values ?? []).filter(
    (v): v is Record<string, unknown> => v !== null && typeof v === 'object',
  );
}

/**
 * Lower case for Azure identifiers (ids, types, names, enum values), which
 * are ASCII. `toLocaleLowerCase('en-US')` resolves the locale on every call
 * and dominated the evaluation of large estates; for ASCII both agree.
 */
function lower(value: string): string {
  return value.toLowerCase();
}

function equalsIgnoreCase(a: unknown, b: string): boolean {
  return typeof a === 'string' && lower(a) === lower(b);
}

function sameId(a: unknown, b: string): boolean {
  return (
    typeof a === 'string' &&
    lower(a.replace(/\/+$/, '')) === lower(b.replace(/\/+$/, ''))
  );
}

function typeOf(resource: AzureResource): string {
  return lower(resource.type);
}

const regionCache = new WeakMap<AzureResource, string>();

function regionOf(resource: AzureResource): string {
  let region = regionCache.get(resource);
  if (region === undefined) {
    region = normalizeRegion(resource.location);
    regionCache.set(resource, region);
  }
  return region;
}

function hasProperties(resource: AzureResource): boolean {
  return !!resource.properties && Object.keys(resource.properties).length > 0;
}

/** Property values as seen, `null` where absent, keyed by the path read. */
function seen(
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
const byTypeCache = new WeakMap<
  readonly AzureResource[],
  { length: number; groups: Map<string, readonly AzureResource[]> }
>();

function ofType(
  resources: readonly AzureResource[],
  type: string,
): readonly AzureResource[] {
  let cached = byTypeCache.get(resources);
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
  return cached.groups.get(type) ?? [];
}

function displayName(region: string): string {
  return getRegion(region)?.displayName ?? region;
}

function objectiveSeconds(value: string | null): number | undefined {
  return value === null ? undefined : isoDurationToSeconds(value);
}

function strictTier(policy: ReadinessPolicy): boolean {
  return policy.tier === 'critical' || policy.tier === 'high';
}

/** The region whose loss is evaluated, and the declared region that must take over. */
function regionsOf(input: CheckInput): {
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

interface Assessment {
  resource?: AzureResource;
  status: CheckStatus;
  evidence: Record<string, unknown>;
  finding?: string;
  remediation?: string;
  /** For a failure: whether losing the region takes the service down (default: it degrades). */
  impact?: FailureImpact;
}

interface CheckDefinition {
  id: string;
  title: string;
  category: CheckCategory;
  weight: number;
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

function result(
  definition: CheckDefinition,
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
  const evidence: Record<string, unknown> = options.evidence
    ? { ...options.evidence }
    : {};
  const resources: string[] = [];
  const findings: string[] = [];
  const remediations: string[] = [];
  const addOnce = (list: string[], value: string | undefined) => {
    if (value && !list.includes(value)) list.push(value);
  };
  for (const a of assessments) {
    if (STATUS_SEVERITY[a.status] > STATUS_SEVERITY[worst]) {
      worst = a.status;
    }
    const key = a.resource?.id ?? 'policy';
    const existing = evidence[key] as object | undefined;
    evidence[key] = existing ? { ...existing, ...a.evidence } : a.evidence;
    addOnce(resources, a.resource?.id);
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
        : findings.join(' '),
    resources,
    evidence,
    remediation: status === 'pass' ? '' : remediations.join(' '),
  };
  if (blocking) {
    checkResult.impact = goesDown ? 'goes-down' : 'degrades';
  }
  return checkResult;
}

// ---------------------------------------------------------------------------
// Shared views of the estate

/** Databases that take writes: not `master`, not a geo-secondary (`properties.secondaryType`). */
function writableDatabases(
  resources: readonly AzureResource[],
): AzureResource[] {
  return ofType(resources, RESOURCE_TYPES.sqlDatabase).filter(
    db =>
      lower(db.name) !== 'master' &&
      read(db, 'properties.secondaryType') === undefined,
  );
}

interface FailoverGroupPlacement {
  group: AzureResource;
  /** Where the group's primary (writable) server is. */
  primaryRegion: string;
  /** Where its secondary servers are. */
  partnerRegions: string[];
  known: boolean;
}

/**
 * Where a failover group's primary and partners are. Resource Manager returns
 * the group under both servers; `replicationRole` says which copy this is.
 */
function placeFailoverGroup(group: AzureResource): FailoverGroupPlacement {
  const role = readString(group, 'properties.replicationRole');
  const partners = records(readArray(group, 'properties.partnerServers'));
  const partnerRegion = (p: Record<string, unknown>) => {
    const location = field(p, 'location');
    return normalizeRegion(typeof location === 'string' ? location : undefined);
  };
  if (equalsIgnoreCase(role, 'Secondary')) {
    const primary = partners.find(p =>
      equalsIgnoreCase(field(p, 'replicationRole'), 'Primary'),
    );
    return {
      group,
      primaryRegion: primary ? partnerRegion(primary) : '',
      partnerRegions: [regionOf(group)],
      known: hasProperties(group),
    };
  }
  return {
    group,
    primaryRegion: regionOf(group),
    partnerRegions: partners
      .filter(p => !equalsIgnoreCase(field(p, 'replicationRole'), 'Primary'))
      .map(partnerRegion),
    known: hasProperties(group),
  };
}

/** Failover groups, one per group name (preferring the copy read from the primary server). */
function failoverGroups(
  resources: readonly AzureResource[],
): FailoverGroupPlacement[] {
  const byName = new Map<string, FailoverGroupPlacement>();
  for (const group of ofType(resources, RESOURCE_TYPES.sqlFailoverGroup)) {
    const placement = placeFailoverGroup(group);
    const key = lower(group.name);
    const existing = byName.get(key);
    if (
      !existing ||
      (!existing.known && placement.known) ||
      equalsIgnoreCase(
        readString(group, 'properties.replicationRole'),
        'Primary',
      )
    ) {
      byName.set(key, placement);
    }
  }
  return [...byName.values()];
}

function cosmosRegions(account: AzureResource): string[] | undefined {
  const locations = readArray(account, 'properties.locations');
  if (!locations || locations.length === 0) {
    return undefined;
  }
  return records(locations).map(l =>
    normalizeRegion(field(l, 'locationName') as string | undefined),
  );
}

function cosmosWriteRegion(account: AzureResource): string | undefined {
  const write = records(readArray(account, 'properties.writeLocations'))[0];
  if (write) {
    return normalizeRegion(field(write, 'locationName') as string);
  }
  const first = records(readArray(account, 'properties.locations')).find(
    l => field(l, 'failoverPriority') === 0,
  );
  return first
    ? normalizeRegion(field(first, 'locationName') as string)
    : undefined;
}

function storagePrimaryRegion(account: AzureResource): string {
  return normalizeRegion(
    readString(account, 'properties.primaryLocation') ?? account.location,
  );
}

function isZoneRedundantSku(sku: string): boolean {
  return /_(RA)?G?ZRS$/i.test(sku);
}

/** Whether the latest drill of the lost region shows a recovery within the RTO. */
function drillProvesRecovery(input: CheckInput): boolean {
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

// ---------------------------------------------------------------------------
// Checks

/** The primary has a declared or paired secondary, and how they relate. */
export const checkSecondaryRegion: ReadinessCheck = input => {
  if (input.role !== 'primary') {
    return undefined;
  }
  const definition: CheckDefinition = {
    id: 'secondary-region',
    title: 'A secondary region takes over',
    category: 'recovery',
    weight: 3,
  };
  const { primaryRegion, secondaryRegion } = input.policy;
  const primary = getRegion(primaryRegion);
  const evidence: Record<string, unknown> = {
    primaryRegion,
    secondaryRegion,
    pairedRegion: primary?.pairedRegion ?? null,
  };
  if (!secondaryRegion) {
    const sameGeography = AZURE_REGIONS.filter(
      r => r.geography === primary?.geography && r.name !== primaryRegion,
    ).map(r => r.name);
    const where =
      sameGeography.length > 0
        ? `Regions in the same geography: ${sameGeography.join(', ')}.`
        : `${
            primary?.geography ?? primaryRegion
          } has no other Azure region, so any secondary moves copies of the data out of the geography; confirm residency obligations allow it.`;
    return result(
      definition,
      [
        {
          status: 'fail',
          impact: 'goes-down',
          evidence,
          finding: `${displayName(
            primaryRegion,
          )} has no Azure pair and no secondary region is declared: nothing takes over if it goes down.`,
          remediation: `Set ${ANNOTATION_SECONDARY_REGION} to the region that takes over and deploy the service there. ${where}`,
        },
      ],
      '',
    );
  }
  const pairing = describePairing(primaryRegion, secondaryRegion);
  const secondary = getRegion(secondaryRegion);
  evidence.pairing = pairing;
  evidence.secondaryPairedRegion = secondary?.pairedRegion ?? null;
  if (pairing === 'one-way') {
    return result(
      definition,
      [
        {
          status: 'warn',
          evidence,
          finding: `${displayName(secondaryRegion)} is ${displayName(
            primaryRegion,
          )}'s pair only one way: it is paired with ${displayName(
            secondary?.pairedRegion ?? '',
          )}, so after a failover its geo-replicated data replicates there, not back to ${displayName(
            primaryRegion,
          )}, and the two are not recovered as a pair.`,
          remediation: `Plan the failback explicitly: re-establish replication from ${displayName(
            secondaryRegion,
          )} to ${displayName(
            primaryRegion,
          )} after a failover (new failover group partner, object replication or re-seeding) and rehearse it in a drill.`,
        },
      ],
      '',
    );
  }
  const summaries: Record<typeof pairing, string> = {
    paired: `${displayName(secondaryRegion)} is ${displayName(
      primaryRegion,
    )}'s Azure pair.`,
    custom: `${displayName(
      secondaryRegion,
    )} is a custom secondary: platform-managed replication (GRS storage, geo-redundant backups) targets ${displayName(
      primary?.pairedRegion ?? '',
    )} instead, so each data store must copy to ${displayName(
      secondaryRegion,
    )} itself.`,
    unpaired: `${displayName(primaryRegion)} has no Azure pair; ${displayName(
      secondaryRegion,
    )} is declared as the secondary.`,
  };
  return result(definition, [{ status: 'pass', evidence }], summaries[pairing]);
};

/** The secondary keeps copies of the data in the same geography as the primary. */
export const checkDataResidency: ReadinessCheck = input => {
  const { primaryRegion, secondaryRegion, dataClassification } = input.policy;
  if (input.role !== 'primary' || !secondaryRegion) {
    return undefined;
  }
  const primary = getRegion(primaryRegion);
  const secondary = getRegion(secondaryRegion);
  const evidence = {
    primaryGeography: primary?.geography ?? null,
    secondaryGeography: secondary?.geography ?? null,
    dataClassification: dataClassification ?? null,
  };
  const definition: CheckDefinition = {
    id: 'data-residency',
    title: 'Copies stay in the geography',
    category: 'assurance',
    weight: 1,
  };
  if (primary && secondary && primary.geography === secondary.geography) {
    return result(
      definition,
      [{ status: 'pass', evidence }],
      `Both regions are in ${primary.geography}.`,
    );
  }
  const data = dataClassification
    ? `${dataClassification.toUpperCase()} data`
    : 'data';
  return result(
    definition,
    [
      {
        status: 'warn',
        evidence,
        finding: `Failing over moves copies of ${data} from ${primary?.geography} to ${secondary?.geography}.`,
        remediation: `Confirm that residency obligations (contracts, BAAs, local law) allow ${data} in ${secondary?.geography}, or choose a secondary in ${primary?.geography}.`,
      },
    ],
    '',
  );
};

/** Storage accounts in the lost region geo-replicate to the region that takes over. */
export const checkStorageReplication: ReadinessCheck = input => {
  const { lost, surviving } = regionsOf(input);
  const accounts = ofType(
    input.resources,
    RESOURCE_TYPES.storageAccount,
  ).filter(a => storagePrimaryRegion(a) === lost);
  if (!surviving || accounts.length === 0) {
    return undefined;
  }
  const pair = getRegion(lost)?.pairedRegion;
  const assessments = accounts.map((account): Assessment => {
    const evidence = seen(account, [
      'sku.name',
      'kind',
      'properties.primaryLocation',
      'properties.secondaryLocation',
      'properties.statusOfSecondary',
      'properties.geoReplicationStats.status',
      'properties.geoReplicationStats.lastSyncTime',
    ]);
    const sku = readString(account, 'sku.name');
    if (!sku) {
      return {
        resource: account,
        status: 'unknown',
        evidence,
        finding: `The SKU of ${account.name} was not read, so its replication is unknown.`,
        remediation: `Read ${account.name} with its full properties (Resource Graph or a GET on the account).`,
      };
    }
    if (!isGeoRedundantStorageSku(sku)) {
      const fix =
        pair === surviving
          ? `Convert ${
              account.name
            } to Standard_GZRS or Standard_RAGZRS (geo-redundant to ${displayName(
              surviving,
            )}).`
          : `Geo-redundant storage would replicate to ${displayName(
              pair ?? '',
            )}, not ${displayName(surviving)}: keep a copy in ${displayName(
              surviving,
            )} with an object-replication policy to a storage account there, or an application-level copy (AzCopy, Data Factory).`;
      return {
        resource: account,
        status: 'fail',
        impact: 'goes-down',
        evidence,
        finding: `${account.name} is ${sku}: every copy stays in ${displayName(
          lost,
        )}.`,
        remediation: fix,
      };
    }
    const secondaryLocation = readString(
      account,
      'properties.secondaryLocation',
    );
    if (!secondaryLocation) {
      return {
        resource: account,
        status: 'unknown',
        evidence,
        finding: `${account.name} is ${sku} but its secondaryLocation was not reported.`,
        remediation: `Read ${account.name} with its full properties to confirm where it replicates.`,
      };
    }
    if (normalizeRegion(secondaryLocation) !== surviving) {
      return {
        resource: account,
        status: 'fail',
        evidence,
        finding: `${
          account.name
        } replicates to ${secondaryLocation}, not to the declared secondary ${displayName(
          surviving,
        )}.`,
        remediation: `Geo-redundant storage replicates only to the Azure pair (${secondaryLocation}); ${displayName(
          surviving,
        )} gets no copy of ${account.name}. Add another copy in ${displayName(
          surviving,
        )}: an object-replication policy to a storage account there, or an application-level copy (AzCopy, Data Factory).`,
      };
    }
    if (
      equalsIgnoreCase(
        readString(account, 'properties.statusOfSecondary'),
        'unavailable',
      )
    ) {
      return {
        resource: account,
        status: 'fail',
        impact: 'goes-down',
        evidence,
        finding: `The secondary of ${account.name} in ${secondaryLocation} is unavailable.`,
        remediation: `Investigate the secondary endpoint of ${account.name}; until it is available a failover has nothing to promote.`,
      };
    }
    return { resource: account, status: 'pass', evidence };
  });
  return result(
    {
      id: 'storage-geo-replication',
      title: `Storage replicates to ${displayName(surviving)}`,
      category: 'data-protection',
      weight: 3,
    },
    assessments,
    `Every storage account in ${displayName(
      lost,
    )} geo-replicates to ${displayName(surviving)}.`,
  );
};

/** Every database in the lost region is in a failover group whose partner is in the region that takes over. */
export const checkSqlFailoverGroup: ReadinessCheck = input => {
  const { lost, surviving } = regionsOf(input);
  const databases = writableDatabases(input.resources).filter(
    db => regionOf(db) === lost,
  );
  if (!surviving || databases.length === 0) {
    return undefined;
  }
  const groups = failoverGroups(input.resources).filter(
    g => g.primaryRegion === lost,
  );
  const groupAssessments = groups.map((placement): Assessment => {
    const { group } = placement;
    const evidence = seen(group, [
      'properties.replicationRole',
      'properties.replicationState',
      'properties.partnerServers',
      'properties.databases',
    ]);
    if (!placement.known) {
      return {
        resource: group,
        status: 'unknown',
        evidence,
        finding: `The properties of failover group ${group.name} were not read.`,
        remediation: `Read ${group.name} with its full properties.`,
      };
    }
    if (!placement.partnerRegions.includes(surviving)) {
      return {
        resource: group,
        status: 'fail',
        evidence,
        finding: `Failover group ${group.name} has its partner server in ${
          placement.partnerRegions.join(', ') || 'no region'
        }, not in ${displayName(surviving)}.`,
        remediation: `Add a partner server in ${displayName(surviving)} to ${
          group.name
        } (a failover group fails over only to its partner).`,
      };
    }
    const state = readString(group, 'properties.replicationState');
    if (equalsIgnoreCase(state, 'SEEDING')) {
      return {
        resource: group,
        status: 'fail',
        impact: 'goes-down',
        evidence,
        finding: `Failover group ${group.name} is still seeding its secondary: there is nothing to fail over to yet.`,
        remediation: `Wait for seeding of ${group.name} to finish (replicationState CATCH_UP) before relying on it.`,
      };
    }
    if (equalsIgnoreCase(state, 'PENDING')) {
      return {
        resource: group,
        status: 'warn',
        evidence,
        finding: `Failover group ${group.name} replication is PENDING.`,
        remediation: `Check the geo-replication link of ${group.name}; it should reach CATCH_UP.`,
      };
    }
    return { resource: group, status: 'pass', evidence };
  });
  const databaseAssessments = databases.map((db): Assessment => {
    const covering = groups.find(g =>
      (readArray(g.group, 'properties.databases') ?? []).some(id =>
        sameId(id, db.id),
      ),
    );
    const evidence = {
      ...seen(db, ['properties.secondaryType', 'properties.zoneRedundant']),
      failoverGroup: covering?.group.name ?? null,
    };
    if (covering) {
      return { resource: db, status: 'pass', evidence };
    }
    if (groups.some(g => !g.known) || !hasProperties(db)) {
      return {
        resource: db,
        status: 'unknown',
        evidence,
        finding: `Whether ${db.name} is in a failover group is unknown.`,
        remediation: `Read ${db.name} and the failover groups of its server with their full properties.`,
      };
    }
    const server = db.id.split('/databases/')[0].split('/').pop();
    const fix =
      groups.length > 0
        ? `Add ${db.name} to failover group ${groups[0].group.name}.`
        : `Create a failover group on server ${server} with a partner server in ${displayName(
            surviving,
          )} and add ${db.name} to it.`;
    // Geo-redundant backups still allow a geo-restore elsewhere, hours later.
    const geoBackups = /^geo(zone)?$/i.test(
      readString(db, 'properties.requestedBackupStorageRedundancy') ??
        readString(db, 'properties.currentBackupStorageRedundancy') ??
        '',
    );
    return {
      resource: db,
      status: 'fail',
      impact: geoBackups ? 'degrades' : 'goes-down',
      evidence,
      finding: `Database ${
        db.name
      } is in no failover group: it has no copy in ${displayName(surviving)}${
        geoBackups
          ? ' and comes back only by a geo-restore from its backups, which takes hours'
          : ''
      }.`,
      remediation: fix,
    };
  });
  return result(
    {
      id: 'sql-failover-group',
      title: `SQL databases fail over to ${displayName(surviving)}`,
      category: 'data-protection',
      weight: 3,
    },
    [...databaseAssessments, ...groupAssessments],
    `Every database in ${displayName(
      lost,
    )} is in a failover group with a partner in ${displayName(surviving)}.`,
  );
};

/** Seconds until a failover group's databases are writable again, or undefined. */
function sqlRecoverySeconds(
  group: AzureResource,
  input: CheckInput,
): number | undefined {
  const policy = readString(
    group,
    'properties.readWriteEndpoint.failoverPolicy',
  );
  if (equalsIgnoreCase(policy, 'Automatic')) {
    const grace = read(
      group,
      'properties.readWriteEndpoint.failoverWithDataLossGracePeriodMinutes',
    );
    return typeof grace === 'number'
      ? grace * 60 + OUTAGE_DETECTION_SECONDS
      : undefined;
  }
  if (equalsIgnoreCase(policy, 'Manual') && drillProvesRecovery(input)) {
    return isoDurationToSeconds(input.lastDrill?.rtoAchieved, {
      allowZero: true,
    });
  }
  return undefined;
}

/** The failover policy brings the databases back within the RTO. */
export const checkSqlFailoverPolicy: ReadinessCheck = input => {
  const { lost } = regionsOf(input);
  const groups = failoverGroups(input.resources).filter(
    g => g.primaryRegion === lost,
  );
  if (!lost || groups.length === 0) {
    return undefined;
  }
  const rto = objectiveSeconds(input.policy.rto);
  const assessments = groups.map(({ group, known }): Assessment => {
    const evidence: Record<string, unknown> = {
      ...seen(group, [
        'properties.readWriteEndpoint.failoverPolicy',
        'properties.readWriteEndpoint.failoverWithDataLossGracePeriodMinutes',
      ]),
      rto: input.policy.rto,
    };
    const policy = readString(
      group,
      'properties.readWriteEndpoint.failoverPolicy',
    );
    if (!known || !policy) {
      return {
        resource: group,
        status: 'unknown',
        evidence,
        finding: `The failover policy of ${group.name} was not read.`,
        remediation: `Read ${group.name} with its full properties.`,
      };
    }
    if (equalsIgnoreCase(policy, 'Automatic')) {
      const recovery = sqlRecoverySeconds(group, input);
      if (recovery === undefined) {
        return {
          resource: group,
          status: 'unknown',
          evidence,
          finding: `${group.name} fails over automatically but its grace period was not reported.`,
          remediation: `Read ${group.name} with its full properties.`,
        };
      }
      evidence.outageDetectionSeconds = OUTAGE_DETECTION_SECONDS;
      evidence.estimatedRecovery = formatIsoDuration(recovery);
      if (rto === undefined || recovery <= rto) {
        return { resource: group, status: 'pass', evidence };
      }
      const graceBudgetMinutes = Math.floor(
        (rto - OUTAGE_DETECTION_SECONDS) / 60,
      );
      const fix =
        graceBudgetMinutes >= SQL_MIN_GRACE_PERIOD_MINUTES
          ? `Lower failoverWithDataLossGracePeriodMinutes of ${group.name} to ${graceBudgetMinutes} or less, or switch to customer-managed failover driven by an alert.`
          : `Automatic failover cannot meet an RTO of ${input.policy.rto}: its grace period is at least ${SQL_MIN_GRACE_PERIOD_MINUTES} minutes. Switch ${group.name} to customer-managed failover (failoverPolicy Manual) run by an alert-triggered runbook (az sql failover-group set-primary --allow-data-loss), and prove it in a drill.`;
      return {
        resource: group,
        status: 'fail',
        evidence,
        finding: `Automatic failover of ${
          group.name
        } first waits out its grace period: the databases are writable again after about ${formatIsoDuration(
          recovery,
        )}, beyond the RTO of ${input.policy.rto}.`,
        remediation: fix,
      };
    }
    if (equalsIgnoreCase(policy, 'Manual')) {
      if (drillProvesRecovery(input)) {
        evidence.provenByDrill = input.lastDrill?.id ?? null;
        evidence.drillRtoAchieved = input.lastDrill?.rtoAchieved ?? null;
        return { resource: group, status: 'pass', evidence };
      }
      return {
        resource: group,
        status: strictTier(input.policy) ? 'fail' : 'warn',
        evidence,
        finding: `${
          group.name
        } fails over only when someone runs the failover (policy Manual), and no successful drill in the last ${DRILL_FAIL_AGE_DAYS} days shows that fits the RTO${
          input.policy.rto ? ` of ${input.policy.rto}` : ''
        }.`,
        remediation: `Automate the customer-managed failover of ${group.name} (an alert-triggered runbook running az sql failover-group set-primary --allow-data-loss on the partner) and record a drill that measures the RTO.`,
      };
    }
    return {
      resource: group,
      status: 'unknown',
      evidence,
      finding: `${group.name} has an unrecognised failover policy "${policy}".`,
      remediation: `Check the failover policy of ${group.name}.`,
    };
  });
  return result(
    {
      id: 'sql-failover-policy',
      title: 'SQL failover fits the RTO',
      category: 'recovery',
      weight: 3,
    },
    assessments,
    `SQL failover brings the databases back within ${
      input.policy.rto ?? 'the expected time (no RTO declared)'
    }.`,
  );
};

/** Cosmos DB accounts with a replica in the lost region keep serving from the region that takes over. */
export const checkCosmosMultiRegion: ReadinessCheck = input => {
  const { lost, surviving } = regionsOf(input);
  const accounts = ofType(input.resources, RESOURCE_TYPES.cosmosAccount).filter(
    a => regionOf(a) === lost || (cosmosRegions(a) ?? []).includes(lost),
  );
  if (!surviving || accounts.length === 0) {
    return undefined;
  }
  const assessments = accounts.map((account): Assessment => {
    const evidence: Record<string, unknown> = {
      ...seen(account, [
        'properties.enableAutomaticFailover',
        'properties.enableMultipleWriteLocations',
      ]),
      'properties.locations':
        records(readArray(account, 'properties.locations')).map(l => ({
          locationName: field(l, 'locationName') ?? null,
          failoverPriority: field(l, 'failoverPriority') ?? null,
          isZoneRedundant: field(l, 'isZoneRedundant') ?? null,
        })) || null,
      writeRegion: cosmosWriteRegion(account) ?? null,
    };
    const regions = cosmosRegions(account);
    if (!regions) {
      return {
        resource: account,
        status: 'unknown',
        evidence,
        finding: `The regions of ${account.name} were not read.`,
        remediation: `Read ${account.name} with its full properties.`,
      };
    }
    if (!regions.includes(surviving)) {
      return {
        resource: account,
        status: 'fail',
        impact: regions.some(r => r !== lost) ? 'degrades' : 'goes-down',
        evidence,
        finding: `${account.name} has no replica in ${displayName(
          surviving,
        )} (its regions: ${regions.join(', ')}).`,
        remediation: `Add ${displayName(surviving)} to the regions of ${
          account.name
        } with the next failover priority.`,
      };
    }
    if (read(account, 'properties.enableMultipleWriteLocations') === true) {
      return { resource: account, status: 'pass', evidence };
    }
    if (cosmosWriteRegion(account) !== lost) {
      return { resource: account, status: 'pass', evidence };
    }
    const automatic = read(account, 'properties.enableAutomaticFailover');
    if (automatic === true) {
      const next = records(readArray(account, 'properties.locations'))
        .map(l => ({
          region: normalizeRegion(field(l, 'locationName') as string),
          priority: field(l, 'failoverPriority'),
        }))
        .filter(l => l.region !== lost && typeof l.priority === 'number')
        .sort((a, b) => (a.priority as number) - (b.priority as number))[0];
      if (next && next.region !== surviving) {
        return {
          resource: account,
          status: 'warn',
          evidence,
          finding: `Service-managed failover of ${account.name} promotes ${
            next.region
          } (priority ${next.priority}), not ${displayName(surviving)}.`,
          remediation: `Give ${displayName(
            surviving,
          )} the lowest failover priority after ${displayName(lost)} on ${
            account.name
          }.`,
        };
      }
      return { resource: account, status: 'pass', evidence };
    }
    if (automatic === false) {
      if (drillProvesRecovery(input)) {
        return { resource: account, status: 'pass', evidence };
      }
      return {
        resource: account,
        status: strictTier(input.policy) ? 'fail' : 'warn',
        evidence,
        finding: `${account.name} writes only in ${displayName(
          lost,
        )} and service-managed failover is off: writes stop until someone fails it over.`,
        remediation: `Enable service-managed failover on ${account.name} (enableAutomaticFailover), or multi-region writes.`,
      };
    }
    return {
      resource: account,
      status: 'unknown',
      evidence,
      finding: `Whether ${account.name} fails over automatically was not reported.`,
      remediation: `Read ${account.name} with its full properties.`,
    };
  });
  return result(
    {
      id: 'cosmos-multi-region',
      title: `Cosmos DB serves from ${displayName(surviving)}`,
      category: 'data-protection',
      weight: 3,
    },
    assessments,
    `Every Cosmos DB account in ${displayName(
      lost,
    )} has a replica in ${displayName(surviving)} and fails over to it.`,
  );
};

/** Backups of the data stores in the lost region are stored outside it. */
export const checkGeoRedundantBackups: ReadinessCheck = input => {
  const { lost } = regionsOf(input);
  if (!lost) {
    return undefined;
  }
  const inLost = (r: AzureResource) => regionOf(r) === lost;
  const assessments: Assessment[] = [];

  for (const db of writableDatabases(input.resources).filter(inLost)) {
    const evidence = seen(db, [
      'properties.requestedBackupStorageRedundancy',
      'properties.currentBackupStorageRedundancy',
    ]);
    const redundancy =
      readString(db, 'properties.requestedBackupStorageRedundancy') ??
      readString(db, 'properties.currentBackupStorageRedundancy');
    if (!redundancy) {
      assessments.push({
        resource: db,
        status: 'unknown',
        evidence,
        finding: `The backup storage redundancy of ${db.name} was not reported.`,
        remediation: `Read ${db.name} with its full properties.`,
      });
    } else if (/^geo(zone)?$/i.test(redundancy)) {
      assessments.push({ resource: db, status: 'pass', evidence });
    } else {
      assessments.push({
        resource: db,
        status: 'fail',
        evidence,
        finding: `Backups of ${
          db.name
        } are ${redundancy}-redundant: they are lost with ${displayName(
          lost,
        )}.`,
        remediation: `Set the backup storage redundancy of ${db.name} to Geo or GeoZone.`,
      });
    }
  }

  const flexibleServers = [
    ...ofType(input.resources, RESOURCE_TYPES.postgresFlexible),
    ...ofType(input.resources, RESOURCE_TYPES.mysqlFlexible),
  ].filter(inLost);
  for (const server of flexibleServers) {
    const evidence = seen(server, ['properties.backup.geoRedundantBackup']);
    const geo = readString(server, 'properties.backup.geoRedundantBackup');
    if (!geo) {
      assessments.push({
        resource: server,
        status: 'unknown',
        evidence,
        finding: `Whether ${server.name} keeps geo-redundant backups was not reported.`,
        remediation: `Read ${server.name} with its full properties.`,
      });
    } else if (equalsIgnoreCase(geo, 'Enabled')) {
      assessments.push({ resource: server, status: 'pass', evidence });
    } else {
      assessments.push({
        resource: server,
        status: 'fail',
        evidence,
        finding: `${server.name} keeps its backups only in ${displayName(
          lost,
        )} (geoRedundantBackup ${geo}).`,
        // Flexible servers choose geo-redundant backup storage at creation only.
        remediation: `Geo-redundant backup can only be chosen when a flexible server is created: restore ${server.name} into a new server with geoRedundantBackup Enabled and switch over.`,
      });
    }
  }

  for (const account of ofType(
    input.resources,
    RESOURCE_TYPES.cosmosAccount,
  ).filter(inLost)) {
    const evidence = seen(account, [
      'properties.backupPolicy.type',
      'properties.backupPolicy.periodicModeProperties.backupStorageRedundancy',
    ]);
    const type = readString(account, 'properties.backupPolicy.type');
    const regions = cosmosRegions(account) ?? [];
    if (equalsIgnoreCase(type, 'Continuous')) {
      // Continuous backups are kept in every region of the account.
      assessments.push(
        regions.some(r => r !== lost)
          ? { resource: account, status: 'pass', evidence }
          : {
              resource: account,
              status: 'fail',
              evidence,
              finding: `${
                account.name
              } keeps continuous backups only in ${displayName(
                lost,
              )}, its only region.`,
              remediation: `Add a second region to ${account.name}.`,
            },
      );
      continue;
    }
    const redundancy = readString(
      account,
      'properties.backupPolicy.periodicModeProperties.backupStorageRedundancy',
    );
    if (!type || !redundancy) {
      assessments.push({
        resource: account,
        status: 'unknown',
        evidence,
        finding: `The backup policy of ${account.name} was not reported.`,
        remediation: `Read ${account.name} with its full properties.`,
      });
    } else if (equalsIgnoreCase(redundancy, 'Geo')) {
      assessments.push({ resource: account, status: 'pass', evidence });
    } else {
      assessments.push({
        resource: account,
        status: 'fail',
        evidence,
        finding: `Periodic backups of ${
          account.name
        } are ${redundancy}-redundant: they are lost with ${displayName(
          lost,
        )}.`,
        remediation: `Set backupStorageRedundancy of ${account.name} to Geo, or move it to continuous backup.`,
      });
    }
  }

  if (assessments.length === 0) {
    return undefined;
  }
  return result(
    {
      id: 'geo-redundant-backups',
      title: 'Backups survive the region',
      category: 'data-protection',
      weight: 2,
    },
    assessments,
    `Backups of every database in ${displayName(
      lost,
    )} are stored geo-redundantly.`,
  );
};

/** Recovery Services vaults in the lost region keep their backups in another region and can restore there. */
export const checkBackupVault: ReadinessCheck = input => {
  const { lost, surviving } = regionsOf(input);
  const vaults = ofType(
    input.resources,
    RESOURCE_TYPES.recoveryServicesVault,
  ).filter(v => regionOf(v) === lost);
  if (!lost || vaults.length === 0) {
    return undefined;
  }
  const pair = getRegion(lost)?.pairedRegion;
  const assessments = vaults.map((vault): Assessment => {
    const evidence: Record<string, unknown> = {
      ...seen(vault, [
        'properties.redundancySettings.standardTierStorageRedundancy',
        'properties.redundancySettings.crossRegionRestore',
      ]),
      crossRegionRestoreTarget: pair ?? null,
    };
    const redundancy = readString(
      vault,
      'properties.redundancySettings.standardTierStorageRedundancy',
    );
    const crossRegionRestore = readString(
      vault,
      'properties.redundancySettings.crossRegionRestore',
    );
    if (!redundancy) {
      return {
        resource: vault,
        status: 'unknown',
        evidence,
        finding: `The storage redundancy of vault ${vault.name} was not reported.`,
        remediation: `Read ${vault.name} with its full properties.`,
      };
    }
    if (!equalsIgnoreCase(redundancy, 'GeoRedundant')) {
      return {
        resource: vault,
        status: 'fail',
        evidence,
        finding: `Vault ${
          vault.name
        } stores backups ${redundancy}: they are lost with ${displayName(
          lost,
        )}.`,
        // The vault's storage type is fixed once the first item is protected.
        remediation: `Storage redundancy of a vault cannot change after items are protected: create a GeoRedundant vault with cross-region restore and move protection of ${vault.name}'s items to it.`,
      };
    }
    if (!crossRegionRestore) {
      return {
        resource: vault,
        status: 'unknown',
        evidence,
        finding: `Whether vault ${vault.name} allows cross-region restore was not reported.`,
        remediation: `Read ${vault.name} with its full properties.`,
      };
    }
    if (!equalsIgnoreCase(crossRegionRestore, 'Enabled')) {
      return {
        resource: vault,
        status: strictTier(input.policy) ? 'fail' : 'warn',
        evidence,
        finding: `Vault ${vault.name} has cross-region restore off: its geo copies can be restored only after Microsoft declares the outage.`,
        remediation: `Enable cross-region restore on ${vault.name}.`,
      };
    }
    if (surviving && pair && pair !== surviving) {
      return {
        resource: vault,
        status: 'warn',
        evidence,
        finding: `Cross-region restore from ${
          vault.name
        } restores into ${pair} (the Azure pair), not ${displayName(
          surviving,
        )}.`,
        remediation: `Plan restores of ${vault.name}'s items in ${displayName(
          pair,
        )}, or back them up from ${displayName(surviving)} as well.`,
      };
    }
    return { resource: vault, status: 'pass', evidence };
  });
  return result(
    {
      id: 'backup-vault',
      title: 'Backup vaults restore in another region',
      category: 'data-protection',
      weight: 2,
    },
    assessments,
    `Every Recovery Services vault in ${displayName(
      lost,
    )} is geo-redundant with cross-region restore.`,
  );
};

/** Key vaults in the lost region cannot lose their keys to a deletion. */
export const checkKeyVaultRecovery: ReadinessCheck = input => {
  const { lost } = regionsOf(input);
  const vaults = ofType(input.resources, RESOURCE_TYPES.keyVault).filter(
    v => regionOf(v) === lost,
  );
  if (!lost || vaults.length === 0) {
    return undefined;
  }
  const assessments = vaults.map((vault): Assessment => {
    const evidence = seen(vault, [
      'properties.enableSoftDelete',
      'properties.enablePurgeProtection',
      'properties.softDeleteRetentionInDays',
    ]);
    if (!hasProperties(vault)) {
      return {
        resource: vault,
        status: 'unknown',
        evidence,
        finding: `The properties of key vault ${vault.name} were not read.`,
        remediation: `Read ${vault.name} with its full properties.`,
      };
    }
    const softDelete = read(vault, 'properties.enableSoftDelete');
    if (softDelete === false) {
      return {
        resource: vault,
        status: 'fail',
        evidence,
        finding: `Key vault ${vault.name} has soft delete off: a deleted vault and its keys are gone at once.`,
        remediation: `Enable soft delete and purge protection on ${vault.name}.`,
      };
    }
    if (softDelete !== true) {
      return {
        resource: vault,
        status: 'unknown',
        evidence,
        finding: `Whether key vault ${vault.name} has soft delete was not reported.`,
        remediation: `Read ${vault.name} with its full properties.`,
      };
    }
    // Resource Manager omits enablePurgeProtection until it is turned on, and
    // it can never be turned off again, so absent means off.
    if (read(vault, 'properties.enablePurgeProtection') !== true) {
      return {
        resource: vault,
        status: 'fail',
        evidence,
        finding: `Key vault ${vault.name} has purge protection off: a deleted vault can be purged before anyone restores it.`,
        remediation: `Enable purge protection on ${vault.name} (az keyvault update --enable-purge-protection true).`,
      };
    }
    return { resource: vault, status: 'pass', evidence };
  });
  return result(
    {
      id: 'key-vault-recovery',
      title: 'Key vaults are recoverable',
      category: 'data-protection',
      weight: 2,
    },
    assessments,
    `Every key vault in ${displayName(
      lost,
    )} has soft delete and purge protection.`,
  );
};

interface LagSample {
  resource: AzureResource;
  seconds: number;
  source: string;
  evidence: Record<string, unknown>;
  status?: CheckStatus;
  finding?: string;
}

function lagSamples(input: CheckInput, lost: string): LagSample[] {
  const samples: LagSample[] = [];
  for (const account of ofType(
    input.resources,
    RESOURCE_TYPES.storageAccount,
  )) {
    if (storagePrimaryRegion(account) !== lost) {
      continue;
    }
    const lastSync = timestampMillis(
      read(account, 'properties.geoReplicationStats.lastSyncTime'),
    );
    if (lastSync === undefined) {
      continue;
    }
    const status = readString(account, 'properties.geoReplicationStats.status');
    const sample: LagSample = {
      resource: account,
      seconds: Math.max(0, (input.now.getTime() - lastSync) / 1000),
      source: 'storage-last-sync-time',
      evidence: seen(account, [
        'properties.geoReplicationStats.status',
        'properties.geoReplicationStats.lastSyncTime',
      ]),
    };
    if (equalsIgnoreCase(status, 'Unavailable')) {
      sample.status = 'fail';
      sample.finding = `Geo-replication of ${account.name} is unavailable.`;
    } else if (equalsIgnoreCase(status, 'Bootstrap')) {
      sample.status = 'warn';
      sample.finding = `${account.name} is still bootstrapping its geo-replica.`;
    }
    samples.push(sample);
  }
  for (const observation of input.replicationLag ?? []) {
    const resource = input.resources.find(r =>
      sameId(r.id, observation.resourceId),
    );
    if (
      !resource ||
      regionOf(resource) !== lost ||
      !(observation.lagSeconds >= 0)
    ) {
      continue;
    }
    samples.push({
      resource,
      seconds: observation.lagSeconds,
      source: observation.source,
      evidence: {
        lagSeconds: observation.lagSeconds,
        observedAt: observation.observedAt,
        source: observation.source,
      },
    });
  }
  return samples;
}

/** The replication lag seen now fits the RPO: the data a failover would lose. */
export const checkObservedRpo: ReadinessCheck = input => {
  const { lost } = regionsOf(input);
  const samples = lost ? lagSamples(input, lost) : [];
  if (samples.length === 0) {
    return undefined;
  }
  const rpo = objectiveSeconds(input.policy.rpo);
  const assessments = samples.map((sample): Assessment => {
    const evidence = {
      ...sample.evidence,
      observedLag: formatIsoDuration(sample.seconds),
      rpo: input.policy.rpo,
    };
    if (sample.status) {
      return {
        resource: sample.resource,
        status: sample.status,
        evidence,
        finding: sample.finding,
        remediation: `Investigate geo-replication of ${sample.resource.name}.`,
      };
    }
    if (rpo !== undefined && sample.seconds > rpo) {
      return {
        resource: sample.resource,
        status: 'fail',
        evidence,
        finding: `${sample.resource.name} lags ${formatIsoDuration(
          sample.seconds,
        )} behind its replica, beyond the RPO of ${
          input.policy.rpo
        }: a failover now would lose that much data.`,
        remediation: `Find why ${sample.resource.name} lags (write volume, throttling, an unhealthy link) and bring the lag under ${input.policy.rpo}; if it cannot, the RPO is not achievable with asynchronous geo-replication.`,
      };
    }
    return { resource: sample.resource, status: 'pass', evidence };
  });
  const worst = samples.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return result(
    {
      id: 'observed-rpo',
      title: 'Observed replication lag fits the RPO',
      category: 'data-protection',
      weight: 3,
    },
    assessments,
    rpo === undefined
      ? `Replication lags up to ${formatIsoDuration(
          worst.seconds,
        )}; no RPO is declared.`
      : `Replication lags up to ${formatIsoDuration(
          worst.seconds,
        )}, within the RPO of ${input.policy.rpo}.`,
  );
};

/** The worst replication lag out of the lost region, or null when none was observed. */
export function observeRpo(input: CheckInput): ObservedRpo | null {
  const { lost } = regionsOf(input);
  const samples = lost ? lagSamples(input, lost) : [];
  if (samples.length === 0) {
    return null;
  }
  const worst = samples.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const rpo = objectiveSeconds(input.policy.rpo);
  return {
    duration: formatIsoDuration(worst.seconds),
    seconds: Math.round(worst.seconds),
    resourceId: worst.resource.id,
    source: worst.source,
    withinObjective: rpo === undefined ? null : worst.seconds <= rpo,
  };
}

function computeState(resource: AzureResource): string | undefined {
  switch (typeOf(resource)) {
    case RESOURCE_TYPES.appServiceSite:
      return readString(resource, 'properties.state');
    case RESOURCE_TYPES.aksCluster:
      return readString(resource, 'properties.powerState.code');
    case RESOURCE_TYPES.containerApp:
      return readString(resource, 'properties.runningStatus');
    default:
      return undefined;
  }
}

/** The region that takes over runs the service's compute. */
export const checkComputeInSurvivingRegion: ReadinessCheck = input => {
  const { lost, surviving } = regionsOf(input);
  const compute = input.resources.filter(r =>
    COMPUTE_TYPES.includes(typeOf(r)),
  );
  if (!surviving || compute.length === 0) {
    return undefined;
  }
  const definition: CheckDefinition = {
    id: 'compute-in-surviving-region',
    title: `Compute runs in ${displayName(surviving)}`,
    category: 'recovery',
    weight: 3,
  };
  const there = compute.filter(r => regionOf(r) === surviving);
  const here = compute.filter(r => regionOf(r) === lost);
  const evidenceOf = (r: AzureResource) => ({
    type: typeOf(r),
    location: r.location,
    state: computeState(r) ?? null,
  });
  if (there.length === 0) {
    const missing = {
      status: 'fail' as const,
      impact: 'goes-down' as const,
      finding: `No App Service site, AKS cluster or container app of the service runs in ${displayName(
        surviving,
      )}: nothing serves after losing ${displayName(lost)}.`,
      remediation: `Deploy the service's compute to ${displayName(
        surviving,
      )} (the template's per-region environment) and keep it running or scripted to start within the RTO.`,
    };
    return result(
      definition,
      here.length > 0
        ? here.map(r => ({ ...missing, resource: r, evidence: evidenceOf(r) }))
        : [
            {
              ...missing,
              evidence: { computeRegions: compute.map(r => r.location) },
            },
          ],
      '',
    );
  }
  const assessments: Assessment[] = [];
  for (const type of COMPUTE_TYPES) {
    const wanted = here.filter(r => typeOf(r) === type).length;
    const present = there.filter(r => typeOf(r) === type).length;
    if (present < wanted) {
      assessments.push({
        status: 'warn',
        evidence: {
          [`${type} in ${displayName(lost)}`]: wanted,
          [`${type} in ${displayName(surviving)}`]: present,
        },
        finding: `${displayName(surviving)} runs ${present} of the ${wanted} ${
          COMPUTE_LABELS[type]
        }s that run in ${displayName(lost)}.`,
        remediation: `Deploy the missing ${
          COMPUTE_LABELS[type]
        }s to ${displayName(surviving)}.`,
      });
    }
  }
  for (const r of there) {
    const state = computeState(r);
    if (state && /^stopped$/i.test(state)) {
      assessments.push({
        resource: r,
        status: 'warn',
        evidence: evidenceOf(r),
        finding: `${r.name} in ${displayName(
          surviving,
        )} is stopped (cold standby): it must be started during the failover.`,
        remediation: `Script the start of ${r.name} into the failover runbook and measure it in a drill, or keep it running.`,
      });
    } else {
      assessments.push({
        resource: r,
        status: 'pass',
        evidence: evidenceOf(r),
      });
    }
  }
  return result(
    definition,
    assessments,
    `${there.length} compute resource${
      there.length === 1 ? '' : 's'
    } of the service run${there.length === 1 ? 's' : ''} in ${displayName(
      surviving,
    )}.`,
  );
};

/** Host names a resource serves, for resolving Front Door origins. */
function hostNamesOf(resource: AzureResource): string[] {
  const hosts: unknown[] = [
    read(resource, 'properties.defaultHostName'),
    ...(readArray(resource, 'properties.hostNames') ?? []),
    read(resource, 'properties.configuration.ingress.fqdn'),
    read(resource, 'properties.latestRevisionFqdn'),
    read(resource, 'properties.fqdn'),
    ...Object.values(
      (read(resource, 'properties.primaryEndpoints') as object) ?? {},
    ),
  ];
  return hosts
    .filter((h): h is string => typeof h === 'string')
    .map(h => lower(h.replace(/^https?:\/\//i, '').replace(/[/:].*$/, '')));
}

/** The region behind a routing target: a resource id, or a host name served by one of the resources. */
function targetRegion(
  resources: readonly AzureResource[],
  targetId: unknown,
  hostName: unknown,
): string | undefined {
  if (typeof targetId === 'string') {
    const target = resources.find(r => sameId(r.id, targetId));
    if (target) {
      return regionOf(target);
    }
  }
  if (typeof hostName === 'string') {
    const host = lower(hostName);
    const target = resources.find(r => hostNamesOf(r).includes(host));
    if (target) {
      return regionOf(target);
    }
  }
  return undefined;
}

interface RoutingAssessment extends Assessment {
  resource: AzureResource;
  /** Seconds to detect the lost region and steer traffic away, when known. */
  switchSeconds?: number;
  component: string;
}

function assessTrafficManager(
  profile: AzureResource,
  input: CheckInput,
  lost: string,
  surviving: string,
): RoutingAssessment {
  const method = readString(profile, 'properties.trafficRoutingMethod');
  const endpoints = records(readArray(profile, 'properties.endpoints'));
  const endpointRegions = endpoints
    .filter(
      e => !equalsIgnoreCase(field(e, 'properties.endpointStatus'), 'Disabled'),
    )
    .map(e => {
      const location = field(e, 'properties.endpointLocation');
      return typeof location === 'string'
        ? normalizeRegion(location)
        : targetRegion(
            input.resources,
            field(e, 'properties.targetResourceId'),
            field(e, 'properties.target'),
          );
    });
  const interval = read(profile, 'properties.monitorConfig.intervalInSeconds');
  const tolerated = read(
    profile,
    'properties.monitorConfig.toleratedNumberOfFailures',
  );
  const ttl = read(profile, 'properties.dnsConfig.ttl');
  // An endpoint turns Degraded after toleratedNumberOfFailures + 1 failed
  // probes; resolvers then hold the old answer for up to the DNS TTL.
  const switchSeconds =
    typeof interval === 'number' &&
    typeof tolerated === 'number' &&
    typeof ttl === 'number'
      ? interval * (tolerated + 1) + ttl
      : undefined;
  const evidence: Record<string, unknown> = {
    ...seen(profile, [
      'properties.profileStatus',
      'properties.trafficRoutingMethod',
      'properties.monitorConfig',
      'properties.dnsConfig.ttl',
    ]),
    endpointRegions: endpointRegions.map(r => r ?? null),
    switchTime:
      switchSeconds === undefined ? null : formatIsoDuration(switchSeconds),
  };
  const base = {
    resource: profile,
    evidence,
    switchSeconds,
    component: 'traffic-manager',
  };
  if (!hasProperties(profile) || !method) {
    return {
      ...base,
      status: 'unknown',
      finding: `The configuration of Traffic Manager profile ${profile.name} was not read.`,
      remediation: `Read ${profile.name} with its full properties.`,
    };
  }
  if (equalsIgnoreCase(read(profile, 'properties.profileStatus'), 'Disabled')) {
    return {
      ...base,
      status: 'fail',
      finding: `Traffic Manager profile ${profile.name} is disabled.`,
      remediation: `Enable ${profile.name}.`,
    };
  }
  if (!readString(profile, 'properties.monitorConfig.protocol')) {
    return {
      ...base,
      status: 'fail',
      finding: `Traffic Manager profile ${
        profile.name
      } has no health probe: it cannot tell that ${displayName(lost)} is down.`,
      remediation: `Configure monitorConfig (protocol, port, path) on ${profile.name} against a health endpoint that checks dependencies.`,
    };
  }
  if (!endpointRegions.includes(surviving)) {
    const unresolved = endpointRegions.some(r => r === undefined);
    return {
      ...base,
      status: unresolved ? 'unknown' : 'fail',
      finding: unresolved
        ? `Some endpoints of ${profile.name} could not be placed in a region.`
        : `Traffic Manager profile ${
            profile.name
          } has no enabled endpoint in ${displayName(surviving)}.`,
      remediation: `Add an endpoint in ${displayName(surviving)} to ${
        profile.name
      } (endpointLocation ${displayName(surviving)}).`,
    };
  }
  if (!equalsIgnoreCase(method, 'Priority')) {
    return {
      ...base,
      status: 'warn',
      finding: `Traffic Manager profile ${
        profile.name
      } routes by ${method}: traffic moves to ${displayName(
        surviving,
      )} only as its health probes mark ${displayName(
        lost,
      )} degraded, and ${displayName(surviving)} must carry all of it.`,
      remediation: `Use Priority routing on ${
        profile.name
      } for active-passive failover, or confirm ${displayName(
        surviving,
      )} is sized for the full load.`,
    };
  }
  return { ...base, status: 'pass' };
}

function assessFrontDoor(
  profile: AzureResource,
  input: CheckInput,
  lost: string,
  surviving: string,
): RoutingAssessment {
  const endpoints = ofType(
    input.resources,
    RESOURCE_TYPES.frontDoorEndpoint,
  ).filter(e => isChildOf(e.id, profile.id));
  const groups = ofType(
    input.resources,
    RESOURCE_TYPES.frontDoorOriginGroup,
  ).filter(g => isChildOf(g.id, profile.id));
  const groupViews = groups.map(group => {
    const origins = ofType(input.resources, RESOURCE_TYPES.frontDoorOrigin)
      .filter(o => isChildOf(o.id, group.id))
      .filter(
        o => !equalsIgnoreCase(read(o, 'properties.enabledState'), 'Disabled'),
      );
    const regions = origins.map(o =>
      targetRegion(
        input.resources,
        read(o, 'properties.azureOrigin.id'),
        read(o, 'properties.hostName'),
      ),
    );
    const interval = read(
      group,
      'properties.healthProbeSettings.probeIntervalInSeconds',
    );
    const sampleSize = read(
      group,
      'properties.loadBalancingSettings.sampleSize',
    );
    const required = read(
      group,
      'properties.loadBalancingSettings.successfulSamplesRequired',
    );
    // An origin is unhealthy once fewer than successfulSamplesRequired of the
    // last sampleSize probes succeed.
    const switchSeconds =
      typeof interval === 'number' &&
      typeof sampleSize === 'number' &&
      typeof required === 'number'
        ? interval * (sampleSize - required + 1)
        : undefined;
    return {
      group,
      regions,
      probed:
        read(group, 'properties.healthProbeSettings') !== undefined &&
        read(group, 'properties.healthProbeSettings') !== null,
      switchSeconds,
    };
  });
  const covering = groupViews.filter(v => v.regions.includes(surviving));
  const best = covering.find(v => v.probed) ?? covering[0];
  const evidence: Record<string, unknown> = {
    'sku.name': read(profile, 'sku.name') ?? null,
    endpoints: endpoints.map(e => ({
      name: e.name,
      enabledState: read(e, 'properties.enabledState') ?? null,
    })),
    originGroups: groupViews.map(v => ({
      name: v.group.name,
      healthProbeSettings:
        read(v.group, 'properties.healthProbeSettings') ?? null,
      originRegions: v.regions.map(r => r ?? null),
    })),
    switchTime:
      best?.switchSeconds === undefined
        ? null
        : formatIsoDuration(best.switchSeconds),
  };
  const base = {
    resource: profile,
    evidence,
    switchSeconds: best?.switchSeconds,
    component: 'front-door',
  };
  if (
    endpoints.length === 0 ||
    endpoints.every(e =>
      equalsIgnoreCase(read(e, 'properties.enabledState'), 'Disabled'),
    )
  ) {
    return {
      ...base,
      status: 'fail',
      finding: `Front Door profile ${profile.name} has no enabled endpoint.`,
      remediation: `Add or enable an endpoint on ${profile.name}.`,
    };
  }
  if (!best) {
    const unresolved = groupViews.some(v =>
      v.regions.some(r => r === undefined),
    );
    return {
      ...base,
      status: unresolved ? 'unknown' : 'fail',
      finding: unresolved
        ? `Some origins of ${profile.name} could not be placed in a region.`
        : `No origin group of Front Door profile ${
            profile.name
          } has an enabled origin in ${displayName(surviving)}.`,
      remediation: `Add an origin in ${displayName(
        surviving,
      )} to the origin group of ${profile.name}.`,
    };
  }
  if (!best.probed) {
    return {
      ...base,
      status: 'fail',
      finding: `Origin group ${
        best.group.name
      } has no health probe: Front Door keeps sending traffic to ${displayName(
        lost,
      )}.`,
      remediation: `Configure healthProbeSettings on origin group ${best.group.name}.`,
    };
  }
  return { ...base, status: 'pass' };
}

function routingAssessments(
  input: CheckInput,
): RoutingAssessment[] | undefined {
  const { lost, surviving } = regionsOf(input);
  if (!surviving || !lost) {
    return undefined;
  }
  return [
    ...ofType(input.resources, RESOURCE_TYPES.trafficManagerProfile).map(p =>
      assessTrafficManager(p, input, lost, surviving),
    ),
    ...ofType(input.resources, RESOURCE_TYPES.cdnProfile)
      .filter(p => /AzureFrontDoor/i.test(readString(p, 'sku.name') ?? ''))
      .map(p => assessFrontDoor(p, input, lost, surviving)),
  ];
}

/** Global routing sends users to the region that takes over when the lost region fails its health probes. */
export const checkGlobalRouting: ReadinessCheck = input => {
  const { lost, surviving } = regionsOf(input);
  const hasCompute = input.resources.some(r =>
    COMPUTE_TYPES.includes(typeOf(r)),
  );
  const assessments = routingAssessments(input);
  if (!surviving || !assessments || !hasCompute) {
    return undefined;
  }
  const definition: CheckDefinition = {
    id: 'global-routing',
    title: `Traffic moves to ${displayName(surviving)}`,
    category: 'recovery',
    weight: 3,
  };
  if (assessments.length === 0) {
    return result(
      definition,
      [
        {
          status: strictTier(input.policy) ? 'fail' : 'warn',
          evidence: { trafficManagerProfiles: 0, frontDoorProfiles: 0 },
          finding: `No Traffic Manager or Front Door profile routes the service: clients keep calling ${displayName(
            lost,
          )} until DNS is changed by hand.`,
          remediation: `Put the service behind Front Door (origins in ${displayName(
            lost,
          )} and ${displayName(
            surviving,
          )}, with health probes) or a Priority Traffic Manager profile.`,
        },
      ],
      '',
    );
  }
  // One working router is enough; report the best.
  const order: CheckStatus[] = ['pass', 'warn', 'unknown', 'fail'];
  const status =
    order.find(s => assessments.some(a => a.status === s)) ?? 'unknown';
  const working = assessments
    .filter(a => a.status === 'pass')
    .map(a => a.resource.name);
  return result(
    definition,
    assessments,
    `${working.join(', ')} send${
      working.length === 1 ? 's' : ''
    } traffic to ${displayName(surviving)} when ${displayName(
      lost,
    )} fails its health probes.`,
    { status },
  );
};

/** Resources in the primary survive the loss of one availability zone. */
export const checkZoneRedundancy: ReadinessCheck = input => {
  if (input.role !== 'primary') {
    return undefined;
  }
  const region = input.policy.primaryRegion;
  if (!getRegion(region)?.availabilityZones) {
    return undefined;
  }
  const here = input.resources.filter(r => regionOf(r) === region);
  const assessments: Assessment[] = [];
  const judge = (
    resource: AzureResource,
    zoneRedundant: boolean | undefined,
    evidence: Record<string, unknown>,
    what: string,
    fix: string,
  ) => {
    if (zoneRedundant === undefined) {
      assessments.push({
        resource,
        status: 'unknown',
        evidence,
        finding: `Whether ${resource.name} is zone-redundant was not reported.`,
        remediation: `Read ${resource.name} with its full properties.`,
      });
    } else if (zoneRedundant) {
      assessments.push({ resource, status: 'pass', evidence });
    } else {
      assessments.push({
        resource,
        status: 'warn',
        evidence,
        finding: `${
          resource.name
        } (${what}) is not zone-redundant: one zone failure in ${displayName(
          region,
        )} takes it down.`,
        remediation: fix,
      });
    }
  };
  const asBoolean = (v: unknown) => (typeof v === 'boolean' ? v : undefined);

  for (const account of ofType(here, RESOURCE_TYPES.storageAccount)) {
    const sku = readString(account, 'sku.name');
    judge(
      account,
      sku === undefined ? undefined : isZoneRedundantSku(sku),
      seen(account, ['sku.name']),
      'storage account',
      `Convert ${account.name} to Standard_GZRS (or Standard_ZRS).`,
    );
  }
  for (const db of ofType(here, RESOURCE_TYPES.sqlDatabase).filter(
    d => lower(d.name) !== 'master',
  )) {
    judge(
      db,
      asBoolean(read(db, 'properties.zoneRedundant')),
      seen(db, ['properties.zoneRedundant']),
      'SQL database',
      `Set zoneRedundant on ${db.name}.`,
    );
  }
  for (const plan of ofType(here, RESOURCE_TYPES.appServicePlan)) {
    judge(
      plan,
      asBoolean(read(plan, 'properties.zoneRedundant')),
      seen(plan, ['properties.zoneRedundant', 'sku.capacity']),
      'App Service plan',
      `Recreate ${plan.name} zone-redundant (zoneRedundant true, at least 2 instances): the setting is fixed at creation.`,
    );
  }
  for (const environment of ofType(
    here,
    RESOURCE_TYPES.containerAppsEnvironment,
  )) {
    judge(
      environment,
      asBoolean(read(environment, 'properties.zoneRedundant')),
      seen(environment, ['properties.zoneRedundant']),
      'Container Apps environment',
      `Recreate ${environment.name} with zoneRedundant true: the setting is fixed at creation.`,
    );
  }
  for (const cluster of ofType(here, RESOURCE_TYPES.aksCluster)) {
    const pools = readArray(cluster, 'properties.agentPoolProfiles');
    const poolZones = records(pools).map(p => ({
      name: field(p, 'name') ?? null,
      availabilityZones: field(p, 'availabilityZones') ?? null,
    }));
    judge(
      cluster,
      pools === undefined || pools.length === 0
        ? undefined
        : poolZones.every(
            p =>
              Array.isArray(p.availabilityZones) &&
              p.availabilityZones.length >= 2,
          ),
      { agentPoolProfiles: poolZones },
      'AKS cluster',
      `Spread every node pool of ${cluster.name} over availability zones (availabilityZones 1, 2, 3).`,
    );
  }
  for (const account of ofType(input.resources, RESOURCE_TYPES.cosmosAccount)) {
    const location = records(readArray(account, 'properties.locations')).find(
      l => normalizeRegion(field(l, 'locationName') as string) === region,
    );
    if (!location && regionOf(account) !== region) {
      continue;
    }
    judge(
      account,
      asBoolean(location ? field(location, 'isZoneRedundant') : undefined),
      {
        isZoneRedundant: location
          ? field(location, 'isZoneRedundant') ?? null
          : null,
      },
      'Cosmos DB account',
      `Enable zone redundancy in ${displayName(region)} on ${account.name}.`,
    );
  }
  for (const server of [
    ...ofType(here, RESOURCE_TYPES.postgresFlexible),
    ...ofType(here, RESOURCE_TYPES.mysqlFlexible),
  ]) {
    const mode = readString(server, 'properties.highAvailability.mode');
    judge(
      server,
      mode === undefined ? undefined : equalsIgnoreCase(mode, 'ZoneRedundant'),
      seen(server, ['properties.highAvailability.mode']),
      'flexible server',
      `Enable zone-redundant high availability on ${server.name}.`,
    );
  }
  if (assessments.length === 0) {
    return undefined;
  }
  return result(
    {
      id: 'zone-redundancy',
      title: `Zone-redundant in ${displayName(region)}`,
      category: 'assurance',
      weight: 1,
    },
    assessments,
    `Every zonal resource in ${displayName(region)} is zone-redundant.`,
  );
};

/** A recent, successful drill rehearsed the loss of the primary within the RTO and RPO. */
export const checkDrDrill: ReadinessCheck = input => {
  const { policy, lastDrill: drill } = input;
  if (input.role !== 'primary' || (policy.tier === 'none' && !drill)) {
    return undefined;
  }
  const region = policy.primaryRegion;
  const definition: CheckDefinition = {
    id: 'dr-drill',
    title: 'DR drill',
    category: 'assurance',
    weight: 2,
  };
  const remediation = `Rehearse the loss of ${displayName(
    region,
  )}: fail over to ${displayName(
    policy.secondaryRegion ?? 'the secondary',
  )}, measure the RTO and RPO achieved and record the drill.`;
  if (!drill) {
    return result(
      definition,
      [
        {
          status: policy.tier === 'standard' ? 'warn' : 'fail',
          evidence: { lastDrill: null },
          finding: `No DR drill has rehearsed the loss of ${displayName(
            region,
          )}.`,
          remediation,
        },
      ],
      '',
    );
  }
  const performed = timestampMillis(drill.performedAt);
  const ageDays =
    performed === undefined
      ? undefined
      : (input.now.getTime() - performed) / 86_400_000;
  const evidence: Record<string, unknown> = {
    drillId: drill.id,
    performedAt: drill.performedAt,
    outcome: drill.outcome,
    rtoAchieved: drill.rtoAchieved ?? null,
    rpoAchieved: drill.rpoAchieved ?? null,
    ageDays: ageDays === undefined ? null : Math.floor(ageDays),
  };
  const assess = (status: CheckStatus, finding?: string, blocking?: boolean) =>
    result(
      definition,
      [{ status, evidence, finding, remediation }],
      finding ?? '',
      {
        blocking,
      },
    );
  if (ageDays === undefined || ageDays < 0) {
    return assess(
      'unknown',
      `The last drill's date "${drill.performedAt}" is not a past ISO-8601 timestamp.`,
    );
  }
  if (drill.outcome === 'failed') {
    return assess(
      'fail',
      `The last drill (${drill.performedAt.slice(
        0,
        10,
      )}) failed: the service did not come back.`,
      true,
    );
  }
  const rto = objectiveSeconds(policy.rto);
  const rpo = objectiveSeconds(policy.rpo);
  const rtoAchieved = isoDurationToSeconds(drill.rtoAchieved, {
    allowZero: true,
  });
  const rpoAchieved = isoDurationToSeconds(drill.rpoAchieved, {
    allowZero: true,
  });
  if (rto !== undefined && rtoAchieved !== undefined && rtoAchieved > rto) {
    return assess(
      'fail',
      `The last drill took ${drill.rtoAchieved} to recover, beyond the RTO of ${policy.rto}.`,
      true,
    );
  }
  if (rpo !== undefined && rpoAchieved !== undefined && rpoAchieved > rpo) {
    return assess(
      'fail',
      `The last drill lost ${drill.rpoAchieved} of data, beyond the RPO of ${policy.rpo}.`,
      true,
    );
  }
  if (drill.outcome === 'partial') {
    return assess(
      'warn',
      `The last drill (${drill.performedAt.slice(
        0,
        10,
      )}) succeeded only partially.`,
    );
  }
  if (ageDays > DRILL_FAIL_AGE_DAYS && policy.tier === 'critical') {
    return assess(
      'fail',
      `The last drill was ${Math.floor(
        ageDays,
      )} days ago; critical services drill at least yearly.`,
      false,
    );
  }
  if (ageDays > DRILL_WARN_AGE_DAYS) {
    return assess(
      'warn',
      `The last drill was ${Math.floor(
        ageDays,
      )} days ago (more than ${DRILL_WARN_AGE_DAYS}).`,
    );
  }
  return result(
    definition,
    [{ status: 'pass', evidence }],
    `The last drill (${drill.performedAt.slice(0, 10)}, ${Math.floor(
      ageDays,
    )} days ago) succeeded${
      drill.rtoAchieved ? ` in ${drill.rtoAchieved}` : ''
    }.`,
  );
};

/** The writable copies of the data live in the primary (the service has not been left failed over). */
export const checkWriteRegionPlacement: ReadinessCheck = input => {
  if (input.role !== 'secondary' || !input.policy.secondaryRegion) {
    return undefined;
  }
  const { primaryRegion, secondaryRegion } = input.policy;
  const place = (
    resource: AzureResource,
    what: string,
    region: string | undefined,
    evidence: Record<string, unknown>,
  ): Assessment => {
    if (!region) {
      return {
        resource,
        status: 'unknown',
        evidence,
        finding: `Where ${resource.name} takes writes was not reported.`,
        remediation: `Read ${resource.name} with its full properties.`,
      };
    }
    if (region === primaryRegion) {
      return { resource, status: 'pass', evidence };
    }
    const where =
      region === secondaryRegion
        ? `the DR region ${displayName(region)}`
        : `${displayName(region)}, outside the declared regions`;
    return {
      resource,
      status: 'warn',
      evidence,
      finding: `${what} ${resource.name} takes writes in ${where}.`,
      remediation: `Fail ${resource.name} back to ${displayName(
        primaryRegion,
      )} in a planned failover, or update ${ANNOTATION_PRIMARY_REGION} if the move is permanent.`,
    };
  };
  const assessments: Assessment[] = failoverGroups(input.resources).map(
    placement =>
      place(placement.group, 'Failover group', placement.primaryRegion, {
        primaryServerRegion: placement.primaryRegion || null,
      }),
  );
  for (const account of ofType(input.resources, RESOURCE_TYPES.cosmosAccount)) {
    if (read(account, 'properties.enableMultipleWriteLocations') !== true) {
      const write = cosmosWriteRegion(account);
      assessments.push(
        place(account, 'Cosmos DB account', write, {
          writeRegion: write ?? null,
        }),
      );
    }
  }
  if (assessments.length === 0) {
    return undefined;
  }
  return result(
    {
      id: 'write-region-placement',
      title: `Writes happen in ${displayName(primaryRegion)}`,
      category: 'assurance',
      weight: 1,
    },
    assessments,
    `Databases take writes in ${displayName(primaryRegion)}, as declared.`,
  );
};

/** Every readiness check, in the order results are reported. */
export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  checkSecondaryRegion,
  checkStorageReplication,
  checkSqlFailoverGroup,
  checkSqlFailoverPolicy,
  checkCosmosMultiRegion,
  checkGeoRedundantBackups,
  checkBackupVault,
  checkKeyVaultRecovery,
  checkObservedRpo,
  checkComputeInSurvivingRegion,
  checkGlobalRouting,
  checkWriteRegionPlacement,
  checkZoneRedundancy,
  checkDataResidency,
  checkDrDrill,
];

/** Runs every check for one region role; checks that do not apply are omitted. */
export function runReadinessChecks(input: CheckInput): ReadinessCheckResult[] {
  return READINESS_CHECKS.map(check => check(input)).filter(
    (r): r is ReadinessCheckResult => r !== undefined,
  );
}

/** The parts of recovering from the loss of the role's region, with their estimated durations. */
export function recoveryComponents(input: CheckInput): RecoveryComponent[] {
  const { lost, surviving } = regionsOf(input);
  if (!lost || !surviving) {
    return [];
  }
  const components: RecoveryComponent[] = [];
  const hasCompute = input.resources.some(r =>
    COMPUTE_TYPES.includes(typeOf(r)),
  );
  if (hasCompute) {
    const routers = (routingAssessments(input) ?? []).filter(
      a => a.status === 'pass' || a.status === 'warn',
    );
    const fastest = routers
      .filter(a => a.switchSeconds !== undefined)
      .sort(
        (a, b) => (a.switchSeconds as number) - (b.switchSeconds as number),
      )[0];
    if (fastest) {
      components.push({
        component: fastest.component,
        resourceId: fastest.resource.id,
        duration: formatIsoDuration(fastest.switchSeconds as number),
        basis:
          fastest.component === 'traffic-manager'
            ? 'probe interval × (tolerated failures + 1) + DNS TTL'
            : 'probe interval × (sample size − successful samples required + 1)',
      });
    } else {
      components.push({
        component: 'routing',
        duration: null,
        basis:
          routers.length > 0
            ? 'health-probe settings not reported'
            : 'no global routing: clients are repointed by hand',
      });
    }
  }
  for (const { group } of failoverGroups(input.resources).filter(
    g => g.primaryRegion === lost,
  )) {
    const seconds = sqlRecoverySeconds(group, input);
    const automatic = equalsIgnoreCase(
      readString(group, 'properties.readWriteEndpoint.failoverPolicy'),
      'Automatic',
    );
    components.push({
      component: 'sql-failover-group',
      resourceId: group.id,
      duration: seconds === undefined ? null : formatIsoDuration(seconds),
      basis: automatic
        ? 'outage detection + failoverWithDataLossGracePeriodMinutes'
        : 'customer-managed failover, as measured in the last drill',
    });
  }
  for (const account of ofType(input.resources, RESOURCE_TYPES.cosmosAccount)) {
    if (cosmosWriteRegion(account) !== lost) {
      continue;
    }
    const multiWrite =
      read(account, 'properties.enableMultipleWriteLocations') === true;
    const automatic =
      read(account, 'properties.enableAutomaticFailover') === true;
    let duration: string | null = null;
    let basis = 'customer-managed failover';
    if (multiWrite) {
      duration = 'PT0S';
      basis = 'multi-region writes';
    } else if (automatic) {
      duration = formatIsoDuration(COSMOS_SERVICE_MANAGED_FAILOVER_SECONDS);
      basis = 'service-managed failover (Azure Cosmos DB reliability guide)';
    }
    components.push({
      component: 'cosmos-db',
      resourceId: account.id,
      duration,
      basis,
    });
  }
  const drill = input.lastDrill;
  const drilled = isoDurationToSeconds(drill?.rtoAchieved, { allowZero: true });
  if (drill?.outcome === 'success' && drilled !== undefined) {
    components.push({
      component: 'drill',
      duration: formatIsoDuration(drilled),
      basis: `measured in drill ${drill.id} on ${drill.performedAt.slice(
        0,
        10,
      )}`,
    });
  }
  return components;
}

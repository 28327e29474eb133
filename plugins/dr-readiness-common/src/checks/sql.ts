import {
  type AzureResource,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import { formatIsoDuration, isoDurationToSeconds } from '../durations';
import {
  type Assessment,
  type CheckInput,
  DRILL_FAIL_AGE_DAYS,
  OUTAGE_DETECTION_SECONDS,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  derivedOnce,
  displayName,
  drillProvesRecovery,
  equalsIgnoreCase,
  field,
  hasProperties,
  lower,
  objectiveSeconds,
  ofType,
  read,
  readArray,
  readString,
  records,
  regionOf,
  regionsOf,
  result,
  sameId,
  seen,
  strictTier,
} from './values';

/**
 * Azure SQL's automatic (Microsoft-managed) failover policy requires a grace
 * period of at least one hour (failoverWithDataLossGracePeriodMinutes ≥ 60).
 */
export const SQL_MIN_GRACE_PERIOD_MINUTES = 60;

/** Whether a database is a server's `master`, which holds no user data. */
export function isMasterDatabase(db: AzureResource): boolean {
  // Only a six-letter name can be `master`; others are not lower-cased.
  return db.name.length === 6 && lower(db.name) === 'master';
}

/** Databases that take writes: not `master`, not a geo-secondary (`properties.secondaryType`). */
export function writableDatabases(
  resources: readonly AzureResource[],
): readonly AzureResource[] {
  return derivedOnce(resources, findWritableDatabases);
}

function findWritableDatabases(
  resources: readonly AzureResource[],
): readonly AzureResource[] {
  return ofType(resources, RESOURCE_TYPES.sqlDatabase).filter(
    db =>
      !isMasterDatabase(db) &&
      read(db, 'properties.secondaryType') === undefined,
  );
}

export interface FailoverGroupPlacement {
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
export function placeFailoverGroup(
  group: AzureResource,
): FailoverGroupPlacement {
  const role = readString(group, 'properties.replicationRole');
  // Server groups list partner servers; instance groups list partner regions.
  const partners = records(
    readArray(group, 'properties.partnerServers') ??
      readArray(group, 'properties.partnerRegions'),
  );
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

/**
 * Failover groups, one per group name (preferring the copy read from the
 * primary): of servers by default, or of managed instances
 * (`RESOURCE_TYPES.sqlInstanceFailoverGroup`).
 */
export function failoverGroups(
  resources: readonly AzureResource[],
  type: string = RESOURCE_TYPES.sqlFailoverGroup,
): readonly FailoverGroupPlacement[] {
  if (type === RESOURCE_TYPES.sqlFailoverGroup) {
    return derivedOnce(resources, serverFailoverGroups);
  }
  if (type === RESOURCE_TYPES.sqlInstanceFailoverGroup) {
    return derivedOnce(resources, instanceFailoverGroups);
  }
  return placeFailoverGroups(resources, type);
}

function serverFailoverGroups(resources: readonly AzureResource[]) {
  return placeFailoverGroups(resources, RESOURCE_TYPES.sqlFailoverGroup);
}

function instanceFailoverGroups(resources: readonly AzureResource[]) {
  return placeFailoverGroups(
    resources,
    RESOURCE_TYPES.sqlInstanceFailoverGroup,
  );
}

function placeFailoverGroups(
  resources: readonly AzureResource[],
  type: string,
): FailoverGroupPlacement[] {
  const byName = new Map<string, FailoverGroupPlacement>();
  for (const group of ofType(resources, type)) {
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

/** The logical server a database or a failover group belongs to. */
export function sqlServerIdOf(id: string): string {
  return id.replace(/\/(databases|failovergroups)\/[^/]+\/*$/i, '');
}

/** The failover groups of a server: the copy read under it, or a copy whose partner it is. */
function groupsOfServer(
  server: AzureResource,
  groups: readonly FailoverGroupPlacement[],
): FailoverGroupPlacement[] {
  return groups.filter(
    ({ group }) =>
      sameId(sqlServerIdOf(group.id), server.id) ||
      records(readArray(group, 'properties.partnerServers')).some(p =>
        sameId(field(p, 'id'), server.id),
      ),
  );
}

/**
 * A logical server holding writable databases in the lost region: it needs a
 * partner in the region that takes over, through a failover group, and the
 * partner must be up. The server-level settings a database copy does not
 * carry (logins, Entra administrator, firewall rules, auditing) have to exist
 * on that partner for the databases to serve there after a failover.
 */
function assessServer(
  server: AzureResource,
  groups: readonly FailoverGroupPlacement[],
  surviving: string,
  resources: readonly AzureResource[],
): Assessment {
  const own = groupsOfServer(server, groups);
  const partnerIds = own.flatMap(({ group }) =>
    records(readArray(group, 'properties.partnerServers'))
      .map(p => field(p, 'id'))
      .filter(
        (id): id is string => typeof id === 'string' && !sameId(id, server.id),
      ),
  );
  const partners = partnerIds.flatMap(id => {
    const partner = resources.find(r => sameId(r.id, id));
    return partner ? [partner] : [];
  });
  const evidence: Record<string, unknown> = {
    ...seen(server, ['properties.state']),
    failoverGroups: own.map(g => g.group.name),
    partnerServers: partnerIds,
  };
  if (!hasProperties(server) || own.some(g => !g.known)) {
    return {
      resource: server,
      status: 'unknown',
      evidence,
      finding: `Whether server ${server.name} has a partner in ${displayName(
        surviving,
      )} is unknown.`,
      remediation: `Read ${server.name} and its failover groups with their full properties.`,
    };
  }
  const pairing = own.filter(g => g.partnerRegions.includes(surviving));
  if (pairing.length === 0) {
    return {
      resource: server,
      status: 'fail',
      evidence,
      finding:
        own.length === 0
          ? `Server ${
              server.name
            } is in no failover group: no partner server in ${displayName(
              surviving,
            )} is set up to take over its databases, logins, firewall rules and auditing.`
          : `The failover groups of server ${
              server.name
            } pair it with servers in ${
              own.flatMap(g => g.partnerRegions).join(', ') || 'no region'
            }, not in ${displayName(surviving)}.`,
      remediation: `Create a partner server for ${server.name} in ${displayName(
        surviving,
      )} and pair them in a failover group (Terraform azurerm_mssql_failover_group partner_server { id = ... }).`,
    };
  }
  const down = partners.find(
    p =>
      regionOf(p) === surviving &&
      readString(p, 'properties.state') !== undefined &&
      !equalsIgnoreCase(readString(p, 'properties.state'), 'Ready'),
  );
  if (down) {
    return {
      resource: server,
      status: 'warn',
      evidence: {
        ...evidence,
        partnerState: readString(down, 'properties.state') ?? null,
      },
      finding: `Partner server ${down.name} of ${server.name} is ${readString(
        down,
        'properties.state',
      )}, not Ready.`,
      remediation: `Bring ${down.name} back to Ready before relying on a failover to it.`,
    };
  }
  return { resource: server, status: 'pass', evidence };
}

/**
 * Every database in the lost region is in a failover group whose partner is
 * in the region that takes over, and every logical server holding them has a
 * partner server there.
 */
export const sqlFailoverGroupCheck: ReadinessCheckDefinition = {
  id: 'sql-failover-group',
  title: 'SQL databases fail over to the secondary region',
  category: 'data-protection',
  weight: 3,
  resourceTypes: [
    RESOURCE_TYPES.sqlServer,
    RESOURCE_TYPES.sqlDatabase,
    RESOURCE_TYPES.sqlFailoverGroup,
  ],
  mirrors: { aprl: ['943c168a', 'de266d8a'] },
  evaluate: input => {
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
      const cut = db.id.indexOf('/databases/');
      const head = cut < 0 ? db.id : db.id.slice(0, cut);
      const server = head.slice(head.lastIndexOf('/') + 1);
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
    const serverIds = new Set(databases.map(db => lower(sqlServerIdOf(db.id))));
    const serverAssessments = ofType(input.resources, RESOURCE_TYPES.sqlServer)
      .filter(server => serverIds.has(lower(server.id)))
      .map(server => assessServer(server, groups, surviving, input.resources));
    return result(
      {
        ...sqlFailoverGroupCheck,
        title: `SQL databases fail over to ${displayName(surviving)}`,
      },
      [...databaseAssessments, ...serverAssessments, ...groupAssessments],
      `Every database in ${displayName(
        lost,
      )} is in a failover group with a partner in ${displayName(surviving)}.`,
    );
  },
};

/** `sqlFailoverGroupCheck.evaluate`, under the name callers have used. */
export const checkSqlFailoverGroup: ReadinessCheck =
  sqlFailoverGroupCheck.evaluate;

/**
 * Seconds until the databases of a failover group under the automatic
 * (Microsoft-managed) policy are writable again: the outage is noticed, then
 * the grace period runs out.
 */
export function automaticSqlRecoverySeconds(graceMinutes: number): number {
  return graceMinutes * 60 + OUTAGE_DETECTION_SECONDS;
}

/** Seconds until a failover group's databases are writable again, or undefined. */
export function sqlRecoverySeconds(
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
      ? automaticSqlRecoverySeconds(grace)
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
export const sqlFailoverPolicyCheck: ReadinessCheckDefinition = {
  id: 'sql-failover-policy',
  title: 'SQL failover fits the RTO',
  category: 'recovery',
  weight: 3,
  resourceTypes: [
    RESOURCE_TYPES.sqlFailoverGroup,
    RESOURCE_TYPES.sqlInstanceFailoverGroup,
  ],
  mirrors: { aprl: ['0f838324'] },
  evaluate: input => {
    const { lost } = regionsOf(input);
    const groups = [
      ...failoverGroups(input.resources),
      ...failoverGroups(
        input.resources,
        RESOURCE_TYPES.sqlInstanceFailoverGroup,
      ),
    ].filter(g => g.primaryRegion === lost);
    if (!lost || groups.length === 0) {
      return undefined;
    }
    const rto = objectiveSeconds(input.policy.rto);
    const assessments = groups.map(({ group, known }): Assessment => {
      const instanceGroup =
        lower(group.type) === RESOURCE_TYPES.sqlInstanceFailoverGroup;
      const setPrimary = instanceGroup
        ? 'az sql instance-failover-group set-primary --allow-data-loss'
        : 'az sql failover-group set-primary --allow-data-loss';
      const terraform = instanceGroup
        ? ' (Terraform azurerm_mssql_managed_instance_failover_group read_write_endpoint_failover_policy { mode, grace_minutes })'
        : '';
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
            ? `Lower failoverWithDataLossGracePeriodMinutes of ${group.name} to ${graceBudgetMinutes} or less${terraform}, or switch to customer-managed failover driven by an alert.`
            : `Automatic failover cannot meet an RTO of ${input.policy.rto}: its grace period is at least ${SQL_MIN_GRACE_PERIOD_MINUTES} minutes. Switch ${group.name} to customer-managed failover (failoverPolicy Manual${terraform}) run by an alert-triggered runbook (${setPrimary}), and prove it in a drill.`;
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
          remediation: `Automate the customer-managed failover of ${group.name} (an alert-triggered runbook running ${setPrimary} on the partner) and record a drill that measures the RTO.`,
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
      sqlFailoverPolicyCheck,
      assessments,
      `SQL failover brings the databases back within ${
        input.policy.rto ?? 'the expected time (no RTO declared)'
      }.`,
    );
  },
};

/** `sqlFailoverPolicyCheck.evaluate`, under the name callers have used. */
export const checkSqlFailoverPolicy: ReadinessCheck =
  sqlFailoverPolicyCheck.evaluate;

import { formatIsoDuration, isoDurationToSeconds } from '../durations';
import { type RecoveryComponent } from '../types';
import { hasCompute } from './compute';
import {
  COSMOS_SERVICE_MANAGED_FAILOVER_SECONDS,
  cosmosWriteRegion,
} from './cosmosDb';
import { routingAssessments } from './routing';
import { failoverGroups, sqlRecoverySeconds } from './sql';
import {
  type CheckInput,
  RESOURCE_TYPES,
  equalsIgnoreCase,
  ofType,
  read,
  readString,
  regionsOf,
} from './values';

/** The parts of recovering from the loss of the role's region, with their estimated durations. */
export function recoveryComponents(input: CheckInput): RecoveryComponent[] {
  const { lost, surviving } = regionsOf(input);
  if (!lost || !surviving) {
    return [];
  }
  const components: RecoveryComponent[] = [];
  if (hasCompute(input.resources)) {
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
  for (const { group } of [
    ...failoverGroups(input.resources),
    ...failoverGroups(input.resources, RESOURCE_TYPES.sqlInstanceFailoverGroup),
  ].filter(g => g.primaryRegion === lost)) {
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

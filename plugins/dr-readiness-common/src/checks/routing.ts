import {
  type AzureResource,
  isChildOf,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import { formatIsoDuration } from '../durations';
import { type CheckStatus } from '../types';
import { hasCompute } from './compute';
import {
  type Assessment,
  type CheckInput,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  equalsIgnoreCase,
  field,
  hasProperties,
  lower,
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

/** Host names a resource serves, for resolving Front Door origins. */
export function hostNamesOf(resource: AzureResource): string[] {
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
export function targetRegion(
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

export interface RoutingAssessment extends Assessment {
  resource: AzureResource;
  /** Seconds to detect the lost region and steer traffic away, when known. */
  switchSeconds?: number;
  component: string;
}

export function assessTrafficManager(
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

export function assessFrontDoor(
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

export function routingAssessments(
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
export const globalRoutingCheck: ReadinessCheckDefinition = {
  id: 'global-routing',
  title: 'Traffic moves to the secondary region',
  category: 'recovery',
  weight: 3,
  resourceTypes: [
    RESOURCE_TYPES.trafficManagerProfile,
    RESOURCE_TYPES.cdnProfile,
  ],
  mirrors: { aprl: ['1ad9d7b7', '5b422a7f'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    if (!surviving || !hasCompute(input.resources)) {
      return undefined;
    }
    const assessments = routingAssessments(input);
    if (!assessments) {
      return undefined;
    }
    const definition = {
      ...globalRoutingCheck,
      title: `Traffic moves to ${displayName(surviving)}`,
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
  },
};

/** `globalRoutingCheck.evaluate`, under the name callers have used. */
export const checkGlobalRouting: ReadinessCheck = globalRoutingCheck.evaluate;

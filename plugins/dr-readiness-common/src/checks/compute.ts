import { type AzureResource } from '@vitals/azure-inventory-common';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  ofType,
  readString,
  regionOf,
  regionsOf,
  result,
  typeOf,
} from './values';

export const COMPUTE_TYPES: readonly string[] = [
  RESOURCE_TYPES.appServiceSite,
  RESOURCE_TYPES.aksCluster,
  RESOURCE_TYPES.containerApp,
  RESOURCE_TYPES.containerGroup,
];

/**
 * Whether any of the resources is compute: looked up by type in the list's
 * grouping, which every check of the entity shares, rather than by
 * lower-casing the type of each resource for each check.
 */
export function hasCompute(resources: readonly AzureResource[]): boolean {
  return COMPUTE_TYPES.some(type => ofType(resources, type).length > 0);
}

export const COMPUTE_LABELS: Record<string, string> = {
  [RESOURCE_TYPES.appServiceSite]: 'App Service site',
  [RESOURCE_TYPES.aksCluster]: 'AKS cluster',
  [RESOURCE_TYPES.containerApp]: 'container app',
  [RESOURCE_TYPES.containerGroup]: 'container group',
};

export function computeState(resource: AzureResource): string | undefined {
  switch (typeOf(resource)) {
    case RESOURCE_TYPES.appServiceSite:
      return readString(resource, 'properties.state');
    case RESOURCE_TYPES.aksCluster:
      return readString(resource, 'properties.powerState.code');
    case RESOURCE_TYPES.containerApp:
      return readString(resource, 'properties.runningStatus');
    case RESOURCE_TYPES.containerGroup:
      return readString(resource, 'properties.instanceView.state');
    default:
      return undefined;
  }
}

/** The region that takes over runs the service's compute. */
export const computeInSurvivingRegionCheck: ReadinessCheckDefinition = {
  id: 'compute-in-surviving-region',
  title: 'Compute runs in the secondary region',
  category: 'recovery',
  weight: 3,
  resourceTypes: COMPUTE_TYPES,
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const compute = hasCompute(input.resources)
      ? input.resources.filter(r => COMPUTE_TYPES.includes(typeOf(r)))
      : [];
    if (!surviving || compute.length === 0) {
      return undefined;
    }
    const definition = {
      ...computeInSurvivingRegionCheck,
      title: `Compute runs in ${displayName(surviving)}`,
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
          ? here.map(r => ({
              ...missing,
              resource: r,
              evidence: evidenceOf(r),
            }))
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
          finding: `${displayName(
            surviving,
          )} runs ${present} of the ${wanted} ${
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
  },
};

/** `computeInSurvivingRegionCheck.evaluate`, under the name callers have used. */
export const checkComputeInSurvivingRegion: ReadinessCheck =
  computeInSurvivingRegionCheck.evaluate;

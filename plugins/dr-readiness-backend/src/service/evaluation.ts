import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InventoryIndex, resourcesForSelector } from '@vitals/azure-inventory';
import {
  ANNOTATION_DR_TIER,
  CoverageExclusion,
  DR_TIERS,
  DrillRecord,
  DrTier,
  evaluateReadiness,
  getRegion,
  readDrPolicy,
  serviceImpact,
  ServiceImpact,
  TierObjectivesConfig,
} from '@vitals/plugin-dr-readiness-common';
import type { EvaluationRecord } from '../database/DrStore';
import type { OverviewCell } from './types';

// Entity refs are ASCII; toLocaleLowerCase with a locale is slow in bulk.
const lower = (value: string) => value.toLowerCase();

/** Full, lower-case entity ref of the owner or system, from relations or spec. */
function relatedRef(
  entity: Entity,
  relation: string,
  field: 'owner' | 'system',
  kind: string,
): string | null {
  const target = entity.relations?.find(
    r =>
      r.type === relation && lower(parseEntityRef(r.targetRef).kind) === kind,
  )?.targetRef;
  if (target) return lower(target);
  const raw = entity.spec?.[field];
  if (typeof raw !== 'string' || !raw) return null;
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(raw, {
          defaultKind: kind,
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return null;
  }
}

export const ownerOf = (entity: Entity) =>
  relatedRef(entity, 'ownedBy', 'owner', 'group') ??
  relatedRef(entity, 'ownedBy', 'owner', 'user');

export const systemOf = (entity: Entity) =>
  relatedRef(entity, 'partOf', 'system', 'system');

/** The lower-case ref the plugin stores and serves an entity under. */
export const entityRefOf = (entity: Entity) =>
  lower(stringifyEntityRef(entity));

export interface EntityEvaluationInput {
  entity: Entity;
  index: InventoryIndex;
  /** The entity's drills (others are ignored by the checks anyway). */
  drills: readonly DrillRecord[];
  now: Date;
  tiers?: TierObjectivesConfig;
  /** Coverage gaps accepted with a reason (`vitals.drReadiness.coverageExclusions`). */
  coverageExclusions?: readonly CoverageExclusion[];
  /** Version of the inventory behind `index`. */
  inventoryRefreshedAt: number | null;
}

/**
 * Evaluates one entity: its DR policy from annotations, its resources from
 * the inventory, the readiness checks per region, and what losing each region
 * where it has a presence does to it. Pure: the clock and the data are inputs.
 */
export function evaluateEntity(input: EntityEvaluationInput): EvaluationRecord {
  const { entity, now } = input;
  const entityRef = entityRefOf(entity);
  const base = {
    entityRef,
    owner: ownerOf(entity),
    system: systemOf(entity),
    evaluatedAt: now.getTime(),
    inventoryRefreshedAt: input.inventoryRefreshedAt,
  };
  const policyResult = readDrPolicy(entity, { tiers: input.tiers });
  if (!policyResult.ok) {
    const annotatedTier = lower(
      entity.metadata.annotations?.[ANNOTATION_DR_TIER]?.trim() ?? '',
    );
    return {
      ...base,
      tier: (DR_TIERS as readonly string[]).includes(annotatedTier)
        ? (annotatedTier as DrTier)
        : null,
      status: 'unknown',
      score: null,
      required: annotatedTier !== 'none',
      primaryRegion: null,
      secondaryRegion: null,
      pairing: null,
      cells: {},
      lastDrill: null,
      policyErrors: policyResult.errors.map(error => ({
        annotation: error.field,
        value: error.value ?? null,
        reason: error.reason,
        message: error.message,
      })),
      evaluation: null,
      impacts: [],
    };
  }
  const { policy } = policyResult;
  // The common selector and the inventory's index use the same clause shapes.
  const resources = resourcesForSelector(input.index, policy.selector.clauses);
  const evaluation = evaluateReadiness({
    entityRef,
    policy,
    resources,
    drills: input.drills,
    now,
    coverageExclusions: input.coverageExclusions,
  });
  const cells: Record<string, OverviewCell> = {};
  for (const region of evaluation.regions) {
    cells[region.region] = { role: region.role, status: region.status };
  }
  const presence = new Set<string>(evaluation.regions.map(r => r.region));
  for (const resource of resources) {
    // `global` resources (Front Door, Traffic Manager) are lost with no region.
    const region = getRegion(resource.location);
    if (region) presence.add(region.name);
  }
  const service = { evaluation, resources };
  const impacts = [...presence].sort().map(region => ({
    region,
    impact: serviceImpact(region, service),
  }));
  return {
    ...base,
    tier: evaluation.policy.tier,
    status: evaluation.status,
    score: evaluation.score,
    required: evaluation.required,
    primaryRegion: evaluation.primaryRegion,
    secondaryRegion: evaluation.secondaryRegion,
    pairing: evaluation.pairing,
    cells,
    lastDrill: evaluation.lastDrill
      ? {
          performedAt: evaluation.lastDrill.performedAt,
          outcome: evaluation.lastDrill.outcome,
        }
      : null,
    policyErrors: null,
    evaluation,
    impacts: impacts.filter(
      (i): i is { region: string; impact: ServiceImpact } =>
        i.impact !== undefined,
    ),
  };
}

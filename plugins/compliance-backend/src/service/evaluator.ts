import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { collectedChildTypes } from '@vitals/azure-inventory';
import type { InventoryProvenance } from '@vitals/azure-inventory-common';
import { sameActor } from '@vitals/backend-http';
import {
  COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION,
  COMPLIANCE_DR_TIER_ANNOTATION,
  evaluateEstate,
  type ComplianceEvaluationOptions,
  type ComplianceExemption,
  type ComplianceStatus,
  type ControlAttestation,
  type EntityComplianceResult,
  type Framework,
} from '@vitals/plugin-compliance-common';
import {
  AttestationRow,
  ComplianceStore,
  ExemptionRow,
} from '../database/ComplianceStore';
import { DrReadinessClient, DrSummaries } from './drReadiness';
import { ComplianceInventory, EvaluatedInventory } from './inventory';
import { toVerdictInput } from './verdicts';

/** Unowned resources kept per run; the count is always complete. */
const UNOWNED_LIMIT = 2000;

export interface EvaluationSummary {
  runId: number;
  entities: number;
  changed: number;
  inventoryError: string | null;
  drError: string | null;
  /**
   * Entities with a DR tier that the DR-readiness plugin has not evaluated
   * yet (it was still starting, or they are new): their DR controls are
   * `unknown` until a later run.
   */
  drMissing: number;
  durationMs: number;
}

export function countMissingDrSummaries(
  entities: Entity[],
  dr: DrSummaries,
): number {
  if (!dr.available) return 0;
  let missing = 0;
  for (const entity of entities) {
    if (
      entity.metadata.annotations?.[COMPLIANCE_DR_TIER_ANNOTATION] &&
      !dr.summaries.has(stringifyEntityRef(entity).toLocaleLowerCase('en-US'))
    ) {
      missing++;
    }
  }
  return missing;
}

export function toComplianceExemption(row: ExemptionRow): ComplianceExemption {
  return {
    id: row.id,
    entityRef: row.entityRef,
    controlId: row.controlId,
    ...(row.resourceId ? { resourceId: row.resourceId } : {}),
    category: row.category,
    reason: row.reason,
    ...(row.alternativeMeasure
      ? { alternativeMeasure: row.alternativeMeasure }
      : {}),
    ...(row.ticketUrl ? { ticketUrl: row.ticketUrl } : {}),
    // A requester who is the approver under another case, compatibility
    // form or invisible character (stored before requesters were checked
    // against the catalog) is the approver: the record reads as self-approved
    // and is never applied.
    requester: sameActor(row.requester, row.approver)
      ? row.approver
      : row.requester,
    approver: row.approver,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
  };
}

export function toControlAttestation(row: AttestationRow): ControlAttestation {
  return {
    id: row.id,
    entityRef: row.entityRef,
    controlId: row.controlId,
    link: row.link,
    attestedBy: row.attestedBy,
    attestedAt: new Date(row.attestedAt).toISOString(),
    reviewBy: new Date(row.reviewBy).toISOString(),
  };
}

/** Full, lower-case ref of the owner or system, from relations or spec. */
function relatedRef(
  entity: Entity,
  relation: string,
  field: 'owner' | 'system',
  kinds: string[],
): string | null {
  const target = entity.relations?.find(
    r =>
      r.type === relation &&
      kinds.includes(
        parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US'),
      ),
  )?.targetRef;
  if (target) return target.toLocaleLowerCase('en-US');
  const raw = entity.spec?.[field];
  if (typeof raw !== 'string' || !raw) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(raw, {
        defaultKind: kinds[0],
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return null;
  }
}

/** The child types a live load reads below the resources it lists. */
const LIVE_CHILD_TYPES: readonly string[] = collectedChildTypes();
const liveOptions = new WeakMap<
  ComplianceEvaluationOptions,
  ComplianceEvaluationOptions
>();
const NO_OPTIONS: ComplianceEvaluationOptions = {};

/**
 * The evaluation options for an inventory: a live load reads only the child
 * types its table names, so a rule that finds none of another child type
 * answers `unknown` rather than judging the absence. A snapshot carries what
 * its export holds, and configured `collectedChildTypes` always win.
 */
export function evaluationOptionsFor(
  provenance: Pick<InventoryProvenance, 'source'>,
  options: ComplianceEvaluationOptions | undefined,
): ComplianceEvaluationOptions | undefined {
  if (provenance.source !== 'live' || options?.collectedChildTypes) {
    return options;
  }
  const base = options ?? NO_OPTIONS;
  let live = liveOptions.get(base);
  if (!live) {
    live = { ...base, collectedChildTypes: LIVE_CHILD_TYPES };
    liveOptions.set(base, live);
  }
  return live;
}

export const ownerOf = (entity: Entity) =>
  relatedRef(entity, 'ownedBy', 'owner', ['group', 'user']);
export const systemOf = (entity: Entity) =>
  relatedRef(entity, 'partOf', 'system', ['system']);

/**
 * Evaluates the HIPAA framework over the catalog and the Azure inventory and
 * stores the verdicts. The whole estate on schedule; one entity right after
 * an exemption or attestation changes it.
 */
export class ComplianceEvaluator {
  constructor(
    private readonly options: {
      store: ComplianceStore;
      inventory: ComplianceInventory;
      catalog: CatalogService;
      auth: AuthService;
      dr: DrReadinessClient;
      logger: LoggerService;
      framework: Framework;
      ruleVersion: string;
      retentionMs: number;
      evaluationOptions?: ComplianceEvaluationOptions;
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** Entities HIPAA is judged for: components, and anything that declares a classification. */
  private async loadEntities(): Promise<{
    entities: Entity[];
    groups: string[];
  }> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    const seen = new Set<string>();
    for await (const page of catalog.streamEntities(
      {
        filter: [
          { kind: 'component' },
          {
            [`metadata.annotations.${COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
      },
      { credentials },
    )) {
      for (const entity of page) {
        const ref = stringifyEntityRef(entity);
        if (!seen.has(ref)) {
          seen.add(ref);
          entities.push(entity);
        }
      }
    }
    const groups: string[] = [];
    for await (const page of catalog.streamEntities(
      { filter: { kind: 'group' }, fields: ['kind', 'metadata'] },
      { credentials },
    )) {
      groups.push(...page.map(g => stringifyEntityRef(g)));
    }
    return { entities, groups };
  }

  private async loadEntity(entityRef: string): Promise<{
    entity: Entity | undefined;
    groups: string[];
  }> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    const groups: string[] = [];
    for await (const page of catalog.streamEntities(
      { filter: { kind: 'group' }, fields: ['kind', 'metadata'] },
      { credentials },
    )) {
      groups.push(...page.map(g => stringifyEntityRef(g)));
    }
    return { entity, groups };
  }

  private evaluate(input: {
    entities: Entity[];
    groups: string[];
    inventory: EvaluatedInventory;
    dr: DrSummaries;
    exemptions: ExemptionRow[];
    attestations: AttestationRow[];
    at: number;
  }) {
    const { framework, ruleVersion, evaluationOptions } = this.options;
    const estate = evaluateEstate({
      framework,
      entities: input.entities,
      resources: input.inventory.resources,
      index: input.inventory.index,
      provenance: input.inventory.provenance,
      drSummaries: input.dr.available ? input.dr.summaries : undefined,
      exemptions: input.exemptions.map(toComplianceExemption),
      attestations: input.attestations.map(toControlAttestation),
      knownGroups: input.groups,
      options: evaluationOptionsFor(
        input.inventory.provenance,
        evaluationOptions,
      ),
      now: new Date(input.at),
      ruleVersion,
    });
    const byRef = new Map(input.entities.map(e => [stringifyEntityRef(e), e]));
    for (const result of estate.results) {
      const entity = byRef.get(result.entityRef);
      if (entity) {
        result.owner = ownerOf(entity);
        result.system = systemOf(entity);
      }
    }
    return estate;
  }

  private async record(input: {
    runId: number;
    at: number;
    results: EntityComplianceResult[];
    closeMissing: boolean;
    inventory: EvaluatedInventory;
    dr: DrSummaries;
    unowned?: { total: number; items: unknown[] };
    selectorErrors?: Array<{ entityRef: string; invalid: string[] }>;
  }): Promise<number> {
    const { store } = this.options;
    const changed = await store.applyVerdicts({
      runId: input.runId,
      at: input.at,
      verdicts: input.results.map(toVerdictInput),
      closeMissing: input.closeMissing,
    });
    const summary: Partial<Record<ComplianceStatus, number>> = {};
    for (const r of input.results) {
      summary[r.status] = (summary[r.status] ?? 0) + 1;
    }
    const fetchedAt = Date.parse(input.inventory.provenance.fetchedAt);
    await store.finishRun(input.runId, this.now(), {
      inventorySource: input.inventory.provenance.source,
      inventoryOrigin: input.inventory.provenance.origin,
      inventoryFetchedAt: Number.isFinite(fetchedAt) ? fetchedAt : null,
      inventoryRefreshedAt: input.inventory.refreshedAt,
      inventoryError: input.inventory.error,
      drEvaluatedAt:
        input.dr.available && input.dr.evaluatedAt
          ? Date.parse(input.dr.evaluatedAt)
          : null,
      drError: input.dr.available ? null : input.dr.error,
      entities: input.results.length,
      changed,
      summary,
      unowned: input.unowned,
      selectorErrors: input.selectorErrors,
    });
    return changed;
  }

  /** One scheduled evaluation of every entity; prunes what is past retention. */
  async evaluateAll(trigger = 'schedule'): Promise<EvaluationSummary> {
    const { store, framework, ruleVersion, logger } = this.options;
    const at = this.now();
    const runId = await store.startRun({
      scope: null,
      trigger,
      startedAt: at,
      ruleVersion,
      frameworkVersion: framework.version,
    });
    try {
      const [inventory, catalogData, dr, exemptions, attestations] =
        await Promise.all([
          this.options.inventory.refresh(),
          this.loadEntities(),
          this.options.dr.fetchSummaries(),
          store.listExemptions(),
          store.listAttestations(),
        ]);
      const estate = this.evaluate({
        ...catalogData,
        inventory,
        dr,
        exemptions,
        attestations,
        at,
      });
      const changed = await this.record({
        runId,
        at,
        results: estate.results,
        // An empty answer is the catalog still starting, not every service
        // gone: keep the verdicts that hold.
        closeMissing: estate.results.length > 0,
        inventory,
        dr,
        unowned: {
          total: estate.unownedResources.length,
          items: estate.unownedResources.slice(0, UNOWNED_LIMIT).map(r => ({
            id: r.id,
            name: r.name,
            type: r.type,
            location: r.location,
            subscriptionId: r.subscriptionId,
            resourceGroup: r.resourceGroup,
            tags: r.tags ?? {},
          })),
        },
        selectorErrors: estate.selectorErrors,
      });
      const pruned = await store.prune(at - this.options.retentionMs);
      const durationMs = this.now() - at;
      logger.info(
        `HIPAA evaluation of ${estate.results.length} entities over ${
          inventory.resources.length
        } Azure resources: ${changed} changed, in ${durationMs} ms${
          pruned.runs ? `; pruned ${pruned.runs} runs past retention` : ''
        }`,
      );
      return {
        runId,
        entities: estate.results.length,
        changed,
        inventoryError: inventory.error,
        drError: dr.available ? null : dr.error,
        drMissing: countMissingDrSummaries(catalogData.entities, dr),
        durationMs,
      };
    } catch (error) {
      await store.failRun(runId, this.now(), (error as Error).message);
      throw error;
    }
  }

  /**
   * Re-evaluates one entity with the stored inventory, so an exemption or
   * attestation shows at once instead of at the next scheduled run. Returns
   * undefined when the entity is not in the catalog.
   */
  async evaluateEntity(
    entityRef: string,
    trigger: string,
  ): Promise<EntityComplianceResult | undefined> {
    const { store, framework, ruleVersion } = this.options;
    const inventory = await this.options.inventory.stored();
    if (!inventory) {
      return undefined;
    }
    const { entity, groups } = await this.loadEntity(entityRef);
    if (!entity) {
      return undefined;
    }
    const ref = stringifyEntityRef(entity);
    const at = this.now();
    const runId = await store.startRun({
      scope: ref,
      trigger,
      startedAt: at,
      ruleVersion,
      frameworkVersion: framework.version,
    });
    try {
      const [dr, exemptions, attestations] = await Promise.all([
        this.options.dr.fetchSummaries(),
        store.listExemptions({ entityRef: ref }),
        store.listAttestations({ entityRef: ref }),
      ]);
      const estate = this.evaluate({
        entities: [entity],
        groups,
        inventory,
        dr,
        exemptions,
        attestations,
        at,
      });
      await this.record({
        runId,
        at,
        results: estate.results,
        closeMissing: false,
        inventory,
        dr,
      });
      return estate.results[0];
    } catch (error) {
      await store.failRun(runId, this.now(), (error as Error).message);
      throw error;
    }
  }
}

import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  AzureInventoryService,
  AzureInventorySnapshot,
} from '@vitals/azure-inventory';
import { EstateCoverage, estateCoverage } from '@vitals/azure-inventory-common';
import {
  ANNOTATION_DR_TIER,
  ANNOTATION_PRIMARY_REGION,
  CoverageExclusion,
  DR_JUDGED_TYPES,
  DrillRecord,
  isDrillCounted,
  isDrReadinessAvailable,
  TierObjectivesConfig,
} from '@vitals/plugin-dr-readiness-common';
import { DrStore } from '../database/DrStore';
import { entityRefOf, evaluateEntity } from './evaluation';
import { publicErrorText, publicInventoryOrigin } from '@vitals/backend-http';
import type { InventoryStatus } from './types';

/** dr_meta keys. */
const META = {
  lastEvaluationAt: 'evaluation.last_at',
  /** Changes whenever any stored evaluation changes; keys the overview cache. */
  version: 'evaluation.version',
} as const;

/** Entities are evaluated in slices so a large catalog does not block requests. */
const EVALUATION_SLICE = 200;

export interface DrReadinessServiceOptions {
  store: DrStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** The backend's Azure estate, shared with the compliance plugin. */
  inventory: AzureInventoryService;
  tiers?: TierObjectivesConfig;
  /** Coverage gaps accepted with a reason (`vitals.drReadiness.coverageExclusions`). */
  coverageExclusions?: readonly CoverageExclusion[];
  /** How often the scheduled refresh runs; the inventory is stale after three missed runs (or the interval of the shared inventory, if longer). */
  refreshFrequencyMs: number;
  now?: () => number;
}

export interface RefreshOutcome {
  inventoryRefreshed: boolean;
  error?: string;
  evaluated: number;
}

/**
 * Keeps the readiness of every entity with DR annotations in the store:
 * asks the shared Azure inventory for a refresh (which keeps the last good
 * snapshot when Azure fails), evaluates entities against it, and answers how
 * fresh it is. Everything another replica needs is in the store or the
 * shared inventory.
 */
export class DrReadinessService {
  private readonly now: () => number;
  private coverage?: { refreshedAt: number; coverage: EstateCoverage };

  constructor(private readonly options: DrReadinessServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The plugin's logger, for whoever serves this service's answers. */
  get logger(): LoggerService {
    return this.options.logger;
  }

  /** The scheduled task: refresh the inventory, then re-evaluate every entity. */
  async refresh(): Promise<RefreshOutcome> {
    const outcome = await this.options.inventory.refresh();
    const evaluated = await this.evaluateAll();
    return {
      inventoryRefreshed: outcome.error === undefined,
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      evaluated,
    };
  }

  /** The last good inventory, parsed and indexed; undefined when none was ever loaded. */
  async loadInventory(): Promise<AzureInventorySnapshot | undefined> {
    return this.options.inventory.current();
  }

  /**
   * How the DR checks cover every resource type of the stored estate, blind
   * spots first; undefined before the first inventory load. It changes only
   * with the inventory, so it is computed once per stored inventory version
   * (the same version on every replica).
   */
  async estateCoverage(): Promise<EstateCoverage | undefined> {
    const inventory = await this.loadInventory();
    if (!inventory) return undefined;
    if (this.coverage?.refreshedAt !== inventory.refreshedAt) {
      this.coverage = {
        refreshedAt: inventory.refreshedAt,
        coverage: estateCoverage(inventory.resources, DR_JUDGED_TYPES),
      };
    }
    return this.coverage.coverage;
  }

  /** How fresh the stored inventory is now; null when none was ever loaded. */
  async inventoryStatus(): Promise<InventoryStatus | null> {
    const { snapshot, ageMs, lastError } =
      await this.options.inventory.status();
    if (!snapshot || ageMs === undefined) return null;
    // Inventories stored before sources were named hold a path or an
    // endpoint; and a refresh error quotes whatever failed. Both are served
    // in their public form, whatever is stored.
    return {
      source: snapshot.provenance.source,
      origin: publicInventoryOrigin(snapshot.provenance.origin),
      fetchedAt: snapshot.provenance.fetchedAt,
      refreshedAt: new Date(snapshot.refreshedAt).toISOString(),
      ageSeconds: Math.round(ageMs / 1000),
      resourceCount: snapshot.resourceCount,
      stale:
        lastError !== undefined || ageMs > 3 * this.options.refreshFrequencyMs,
      ...(lastError !== undefined ? { error: publicErrorText(lastError) } : {}),
    };
  }

  /** Why no inventory is stored yet: the last refresh error, if any. */
  async lastInventoryError(): Promise<string | undefined> {
    const { lastError } = await this.options.inventory.status();
    return lastError === undefined ? undefined : publicErrorText(lastError);
  }

  /** When the last full evaluation finished (epoch ms). */
  async lastEvaluationAt(): Promise<number | undefined> {
    const value = await this.options.store.getMeta(META.lastEvaluationAt);
    return value === undefined ? undefined : Number(value);
  }

  /** Identifies the stored evaluations; undefined before the first evaluation. */
  async evaluationVersion(): Promise<string | undefined> {
    return this.options.store.getMeta(META.version);
  }

  /** Evaluates every entity with DR annotations against the stored inventory. */
  async evaluateAll(): Promise<number> {
    const { store, logger } = this.options;
    const inventory = await this.loadInventory();
    if (!inventory) {
      logger.warn(
        'DR readiness not evaluated: no Azure inventory has been loaded yet',
      );
      return 0;
    }
    const entities = await this.annotatedEntities();
    const drills = groupByEntity(await store.listDrills());
    const now = new Date(this.now());
    const records = [];
    for (let i = 0; i < entities.length; i++) {
      const entity = entities[i];
      records.push(
        evaluateEntity({
          entity,
          index: inventory.index,
          drills: drills.get(entityRefOf(entity)) ?? [],
          now,
          tiers: this.options.tiers,
          coverageExclusions: this.options.coverageExclusions,
          inventoryRefreshedAt: inventory.refreshedAt,
        }),
      );
      if ((i + 1) % EVALUATION_SLICE === 0) await yieldToEventLoop();
    }
    await store.replaceEvaluations(records);
    await store.setMeta(META.lastEvaluationAt, String(now.getTime()));
    await store.setMeta(META.version, randomUUID());
    const notReady = records.filter(r => r.status === 'not-ready').length;
    logger.info(
      `DR readiness evaluated for ${records.length} entities (${notReady} not ready)`,
    );
    return records.length;
  }

  /**
   * Brings the stored evaluations in line with the catalog between inventory
   * refreshes: entities that gained DR annotations are evaluated, those that
   * lost them (or left the catalog) are dropped. Cheap when nothing changed,
   * so it runs often; it also covers the catalog still loading when the first
   * refresh ran.
   */
  async syncWithCatalog(): Promise<{ added: number; removed: number }> {
    const { store, inventory } = this.options;
    if (!(await inventory.status()).snapshot) {
      return { added: 0, removed: 0 };
    }
    const entities = await this.annotatedEntities();
    const stored = new Set(await store.listEvaluatedRefs());
    const current = new Set(entities.map(entityRefOf));
    const added = entities.filter(e => !stored.has(entityRefOf(e)));
    const removed = [...stored].filter(ref => !current.has(ref));
    for (const entity of added) {
      await this.evaluateOne(entity);
    }
    if (removed.length > 0) {
      await store.deleteEvaluations(removed);
      await store.setMeta(META.version, randomUUID());
    }
    if (added.length > 0 || removed.length > 0) {
      this.options.logger.info(
        `DR readiness follows the catalog: ${added.length} entities evaluated, ${removed.length} dropped`,
      );
    }
    return { added: added.length, removed: removed.length };
  }

  /**
   * Evaluates one entity now and stores the result (after a drill is
   * recorded, or when an entity is read before the next refresh). Returns
   * false when no inventory is stored yet.
   */
  async evaluateOne(entity: Entity): Promise<boolean> {
    const inventory = await this.loadInventory();
    if (!inventory) return false;
    const entityRef = entityRefOf(entity);
    const record = evaluateEntity({
      entity,
      index: inventory.index,
      drills: (await this.options.store.listDrills(entityRef)).filter(
        isDrillCounted,
      ),
      now: new Date(this.now()),
      tiers: this.options.tiers,
      coverageExclusions: this.options.coverageExclusions,
      inventoryRefreshedAt: inventory.refreshedAt,
    });
    await this.options.store.saveEvaluation(record);
    await this.options.store.setMeta(META.version, randomUUID());
    return true;
  }

  private async annotatedEntities(): Promise<Entity[]> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of catalog.streamEntities(
      {
        // Either annotation makes an entity a DR subject (isDrReadinessAvailable).
        filter: [
          {
            [`metadata.annotations.${ANNOTATION_DR_TIER}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${ANNOTATION_PRIMARY_REGION}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: ['kind', 'metadata', 'spec.owner', 'spec.system', 'relations'],
      },
      { credentials },
    )) {
      entities.push(...page.filter(isDrReadinessAvailable));
    }
    return entities;
  }
}

function groupByEntity(drills: DrillRecord[]): Map<string, DrillRecord[]> {
  const map = new Map<string, DrillRecord[]>();
  for (const drill of drills) {
    // A withdrawn drill stays in the history and never counts for readiness.
    if (!isDrillCounted(drill)) continue;
    const key = drill.entityRef.toLocaleLowerCase('en-US');
    const list = map.get(key);
    if (list) list.push(drill);
    else map.set(key, [drill]);
  }
  return map;
}

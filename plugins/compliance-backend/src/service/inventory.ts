import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InventorySource, refreshInventory } from '@vitals/azure-inventory';
import type {
  AzureResource,
  InventoryProvenance,
} from '@vitals/azure-inventory-common';
import { type ComplianceDataSources } from '@vitals/plugin-compliance-common';
import { ComplianceStore } from '../database/ComplianceStore';
import { publicErrorText, publicInventoryOrigin } from '@vitals/backend-http';

/** The inventory an evaluation uses, and whether it is the last good one. */
export interface EvaluatedInventory {
  resources: readonly AzureResource[];
  provenance: InventoryProvenance;
  refreshedAt: number;
  /** Set when the load failed and the last good inventory was used instead. */
  error: string | null;
}

/** No inventory has ever been loaded, and the source fails now. */
export class InventoryUnavailableError extends Error {
  name = 'InventoryUnavailableError';
}

/**
 * The Azure inventory behind the evaluations. Every load that succeeds is
 * stored (compressed, and only when it changed), so a failing Azure, a
 * restart or another replica can still evaluate with the last good copy, and
 * report its age.
 */
export class ComplianceInventory {
  private cache?: { hash: string; resources: readonly AzureResource[] };

  constructor(
    private readonly options: {
      store: ComplianceStore;
      source: InventorySource;
      logger: LoggerService;
      /** Older than this, the inventory is reported stale. */
      maxAgeMs: number;
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** Loads the inventory from its source; on failure falls back to the stored one. */
  async refresh(): Promise<EvaluatedInventory> {
    const { store, source, logger } = this.options;
    try {
      const loaded = await refreshInventory(source, { logger });
      const { inventory } = loaded;
      const refreshedAt = this.now();
      const json = JSON.stringify(inventory.resources);
      const hash = createHash('sha256').update(json).digest('hex');
      const fetchedAt = Date.parse(inventory.provenance.fetchedAt);
      await store.saveInventory({
        source: inventory.provenance.source,
        origin: inventory.provenance.origin,
        subscriptions: inventory.provenance.subscriptions,
        fetchedAt: Number.isFinite(fetchedAt) ? fetchedAt : refreshedAt,
        refreshedAt,
        contentHash: hash,
        resourceCount: inventory.resources.length,
        json: () => json,
      });
      this.cache = { hash, resources: inventory.resources };
      return {
        resources: inventory.resources,
        provenance: inventory.provenance,
        refreshedAt,
        error: null,
      };
    } catch (error) {
      const message = (error as Error).message;
      logger.warn(
        `Azure inventory could not be loaded; using the last good inventory if there is one: ${message}`,
      );
      await store.recordInventoryFailure(message, this.now());
      const stored = await this.stored();
      if (!stored) {
        throw new InventoryUnavailableError(
          `The Azure inventory could not be loaded and none is stored yet: ${message}`,
        );
      }
      return { ...stored, error: message };
    }
  }

  /** The last good inventory, from memory when it is still the stored one. */
  async stored(): Promise<EvaluatedInventory | undefined> {
    const meta = await this.options.store.getInventoryMeta();
    if (!meta?.contentHash || meta.refreshedAt === null) return undefined;
    let resources =
      this.cache?.hash === meta.contentHash && this.cache.resources;
    if (!resources) {
      const loaded = await this.options.store.getInventoryResources();
      if (!loaded) return undefined;
      resources = loaded;
      this.cache = { hash: meta.contentHash, resources };
    }
    return {
      resources,
      provenance: {
        source: meta.source ?? 'snapshot',
        fetchedAt: new Date(meta.fetchedAt ?? meta.refreshedAt).toISOString(),
        subscriptions: meta.subscriptions,
        origin: meta.origin ?? '',
      },
      refreshedAt: meta.refreshedAt,
      error:
        meta.lastError &&
        meta.lastAttemptAt !== null &&
        meta.lastAttemptAt > meta.refreshedAt
          ? meta.lastError
          : null,
    };
  }

  /** How old and how healthy the stored inventory is, judged now. */
  async state(): Promise<ComplianceDataSources['azure']> {
    const meta = await this.options.store.getInventoryMeta();
    const now = this.now();
    if (!meta) {
      return {
        source: null,
        origin: null,
        fetchedAt: null,
        refreshedAt: null,
        ageSeconds: null,
        stale: true,
        error: null,
      };
    }
    const failing =
      meta.lastError !== null &&
      meta.lastAttemptAt !== null &&
      (meta.refreshedAt === null || meta.lastAttemptAt > meta.refreshedAt);
    const age = meta.refreshedAt === null ? null : now - meta.refreshedAt;
    return {
      source: meta.source,
      origin: publicInventoryOrigin(meta.origin),
      fetchedAt:
        meta.fetchedAt === null ? null : new Date(meta.fetchedAt).toISOString(),
      refreshedAt:
        meta.refreshedAt === null
          ? null
          : new Date(meta.refreshedAt).toISOString(),
      ageSeconds: age === null ? null : Math.round(age / 1000),
      stale: failing || age === null || age > this.options.maxAgeMs,
      error: failing ? publicErrorText(meta.lastError) : null,
    };
  }
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AzureResource, Inventory } from '@vitals/azure-inventory-common';
import { refreshInventory } from './inventoryService';
import { buildInventoryIndex, InventoryIndex } from './selectors';
import type { InventorySource } from './source';
import {
  InventoryStore,
  RefreshAttempt,
  StoredSnapshotMeta,
} from './store/InventoryStore';

/** The estate as last read, parsed and indexed once per process and version. */
export interface AzureInventorySnapshot extends StoredSnapshotMeta {
  inventory: Inventory;
  resources: readonly AzureResource[];
  index: InventoryIndex;
}

/** What one call to {@link AzureInventoryService.refresh} did. */
export interface AzureInventoryRefreshOutcome {
  /**
   * True when this call read the source; false when a refresh that had just
   * run (for another plugin, or on another replica) was reused.
   */
  loaded: boolean;
  /** Why the latest read failed, when it did; the last good snapshot stays. */
  error?: string;
  /** The latest good snapshot after the call; undefined when none was ever stored. */
  snapshot?: AzureInventorySnapshot;
}

/** How old and how healthy the stored snapshot is. */
export interface AzureInventoryStatus {
  /** The stored snapshot's details; undefined when none was ever stored. */
  snapshot?: StoredSnapshotMeta;
  /** Milliseconds since the snapshot was loaded. */
  ageMs?: number;
  /** The latest refresh attempt, successful or not. */
  lastAttempt?: RefreshAttempt;
  /** Why the latest attempt failed, when it is newer than the snapshot. */
  lastError?: string;
}

/**
 * The Azure estate of the whole backend: DR readiness and compliance both
 * read it, and it is read from Azure once per refresh for both of them, on
 * whichever replica gets there first.
 */
export interface AzureInventoryService {
  /** Where the estate is read from. */
  readonly sourceKind: InventorySource['kind'];
  /** The last good snapshot; undefined until a load has succeeded. */
  current(): Promise<AzureInventorySnapshot | undefined>;
  /**
   * Brings the snapshot up to date: reads the source unless a refresh
   * started within the minimum interval (by any plugin or replica), in which
   * case that one's result is returned. Concurrent calls share one read.
   * Never rejects for a failing source: the outcome carries the error and
   * the last good snapshot.
   */
  refresh(): Promise<AzureInventoryRefreshOutcome>;
  /** How old and how healthy the stored snapshot is. */
  status(): Promise<AzureInventoryStatus>;
}

export interface AzureInventoryOptions {
  source: InventorySource;
  store: InventoryStore;
  logger: LoggerService;
  /**
   * A refresh within this long of the previous one's start reuses its result
   * instead of reading the source again.
   */
  minIntervalMs: number;
  /** How long one read may hold the lease before another process may take over. */
  timeoutMs: number;
  /** How often a process waiting for another's refresh looks again. */
  pollIntervalMs?: number;
  now?: () => number;
}

/** A failed read is tried again sooner than the interval, but not at once. */
const RETRY_AFTER_FAILURE_MS = 60_000;

/** {@link AzureInventoryService} over a database that all replicas share. */
export class AzureInventory implements AzureInventoryService {
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(
    0,
    8,
  )}`;
  private readonly now: () => number;
  private cached?: AzureInventorySnapshot;
  private reading?: Promise<AzureInventorySnapshot | undefined>;
  private refreshing?: Promise<AzureInventoryRefreshOutcome>;

  constructor(private readonly options: AzureInventoryOptions) {
    this.now = options.now ?? Date.now;
  }

  get sourceKind() {
    return this.options.source.kind;
  }

  async current(): Promise<AzureInventorySnapshot | undefined> {
    const meta = await this.options.store.getSnapshotMeta();
    if (!meta) return undefined;
    if (this.cached?.refreshedAt === meta.refreshedAt) return this.cached;
    if (this.cached?.contentHash === meta.contentHash) {
      // Another process loaded the same resources again.
      this.cached = this.snapshotOf(meta, this.cached.resources, this.cached);
      return this.cached;
    }
    this.reading ??= this.options.store
      .readSnapshot()
      .then(stored => {
        if (!stored) return undefined;
        this.cached = this.snapshotOf(stored.meta, stored.resources);
        return this.cached;
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  refresh(): Promise<AzureInventoryRefreshOutcome> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  async status(): Promise<AzureInventoryStatus> {
    const { store } = this.options;
    const [snapshot, lastAttempt] = await Promise.all([
      store.getSnapshotMeta(),
      store.getAttempt(),
    ]);
    const failing =
      lastAttempt?.error !== undefined &&
      (!snapshot || lastAttempt.attemptedAt >= snapshot.refreshedAt);
    return {
      ...(snapshot
        ? {
            snapshot,
            ageMs: Math.max(0, this.now() - snapshot.refreshedAt),
          }
        : {}),
      ...(lastAttempt ? { lastAttempt } : {}),
      ...(failing ? { lastError: lastAttempt!.error } : {}),
    };
  }

  private async recentAttempt(): Promise<RefreshAttempt | undefined> {
    const attempt = await this.options.store.getAttempt();
    if (!attempt || attempt.finishedAt === undefined) return undefined;
    const window =
      attempt.error === undefined
        ? this.options.minIntervalMs
        : Math.min(this.options.minIntervalMs, RETRY_AFTER_FAILURE_MS);
    return this.now() - attempt.attemptedAt < window ? attempt : undefined;
  }

  private async reuse(
    attempt: RefreshAttempt | undefined,
  ): Promise<AzureInventoryRefreshOutcome> {
    return {
      loaded: false,
      ...(attempt?.error !== undefined ? { error: attempt.error } : {}),
      snapshot: await this.current(),
    };
  }

  private async refreshOnce(): Promise<AzureInventoryRefreshOutcome> {
    const { store, timeoutMs } = this.options;
    const recent = await this.recentAttempt();
    if (recent) return this.reuse(recent);

    // Another process may be reading the source: wait for it and take its
    // result, or the lease once it is free or has expired.
    const pollMs = this.options.pollIntervalMs ?? 1000;
    const giveUpAt = this.now() + timeoutMs;
    while (!(await store.tryAcquireLease(this.holder, this.now(), timeoutMs))) {
      if (this.now() >= giveUpAt) {
        return this.reuse(await store.getAttempt());
      }
      await new Promise(resolve => setTimeout(resolve, pollMs));
    }
    try {
      const finished = await this.recentAttempt();
      if (finished) return this.reuse(finished);
      return await this.read();
    } finally {
      await store.releaseLease(this.holder).catch(() => {});
    }
  }

  private async read(): Promise<AzureInventoryRefreshOutcome> {
    const { store, source, logger } = this.options;
    const attemptedAt = this.now();
    await store.startAttempt(attemptedAt);
    try {
      const loaded = await refreshInventory(source, {
        now: () => new Date(this.now()),
        logger,
      });
      const refreshedAt = Date.parse(loaded.refreshedAt);
      const meta = await store.saveSnapshot(
        loaded.inventory,
        refreshedAt,
        loaded,
      );
      await store.finishAttempt(this.now());
      this.cached = this.snapshotOf(
        meta,
        loaded.inventory.resources,
        this.cached?.contentHash === meta.contentHash ? this.cached : undefined,
      );
      logger.info(
        `Azure inventory refreshed from ${source.kind}: ${meta.resourceCount} resources, ${loaded.stats.requests} requests (${loaded.stats.retries} retries) in ${loaded.stats.durationMs} ms`,
      );
      return { loaded: true, snapshot: this.cached };
    } catch (e) {
      const error = (e as Error)?.message || String(e);
      await store.finishAttempt(this.now(), error);
      logger.warn(
        `Azure inventory refresh failed; the last good snapshot stays in use: ${error}`,
      );
      return { loaded: true, error, snapshot: await this.current() };
    }
  }

  /** A snapshot of `meta`, reusing the parsed index of `same` (same resources). */
  private snapshotOf(
    meta: StoredSnapshotMeta,
    resources: readonly AzureResource[],
    same?: AzureInventorySnapshot,
  ): AzureInventorySnapshot {
    return {
      ...meta,
      inventory: {
        provenance: meta.provenance,
        resources: resources as AzureResource[],
      },
      resources,
      index: same?.index ?? buildInventoryIndex(resources),
    };
  }
}

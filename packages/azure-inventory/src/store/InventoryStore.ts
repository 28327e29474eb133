import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  AzureResource,
  Inventory,
  InventoryProvenance,
} from '@vitals/azure-inventory-common';
import type { Knex } from 'knex';
import type { InventoryFetchStats, ResourceFetchError } from '../source';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const migrationsDir = resolvePackagePath(
  '@vitals/azure-inventory',
  'migrations',
);

/**
 * The knex migrations table of the inventory's schema. It has a name of its
 * own so the schema can live in a database whose default migrations table
 * belongs to a plugin.
 */
export const INVENTORY_MIGRATIONS_TABLE = 'vitals_inventory_migrations';

const SNAPSHOT = 'vitals_inventory_snapshot';
const ATTEMPT = 'vitals_inventory_attempt';
const LEASE = 'vitals_inventory_lease';

/** A stored snapshot without its resources. */
export interface StoredSnapshotMeta {
  provenance: InventoryProvenance;
  /** Epoch ms of the load that produced the snapshot; also its version. */
  refreshedAt: number;
  resourceCount: number;
  /** sha256 of the resources' JSON: equal hashes, equal resources. */
  contentHash: string;
  stats: InventoryFetchStats;
  errors: ResourceFetchError[];
  warnings: string[];
}

/** How the latest refresh went, whether or not it produced a snapshot. */
export interface RefreshAttempt {
  /** Epoch ms when it started. */
  attemptedAt: number;
  /** Epoch ms when it ended; undefined while it runs (or if its process died). */
  finishedAt?: number;
  /** Why it failed. */
  error?: string;
}

/**
 * Where the shared inventory is kept, SQLite and PostgreSQL through knex:
 * the last good snapshot as one gzip-compressed JSON blob (it is only ever
 * read and replaced whole, and real-shaped resources compress about 10:1),
 * the latest attempt to refresh it, and a lease so that one process at a
 * time reads Azure.
 */
export class InventoryStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<InventoryStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: INVENTORY_MIGRATIONS_TABLE,
      });
    }
    return new InventoryStore(client);
  }

  /** For tests of the migrations themselves. */
  static migrationsDirectory() {
    return migrationsDir;
  }

  /**
   * Stores a loaded inventory as the latest snapshot. When its resources are
   * those already stored, only the snapshot's details are updated.
   */
  async saveSnapshot(
    inventory: Inventory,
    refreshedAt: number,
    details: {
      stats: InventoryFetchStats;
      errors: ResourceFetchError[];
      warnings: string[];
    },
  ): Promise<StoredSnapshotMeta> {
    const json = JSON.stringify(inventory.resources);
    const contentHash = createHash('sha256').update(json).digest('hex');
    const row = {
      id: 'latest',
      source: inventory.provenance.source,
      origin: inventory.provenance.origin,
      fetched_at: inventory.provenance.fetchedAt,
      refreshed_at: refreshedAt,
      resource_count: inventory.resources.length,
      subscriptions: JSON.stringify(inventory.provenance.subscriptions),
      stats: JSON.stringify(details.stats),
      problems: JSON.stringify({
        errors: details.errors,
        warnings: details.warnings,
      }),
      content_hash: contentHash,
    };
    const unchanged = await this.db(SNAPSHOT)
      .where({ id: 'latest', content_hash: contentHash })
      .update(row);
    if (unchanged === 0) {
      const content = await gzipAsync(Buffer.from(json));
      await this.db(SNAPSHOT)
        .insert({ ...row, content })
        .onConflict('id')
        .merge();
    }
    return {
      provenance: inventory.provenance,
      refreshedAt,
      resourceCount: inventory.resources.length,
      contentHash,
      stats: details.stats,
      errors: details.errors,
      warnings: details.warnings,
    };
  }

  async getSnapshotMeta(): Promise<StoredSnapshotMeta | undefined> {
    const row = await this.db(SNAPSHOT)
      .where({ id: 'latest' })
      .first(
        'source',
        'origin',
        'fetched_at',
        'refreshed_at',
        'resource_count',
        'subscriptions',
        'stats',
        'problems',
        'content_hash',
      );
    return row ? metaOf(row) : undefined;
  }

  /** The latest snapshot with its resources, or undefined when none was ever stored. */
  async readSnapshot(): Promise<
    { meta: StoredSnapshotMeta; resources: AzureResource[] } | undefined
  > {
    // One read, so the details and the content are of the same snapshot.
    const row = await this.db(SNAPSHOT).where({ id: 'latest' }).first();
    if (!row) return undefined;
    const resources: AzureResource[] = JSON.parse(
      (await gunzipAsync(row.content)).toString('utf8'),
    );
    return { meta: metaOf(row), resources };
  }

  async getAttempt(): Promise<RefreshAttempt | undefined> {
    const row = await this.db(ATTEMPT).where({ id: 'latest' }).first();
    if (!row) return undefined;
    return {
      attemptedAt: Number(row.attempted_at),
      ...(row.finished_at !== null && row.finished_at !== undefined
        ? { finishedAt: Number(row.finished_at) }
        : {}),
      ...(row.error ? { error: row.error } : {}),
    };
  }

  async startAttempt(attemptedAt: number): Promise<void> {
    await this.db(ATTEMPT)
      .insert({
        id: 'latest',
        attempted_at: attemptedAt,
        finished_at: null,
        error: null,
      })
      .onConflict('id')
      .merge();
  }

  async finishAttempt(finishedAt: number, error?: string): Promise<void> {
    await this.db(ATTEMPT)
      .where({ id: 'latest' })
      .update({ finished_at: finishedAt, error: error ?? null });
  }

  /**
   * Takes the refresh lease for `holder` until `now + ttlMs` when it is free,
   * expired or already the holder's; one conditional UPDATE, so two
   * processes never both hold it.
   */
  async tryAcquireLease(
    holder: string,
    now: number,
    ttlMs: number,
  ): Promise<boolean> {
    await this.db(LEASE)
      .insert({ id: 'refresh', holder: '', expires_at: 0 })
      .onConflict('id')
      .ignore();
    const taken = await this.db(LEASE)
      .where({ id: 'refresh' })
      .andWhere(q => q.where('expires_at', '<=', now).orWhere({ holder }))
      .update({ holder, expires_at: now + ttlMs });
    return taken > 0;
  }

  async releaseLease(holder: string): Promise<void> {
    await this.db(LEASE)
      .where({ id: 'refresh', holder })
      .update({ holder: '', expires_at: 0 });
  }
}

function metaOf(row: any): StoredSnapshotMeta {
  const problems = JSON.parse(row.problems);
  return {
    provenance: {
      source: row.source,
      origin: row.origin,
      fetchedAt: row.fetched_at,
      subscriptions: JSON.parse(row.subscriptions),
    },
    refreshedAt: Number(row.refreshed_at),
    resourceCount: Number(row.resource_count),
    contentHash: row.content_hash,
    stats: JSON.parse(row.stats),
    errors: problems.errors ?? [],
    warnings: problems.warnings ?? [],
  };
}

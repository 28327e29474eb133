import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  SloDefinition,
  SloDocumentIssue,
  SloStatus,
} from '@vitals/plugin-slo-common';
import { publicErrorText } from '@vitals/backend-http';
import { DeployStore } from './DeployStore';

const migrationsDir = resolvePackagePath(
  '@vitals/plugin-slo-backend',
  'migrations',
);

/** What an entity declared at the last read of its documents. */
export interface StoredEntity {
  entityRef: string;
  owner: string | null;
  system: string | null;
  refs: string[];
  documentIssues: SloDocumentIssue[];
  readError: string | null;
  readAt: number;
}

/** One SLO objective of an entity, with its last computed figures. */
export interface StoredTarget {
  entityRef: string;
  name: string;
  seriesKey: string;
  definition: SloDefinition;
  objectiveKey: string;
  dataSource: string;
  status: SloStatus | null;
  computedAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  owner: string | null;
  system: string | null;
}

export interface TargetSummary {
  sli: number | null;
  remaining: number | null;
  policyState: string | null;
  firing: boolean;
  firingSeverity: 'page' | 'ticket' | null;
}

export interface OverviewRow {
  entity_ref: string;
  name: string;
  series_key: string;
  owner: string | null;
  system: string | null;
  display_name: string;
  target: number;
  sli: number | null;
  remaining: number | null;
  policy_state: string | null;
  firing: boolean | number;
  firing_severity: string | null;
  computed_at: string | number | null;
  last_attempt_at: string | number | null;
  last_error: string | null;
}

export interface Bucket {
  start: number;
  good: number;
  total: number;
}

// SQLite allows 999 bound variables per statement.
const CHUNK = 200;

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** The SLO plugin's storage; SQLite and PostgreSQL through knex. */
export class SloStore {
  /** Deployments and deploy-gate overrides, in the same database. */
  readonly deploys: DeployStore;

  private constructor(private readonly db: Knex) {
    this.deploys = new DeployStore(db);
  }

  static async create(database: DatabaseService): Promise<SloStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new SloStore(client);
  }

  /** For tests of the migrations themselves. */
  static migrationsDirectory() {
    return migrationsDir;
  }

  // Entities and their definitions

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db('slo_entities').select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async getEntity(entityRef: string): Promise<StoredEntity | undefined> {
    const row = await this.db('slo_entities')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    return {
      entityRef: row.entity_ref,
      owner: row.owner,
      system: row.system,
      refs: JSON.parse(row.refs),
      documentIssues: JSON.parse(row.document_issues),
      readError: row.read_error,
      readAt: Number(row.read_at),
    };
  }

  async upsertEntity(entity: StoredEntity): Promise<void> {
    await this.db('slo_entities')
      .insert({
        entity_ref: entity.entityRef,
        owner: entity.owner,
        system: entity.system,
        refs: JSON.stringify(entity.refs),
        document_issues: JSON.stringify(entity.documentIssues),
        read_error: entity.readError,
        read_at: entity.readAt,
      })
      .onConflict('entity_ref')
      .merge();
  }

  /** Records that the documents could not be read, keeping the last good definitions. */
  async markReadError(entityRef: string, error: string, at: number) {
    await this.db('slo_entities')
      .where({ entity_ref: entityRef })
      .update({ read_error: error, read_at: at });
  }

  async deleteEntities(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const chunk = entityRefs.slice(i, i + CHUNK);
      await this.db('slo_targets').whereIn('entity_ref', chunk).delete();
      await this.db('slo_entities').whereIn('entity_ref', chunk).delete();
    }
  }

  /**
   * Makes the entity's targets exactly these definitions: new ones are added,
   * changed ones keep their figures (under a new series when the query
   * changed), removed ones go.
   */
  async replaceTargets(
    entityRef: string,
    owner: string | null,
    system: string | null,
    targets: Array<{
      name: string;
      seriesKey: string;
      definition: SloDefinition;
      objectiveKey: string;
      dataSource: string;
      displayName: string;
      target: number;
    }>,
  ): Promise<void> {
    const existing = await this.db('slo_targets')
      .where({ entity_ref: entityRef })
      .select('name', 'series_key');
    const keep = new Set(targets.map(t => t.name));
    const gone = existing.filter(r => !keep.has(r.name)).map(r => r.name);
    if (gone.length > 0) {
      await this.db('slo_targets')
        .where({ entity_ref: entityRef })
        .whereIn('name', gone)
        .delete();
    }
    const previousSeries = new Map(existing.map(r => [r.name, r.series_key]));
    for (const t of targets) {
      const row = {
        entity_ref: entityRef,
        name: t.name,
        series_key: t.seriesKey,
        definition: JSON.stringify({
          definition: t.definition,
          objectiveKey: t.objectiveKey,
        }),
        data_source: t.dataSource,
        owner,
        system,
        display_name: t.displayName.slice(0, 255),
        target: t.target,
      };
      if (previousSeries.has(t.name)) {
        const changedSeries = previousSeries.get(t.name) !== t.seriesKey;
        await this.db('slo_targets')
          .where({ entity_ref: entityRef, name: t.name })
          .update(
            changedSeries
              ? {
                  ...row,
                  status: null,
                  computed_at: null,
                  sli: null,
                  remaining: null,
                  policy_state: null,
                  firing: false,
                  firing_severity: null,
                }
              : row,
          );
      } else {
        await this.db('slo_targets').insert({ ...row, firing: false });
      }
    }
  }

  async listTargets(entityRef?: string): Promise<StoredTarget[]> {
    const query = this.db('slo_targets').select('*');
    if (entityRef) query.where({ entity_ref: entityRef });
    const rows = await query.orderBy(['entity_ref', 'name']);
    return rows.map(row => {
      const { definition, objectiveKey } = JSON.parse(row.definition);
      return {
        entityRef: row.entity_ref,
        name: row.name,
        seriesKey: row.series_key,
        definition,
        objectiveKey,
        dataSource: row.data_source,
        status: row.status ? JSON.parse(row.status) : null,
        computedAt: num(row.computed_at),
        lastAttemptAt: num(row.last_attempt_at),
        lastError: row.last_error,
        owner: row.owner,
        system: row.system,
      };
    });
  }

  async saveStatus(
    entityRef: string,
    name: string,
    status: SloStatus,
    summary: TargetSummary,
    computedAt: number,
  ): Promise<void> {
    await this.db('slo_targets')
      .where({ entity_ref: entityRef, name })
      .update({
        status: JSON.stringify(status),
        computed_at: computedAt,
        last_attempt_at: computedAt,
        last_error: null,
        sli: summary.sli,
        remaining: summary.remaining,
        policy_state: summary.policyState,
        firing: summary.firing,
        firing_severity: summary.firingSeverity,
      });
  }

  /** Records a failed refresh; the error is kept without any address in it, as it is served to every reader. */
  async saveFailure(
    entityRef: string,
    name: string,
    error: string,
    at: number,
  ) {
    await this.db('slo_targets')
      .where({ entity_ref: entityRef, name })
      .update({ last_error: publicErrorText(error), last_attempt_at: at });
  }

  async overview(filters: {
    owner?: string;
    system?: string;
    state?: string;
    firing?: boolean;
  }): Promise<OverviewRow[]> {
    const query = this.db('slo_targets').select(
      'entity_ref',
      'name',
      'series_key',
      'owner',
      'system',
      'display_name',
      'target',
      'sli',
      'remaining',
      'policy_state',
      'firing',
      'firing_severity',
      'computed_at',
      'last_attempt_at',
      'last_error',
    );
    if (filters.owner) query.where('owner', filters.owner);
    if (filters.system) query.where('system', filters.system);
    if (filters.state) query.where('policy_state', filters.state);
    if (filters.firing !== undefined) query.where('firing', filters.firing);
    return query
      .orderByRaw('CASE WHEN remaining IS NULL THEN 1 ELSE 0 END')
      .orderBy([
        { column: 'remaining', order: 'asc' },
        { column: 'entity_ref' },
        { column: 'name' },
      ]);
  }

  // Series and buckets

  async getSeries(seriesKey: string) {
    const row = await this.db('slo_series')
      .where({ series_key: seriesKey })
      .first();
    return row
      ? {
          stepMs: Number(row.step_ms),
          fineUntil: num(row.fine_until),
          dailyBackfilled: Boolean(row.daily_backfilled),
        }
      : undefined;
  }

  async upsertSeries(
    seriesKey: string,
    values: {
      stepMs: number;
      fineUntil: number | null;
      dailyBackfilled: boolean;
    },
  ) {
    await this.db('slo_series')
      .insert({
        series_key: seriesKey,
        step_ms: values.stepMs,
        fine_until: values.fineUntil,
        daily_backfilled: values.dailyBackfilled,
      })
      .onConflict('series_key')
      .merge();
  }

  private async writeRows(
    db: Knex,
    table: 'slo_buckets' | 'slo_daily',
    seriesKey: string,
    rows: Bucket[],
  ) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db(table)
        .insert(
          rows.slice(i, i + CHUNK).map(r => ({
            series_key: seriesKey,
            start: r.start,
            good: r.good,
            total: r.total,
          })),
        )
        .onConflict(['series_key', 'start'])
        .merge();
    }
  }

  private async readRows(
    table: 'slo_buckets' | 'slo_daily',
    seriesKey: string,
    from: number,
    to: number,
  ): Promise<Bucket[]> {
    const rows = await this.db(table)
      .where('series_key', seriesKey)
      .andWhere('start', '>=', from)
      .andWhere('start', '<', to)
      .select('start', 'good', 'total')
      .orderBy('start');
    return rows.map(r => ({
      start: Number(r.start),
      good: Number(r.good),
      total: Number(r.total),
    }));
  }

  /** Replaces the buckets in [from, to) with these. */
  async replaceBuckets(
    seriesKey: string,
    from: number,
    to: number,
    rows: Bucket[],
  ) {
    await this.replaceRows('slo_buckets', seriesKey, from, to, rows);
  }

  private async replaceRows(
    table: 'slo_buckets' | 'slo_daily',
    seriesKey: string,
    from: number,
    to: number,
    rows: Bucket[],
  ) {
    await this.db.transaction(async trx => {
      await trx(table)
        .where('series_key', seriesKey)
        .andWhere('start', '>=', from)
        .andWhere('start', '<', to)
        .delete();
      await this.writeRows(trx, table, seriesKey, rows);
    });
  }

  readBuckets(seriesKey: string, from: number, to: number) {
    return this.readRows('slo_buckets', seriesKey, from, to);
  }

  async replaceDaily(
    seriesKey: string,
    from: number,
    to: number,
    rows: Bucket[],
  ) {
    await this.replaceRows('slo_daily', seriesKey, from, to, rows);
  }

  readDaily(seriesKey: string, from: number, to: number) {
    return this.readRows('slo_daily', seriesKey, from, to);
  }

  async pruneSeries(
    seriesKey: string,
    fineBefore: number,
    dailyBefore: number,
  ) {
    await this.db('slo_buckets')
      .where('series_key', seriesKey)
      .andWhere('start', '<', fineBefore)
      .delete();
    await this.db('slo_daily')
      .where('series_key', seriesKey)
      .andWhere('start', '<', dailyBefore)
      .delete();
  }

  /** Drops series no target uses any more (a query changed, an SLO was removed). */
  async deleteOrphanSeries(): Promise<number> {
    const used = this.db('slo_targets').select('series_key');
    const orphans = await this.db('slo_series')
      .whereNotIn('series_key', used)
      .select('series_key');
    const keys = orphans.map(r => r.series_key);
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK);
      await this.db('slo_buckets').whereIn('series_key', chunk).delete();
      await this.db('slo_daily').whereIn('series_key', chunk).delete();
      await this.db('slo_series').whereIn('series_key', chunk).delete();
    }
    return keys.length;
  }

  // Refresh bookkeeping

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db('slo_meta').where({ key }).first();
    return row?.value;
  }

  async setMeta(key: string, value: string) {
    await this.db('slo_meta').insert({ key, value }).onConflict('key').merge();
  }
}

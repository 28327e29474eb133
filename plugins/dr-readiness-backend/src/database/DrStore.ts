import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  DrillOutcome,
  DrillRecord,
  DrillRevision,
  DrillState,
  DrillValues,
  DrTier,
  EntityReadiness,
  ReadinessStatus,
  RegionPairing,
  ServiceImpact,
} from '@vitals/plugin-dr-readiness-common';
import { Knex } from 'knex';
import type { OverviewCell, PolicyProblem } from '../service/types';

const migrationsDir = resolvePackagePath(
  '@vitals/plugin-dr-readiness-backend',
  'migrations',
);

// SQLite allows 999 bound variables per statement; rows here bind up to 17.
const CHUNK = 50;

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** The readiness of one entity as stored after an evaluation. */
export interface EvaluationRecord {
  entityRef: string;
  owner: string | null;
  system: string | null;
  tier: DrTier | null;
  status: ReadinessStatus;
  score: number | null;
  required: boolean;
  primaryRegion: string | null;
  secondaryRegion: string | null;
  pairing: RegionPairing | null;
  cells: Record<string, OverviewCell>;
  lastDrill: { performedAt: string; outcome: DrillOutcome } | null;
  policyErrors: PolicyProblem[] | null;
  evaluation: EntityReadiness | null;
  evaluatedAt: number;
  inventoryRefreshedAt: number | null;
  /** What losing each region where the entity has a presence does to it. */
  impacts: Array<{ region: string; impact: ServiceImpact }>;
}

/** One stored evaluation, as the entity route reads it. */
export interface StoredEvaluation extends Omit<EvaluationRecord, 'impacts'> {
  /** The evaluation was stored before coverage was recorded. */
  coverageMissing: boolean;
}

/** An overview row: the evaluation without its checks. */
export type EvaluationSummary = Omit<
  EvaluationRecord,
  'evaluation' | 'impacts'
>;

export interface OverviewFilters {
  owner?: string;
  system?: string;
  tier?: string;
  status?: string;
}

export interface StoredImpact {
  impact: ServiceImpact;
  owner: string | null;
  system: string | null;
  evaluatedAt: number;
}

const SUMMARY_COLUMNS = [
  'entity_ref',
  'owner',
  'system',
  'tier',
  'status',
  'score',
  'required',
  'primary_region',
  'secondary_region',
  'pairing',
  'cells',
  'last_drill_at',
  'last_drill_outcome',
  'policy_errors',
  'evaluated_at',
  'inventory_refreshed_at',
];

function summaryFromRow(row: any): EvaluationSummary {
  return {
    entityRef: row.entity_ref,
    owner: row.owner,
    system: row.system,
    tier: row.tier,
    status: row.status,
    score: num(row.score),
    required: Boolean(row.required),
    primaryRegion: row.primary_region,
    secondaryRegion: row.secondary_region,
    pairing: row.pairing,
    cells: JSON.parse(row.cells),
    lastDrill: row.last_drill_at
      ? { performedAt: row.last_drill_at, outcome: row.last_drill_outcome }
      : null,
    policyErrors: row.policy_errors ? JSON.parse(row.policy_errors) : null,
    evaluatedAt: Number(row.evaluated_at),
    inventoryRefreshedAt: num(row.inventory_refreshed_at),
  };
}

function rowFromRecord(record: EvaluationRecord) {
  return {
    entity_ref: record.entityRef,
    owner: record.owner,
    system: record.system,
    tier: record.tier,
    status: record.status,
    score: record.score,
    required: record.required,
    primary_region: record.primaryRegion,
    secondary_region: record.secondaryRegion,
    pairing: record.pairing,
    cells: JSON.stringify(record.cells),
    last_drill_at: record.lastDrill?.performedAt ?? null,
    last_drill_outcome: record.lastDrill?.outcome ?? null,
    policy_errors: record.policyErrors
      ? JSON.stringify(record.policyErrors)
      : null,
    evaluation: record.evaluation ? JSON.stringify(record.evaluation) : null,
    evaluated_at: record.evaluatedAt,
    inventory_refreshed_at: record.inventoryRefreshedAt,
  };
}

function impactRows(record: EvaluationRecord) {
  return record.impacts.map(({ region, impact }) => ({
    region,
    entity_ref: record.entityRef,
    outcome: impact.outcome,
    impact: JSON.stringify(impact),
  }));
}

function drillFromRow(row: any): DrillRecord {
  const drill: DrillRecord = {
    id: row.id,
    entityRef: row.entity_ref,
    region: row.region,
    performedAt: row.performed_at,
    outcome: row.outcome,
    notes: row.notes,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
  if (row.rto_achieved) drill.rtoAchieved = row.rto_achieved;
  if (row.rpo_achieved) drill.rpoAchieved = row.rpo_achieved;
  return drill;
}

/** A correction or withdrawal as it is stored. */
export interface DrillRevisionRecord {
  drillId: string;
  /** 1 for the first revision of the drill, then 2, ...: the next after the ones read. */
  seq: number;
  action: DrillRevision['action'];
  /** The complete corrected drill; absent for a withdrawal. */
  values?: DrillValues;
  reason: string;
  by: string;
  at: string;
}

function valuesOf(drill: DrillRecord): DrillValues {
  const values: DrillValues = {
    region: drill.region,
    performedAt: drill.performedAt,
    outcome: drill.outcome,
    notes: drill.notes,
  };
  if (drill.rtoAchieved) values.rtoAchieved = drill.rtoAchieved;
  if (drill.rpoAchieved) values.rpoAchieved = drill.rpoAchieved;
  return values;
}

/**
 * A drill as it stands after its revisions, oldest first: the values of the
 * last correction, `withdrawn` once withdrawn, and the first recorded values
 * kept as `original` when they changed.
 */
function applyRevisions(drill: DrillRecord, rows: any[]): DrillRecord {
  const revisions: DrillRevision[] = [];
  let current = drill;
  let corrected = false;
  let withdrawn = false;
  for (const row of rows) {
    revisions.push({
      action: row.action,
      by: row.revised_by,
      at: row.revised_at,
      reason: row.reason,
    });
    if (row.action === 'withdraw') {
      withdrawn = true;
    } else if (row.action === 'correct') {
      corrected = true;
      current = {
        ...drillFromRow({
          ...row,
          id: drill.id,
          entity_ref: drill.entityRef,
          recorded_by: drill.recordedBy,
          recorded_at: drill.recordedAt,
        }),
      };
    }
  }
  const result: DrillRecord = {
    ...current,
    state: stateOf(withdrawn, corrected),
    revisions,
  };
  if (corrected) result.original = valuesOf(drill);
  return result;
}

/** Code-unit order, the same on every database and locale. */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function stateOf(withdrawn: boolean, corrected: boolean): DrillState {
  if (withdrawn) return 'withdrawn';
  return corrected ? 'corrected' : 'recorded';
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (
    e?.code === '23505' ||
    (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) ||
    (typeof e?.message === 'string' &&
      /UNIQUE constraint failed/.test(e.message))
  );
}

function rowFromDrill(drill: DrillRecord) {
  return {
    id: drill.id,
    entity_ref: drill.entityRef,
    region: drill.region,
    performed_at: drill.performedAt,
    performed_at_ms: Date.parse(drill.performedAt),
    outcome: drill.outcome,
    rto_achieved: drill.rtoAchieved ?? null,
    rpo_achieved: drill.rpoAchieved ?? null,
    notes: drill.notes,
    recorded_by: drill.recordedBy,
    recorded_at: drill.recordedAt,
  };
}

async function insertChunked(db: Knex, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db(table).insert(rows.slice(i, i + CHUNK));
  }
}

/**
 * The DR-readiness plugin's storage, SQLite and PostgreSQL through knex: the
 * readiness of every entity, what losing each region does to each entity,
 * and the recorded DR drills. The Azure inventory is kept by the shared
 * inventory service (`@vitals/azure-inventory`).
 */
export class DrStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<DrStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DrStore(client);
  }

  /** For tests of the migrations themselves. */
  static migrationsDirectory() {
    return migrationsDir;
  }

  // Evaluations

  /** Makes the stored evaluations exactly these, in one transaction. */
  async replaceEvaluations(records: EvaluationRecord[]): Promise<void> {
    await this.db.transaction(async trx => {
      await trx('dr_region_impacts').delete();
      await trx('dr_evaluations').delete();
      await insertChunked(trx, 'dr_evaluations', records.map(rowFromRecord));
      await insertChunked(
        trx,
        'dr_region_impacts',
        records.flatMap(impactRows),
      );
    });
  }

  /** Replaces the evaluation of one entity (after a drill, or a first read). */
  async saveEvaluation(record: EvaluationRecord): Promise<void> {
    await this.db.transaction(async trx => {
      await trx('dr_region_impacts')
        .where({ entity_ref: record.entityRef })
        .delete();
      await trx('dr_evaluations')
        .insert(rowFromRecord(record))
        .onConflict('entity_ref')
        .merge();
      await insertChunked(trx, 'dr_region_impacts', impactRows(record));
    });
  }

  async listEvaluatedRefs(): Promise<string[]> {
    const rows = await this.db('dr_evaluations').select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async deleteEvaluations(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const chunk = entityRefs.slice(i, i + CHUNK);
      await this.db.transaction(async trx => {
        await trx('dr_region_impacts').whereIn('entity_ref', chunk).delete();
        await trx('dr_evaluations').whereIn('entity_ref', chunk).delete();
      });
    }
  }

  async getEvaluation(
    entityRef: string,
  ): Promise<StoredEvaluation | undefined> {
    const row = await this.db('dr_evaluations')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    const evaluation: EntityReadiness | null = row.evaluation
      ? JSON.parse(row.evaluation)
      : null;
    return {
      ...summaryFromRow(row),
      evaluation,
      // Rows written before coverage was recorded still read; whoever serves
      // them re-evaluates first, since their status may hide unjudged data.
      coverageMissing: evaluation !== null && !evaluation.coverage,
    };
  }

  async overview(filters: OverviewFilters): Promise<EvaluationSummary[]> {
    const query = this.db('dr_evaluations').select(SUMMARY_COLUMNS);
    if (filters.owner) query.where('owner', filters.owner);
    if (filters.system) query.where('system', filters.system);
    if (filters.tier) query.where('tier', filters.tier);
    if (filters.status) query.where('status', filters.status);
    const rows = await query.orderBy('entity_ref');
    return rows.map(summaryFromRow);
  }

  /** What losing `region` does to each entity with a presence there. */
  async regionImpacts(region: string): Promise<StoredImpact[]> {
    const rows = await this.db('dr_region_impacts as i')
      .join('dr_evaluations as e', 'e.entity_ref', 'i.entity_ref')
      .where('i.region', region)
      .select('i.impact', 'e.owner', 'e.system', 'e.evaluated_at');
    return rows.map(row => ({
      impact: JSON.parse(row.impact),
      owner: row.owner,
      system: row.system,
      evaluatedAt: Number(row.evaluated_at),
    }));
  }

  // Drills

  async insertDrill(drill: DrillRecord): Promise<void> {
    await this.db('dr_drills').insert(rowFromDrill(drill));
  }

  /**
   * Inserts drills only when the store has none, ignoring ids that exist:
   * replicas that seed at the same moment insert each drill once. True when
   * the store was empty.
   */
  async seedDrills(drills: DrillRecord[]): Promise<boolean> {
    const existing = await this.db('dr_drills').count({ count: '*' }).first();
    if (Number(existing?.count ?? 0) > 0) return false;
    const rows = drills.map(rowFromDrill);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db('dr_drills')
        .insert(rows.slice(i, i + CHUNK))
        .onConflict('id')
        .ignore();
    }
    return true;
  }

  /**
   * Drills as they stand after their corrections, newest first (by the
   * corrected date); of one entity when given. Withdrawn drills are listed
   * too, marked `withdrawn`.
   */
  async listDrills(entityRef?: string): Promise<DrillRecord[]> {
    const query = this.db('dr_drills').select('*');
    const revisionQuery = this.db('dr_drill_revisions as r').select('r.*');
    if (entityRef) {
      query.where({ entity_ref: entityRef });
      revisionQuery
        .join('dr_drills as d', 'd.id', 'r.drill_id')
        .where('d.entity_ref', entityRef);
    }
    const [rows, revisionRows] = await Promise.all([
      query,
      revisionQuery.orderBy([{ column: 'r.drill_id' }, { column: 'r.seq' }]),
    ]);
    const revisions = new Map<string, any[]>();
    for (const row of revisionRows) {
      const list = revisions.get(row.drill_id);
      if (list) list.push(row);
      else revisions.set(row.drill_id, [row]);
    }
    return rows
      .map(row =>
        applyRevisions(drillFromRow(row), revisions.get(row.id) ?? []),
      )
      .map(drill => ({ drill, at: Date.parse(drill.performedAt) }))
      .sort(
        (a, b) =>
          (Number.isFinite(b.at) ? b.at : -Infinity) -
            (Number.isFinite(a.at) ? a.at : -Infinity) ||
          compareIds(a.drill.id, b.drill.id),
      )
      .map(({ drill }) => drill);
  }

  /** One drill as it stands after its corrections, or undefined. */
  async getDrill(id: string): Promise<DrillRecord | undefined> {
    const row = await this.db('dr_drills').where({ id }).first();
    if (!row) return undefined;
    const revisions = await this.db('dr_drill_revisions')
      .where({ drill_id: id })
      .orderBy('seq');
    return applyRevisions(drillFromRow(row), revisions);
  }

  /**
   * Records a correction or the withdrawal of a drill; the drill row itself
   * is never changed. Throws a ConflictError when another revision with the
   * same `seq` got there first (two people changing the drill at once).
   */
  async addDrillRevision(revision: DrillRevisionRecord): Promise<void> {
    const values = revision.values;
    try {
      await this.db('dr_drill_revisions').insert({
        drill_id: revision.drillId,
        seq: revision.seq,
        action: revision.action,
        region: values?.region ?? null,
        performed_at: values?.performedAt ?? null,
        performed_at_ms: values ? Date.parse(values.performedAt) : null,
        outcome: values?.outcome ?? null,
        rto_achieved: values?.rtoAchieved ?? null,
        rpo_achieved: values?.rpoAchieved ?? null,
        notes: values ? values.notes : null,
        reason: revision.reason,
        revised_by: revision.by,
        revised_at: revision.at,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `drill ${revision.drillId} was changed by someone else at the same time; reload it and try again`,
        );
      }
      throw error;
    }
  }

  // Bookkeeping

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db('dr_meta').where({ key }).first();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db('dr_meta').insert({ key, value }).onConflict('key').merge();
  }

  async deleteMeta(key: string): Promise<void> {
    await this.db('dr_meta').where({ key }).delete();
  }
}

import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  ComplianceStatus,
  ControlStatus,
  ExemptionCategory,
} from '@vitals/plugin-compliance-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@vitals/plugin-compliance-backend',
  'migrations',
);

// Keeps statements well under SQLite's and PostgreSQL's bound-variable limits.
const CHUNK = 400;

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

export type RunStatus = 'running' | 'ok' | 'failed';

export interface RunRecord {
  id: number;
  scope: string | null;
  trigger: string;
  startedAt: number;
  finishedAt: number | null;
  status: RunStatus;
  error: string | null;
  ruleVersion: string;
  frameworkVersion: string;
  inventorySource: 'snapshot' | 'live' | null;
  inventoryOrigin: string | null;
  inventoryFetchedAt: number | null;
  inventoryRefreshedAt: number | null;
  inventoryError: string | null;
  drEvaluatedAt: number | null;
  drError: string | null;
  entities: number;
  changed: number;
  summary: Partial<Record<ComplianceStatus, number>> | null;
}

export interface RunCompletion {
  inventorySource: 'snapshot' | 'live' | null;
  inventoryOrigin: string | null;
  inventoryFetchedAt: number | null;
  inventoryRefreshedAt: number | null;
  inventoryError: string | null;
  drEvaluatedAt: number | null;
  drError: string | null;
  entities: number;
  changed: number;
  summary: Partial<Record<ComplianceStatus, number>>;
  unowned?: { total: number; items: unknown[] };
  selectorErrors?: Array<{ entityRef: string; invalid: string[] }>;
}

/** What one evaluation concluded about one entity, ready to compare with the stored span. */
export interface EntityVerdictInput {
  entityRef: string;
  owner: string | null;
  system: string | null;
  classification: string | null;
  status: ComplianceStatus;
  score: number | null;
  controlStatuses: Record<string, ControlStatus>;
  header: unknown;
  fingerprint: string;
  controls: ControlVerdictInput[];
}

export interface ControlVerdictInput {
  controlId: string;
  status: ControlStatus;
  ruleVersion: string;
  result: unknown;
  fingerprint: string;
}

export interface EntityVerdictRow {
  entityRef: string;
  validFrom: number;
  validTo: number | null;
  runId: number;
  owner: string | null;
  system: string | null;
  classification: string | null;
  status: ComplianceStatus;
  score: number | null;
  controlStatuses: Record<string, ControlStatus>;
  header: any;
}

export interface ControlVerdictRow {
  entityRef: string;
  controlId: string;
  validFrom: number;
  validTo: number | null;
  runId: number;
  status: ControlStatus;
  ruleVersion: string;
  result: any;
}

export interface VerdictFilters {
  owner?: string;
  system?: string;
  classification?: string;
  status?: string;
  entityRefs?: readonly string[];
}

export interface ExemptionRow {
  id: string;
  entityRef: string;
  controlId: string;
  resourceId: string | null;
  category: ExemptionCategory;
  reason: string;
  alternativeMeasure: string | null;
  ticketUrl: string | null;
  requester: string;
  approver: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

export interface AttestationRow {
  id: string;
  entityRef: string;
  controlId: string;
  link: string;
  note: string | null;
  attestedBy: string;
  attestedAt: number;
  reviewBy: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

function toRun(row: any): RunRecord {
  return {
    id: Number(row.id),
    scope: row.scope,
    trigger: row.trigger,
    startedAt: Number(row.started_at),
    finishedAt: num(row.finished_at),
    status: row.status,
    error: row.error,
    ruleVersion: row.rule_version,
    frameworkVersion: row.framework_version,
    inventorySource: row.inventory_source,
    inventoryOrigin: row.inventory_origin,
    inventoryFetchedAt: num(row.inventory_fetched_at),
    inventoryRefreshedAt: num(row.inventory_refreshed_at),
    inventoryError: row.inventory_error,
    drEvaluatedAt: num(row.dr_evaluated_at),
    drError: row.dr_error,
    entities: Number(row.entities ?? 0),
    changed: Number(row.changed ?? 0),
    summary: row.summary ? JSON.parse(row.summary) : null,
  };
}

function toEntityVerdict(row: any): EntityVerdictRow {
  return {
    entityRef: row.entity_ref,
    validFrom: Number(row.valid_from),
    validTo: num(row.valid_to),
    runId: Number(row.run_id),
    owner: row.owner,
    system: row.system,
    classification: row.classification,
    status: row.status,
    score: num(row.score),
    controlStatuses: JSON.parse(row.control_statuses),
    header: JSON.parse(row.header),
  };
}

function toControlVerdict(row: any): ControlVerdictRow {
  return {
    entityRef: row.entity_ref,
    controlId: row.control_id,
    validFrom: Number(row.valid_from),
    validTo: num(row.valid_to),
    runId: Number(row.run_id),
    status: row.status,
    ruleVersion: row.rule_version,
    result: JSON.parse(row.result),
  };
}

function toExemption(row: any): ExemptionRow {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    controlId: row.control_id,
    resourceId: row.resource_id,
    category: row.category,
    reason: row.reason,
    alternativeMeasure: row.alternative_measure,
    ticketUrl: row.ticket_url,
    requester: row.requester,
    approver: row.approver,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: num(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

function toAttestation(row: any): AttestationRow {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    controlId: row.control_id,
    link: row.link,
    note: row.note,
    attestedBy: row.attested_by,
    attestedAt: Number(row.attested_at),
    reviewBy: Number(row.review_by),
    revokedAt: num(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

/** Rows whose span contains `at`; the open spans when `at` is null. */
function validAt(query: Knex.QueryBuilder, at: number | null) {
  if (at === null) {
    query.whereNull('valid_to');
  } else {
    query
      .where('valid_from', '<=', at)
      .andWhere(q => q.whereNull('valid_to').orWhere('valid_to', '>', at));
  }
  return query;
}

/**
 * The compliance plugin's storage on SQLite or PostgreSQL: evaluation runs,
 * verdict spans, exemptions and attestations. The Azure inventory is kept by
 * the shared inventory service (`@vitals/azure-inventory`).
 */
export class ComplianceStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<ComplianceStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new ComplianceStore(client);
  }

  /** For tests of the migrations themselves. */
  static migrationsDirectory() {
    return migrationsDir;
  }

  // Runs

  async startRun(input: {
    scope: string | null;
    trigger: string;
    startedAt: number;
    ruleVersion: string;
    frameworkVersion: string;
  }): Promise<number> {
    const [row] = await this.db('compliance_runs')
      .insert({
        scope: input.scope,
        trigger: input.trigger,
        started_at: input.startedAt,
        status: 'running',
        rule_version: input.ruleVersion,
        framework_version: input.frameworkVersion,
      })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async finishRun(
    id: number,
    finishedAt: number,
    completion: RunCompletion,
  ): Promise<void> {
    await this.db('compliance_runs')
      .where({ id })
      .update({
        status: 'ok',
        finished_at: finishedAt,
        inventory_source: completion.inventorySource,
        inventory_origin: completion.inventoryOrigin,
        inventory_fetched_at: completion.inventoryFetchedAt,
        inventory_refreshed_at: completion.inventoryRefreshedAt,
        inventory_error: completion.inventoryError,
        dr_evaluated_at: completion.drEvaluatedAt,
        dr_error: completion.drError,
        entities: completion.entities,
        changed: completion.changed,
        summary: JSON.stringify(completion.summary),
        unowned: completion.unowned ? JSON.stringify(completion.unowned) : null,
        selector_errors: completion.selectorErrors
          ? JSON.stringify(completion.selectorErrors)
          : null,
      });
  }

  async failRun(id: number, finishedAt: number, error: string): Promise<void> {
    await this.db('compliance_runs')
      .where({ id })
      .update({ status: 'failed', finished_at: finishedAt, error });
  }

  /** The newest run of the whole estate (any outcome) started at or before `at`. */
  async latestEstateRun(
    options: { at?: number | null; okOnly?: boolean } = {},
  ): Promise<RunRecord | undefined> {
    const query = this.db('compliance_runs').whereNull('scope');
    if (options.okOnly) query.where({ status: 'ok' });
    else query.whereNot({ status: 'running' });
    if (options.at !== undefined && options.at !== null) {
      query.where('started_at', '<=', options.at);
    }
    const row = await query
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    return row ? toRun(row) : undefined;
  }

  /** The newest successful evaluation that covered the entity, at or before `at`. */
  async latestRunFor(
    entityRef: string,
    at: number | null = null,
  ): Promise<RunRecord | undefined> {
    const query = this.db('compliance_runs')
      .where({ status: 'ok' })
      .andWhere(q => q.whereNull('scope').orWhere({ scope: entityRef }));
    if (at !== null) query.where('started_at', '<=', at);
    const row = await query
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    return row ? toRun(row) : undefined;
  }

  async getRun(id: number): Promise<RunRecord | undefined> {
    const row = await this.db('compliance_runs').where({ id }).first();
    return row ? toRun(row) : undefined;
  }

  /** Runs by id, for the observation times of many verdicts at once. */
  async getRuns(ids: readonly number[]): Promise<Map<number, RunRecord>> {
    const out = new Map<number, RunRecord>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.db('compliance_runs').whereIn('id', part);
      for (const row of rows) out.set(Number(row.id), toRun(row));
    }
    return out;
  }

  async getRunDetails(id: number): Promise<{
    unowned: { total: number; items: any[] } | null;
    selectorErrors: Array<{ entityRef: string; invalid: string[] }>;
  }> {
    const row = await this.db('compliance_runs')
      .where({ id })
      .select('unowned', 'selector_errors')
      .first();
    return {
      unowned: row?.unowned ? JSON.parse(row.unowned) : null,
      selectorErrors: row?.selector_errors
        ? JSON.parse(row.selector_errors)
        : [],
    };
  }

  /** Changes whenever a run finishes: a cache key for what is read from the spans. */
  async runMarker(): Promise<string> {
    const row = await this.db('compliance_runs')
      .max({ id: 'id', finished: 'finished_at' })
      .first();
    return `${row?.id ?? 0}:${row?.finished ?? 0}`;
  }

  // Verdicts

  /**
   * Writes one evaluation's verdicts as spans: a verdict equal to the open
   * span (same fingerprint) writes nothing; a different one closes the open
   * span at `at` and opens a new one. With `closeMissing`, entities that have
   * an open span but were not evaluated (gone from the catalog) are closed.
   * Returns how many entities changed.
   */
  async applyVerdicts(input: {
    runId: number;
    at: number;
    verdicts: readonly EntityVerdictInput[];
    closeMissing: boolean;
  }): Promise<number> {
    const { runId, at } = input;
    return this.db.transaction(async tx => {
      const refs = input.verdicts.map(v => v.entityRef);
      const openEntities = new Map<string, { id: number; fp: string }>();
      const openControls = new Map<string, { id: number; fp: string }>();
      const loadEntities = (q: Knex.QueryBuilder) =>
        q.whereNull('valid_to').select('id', 'entity_ref', 'fingerprint');
      const loadControls = (q: Knex.QueryBuilder) =>
        q
          .whereNull('valid_to')
          .select('id', 'entity_ref', 'control_id', 'fingerprint');
      const entityRows: any[] = [];
      const controlRows: any[] = [];
      if (input.closeMissing) {
        entityRows.push(
          ...(await loadEntities(tx('compliance_entity_verdicts'))),
        );
        controlRows.push(
          ...(await loadControls(tx('compliance_control_verdicts'))),
        );
      } else {
        for (const part of chunks(refs)) {
          entityRows.push(
            ...(await loadEntities(
              tx('compliance_entity_verdicts').whereIn('entity_ref', part),
            )),
          );
          controlRows.push(
            ...(await loadControls(
              tx('compliance_control_verdicts').whereIn('entity_ref', part),
            )),
          );
        }
      }
      const closeEntityIds: number[] = [];
      const closeControlIds: number[] = [];
      // Two replicas evaluating one entity at once can both open a span;
      // the newest stays open and the others are closed here.
      const byId = (a: any, b: any) => Number(a.id) - Number(b.id);
      for (const r of entityRows.sort(byId)) {
        const previous = openEntities.get(r.entity_ref);
        if (previous) closeEntityIds.push(previous.id);
        openEntities.set(r.entity_ref, { id: Number(r.id), fp: r.fingerprint });
      }
      for (const r of controlRows.sort(byId)) {
        const key = `${r.entity_ref}\u0000${r.control_id}`;
        const previous = openControls.get(key);
        if (previous) closeControlIds.push(previous.id);
        openControls.set(key, { id: Number(r.id), fp: r.fingerprint });
      }

      const newEntities: any[] = [];
      const newControls: any[] = [];
      let changed = 0;
      for (const verdict of input.verdicts) {
        let entityChanged = false;
        const open = openEntities.get(verdict.entityRef);
        openEntities.delete(verdict.entityRef);
        if (!open || open.fp !== verdict.fingerprint) {
          entityChanged = true;
          if (open) closeEntityIds.push(open.id);
          newEntities.push({
            entity_ref: verdict.entityRef,
            valid_from: at,
            valid_to: null,
            run_id: runId,
            owner: verdict.owner,
            system: verdict.system,
            classification: verdict.classification,
            status: verdict.status,
            score: verdict.score,
            control_statuses: JSON.stringify(verdict.controlStatuses),
            header: JSON.stringify(verdict.header),
            fingerprint: verdict.fingerprint,
          });
        }
        const seen = new Set<string>();
        for (const control of verdict.controls) {
          const key = `${verdict.entityRef}\u0000${control.controlId}`;
          seen.add(key);
          const openControl = openControls.get(key);
          openControls.delete(key);
          if (openControl && openControl.fp === control.fingerprint) {
            continue;
          }
          entityChanged = true;
          if (openControl) closeControlIds.push(openControl.id);
          newControls.push({
            entity_ref: verdict.entityRef,
            control_id: control.controlId,
            valid_from: at,
            valid_to: null,
            run_id: runId,
            status: control.status,
            rule_version: control.ruleVersion,
            result: JSON.stringify(control.result),
            fingerprint: control.fingerprint,
          });
        }
        if (entityChanged) changed++;
      }
      // Controls the framework no longer has, for the entities evaluated.
      const evaluated = new Set(refs);
      for (const [key, open] of openControls) {
        const entityRef = key.slice(0, key.indexOf('\u0000'));
        if (input.closeMissing || evaluated.has(entityRef)) {
          closeControlIds.push(open.id);
        }
      }
      if (input.closeMissing) {
        for (const open of openEntities.values()) {
          closeEntityIds.push(open.id);
          changed++;
        }
      }

      for (const part of chunks(closeEntityIds)) {
        await tx('compliance_entity_verdicts')
          .whereIn('id', part)
          .update({ valid_to: at });
      }
      for (const part of chunks(closeControlIds)) {
        await tx('compliance_control_verdicts')
          .whereIn('id', part)
          .update({ valid_to: at });
      }
      for (const part of chunks(newEntities, 100)) {
        await tx('compliance_entity_verdicts').insert(part);
      }
      for (const part of chunks(newControls, 100)) {
        await tx('compliance_control_verdicts').insert(part);
      }
      return changed;
    });
  }

  /** Entity verdicts holding at `at` (now, when null), filtered. */
  async entityVerdicts(
    at: number | null,
    filters: VerdictFilters = {},
  ): Promise<EntityVerdictRow[]> {
    const run = async (refs?: readonly string[]) => {
      const query = validAt(this.db('compliance_entity_verdicts'), at);
      if (filters.owner) query.where({ owner: filters.owner });
      if (filters.system) query.where({ system: filters.system });
      if (filters.classification) {
        query.where({ classification: filters.classification });
      }
      if (filters.status) query.where({ status: filters.status });
      if (refs) query.whereIn('entity_ref', refs);
      return (await query.orderBy('entity_ref')).map(toEntityVerdict);
    };
    if (!filters.entityRefs) return run();
    const out: EntityVerdictRow[] = [];
    for (const part of chunks(filters.entityRefs))
      out.push(...(await run(part)));
    return out;
  }

  async entityVerdict(
    entityRef: string,
    at: number | null,
  ): Promise<EntityVerdictRow | undefined> {
    const row = await validAt(
      this.db('compliance_entity_verdicts').where({ entity_ref: entityRef }),
      at,
    )
      .orderBy('valid_from', 'desc')
      .first();
    return row ? toEntityVerdict(row) : undefined;
  }

  /** Control verdicts holding at `at` for these entities (all entities when omitted). */
  async controlVerdicts(
    at: number | null,
    entityRefs?: readonly string[],
  ): Promise<ControlVerdictRow[]> {
    if (!entityRefs) {
      const rows = await validAt(this.db('compliance_control_verdicts'), at);
      return rows.map(toControlVerdict);
    }
    const out: ControlVerdictRow[] = [];
    for (const part of chunks(entityRefs)) {
      const rows = await validAt(
        this.db('compliance_control_verdicts').whereIn('entity_ref', part),
        at,
      );
      out.push(...rows.map(toControlVerdict));
    }
    return out;
  }

  /** Every span of the entity overlapping [from, to), oldest first. */
  async entityHistory(
    entityRef: string,
    from: number,
    to: number,
  ): Promise<{
    entity: EntityVerdictRow[];
    controls: ControlVerdictRow[];
  }> {
    const overlapping = (q: Knex.QueryBuilder) =>
      q
        .where({ entity_ref: entityRef })
        .andWhere('valid_from', '<', to)
        .andWhere(w => w.whereNull('valid_to').orWhere('valid_to', '>', from));
    const entity = await overlapping(this.db('compliance_entity_verdicts'))
      .orderBy('valid_from')
      .orderBy('id');
    const controls = await overlapping(this.db('compliance_control_verdicts'))
      .select(
        'entity_ref',
        'control_id',
        'valid_from',
        'valid_to',
        'run_id',
        'status',
        'rule_version',
        'result',
      )
      .orderBy('control_id')
      .orderBy('valid_from');
    return {
      entity: entity.map(toEntityVerdict),
      controls: controls.map(toControlVerdict),
    };
  }

  /** When the first stored verdict (of one entity, or of any) began. */
  async earliestVerdict(entityRef?: string): Promise<number | null> {
    const query = this.db('compliance_entity_verdicts').min({
      from: 'valid_from',
    });
    if (entityRef) query.where({ entity_ref: entityRef });
    const row = await query.first();
    return row?.from === null || row?.from === undefined
      ? null
      : Number(row.from);
  }

  /** Entity spans overlapping [from, to) with just what a trend needs. */
  async estateSpans(
    from: number,
    to: number,
    filters: VerdictFilters = {},
  ): Promise<
    Array<{
      entityRef: string;
      validFrom: number;
      validTo: number | null;
      status: ComplianceStatus;
      score: number | null;
    }>
  > {
    const query = this.db('compliance_entity_verdicts')
      .where('valid_from', '<', to)
      .andWhere(w => w.whereNull('valid_to').orWhere('valid_to', '>', from))
      .select('entity_ref', 'valid_from', 'valid_to', 'status', 'score');
    if (filters.owner) query.where({ owner: filters.owner });
    if (filters.system) query.where({ system: filters.system });
    if (filters.classification) {
      query.where({ classification: filters.classification });
    }
    const rows = await query;
    return rows.map(r => ({
      entityRef: r.entity_ref,
      validFrom: Number(r.valid_from),
      validTo: num(r.valid_to),
      status: r.status,
      score: num(r.score),
    }));
  }

  /**
   * Deletes what is older than the retention: runs started before `cutoff`
   * and verdict spans that ended before it. Spans still open are current and
   * always kept, however old their start.
   */
  async prune(cutoff: number): Promise<{
    runs: number;
    entityVerdicts: number;
    controlVerdicts: number;
  }> {
    const entityVerdicts = await this.db('compliance_entity_verdicts')
      .whereNotNull('valid_to')
      .andWhere('valid_to', '<', cutoff)
      .delete();
    const controlVerdicts = await this.db('compliance_control_verdicts')
      .whereNotNull('valid_to')
      .andWhere('valid_to', '<', cutoff)
      .delete();
    const runs = await this.db('compliance_runs')
      .where('started_at', '<', cutoff)
      .whereNot({ status: 'running' })
      .delete();
    return { runs, entityVerdicts, controlVerdicts };
  }

  // Exemptions

  async countExemptions(): Promise<number> {
    const [row] = await this.db('compliance_exemptions').count({ n: '*' });
    return Number(row.n);
  }

  async listExemptions(
    options: { entityRef?: string; includeRevoked?: boolean } = {},
  ): Promise<ExemptionRow[]> {
    const query = this.db('compliance_exemptions');
    if (options.entityRef) query.where({ entity_ref: options.entityRef });
    if (!options.includeRevoked) query.whereNull('revoked_at');
    const rows = await query.orderBy('created_at', 'desc').orderBy('id');
    return rows.map(toExemption);
  }

  async getExemption(id: string): Promise<ExemptionRow | undefined> {
    const row = await this.db('compliance_exemptions').where({ id }).first();
    return row ? toExemption(row) : undefined;
  }

  async insertExemption(exemption: ExemptionRow): Promise<void> {
    await this.db('compliance_exemptions').insert({
      id: exemption.id,
      entity_ref: exemption.entityRef,
      control_id: exemption.controlId,
      resource_id: exemption.resourceId,
      category: exemption.category,
      reason: exemption.reason,
      alternative_measure: exemption.alternativeMeasure,
      ticket_url: exemption.ticketUrl,
      requester: exemption.requester,
      approver: exemption.approver,
      created_at: exemption.createdAt,
      expires_at: exemption.expiresAt,
      revoked_at: null,
      revoked_by: null,
    });
  }

  /**
   * Revocation keeps the record (HIPAA keeps documentation of decisions for
   * six years, 164.316(b)(2)(i)); it only stops applying.
   */
  async revokeExemption(
    id: string,
    by: string,
    at: number,
  ): Promise<ExemptionRow | undefined> {
    await this.db('compliance_exemptions')
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: at, revoked_by: by });
    return this.getExemption(id);
  }

  // Attestations

  async countAttestations(): Promise<number> {
    const [row] = await this.db('compliance_attestations').count({ n: '*' });
    return Number(row.n);
  }

  async listAttestations(
    options: { entityRef?: string; includeRevoked?: boolean } = {},
  ): Promise<AttestationRow[]> {
    const query = this.db('compliance_attestations');
    if (options.entityRef) query.where({ entity_ref: options.entityRef });
    if (!options.includeRevoked) query.whereNull('revoked_at');
    const rows = await query.orderBy('attested_at', 'desc').orderBy('id');
    return rows.map(toAttestation);
  }

  async getAttestation(id: string): Promise<AttestationRow | undefined> {
    const row = await this.db('compliance_attestations').where({ id }).first();
    return row ? toAttestation(row) : undefined;
  }

  async insertAttestation(attestation: AttestationRow): Promise<void> {
    await this.db('compliance_attestations').insert({
      id: attestation.id,
      entity_ref: attestation.entityRef,
      control_id: attestation.controlId,
      link: attestation.link,
      note: attestation.note,
      attested_by: attestation.attestedBy,
      attested_at: attestation.attestedAt,
      review_by: attestation.reviewBy,
      revoked_at: null,
      revoked_by: null,
    });
  }

  async revokeAttestation(
    id: string,
    by: string,
    at: number,
  ): Promise<AttestationRow | undefined> {
    await this.db('compliance_attestations')
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: at, revoked_by: by });
    return this.getAttestation(id);
  }
}

import { Knex } from 'knex';

/** A deployment as stored; instants in epoch milliseconds. */
export interface DeploymentRow {
  id: string;
  entityRef: string;
  version: string;
  environment: string;
  at: number;
  url: string | null;
  recordedBy: string;
  recordedAt: number;
}

/** A deploy-gate override as stored; instants in epoch milliseconds. */
export interface GateOverrideRow {
  id: string;
  entityRef: string;
  requester: string;
  approver: string;
  reason: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

/** Most deployments one read returns, the newest first. */
export const MAX_DEPLOYMENTS_READ = 500;

const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) =>
  v === null || v === undefined ? null : Number(v);

function deploymentFrom(row: any): DeploymentRow {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    version: row.version,
    environment: row.environment,
    at: num(row.at),
    url: row.url ?? null,
    recordedBy: row.recorded_by,
    recordedAt: num(row.recorded_at),
  };
}

function overrideFrom(row: any): GateOverrideRow {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    requester: row.requester,
    approver: row.approver,
    reason: row.reason,
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
    revokedAt: numOrNull(row.revoked_at),
    revokedBy: row.revoked_by ?? null,
  };
}

/**
 * Deployments and deploy-gate overrides of the SLO plugin, in the tables of
 * its store (SQLite and PostgreSQL through knex).
 */
export class DeployStore {
  constructor(private readonly db: Knex) {}

  async insertDeployment(row: DeploymentRow): Promise<void> {
    await this.db('slo_deployments').insert({
      id: row.id,
      entity_ref: row.entityRef,
      version: row.version,
      environment: row.environment,
      at: row.at,
      url: row.url,
      recorded_by: row.recordedBy,
      recorded_at: row.recordedAt,
    });
  }

  /** Deployments of an entity in [from, to], the newest first, at most `limit`. */
  async listDeployments(
    entityRef: string,
    from: number,
    to: number,
    limit = MAX_DEPLOYMENTS_READ,
  ): Promise<DeploymentRow[]> {
    const rows = await this.db('slo_deployments')
      .where('entity_ref', entityRef)
      .andWhere('at', '>=', from)
      .andWhere('at', '<=', to)
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(Math.min(limit, MAX_DEPLOYMENTS_READ));
    return rows.map(deploymentFrom);
  }

  /** Whether a deployment of `version` of the entity is stored. */
  async hasDeployment(entityRef: string, version: string): Promise<boolean> {
    const row = await this.db('slo_deployments')
      .where({ entity_ref: entityRef, version })
      .first('id');
    return row !== undefined;
  }

  /** Removes deployments recorded before `before`; returns how many. */
  async pruneDeployments(before: number): Promise<number> {
    return this.db('slo_deployments').where('at', '<', before).delete();
  }

  async insertOverride(row: GateOverrideRow): Promise<void> {
    await this.db('slo_gate_overrides').insert({
      id: row.id,
      entity_ref: row.entityRef,
      requester: row.requester,
      approver: row.approver,
      reason: row.reason,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      revoked_at: row.revokedAt,
      revoked_by: row.revokedBy,
    });
  }

  async getOverride(id: string): Promise<GateOverrideRow | undefined> {
    const row = await this.db('slo_gate_overrides').where({ id }).first();
    return row ? overrideFrom(row) : undefined;
  }

  /**
   * Overrides of an entity, the newest first: those still active at `now`,
   * and with `history` also the expired and revoked ones of that long ago.
   */
  async listOverrides(
    entityRef: string,
    options: { now: number; historyMs?: number },
  ): Promise<GateOverrideRow[]> {
    const since = options.now - (options.historyMs ?? 0);
    const rows = await this.db('slo_gate_overrides')
      .where('entity_ref', entityRef)
      .andWhere('expires_at', '>', since)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(100);
    return rows.map(overrideFrom);
  }

  /** Revokes an override that is not revoked yet; returns it as it now is. */
  async revokeOverride(
    id: string,
    by: string,
    at: number,
  ): Promise<GateOverrideRow | undefined> {
    await this.db('slo_gate_overrides')
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: at, revoked_by: by });
    return this.getOverride(id);
  }
}

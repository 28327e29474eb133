import { randomUUID } from 'node:crypto';
import type { Request, Router } from 'express';
import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  actorOf,
  auditedWrite,
  entityRefFromPath,
  readHttpUrl,
  readInstant,
  readText,
  readTimeRange,
  sameActor,
} from '@vitals/backend-http';
import {
  ANNOTATION_SLO_REF,
  DAY,
  formatHumanDuration,
  MINUTE,
  PolicyState,
  SloDeployGateOverride,
  SloDeployGateOverridesResponse,
  SloDeployGateReason,
  SloDeployGateResponse,
  SloDeployment,
  SloDeploymentsResponse,
  sloDeployGateOverridePermission,
  sloDeploymentCreatePermission,
  SloStatus,
} from '@vitals/plugin-slo-common';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { SloStore, StoredTarget } from '../database/SloStore';
import { DeploymentRow, GateOverrideRow } from '../database/DeployStore';
import { DAILY_RETENTION_MS } from './plan';

/** Longest an override may last: a decision is revisited at least weekly. */
export const MAX_OVERRIDE_MS = 7 * DAY;
/** Shortest an override may last. */
export const MIN_OVERRIDE_MS = 5 * MINUTE;
/** How far back a deployment may be recorded (a pipeline catching up). */
export const MAX_DEPLOYMENT_AGE_MS = 30 * DAY;
/** How far ahead of the server's clock a deployment time may lie (clock skew). */
export const MAX_DEPLOYMENT_SKEW_MS = 5 * MINUTE;
/** How long expired and revoked overrides stay listed. */
const OVERRIDE_HISTORY_MS = 90 * DAY;

const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const RECORD_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const RANK: Record<PolicyState, number> = { healthy: 0, warning: 1, freeze: 2 };

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const iso = (ms: number) => new Date(ms).toISOString();

export function toOverride(
  row: GateOverrideRow,
  now: number,
): SloDeployGateOverride {
  return {
    id: row.id,
    entityRef: row.entityRef,
    requester: row.requester,
    approver: row.approver,
    reason: row.reason,
    createdAt: iso(row.createdAt),
    expiresAt: iso(row.expiresAt),
    revokedAt: row.revokedAt === null ? null : iso(row.revokedAt),
    revokedBy: row.revokedBy,
    active: row.revokedAt === null && row.expiresAt > now,
  };
}

function toDeployment(row: DeploymentRow): SloDeployment {
  return {
    id: row.id,
    entityRef: row.entityRef,
    version: row.version,
    environment: row.environment,
    at: iso(row.at),
    url: row.url,
    recordedBy: row.recordedBy,
    recordedAt: iso(row.recordedAt),
  };
}

/**
 * The gate of one entity from its SLOs' figures and its overrides: closed
 * while any SLO is in `freeze`, unless an override is active. SLOs that have
 * never been computed hold nothing: they have spent no budget.
 */
export function deployGateDecision(
  entityRef: string,
  slos: readonly Pick<
    SloStatus,
    | 'name'
    | 'displayName'
    | 'errorBudget'
    | 'policyState'
    | 'stale'
    | 'computedAt'
  >[],
  overrides: readonly SloDeployGateOverride[],
): SloDeployGateResponse {
  const computed = slos.filter(s => s.computedAt !== null);
  const reasons: SloDeployGateReason[] = computed
    .filter(s => s.policyState !== 'healthy')
    .map(s => ({
      slo: s.name,
      displayName: s.displayName,
      remaining: s.errorBudget.remaining,
      policyState: s.policyState,
      stale: s.stale,
    }))
    .sort(
      (a, b) =>
        RANK[b.policyState] - RANK[a.policyState] ||
        a.remaining - b.remaining ||
        a.slo.localeCompare(b.slo),
    );
  const policyState: PolicyState = reasons[0]?.policyState ?? 'healthy';
  const frozen = reasons.filter(r => r.policyState === 'freeze');
  const override = overrides.find(o => o.active) ?? null;
  const allow = frozen.length === 0 || override !== null;
  const describe = (r: SloDeployGateReason) =>
    `${r.slo} has ${percent(r.remaining)} of its error budget left${
      r.stale ? ' (stale figures)' : ''
    }`;
  let message: string;
  if (computed.length === 0) {
    message =
      slos.length === 0
        ? `Deploy gate open: ${entityRef} has no SLOs.`
        : `Deploy gate open: the SLOs of ${entityRef} have no figures yet.`;
  } else if (frozen.length === 0) {
    const lowest = [...computed].sort(
      (a, b) => a.errorBudget.remaining - b.errorBudget.remaining,
    )[0];
    message = `Deploy gate open: every SLO of ${entityRef} has error budget left (lowest: ${
      lowest.name
    }, ${percent(lowest.errorBudget.remaining)}).`;
  } else {
    const why = `${frozen.map(describe).join('; ')}`;
    message = override
      ? `Deploy gate open by override until ${override.expiresAt} (approved by ${override.approver} for ${override.requester}), although ${why}.`
      : `Deploy gate closed: ${entityRef} is in error-budget freeze: ${why}. Only fixes and security changes ship until the budget recovers, or an approver records an override.`;
  }
  return { entityRef, allow, policyState, reasons, override, message };
}

export interface DeployRoutesOptions {
  store: SloStore;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  auditor: AuditorService;
  now: () => number;
  /** The entity's stored SLO figures with their freshness judged now. */
  statusesOf: (targets: StoredTarget[]) => SloStatus[];
}

/**
 * The deploy gate, its overrides and deployment markers, under
 * `/entities/:namespace/:kind/:name/`.
 */
export function addDeployRoutes(router: Router, options: DeployRoutesOptions) {
  const { store, httpAuth, catalog, permissions, auditor, now } = options;

  /** Runs a write behind `permission`, recording it with the auditor. */
  const audited = <T>(
    req: Request,
    eventId: string,
    permission: BasicPermission,
    allow: Array<'user' | 'service'>,
    meta: Record<string, string | null>,
    write: (credentials: BackstageCredentials) => Promise<T>,
  ): Promise<T> =>
    auditedWrite(
      { auditor, httpAuth, permissions },
      {
        request: req,
        eventId,
        meta,
        allow,
        permission,
        refusal: actor =>
          `${actor} may not do this (permission ${permission.name})`,
      },
      write,
    );

  const requireEntity = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ) => {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return entity;
  };

  const overridesOf = async (entityRef: string, historyMs = 0) => {
    const t = now();
    const rows = await store.deploys.listOverrides(entityRef, {
      now: t,
      historyMs,
    });
    return rows.map(r => toOverride(r, t));
  };

  router.get(
    '/entities/:namespace/:kind/:name/deploy-gate',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const entityRef = entityRefFromPath(req.params);
      const targets = await store.listTargets(entityRef);
      if (targets.length === 0) {
        const entity = await requireEntity(entityRef, credentials);
        const annotated = Boolean(
          entity.metadata.annotations?.[ANNOTATION_SLO_REF],
        );
        const body: SloDeployGateResponse = {
          ...deployGateDecision(entityRef, [], []),
          message: annotated
            ? `Deploy gate open: the SLOs of ${entityRef} have not been computed yet.`
            : `Deploy gate open: ${entityRef} declares no SLOs (annotation ${ANNOTATION_SLO_REF}).`,
        };
        res.json(body);
        return;
      }
      const body = deployGateDecision(
        entityRef,
        options.statusesOf(targets),
        await overridesOf(entityRef),
      );
      res.json(body);
    },
  );

  router.get(
    '/entities/:namespace/:kind/:name/deploy-gate/overrides',
    async (req, res) => {
      await httpAuth.credentials(req);
      const entityRef = entityRefFromPath(req.params);
      const body: SloDeployGateOverridesResponse = {
        items: await overridesOf(entityRef, OVERRIDE_HISTORY_MS),
      };
      res.json(body);
    },
  );

  router.post(
    '/entities/:namespace/:kind/:name/deploy-gate/overrides',
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const entityRefInPath = entityRefFromPath(req.params);
      const record = await audited(
        req,
        'deploy-gate-override',
        sloDeployGateOverridePermission,
        ['user'],
        { entityRef: entityRefInPath },
        async credentials => {
          const approver = actorOf(credentials);
          const t = now();
          const requesterText = readText(body.requester, 'requester', {
            max: 255,
            required: true,
          });
          const reason = readText(body.reason, 'reason', {
            max: 1000,
            min: 10,
            required: true,
            multiline: true,
          });
          const expiresAt = readInstant(body.expiresAt, 'expiresAt', {
            now: t,
            min: t + MIN_OVERRIDE_MS,
            max: t + MAX_OVERRIDE_MS,
          });
          if (expiresAt === undefined) {
            throw new InputError(
              `expiresAt is required: an override lasts at most ${formatHumanDuration(
                MAX_OVERRIDE_MS,
              )}`,
            );
          }
          if (sameActor(requesterText, approver)) {
            throw new InputError(
              'approver: the approver must be someone other than the requester',
            );
          }
          const requesterEntity = await catalog.getEntityByRef(
            requesterText.includes(':')
              ? requesterText
              : `user:default/${requesterText}`,
            { credentials },
          );
          if (
            !requesterEntity ||
            requesterEntity.kind.toLocaleLowerCase('en-US') !== 'user'
          ) {
            throw new InputError(
              `requester: ${requesterText} is not a User in the catalog`,
            );
          }
          const requester = stringifyEntityRef(requesterEntity);
          if (sameActor(requester, approver)) {
            throw new InputError(
              'approver: the approver must be someone other than the requester',
            );
          }
          const entity = await requireEntity(entityRefInPath, credentials);
          const row: GateOverrideRow = {
            id: randomUUID(),
            entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
            requester,
            approver,
            reason,
            createdAt: t,
            expiresAt,
            revokedAt: null,
            revokedBy: null,
          };
          await store.deploys.insertOverride(row);
          return toOverride(row, t);
        },
      );
      res.status(201).json(record);
    },
  );

  router.delete(
    '/entities/:namespace/:kind/:name/deploy-gate/overrides/:id',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      const record = await audited(
        req,
        'deploy-gate-override-revoke',
        sloDeployGateOverridePermission,
        ['user'],
        { entityRef, overrideId: String(req.params.id).slice(0, 64) },
        async credentials => {
          const id = String(req.params.id);
          const existing = RECORD_ID.test(id)
            ? await store.deploys.getOverride(id)
            : undefined;
          if (!existing || existing.entityRef !== entityRef) {
            throw new NotFoundError(
              `${entityRef} has no deploy-gate override ${JSON.stringify(
                id.slice(0, 64),
              )}`,
            );
          }
          const t = now();
          const revoked = await store.deploys.revokeOverride(
            id,
            actorOf(credentials),
            t,
          );
          return toOverride(revoked!, t);
        },
      );
      res.json(record);
    },
  );

  router.get(
    '/entities/:namespace/:kind/:name/deployments',
    async (req, res) => {
      await httpAuth.credentials(req);
      const entityRef = entityRefFromPath(req.params);
      const t = now();
      const { from, to } = readTimeRange(req.query as Record<string, unknown>, {
        now: t,
        defaultSpanMs: 30 * DAY,
        maxSpanMs: DAILY_RETENTION_MS,
        max: t + MAX_DEPLOYMENT_SKEW_MS,
      });
      const rows = await store.deploys.listDeployments(entityRef, from, to);
      const body: SloDeploymentsResponse = {
        entityRef,
        from: iso(from),
        to: iso(to),
        items: rows.map(toDeployment),
      };
      res.json(body);
    },
  );

  router.post(
    '/entities/:namespace/:kind/:name/deployments',
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const entityRefInPath = entityRefFromPath(req.params);
      const record = await audited(
        req,
        'deployment-create',
        sloDeploymentCreatePermission,
        ['user', 'service'],
        {
          entityRef: entityRefInPath,
          version:
            typeof body.version === 'string'
              ? body.version.slice(0, 128)
              : null,
        },
        async credentials => {
          const t = now();
          const version = readText(body.version, 'version', {
            max: 128,
            required: true,
          });
          const environment =
            readText(body.environment, 'environment', { max: 64 }) ??
            'production';
          if (!ENVIRONMENT.test(environment)) {
            throw new InputError(
              `environment must be a name of letters, digits, dots, dashes and underscores, such as production-eastus2; got ${JSON.stringify(
                environment,
              )}`,
            );
          }
          const url = readHttpUrl(body.url, 'url', { required: false });
          const at =
            readInstant(body.at, 'at', {
              now: t,
              min: t - MAX_DEPLOYMENT_AGE_MS,
              max: t + MAX_DEPLOYMENT_SKEW_MS,
            }) ?? t;
          const entity = await requireEntity(entityRefInPath, credentials);
          const row: DeploymentRow = {
            id: randomUUID(),
            entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
            version,
            environment,
            at,
            url: url ?? null,
            recordedBy: actorOf(credentials),
            recordedAt: t,
          };
          await store.deploys.insertDeployment(row);
          return toDeployment(row);
        },
      );
      res.status(201).json(record);
    },
  );
}

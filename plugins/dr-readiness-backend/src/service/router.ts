import { createHash, randomUUID } from 'node:crypto';
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  auditedWrite,
  entityRefFromPath,
  errorMapping,
  readEntityRef,
  readQueryParam,
} from '@vitals/backend-http';
import {
  AZURE_REGIONS,
  DR_TIERS,
  drDrillCreatePermission,
  DrillRecord,
  DrillValues,
  EntityReadiness,
  ImpactOutcome,
  isDrReadinessAvailable,
  readDrPolicy,
  regionImpact,
  TierObjectivesConfig,
} from '@vitals/plugin-dr-readiness-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DrStore, EvaluationSummary } from '../database/DrStore';
import {
  readDrillCorrection,
  readDrillId,
  readDrillValues,
  readDrillWithdrawal,
  readRegion,
} from './drillInput';
import { DrReadinessService } from './DrReadinessService';
import type {
  DrCoverageResponse,
  DrOverviewItem,
  DrOverviewResponse,
  EntityAnnotationMissingBody,
  EntityPolicyErrorBody,
  EntityReadinessBody,
  InventoryStatus,
  RegionImpactResponse,
  ServiceImpactItem,
} from './types';

export interface RouterOptions {
  service: DrReadinessService;
  store: DrStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  /** Where failed requests are logged; by default the service's logger. */
  logger?: LoggerService;
  tiers?: TierObjectivesConfig;
  refreshFrequencyMs: number;
  now?: () => number;
}

const STATUSES = ['ready', 'at-risk', 'not-ready', 'unknown'] as const;

const OUTCOME_ORDER: ImpactOutcome[] = [
  'goes-down',
  'unknown',
  'degrades',
  'fails-over',
];

/** A filter of the overview that takes one of a few values. */
function readChoice<T extends string>(
  query: Record<string, unknown>,
  field: string,
  choices: readonly T[],
): T | undefined {
  const value = readQueryParam(query, field, { max: 32 });
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new InputError(`${field} must be one of ${choices.join(', ')}`);
  }
  return value as T;
}

function overviewItem(summary: EvaluationSummary): DrOverviewItem {
  return {
    entityRef: summary.entityRef,
    owner: summary.owner,
    system: summary.system,
    tier: summary.tier,
    status: summary.status,
    score: summary.score,
    required: summary.required,
    primaryRegion: summary.primaryRegion,
    secondaryRegion: summary.secondaryRegion,
    pairing: summary.pairing,
    cells: summary.cells,
    lastDrill: summary.lastDrill,
    policyError: summary.policyErrors?.[0]?.message ?? null,
  };
}

/**
 * An evaluation stored before coverage was recorded, when it cannot be
 * re-evaluated: its checks stand, but nothing says what they left unjudged,
 * so it is not served as ready.
 */
export function withoutRecordedCoverage(
  evaluation: EntityReadiness,
): EntityReadiness {
  const reason =
    'This evaluation was stored before Vitals recorded which resources the DR checks judge; the next refresh records it.';
  return {
    ...evaluation,
    status: evaluation.status === 'ready' ? 'unknown' : evaluation.status,
    reasons: [reason, ...evaluation.reasons],
    coverage: { evaluated: 0, notEvaluated: [] },
  };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, store, httpAuth, catalog, permissions, auditor } = options;
  const now = options.now ?? Date.now;
  const retryAfter = String(
    Math.max(
      1,
      Math.ceil(Math.min(options.refreshFrequencyMs, 300_000) / 1000),
    ),
  );
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  const isStale = (evaluatedAt: number, inventory: InventoryStatus | null) =>
    Boolean(inventory?.stale) ||
    now() - evaluatedAt > 3 * options.refreshFrequencyMs;

  /** 503 with Retry-After: nothing is stored yet, and why. */
  const notYet = async (res: express.Response, what: string) => {
    const error = await service.lastInventoryError();
    res.setHeader('Retry-After', retryAfter);
    return new ServiceUnavailableError(
      error
        ? `${what} has not been evaluated yet: the Azure inventory could not be loaded (${error})`
        : `${what} has not been evaluated yet; the first refresh of the Azure inventory is under way`,
    );
  };

  router.get('/regions', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ regions: AZURE_REGIONS });
  });

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = entityRefFromPath(req.params);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (!isDrReadinessAvailable(entity)) {
      const body: EntityAnnotationMissingBody = {
        entityRef,
        annotationMissing: true,
      };
      res.json(body);
      return;
    }
    let stored = await store.getEvaluation(entityRef);
    if (
      (!stored || stored.coverageMissing) &&
      (await service.evaluateOne(entity))
    ) {
      stored = await store.getEvaluation(entityRef);
    }
    if (!stored) {
      throw await notYet(res, `The DR readiness of ${entityRef}`);
    }
    const inventory = await service.inventoryStatus();
    const stale = isStale(stored.evaluatedAt, inventory);
    if (!stored.evaluation) {
      const body: EntityPolicyErrorBody = {
        entityRef,
        policyErrors: stored.policyErrors ?? [],
        evaluatedAt: new Date(stored.evaluatedAt).toISOString(),
        stale,
        inventory,
      };
      res.json(body);
      return;
    }
    const body: EntityReadinessBody = {
      ...(stored.coverageMissing
        ? withoutRecordedCoverage(stored.evaluation)
        : stored.evaluation),
      stale,
      inventory,
    };
    res.json(body);
  });

  router.get('/coverage', async (req, res) => {
    await httpAuth.credentials(req);
    const coverage = await service.estateCoverage();
    if (!coverage) {
      throw await notYet(res, 'The coverage of the Azure estate');
    }
    const body: DrCoverageResponse = {
      types: coverage.types,
      inventory: await service.inventoryStatus(),
    };
    res.json(body);
  });

  /**
   * The overview is read by every page view and by the compliance backend,
   * and changes only when an evaluation is stored, so its serialised body is
   * kept per filter until the next change (or the next minute, for the
   * freshness figures). Each replica keeps its own copy.
   */
  const overviewCache = new Map<
    string,
    { version: string; minute: number; body: Buffer; etag: string }
  >();

  router.get('/overview', async (req, res) => {
    await httpAuth.credentials(req);
    const query = req.query as Record<string, unknown>;
    const filters = {
      owner: readEntityRef(readQueryParam(query, 'owner'), 'owner', {
        defaultKind: 'group',
      }),
      system: readEntityRef(readQueryParam(query, 'system'), 'system', {
        defaultKind: 'system',
      }),
      tier: readChoice(query, 'tier', DR_TIERS),
      status: readChoice(query, 'status', STATUSES),
    };
    const version = await service.evaluationVersion();
    if (version === undefined) {
      throw await notYet(res, 'DR readiness');
    }
    const key = JSON.stringify(filters);
    const minute = Math.floor(now() / 60_000);
    let cached = overviewCache.get(key);
    if (!cached || cached.version !== version || cached.minute !== minute) {
      const [rows, inventory] = await Promise.all([
        store.overview(filters),
        service.inventoryStatus(),
      ]);
      const regions = new Set<string>();
      let newest: number | null = null;
      for (const row of rows) {
        Object.keys(row.cells).forEach(r => regions.add(r));
        if (newest === null || row.evaluatedAt > newest) {
          newest = row.evaluatedAt;
        }
      }
      const body: DrOverviewResponse = {
        regions: [...regions].sort(),
        items: rows.map(overviewItem),
        evaluatedAt: newest === null ? null : new Date(newest).toISOString(),
        inventory,
      };
      const bytes = Buffer.from(JSON.stringify(body));
      cached = {
        version,
        minute,
        body: bytes,
        etag: `W/"${createHash('sha1').update(bytes).digest('base64url')}"`,
      };
      if (overviewCache.size > 50) overviewCache.clear();
      overviewCache.set(key, cached);
    }
    res.setHeader('ETag', cached.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === cached.etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(cached.body);
  });

  router.get('/regions/:region/impact', async (req, res) => {
    await httpAuth.credentials(req);
    const region = readRegion(req.params.region, 'region');
    if ((await service.evaluationVersion()) === undefined) {
      throw await notYet(res, 'DR readiness');
    }
    const [stored, inventory] = await Promise.all([
      store.regionImpacts(region.name),
      service.inventoryStatus(),
    ]);
    const header = regionImpact({ region: region.name, services: [] });
    const services: ServiceImpactItem[] = stored
      .map(s => ({ ...s.impact, owner: s.owner, system: s.system }))
      .sort(
        (a, b) =>
          OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome) ||
          a.entityRef.localeCompare(b.entityRef),
      );
    const totals = { ...header.totals };
    for (const s of services) totals[s.outcome] += 1;
    const newest = stored.reduce<number | null>(
      (max, s) => (max === null || s.evaluatedAt > max ? s.evaluatedAt : max),
      null,
    );
    const body: RegionImpactResponse = {
      ...header,
      services,
      totals,
      evaluatedAt: newest === null ? null : new Date(newest).toISOString(),
      inventory,
    };
    res.json(body);
  });

  /** 403 unless the user may record, correct and withdraw drills. */
  /** The catalog entity of a drill route: 404 when absent, 400 without a DR policy. */
  const drillEntity = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> => {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (!isDrReadinessAvailable(entity)) {
      throw new InputError(
        `${entityRef} has no DR policy: add the vitals.dev/dr-tier and vitals.dev/primary-region annotations before recording drills`,
      );
    }
    return entity;
  };

  /** A drill may only rehearse the loss of one of the entity's regions. */
  const requireEntityRegion = (
    entity: Entity,
    entityRef: string,
    drill: DrillValues,
  ) => {
    const policy = readDrPolicy(entity, { tiers: options.tiers });
    if (!policy.ok) return;
    const regions = [
      policy.policy.primaryRegion,
      policy.policy.secondaryRegion,
    ].filter((r): r is string => !!r);
    if (!regions.includes(drill.region)) {
      throw new InputError(
        `region: ${
          drill.region
        } is not a region of ${entityRef}; its regions are ${regions.join(
          ' and ',
        )}`,
      );
    }
  };

  /** The drill `:id` of the entity: 404 for an unknown id or another entity's drill. */
  const entityDrill = async (
    entityRef: string,
    id: string,
  ): Promise<DrillRecord> => {
    const drill = await store.getDrill(id);
    if (!drill || drill.entityRef.toLocaleLowerCase('en-US') !== entityRef) {
      throw new NotFoundError(`No drill ${id} of ${entityRef}`);
    }
    return drill;
  };

  const userRef = (credentials: BackstageCredentials<BackstageUserPrincipal>) =>
    credentials.principal.userEntityRef.toLocaleLowerCase('en-US');

  router.get('/entities/:namespace/:kind/:name/drills', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = entityRefFromPath(req.params);
    if (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    res.json({ items: await store.listDrills(entityRef) });
  });

  /**
   * A drill write: recorded with the auditor from the start (a refused or
   * failed write is audited too), behind the drill permission, on an entity
   * with a DR policy. `change` returns the answer and what the audit keeps.
   */
  const drillChange = async (
    req: Request,
    eventId: string,
    what: string,
    meta: JsonObject,
    change: (context: {
      credentials: BackstageCredentials<BackstageUserPrincipal>;
      entityRef: string;
      entity: Entity;
    }) => Promise<{ drill: DrillRecord; audit: JsonObject }>,
  ): Promise<DrillRecord> => {
    const entityRef = entityRefFromPath(req.params);
    const { drill } = await auditedWrite(
      { auditor, httpAuth, permissions },
      {
        request: req,
        eventId,
        meta: { entityRef, ...meta },
        allow: ['user'],
        permission: drDrillCreatePermission,
        refusal: () =>
          `${what} requires the permission ${drDrillCreatePermission.name}`,
      },
      async credentials => {
        const entity = await drillEntity(entityRef, credentials);
        const changed = await change({ credentials, entityRef, entity });
        await service.evaluateOne(entity);
        return changed;
      },
      changed => changed.audit,
    );
    return drill;
  };

  /**
   * A correction or withdrawal: a new revision of a drill of the entity that
   * is not withdrawn; the drill as first recorded is never changed. The
   * reason, like the notes, is free text: it stays with the drill in the
   * store and never reaches the audit trail.
   */
  const reviseDrill = (
    req: Request,
    action: 'correct' | 'withdraw',
  ): Promise<DrillRecord> => {
    const id = readDrillId(req.params.id);
    return drillChange(
      req,
      action === 'correct' ? 'drill-correct' : 'drill-withdraw',
      action === 'correct' ? 'Correcting a DR drill' : 'Withdrawing a DR drill',
      { drillId: id },
      async ({ credentials, entityRef, entity }) => {
        const drill = await entityDrill(entityRef, id);
        if (drill.state === 'withdrawn') {
          throw new ConflictError(
            action === 'correct'
              ? `drill ${id} was withdrawn and can no longer be corrected`
              : `drill ${id} is already withdrawn`,
          );
        }
        let values: DrillValues | undefined;
        let reason: string;
        if (action === 'correct') {
          ({ values, reason } = readDrillCorrection(req.body, now()));
          requireEntityRegion(entity, entityRef, values);
        } else {
          ({ reason } = readDrillWithdrawal(req.body));
        }
        const revision = (drill.revisions?.length ?? 0) + 1;
        await store.addDrillRevision({
          drillId: id,
          seq: revision,
          action,
          values,
          reason,
          by: userRef(credentials),
          at: new Date(now()).toISOString(),
        });
        const revised = (await store.getDrill(id))!;
        return {
          drill: revised,
          audit:
            action === 'correct'
              ? {
                  drillId: id,
                  revision,
                  region: revised.region,
                  outcome: revised.outcome,
                  performedAt: revised.performedAt,
                }
              : { drillId: id, revision },
        };
      },
    );
  };

  router.post('/entities/:namespace/:kind/:name/drills', async (req, res) => {
    const drill = await drillChange(
      req,
      'drill-create',
      'Recording a DR drill',
      {},
      async ({ credentials, entityRef, entity }) => {
        const values = readDrillValues(req.body, now());
        requireEntityRegion(entity, entityRef, values);
        const recorded: DrillRecord = {
          ...values,
          id: randomUUID(),
          entityRef,
          recordedBy: userRef(credentials),
          recordedAt: new Date(now()).toISOString(),
        };
        await store.insertDrill(recorded);
        return {
          drill: recorded,
          audit: {
            drillId: recorded.id,
            region: recorded.region,
            outcome: recorded.outcome,
            performedAt: recorded.performedAt,
          },
        };
      },
    );
    res.status(201).json(drill);
  });

  router.put(
    '/entities/:namespace/:kind/:name/drills/:id',
    async (req, res) => {
      res.json(await reviseDrill(req, 'correct'));
    },
  );

  router.post(
    '/entities/:namespace/:kind/:name/drills/:id/withdraw',
    async (req, res) => {
      res.json(await reviseDrill(req, 'withdraw'));
    },
  );

  router.use(errorMapping({ logger: options.logger ?? service.logger }));
  return router;
}

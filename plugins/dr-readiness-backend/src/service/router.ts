import { createHash, randomUUID } from 'node:crypto';
import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AZURE_REGIONS,
  DR_TIERS,
  drDrillCreatePermission,
  DrillRecord,
  getRegion,
  ImpactOutcome,
  isDrReadinessAvailable,
  readDrPolicy,
  regionImpact,
  TierObjectivesConfig,
  UnknownRegionError,
  validateDrillInput,
} from '@vitals/plugin-dr-readiness-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DrStore, EvaluationSummary } from '../database/DrStore';
import { DrReadinessService } from './DrReadinessService';
import type {
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
  tiers?: TierObjectivesConfig;
  refreshFrequencyMs: number;
  now?: () => number;
}

const STATUSES = ['ready', 'at-risk', 'not-ready', 'unknown'] as const;

const overviewQuery = z.object({
  owner: z.string().max(255).optional(),
  system: z.string().max(255).optional(),
  tier: z.enum(DR_TIERS as unknown as [string, ...string[]]).optional(),
  status: z.enum(STATUSES).optional(),
});

const OUTCOME_ORDER: ImpactOutcome[] = [
  'goes-down',
  'unknown',
  'degrades',
  'fails-over',
];

function entityRefFrom(params: Record<string, string>): string {
  for (const key of ['namespace', 'kind', 'name']) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/.test(params[key] ?? '')) {
      throw new InputError(
        `${key} ${JSON.stringify(params[key])} is not a valid entity ${key}`,
      );
    }
  }
  return stringifyEntityRef({
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  }).toLocaleLowerCase('en-US');
}

/** `care-experience`, `group:care-experience` and `group:default/care-experience` name the same group. */
function normalizeRef(value: string, defaultKind: string, field: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `${field} must be an entity ref such as ${defaultKind}:default/name, got ${JSON.stringify(
        value,
      )}`,
    );
  }
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
    const entityRef = entityRefFrom(req.params);
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
    if (!stored && (await service.evaluateOne(entity))) {
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
      ...stored.evaluation,
      stale,
      inventory,
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
    const parsed = overviewQuery.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${issue.path.join('.')}: ${issue.message}`);
    }
    const filters = {
      owner:
        parsed.data.owner && normalizeRef(parsed.data.owner, 'group', 'owner'),
      system:
        parsed.data.system &&
        normalizeRef(parsed.data.system, 'system', 'system'),
      tier: parsed.data.tier,
      status: parsed.data.status,
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
    const region = getRegion(req.params.region);
    if (!region) {
      throw new InputError(new UnknownRegionError(req.params.region).message);
    }
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

  router.get('/entities/:namespace/:kind/:name/drills', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = entityRefFrom(req.params);
    if (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    res.json({ items: await store.listDrills(entityRef) });
  });

  router.post('/entities/:namespace/:kind/:name/drills', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = entityRefFrom(req.params);
    const auditorEvent = await auditor.createEvent({
      eventId: 'drill-create',
      severityLevel: 'medium',
      request: req,
      meta: { entityRef },
    });
    try {
      const [decision] = await permissions.authorize(
        [{ permission: drDrillCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Recording a DR drill requires the permission ${drDrillCreatePermission.name}`,
        );
      }
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      if (!isDrReadinessAvailable(entity)) {
        throw new InputError(
          `${entityRef} has no DR policy: add the vitals.dev/dr-tier and vitals.dev/primary-region annotations before recording drills`,
        );
      }
      const validated = validateDrillInput(req.body, new Date(now()));
      if (!validated.ok) {
        throw new InputError(
          validated.errors.map(e => `${e.field}: ${e.message}`).join('; '),
        );
      }
      const policy = readDrPolicy(entity, { tiers: options.tiers });
      if (policy.ok) {
        const regions = [
          policy.policy.primaryRegion,
          policy.policy.secondaryRegion,
        ].filter((r): r is string => !!r);
        if (!regions.includes(validated.value.region)) {
          throw new InputError(
            `region: ${
              validated.value.region
            } is not a region of ${entityRef}; its regions are ${regions.join(
              ' and ',
            )}`,
          );
        }
      }
      const drill: DrillRecord = {
        ...validated.value,
        id: randomUUID(),
        entityRef,
        notes: validated.value.notes?.trim() ?? '',
        recordedBy:
          credentials.principal.userEntityRef.toLocaleLowerCase('en-US'),
        recordedAt: new Date(now()).toISOString(),
      };
      await store.insertDrill(drill);
      await service.evaluateOne(entity);
      await auditorEvent.success({
        meta: {
          drillId: drill.id,
          region: drill.region,
          outcome: drill.outcome,
          performedAt: drill.performedAt,
        },
      });
      res.status(201).json(drill);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}

import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SLO_REF,
  bucketSeriesFromRows,
  DAY,
  formatPromDuration,
  parseDuration,
  SloDataSourceStatus,
  SloEntityResponse,
  SloHistoryResponse,
  SloOverviewItem,
  sloHistory,
  SloStatus,
} from '@vitals/plugin-slo-common';
import { SliDataSource } from '@vitals/plugin-slo-node';
import { createHash } from 'node:crypto';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { SloStore, StoredTarget } from '../database/SloStore';
import { planTarget } from './plan';

export interface RouterOptions {
  store: SloStore;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  logger: LoggerService;
  dataSources: Map<string, SliDataSource>;
  defaultDataSource?: string;
  refreshFrequencyMs: number;
  now?: () => number;
}

const MAX_HISTORY_POINTS = 2000;

const overviewQuery = z.object({
  owner: z.string().max(255).optional(),
  system: z.string().max(255).optional(),
  state: z.enum(['healthy', 'warning', 'freeze']).optional(),
  firing: z.enum(['true', 'false']).optional(),
});

/** A time given as ISO-8601 or epoch milliseconds. */
function parseTime(value: unknown, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string')
    throw new InputError(`${field} must be a single time value`);
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new InputError(
      `${field} must be an ISO-8601 time or epoch milliseconds, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return ms;
}

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

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, catalog } = options;
  const now = options.now ?? Date.now;
  const router = Router();
  router.use(express.json());

  /** Stored figures with their freshness judged now. */
  const withFreshness = (target: StoredTarget): SloStatus | undefined => {
    if (!target.status) return undefined;
    const t = now();
    const failedSince =
      target.lastError &&
      target.lastAttemptAt !== null &&
      (target.computedAt === null || target.lastAttemptAt > target.computedAt);
    const old =
      target.computedAt !== null &&
      t - target.computedAt > 3 * options.refreshFrequencyMs;
    return {
      ...target.status,
      stale: Boolean(failedSince || old),
      ageSeconds:
        target.computedAt === null
          ? null
          : Math.round((t - target.computedAt) / 1000),
      errors: failedSince ? [target.lastError!] : [],
    };
  };

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = entityRefFrom(req.params);
    const stored = await store.getEntity(entityRef);
    if (!stored) {
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      if (!entity.metadata.annotations?.[ANNOTATION_SLO_REF]) {
        const body: SloEntityResponse = {
          entityRef,
          refs: [],
          slos: [],
          documentErrors: [],
          annotationMissing: true,
        };
        res.json(body);
        return;
      }
      res.setHeader(
        'Retry-After',
        String(Math.ceil(options.refreshFrequencyMs / 1000)),
      );
      throw new ServiceUnavailableError(
        `The SLOs of ${entityRef} have not been read yet; the next refresh computes them`,
      );
    }
    const targets = await store.listTargets(entityRef);
    const slos: SloStatus[] = [];
    const pending: StoredTarget[] = [];
    for (const target of targets) {
      const status = withFreshness(target);
      if (status) slos.push(status);
      else pending.push(target);
    }
    if (targets.length > 0 && slos.length === 0) {
      const failures = pending.map(t => t.lastError).filter(Boolean);
      res.setHeader(
        'Retry-After',
        String(Math.ceil(options.refreshFrequencyMs / 1000)),
      );
      throw new ServiceUnavailableError(
        failures.length > 0
          ? `No SLO figures are stored for ${entityRef} yet, and the data source failed: ${failures[0]}`
          : `The SLOs of ${entityRef} are being computed for the first time`,
      );
    }
    for (const target of pending) {
      // Objectives that never computed (a bad data source reference, a
      // rejected query) are still listed, with why.
      slos.push(pendingStatus(target));
    }
    const body: SloEntityResponse = {
      entityRef,
      refs: stored.refs,
      slos,
      documentErrors: stored.documentIssues,
      readError: stored.readError ?? undefined,
    };
    res.json(body);
  });

  router.get(
    '/entities/:namespace/:kind/:name/slos/:slo/history',
    async (req, res) => {
      await httpAuth.credentials(req);
      const entityRef = entityRefFrom(req.params);
      const target = (await store.listTargets(entityRef)).find(
        t => t.name === req.params.slo,
      );
      if (!target) {
        throw new NotFoundError(
          `${entityRef} has no SLO named ${JSON.stringify(req.params.slo)}`,
        );
      }
      const objective = target.definition.objectives.find(
        o => o.key === target.objectiveKey,
      )!;
      const plan = planTarget(
        entityRef,
        { name: target.name, definition: target.definition, objective },
        [...options.dataSources.keys()],
        options.defaultDataSource,
      );
      const t = now();
      const to = parseTime(req.query.to, 'to') ?? t;
      const from =
        parseTime(req.query.from, 'from') ??
        to - plan.target.definition.timeWindow.durationMs;
      if (from >= to) throw new InputError(`from must be before to`);
      let step: number;
      if (req.query.step !== undefined) {
        const parsed = parseDuration(String(req.query.step));
        if (!parsed)
          throw new InputError(
            `step must be a duration such as 5m or 1h, got ${JSON.stringify(
              req.query.step,
            )}`,
          );
        step = parsed.ms;
      } else {
        step = Math.max(
          plan.bucketMs,
          Math.ceil((to - from) / 300 / plan.bucketMs) * plan.bucketMs,
        );
      }
      const useDaily = from < to - plan.fineRetentionMs;
      const bucketMs = useDaily ? DAY : plan.bucketMs;
      step = Math.max(step, bucketMs);
      const count = Math.floor((to - from) / step) + 1;
      if (count > MAX_HISTORY_POINTS) {
        throw new InputError(
          `step ${formatPromDuration(
            step,
          )} over this range gives ${count} points; at most ${MAX_HISTORY_POINTS}: use a larger step`,
        );
      }
      // The SLI at each point covers the window ending there, so read one window more.
      const readFrom =
        Math.floor(
          (from - target.definition.timeWindow.durationMs * 1.1) / bucketMs,
        ) * bucketMs;
      const rows = useDaily
        ? await store.readDaily(target.seriesKey, readFrom, to)
        : await store.readBuckets(target.seriesKey, readFrom, to);
      const buckets = bucketSeriesFromRows(
        rows,
        readFrom,
        to + bucketMs,
        bucketMs,
      );
      const points = sloHistory(
        { definition: target.definition, objective },
        buckets,
        { from, to, step },
      );
      const body: SloHistoryResponse = {
        entityRef,
        slo: target.name,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        step: formatPromDuration(step),
        points: points.map(p => ({
          t: new Date(p.t).toISOString(),
          sli: p.sli,
          burnRate: p.burnRate,
          remaining: p.remaining,
        })),
      };
      res.json(body);
    },
  );

  /**
   * The overview is the most read route and changes only when a refresh
   * finishes, so its serialised body is kept per filter until the next
   * refresh (or the next minute, for the freshness flags). Each replica keeps
   * its own copy; nothing here is needed by the others.
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
    const { owner, system, state, firing } = parsed.data;
    const filters = {
      owner: owner && normalizeRef(owner, 'group', 'owner'),
      system: system && normalizeRef(system, 'system', 'system'),
      state,
      firing: firing === undefined ? undefined : firing === 'true',
    };
    const t = now();
    const key = JSON.stringify(filters);
    const version = (await store.getMeta('last_refresh')) ?? 'none';
    const minute = Math.floor(t / 60_000);
    let cached = overviewCache.get(key);
    if (!cached || cached.version !== version || cached.minute !== minute) {
      const rows = await store.overview(filters);
      let newest: number | null = null;
      const items: SloOverviewItem[] = rows.map(r => {
        const computedAt =
          r.computed_at === null ? null : Number(r.computed_at);
        const attempt =
          r.last_attempt_at === null ? null : Number(r.last_attempt_at);
        if (computedAt !== null && (newest === null || computedAt > newest))
          newest = computedAt;
        const failed =
          Boolean(r.last_error) &&
          attempt !== null &&
          (computedAt === null || attempt > computedAt);
        return {
          entityRef: r.entity_ref,
          owner: r.owner,
          system: r.system,
          slo: r.name,
          displayName: r.display_name,
          target: Number(r.target),
          sli: r.sli === null ? null : Number(r.sli),
          remaining: r.remaining === null ? null : Number(r.remaining),
          policyState: r.policy_state as SloOverviewItem['policyState'],
          firing: Boolean(r.firing),
          firingSeverity:
            (r.firing_severity as SloOverviewItem['firingSeverity']) ?? null,
          stale:
            failed ||
            (computedAt !== null &&
              t - computedAt > 3 * options.refreshFrequencyMs),
          computedAt:
            computedAt === null ? null : new Date(computedAt).toISOString(),
          error: failed ? r.last_error : null,
        };
      });
      const body = Buffer.from(
        JSON.stringify({
          items,
          computedAt: newest === null ? null : new Date(newest).toISOString(),
        }),
      );
      cached = {
        version,
        minute,
        body,
        etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`,
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

  router.get('/data-sources', async (req, res) => {
    await httpAuth.credentials(req);
    const statuses: SloDataSourceStatus[] = await Promise.all(
      [...options.dataSources.values()].map(async source => {
        try {
          await source.checkHealth?.(AbortSignal.timeout(5000));
          return { name: source.name, type: source.type, healthy: true };
        } catch (e) {
          return {
            name: source.name,
            type: source.type,
            healthy: false,
            message: (e as Error).message,
          };
        }
      }),
    );
    res.json({ items: statuses });
  });

  return router;
}

/** `care-experience`, `group:care-experience` and `group:default/care-experience` name the same group. */
function normalizeRef(
  value: string,
  defaultKind: string,
  field: string,
): string {
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

function pendingStatus(target: StoredTarget): SloStatus {
  const { definition } = target;
  const objective = definition.objectives.find(
    o => o.key === target.objectiveKey,
  )!;
  return {
    name: target.name,
    displayName: definition.displayName ?? target.name,
    description: definition.description,
    service: definition.service,
    target: objective.target,
    window: {
      duration: definition.timeWindow.duration,
      rolling: definition.timeWindow.rolling,
    },
    budgetingMethod: definition.budgetingMethod,
    dataSource: target.dataSource,
    objective: {
      displayName: objective.displayName,
      op: objective.op,
      value: objective.value,
    },
    sli: { good: 0, total: 0, ratio: null },
    errorBudget: { budget: 1 - objective.target, consumed: 0, remaining: 1 },
    burnRates: [],
    exhaustionAt: null,
    policyState: 'healthy',
    policyGuidance: '',
    computedAt: null,
    stale: true,
    ageSeconds: null,
    coverage: 0,
    history: [],
    errors: [target.lastError ?? 'not computed yet'],
    warnings: definition.warnings,
    source: {
      file: definition.source.file,
      documentIndex: definition.source.documentIndex,
    },
  };
}

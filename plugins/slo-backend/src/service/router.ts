import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityRefFromPath,
  errorMapping,
  parseWith,
  publicErrorText,
  readEntityRef,
  readQueryParam,
  readText,
  readTimeRange,
} from '@vitals/backend-http';
import {
  ANNOTATION_SLO_REF,
  bucketSeriesFromRows,
  combineCompositeHistory,
  compositeOf,
  DAY,
  formatHumanDuration,
  formatPromDuration,
  MINUTE,
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
import { withCompositeFreshness } from './composite';
import {
  DAILY_RETENTION_MS,
  isCompositeSeries,
  planTarget,
  TargetPlan,
} from './plan';
import { addDeployRoutes } from './deployGate';

export interface RouterOptions {
  store: SloStore;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  /** Guards the writes: deploy-gate overrides and deployments. */
  permissions: PermissionsService;
  /** Records every write. */
  auditor: AuditorService;
  logger: LoggerService;
  dataSources: Map<string, SliDataSource>;
  defaultDataSource?: string;
  refreshFrequencyMs: number;
  /**
   * Asks for a refresh soon, for an annotated entity that is not stored yet;
   * true when one was asked for (calls are throttled by the plugin).
   */
  requestRefresh?: () => boolean;
  now?: () => number;
}

/** Most points one history answer holds. */
export const MAX_HISTORY_POINTS = 2000;
/**
 * Longest span one history request may cover: the retention of the daily
 * counts, the longest-kept data of the plugin; nothing older is stored.
 */
export const MAX_HISTORY_SPAN_MS = DAILY_RETENTION_MS;
/** Smallest step a history request may ask for (it is raised to the bucket size). */
export const MIN_HISTORY_STEP_MS = MINUTE;
/**
 * Most buckets one history request reads and allocates (about 200 days of
 * 5-minute buckets, enough for a quarter's window); a request that would
 * need more fine buckets is answered from the daily counts.
 */
export const MAX_HISTORY_BUCKETS = 60_000;
/** Longest SLO name: the column it is stored in. */
const MAX_SLO_NAME_LENGTH = 255;

const overviewQuery = z.object({
  state: z.enum(['healthy', 'warning', 'freeze']).optional(),
  firing: z.enum(['true', 'false']).optional(),
});

/** The `step` of a history request, within [MIN_HISTORY_STEP_MS, MAX_HISTORY_SPAN_MS]. */
function readStep(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if (!parsed) {
    throw new InputError(
      `step must be a duration such as 5m or 1h, got ${JSON.stringify(text)}`,
    );
  }
  if (parsed.ms < MIN_HISTORY_STEP_MS || parsed.ms > MAX_HISTORY_SPAN_MS) {
    throw new InputError(
      `step must be between ${formatPromDuration(
        MIN_HISTORY_STEP_MS,
      )} and ${formatPromDuration(MAX_HISTORY_SPAN_MS)}, got ${JSON.stringify(
        text,
      )}`,
    );
  }
  return parsed.ms;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, catalog } = options;
  const now = options.now ?? Date.now;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

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
      errors: failedSince ? [publicErrorText(target.lastError!)] : [],
    };
  };

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = entityRefFromPath(req.params);
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
      // A service registered since the last refresh (a new one from the
      // template) is read at once, not an interval later.
      const soon = options.requestRefresh?.() ?? false;
      res.setHeader(
        'Retry-After',
        soon ? '10' : String(Math.ceil(options.refreshFrequencyMs / 1000)),
      );
      throw new ServiceUnavailableError(
        `The SLOs of ${entityRef} have not been read yet; ${
          soon
            ? 'a refresh computing them has started'
            : 'the next refresh computes them'
        }`,
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
      const failures = pending
        .map(t => t.lastError)
        .filter((e): e is string => Boolean(e))
        .map(e => publicErrorText(e));
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
      // Stored before references and errors were named without paths.
      refs: stored.refs.map(ref => publicErrorText(ref)),
      slos: withCompositeFreshness(slos),
      documentErrors: stored.documentIssues.map(issue => ({
        ...issue,
        file: publicErrorText(issue.file),
        message: publicErrorText(issue.message),
      })),
      readError: publicErrorText(stored.readError) ?? undefined,
    };
    res.json(body);
  });

  router.get(
    '/entities/:namespace/:kind/:name/slos/:slo/history',
    async (req, res) => {
      await httpAuth.credentials(req);
      const entityRef = entityRefFromPath(req.params);
      const sloName = readText(req.params.slo, 'slo', {
        max: MAX_SLO_NAME_LENGTH,
        required: true,
      });
      // Every parameter is checked before the store is read.
      const rangeQuery = { from: req.query.from, to: req.query.to };
      const requestedStep = readStep(
        readQueryParam(req.query, 'step', { max: 16 }),
      );
      // The range is refused before the store is read: a bad date is a 400
      // whether or not the SLO has been computed yet.
      readTimeRange(rangeQuery, {
        now: now(),
        defaultSpanMs: MAX_HISTORY_SPAN_MS,
        maxSpanMs: MAX_HISTORY_SPAN_MS,
      });
      const target = (await store.listTargets(entityRef)).find(
        t => t.name === sloName,
      );
      if (!target) {
        throw new NotFoundError(
          `${entityRef} has no SLO named ${JSON.stringify(sloName)}`,
        );
      }
      // A composite's history combines its components', point by point.
      const composite = isCompositeSeries(target.seriesKey)
        ? compositeOf(target.definition)
        : undefined;
      const stored = await store.listTargets(entityRef);
      const members: Array<{
        name: string;
        weight: number;
        target: number;
        seriesKey: string;
        plan: TargetPlan;
      }> = [];
      for (const component of composite?.components ?? [
        { name: target.name, weight: 1 },
      ]) {
        const member = composite
          ? stored.find(t => t.name === component.name)
          : target;
        const objective = member?.definition.objectives.find(
          o => o.key === member.objectiveKey,
        );
        if (!member || !objective) continue;
        members.push({
          name: member.name,
          weight: component.weight,
          target: objective.target,
          seriesKey: member.seriesKey,
          plan: planTarget(
            entityRef,
            { name: member.name, definition: member.definition, objective },
            [...options.dataSources.keys()],
            options.defaultDataSource,
          ),
        });
      }
      if (members.length === 0) {
        throw new NotFoundError(
          `${entityRef} ${sloName} has no components stored yet`,
        );
      }
      // One grid for every member: buckets of a size each member's divides.
      const fineBucketMs = members
        .map(m => m.plan.bucketMs)
        .reduce((a, b) => (a * b) / gcd(a, b));
      const fineRetentionMs = Math.min(
        ...members.map(m => m.plan.fineRetentionMs),
      );
      const windowMs = target.definition.timeWindow.durationMs;
      const { from: requestedFrom, to } = readTimeRange(rangeQuery, {
        now: now(),
        defaultSpanMs: Math.min(windowMs, MAX_HISTORY_SPAN_MS),
        maxSpanMs: MAX_HISTORY_SPAN_MS,
      });
      let step =
        requestedStep ??
        Math.max(
          fineBucketMs,
          Math.ceil((to - requestedFrom) / 300 / fineBucketMs) * fineBucketMs,
        );
      // The SLI at each point covers the window ending there, so one window
      // more is read; never more than one retention period, which is all
      // that is kept.
      const lookBackMs = Math.min(windowMs * 1.1, MAX_HISTORY_SPAN_MS);
      const bucketsAt = (size: number) =>
        Math.ceil((to + size - (requestedFrom - lookBackMs)) / size) + 1;
      const useDaily =
        requestedFrom < to - fineRetentionMs ||
        bucketsAt(fineBucketMs) > MAX_HISTORY_BUCKETS;
      const bucketMs = useDaily ? DAY : fineBucketMs;
      step = Math.max(step, bucketMs);
      // Components' points must fall on the same instants.
      const from = composite
        ? Math.min(to, Math.ceil(requestedFrom / bucketMs) * bucketMs)
        : requestedFrom;
      // All the work is bounded here, before anything is read or allocated.
      const count = Math.floor((to - from) / step) + 1;
      if (count > MAX_HISTORY_POINTS) {
        throw new InputError(
          `step ${formatPromDuration(
            step,
          )} over this range gives ${count} points; at most ${MAX_HISTORY_POINTS}: use a larger step`,
        );
      }
      const readFrom = Math.floor((from - lookBackMs) / bucketMs) * bucketMs;
      if ((to + bucketMs - readFrom) / bucketMs > MAX_HISTORY_BUCKETS) {
        // Unreachable with the bounds above; kept so a change to them cannot
        // make one request allocate without limit.
        throw new InputError(
          `from: the range needs more than ${MAX_HISTORY_BUCKETS} buckets; ask for at most ${formatHumanDuration(
            MAX_HISTORY_SPAN_MS,
          )}`,
        );
      }
      const series = [];
      for (const member of members) {
        const rows = useDaily
          ? await store.readDaily(member.seriesKey, readFrom, to)
          : await store.readBuckets(member.seriesKey, readFrom, to);
        const buckets = bucketSeriesFromRows(
          rows,
          readFrom,
          to + bucketMs,
          bucketMs,
        );
        series.push({
          name: member.name,
          weight: member.weight,
          target: member.target,
          points: sloHistory(member.plan.target, buckets, { from, to, step }),
        });
      }
      const points = composite
        ? combineCompositeHistory(series)
        : series[0].points;
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
    // `care-experience`, `group:care-experience` and
    // `group:default/care-experience` name the same group.
    const owner = readEntityRef(req.query.owner, 'owner', {
      defaultKind: 'group',
    });
    const system = readEntityRef(req.query.system, 'system', {
      defaultKind: 'system',
    });
    const { state, firing } = parseWith(overviewQuery, {
      state: req.query.state,
      firing: req.query.firing,
    });
    const filters = {
      owner,
      system,
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
          error: failed && r.last_error ? publicErrorText(r.last_error) : null,
          ...(isCompositeSeries(r.series_key)
            ? { composite: true }
            : undefined),
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
            message: publicErrorText(
              e instanceof Error ? e.message : String(e),
            ),
          };
        }
      }),
    );
    res.json({ items: statuses });
  });

  addDeployRoutes(router, {
    store,
    httpAuth,
    catalog,
    permissions: options.permissions,
    auditor: options.auditor,
    now,
    statusesOf: targets =>
      withCompositeFreshness(
        targets.map(target => withFreshness(target) ?? pendingStatus(target)),
      ),
  });

  router.use(errorMapping({ logger: options.logger }));
  return router;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function pendingStatus(target: StoredTarget): SloStatus {
  const { definition } = target;
  const composite = isCompositeSeries(target.seriesKey)
    ? compositeOf(definition)
    : undefined;
  const objective = composite
    ? { target: composite.target, displayName: definition.displayName }
    : definition.objectives.find(o => o.key === target.objectiveKey)!;
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
      op: 'op' in objective ? objective.op : undefined,
      value: 'value' in objective ? objective.value : undefined,
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
    errors: [
      target.lastError ? publicErrorText(target.lastError) : 'not computed yet',
    ],
    warnings: definition.warnings,
    source: {
      file: definition.source.file,
      documentIndex: definition.source.documentIndex,
    },
    ...(composite
      ? {
          composite: {
            components: composite.components.map(c => ({
              name: c.name,
              displayName: c.displayName ?? c.objectiveKey,
              weight: c.weight,
              target: c.target,
              sli: null,
              remaining: null,
              contribution: null,
              policyState: null,
              ...(c.entityRef ? { entityRef: c.entityRef } : undefined),
              stale: true,
            })),
          },
        }
      : undefined),
  };
}

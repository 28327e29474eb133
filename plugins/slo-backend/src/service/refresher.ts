import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SLO_REF,
  bucketSeriesFromRows,
  calendarHistory,
  DAY,
  evaluateSloTarget,
  parseSloDocuments,
  pointsToBuckets,
} from '@vitals/plugin-slo-common';
import { SliDataSource, SliDataSourceError } from '@vitals/plugin-slo-node';
import { Bucket, SloStore } from '../database/SloStore';
import { readSloDocuments } from './documentReader';
import {
  COMPOSITE_OBJECTIVE_KEY,
  DAILY_RETENTION_MS,
  isCompositeSeries,
  planComposites,
  planTarget,
  planTargets,
  serviceOf,
  TargetPlan,
} from './plan';
import { computeComposite } from './composite';
import { summarize, toSloStatus } from './status';

export interface RefreshStats {
  entities: number;
  targets: number;
  computed: number;
  failed: number;
  queries: number;
  durationMs: number;
}

export interface SloRefresherOptions {
  store: SloStore;
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  logger: LoggerService;
  dataSources: Map<string, SliDataSource>;
  defaultDataSource?: string;
  concurrency?: number;
  now?: () => number;
}

async function pool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
) {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(concurrency, items.length) },
    async () => {
      while (next < items.length) {
        const item = items[next++];
        await fn(item);
      }
    },
  );
  await Promise.all(workers);
}

/** Full, lower-case entity ref of the owner or system, from relations or spec. */
function relatedRef(
  entity: Entity,
  relation: string,
  field: 'owner' | 'system',
  kind: string,
): string | null {
  const target = entity.relations?.find(
    r =>
      r.type === relation &&
      parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') === kind,
  )?.targetRef;
  if (target) return target.toLocaleLowerCase('en-US');
  const raw = entity.spec?.[field];
  if (typeof raw !== 'string' || !raw) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(raw, {
        defaultKind: kind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}

const ownerOf = (entity: Entity) =>
  relatedRef(entity, 'ownedBy', 'owner', 'group') ??
  relatedRef(entity, 'ownedBy', 'owner', 'user');
/** A System's own SLOs (its journeys) are listed under the System itself. */
const systemOf = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'system'
    ? stringifyEntityRef(entity).toLocaleLowerCase('en-US')
    : relatedRef(entity, 'partOf', 'system', 'system');

/**
 * One refresh: reads the SLO documents of every entity that declares them,
 * fetches what is new from each SLI data source, stores the buckets and the
 * computed figures. Anything that fails leaves the last good figures in
 * place, with the error recorded so readers see them as stale.
 */
export class SloRefresher {
  private readonly concurrency: number;
  private readonly now: () => number;

  constructor(private readonly options: SloRefresherOptions) {
    this.concurrency = options.concurrency ?? 8;
    this.now = options.now ?? Date.now;
  }

  async refreshAll(signal?: AbortSignal): Promise<RefreshStats> {
    const started = this.now();
    const { store, catalog, auth, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of catalog.streamEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_SLO_REF}`]: CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata', 'spec.owner', 'spec.system', 'relations'],
      },
      { credentials },
    )) {
      entities.push(...page);
    }
    const seen = new Set(entities.map(e => stringifyEntityRef(e)));
    const stale = (await store.listEntityRefs()).filter(ref => !seen.has(ref));
    if (stale.length > 0) {
      await store.deleteEntities(stale);
      logger.info(
        `SLO refresh: ${stale.length} entities no longer declare SLOs`,
      );
    }

    const stats: RefreshStats = {
      entities: entities.length,
      targets: 0,
      computed: 0,
      failed: 0,
      queries: 0,
      durationMs: 0,
    };
    const plans: Array<{ entityRef: string; plan: TargetPlan }> = [];
    const withComposites = new Set<string>();
    await pool(entities, this.concurrency, async entity => {
      const entityRef = stringifyEntityRef(entity);
      const read = await readSloDocuments(entity, this.options.urlReader);
      const now = this.now();
      if (read.files.length === 0 && read.errors.length > 0) {
        // The documents are unreachable: keep the last good definitions.
        const existing = await store.getEntity(entityRef);
        if (existing) {
          await store.markReadError(entityRef, read.errors.join('; '), now);
          for (const stored of await store.listTargets(entityRef)) {
            if (isCompositeSeries(stored.seriesKey)) {
              withComposites.add(entityRef);
              continue;
            }
            const objective = stored.definition.objectives.find(
              o => o.key === stored.objectiveKey,
            );
            if (!objective) continue;
            plans.push({
              entityRef,
              plan: planTarget(
                entityRef,
                { name: stored.name, definition: stored.definition, objective },
                [...this.options.dataSources.keys()],
                this.options.defaultDataSource,
              ),
            });
          }
          return;
        }
      }
      const parsed = parseSloDocuments(read.files);
      const entityPlans = planTargets(
        entityRef,
        parsed.slos,
        [...this.options.dataSources.keys()],
        this.options.defaultDataSource,
      );
      const composites = planComposites(entityRef, parsed.slos);
      if (composites.length > 0) withComposites.add(entityRef);
      await store.upsertEntity({
        entityRef,
        owner: ownerOf(entity),
        system: systemOf(entity),
        refs: read.refs,
        documentIssues: parsed.issues,
        readError: read.errors.length > 0 ? read.errors.join('; ') : null,
        readAt: now,
      });
      await store.replaceTargets(
        entityRef,
        ownerOf(entity),
        systemOf(entity),
        entityPlans
          .map(p => ({
            name: p.target.name,
            seriesKey: p.seriesKey,
            definition: p.target.definition,
            objectiveKey: p.target.objective.key,
            dataSource: p.dataSource ?? '',
            displayName: p.target.definition.displayName ?? p.target.name,
            target: p.target.objective.target,
          }))
          .concat(
            composites.map(({ composite, seriesKey }) => ({
              name: composite.name,
              seriesKey,
              definition: composite.definition,
              objectiveKey: COMPOSITE_OBJECTIVE_KEY,
              dataSource: '',
              displayName: composite.definition.displayName ?? composite.name,
              target: composite.target,
            })),
          ),
      );
      plans.push(...entityPlans.map(plan => ({ entityRef, plan })));
    });

    stats.targets = plans.length;
    await pool(plans, this.concurrency, async ({ entityRef, plan }) => {
      if (signal?.aborted) return;
      const outcome = await this.refreshTarget(entityRef, plan, signal);
      stats.queries += outcome.queries;
      if (outcome.ok) stats.computed += 1;
      else stats.failed += 1;
    });
    // Composites are computed from their components' figures, once those are in.
    for (const entityRef of withComposites) {
      if (signal?.aborted) break;
      await this.refreshComposites(entityRef);
    }
    await store.deleteOrphanSeries();
    // Deployments are kept as long as the daily counts they are drawn on.
    await store.deploys.pruneDeployments(this.now() - DAILY_RETENTION_MS);
    stats.durationMs = this.now() - started;
    await store.setMeta(
      'last_refresh',
      JSON.stringify({ ...stats, finishedAt: this.now() }),
    );
    logger.info(
      `SLO refresh: ${stats.computed} of ${stats.targets} SLO objectives of ${stats.entities} entities computed, ${stats.failed} failed, ${stats.queries} queries, ${stats.durationMs} ms`,
    );
    return stats;
  }

  /** Computes and stores the composite entries of one entity from its components' stored figures. */
  async refreshComposites(entityRef: string): Promise<void> {
    const { store, logger } = this.options;
    const targets = await store.listTargets(entityRef);
    for (const stored of targets) {
      if (!isCompositeSeries(stored.seriesKey)) continue;
      const [planned] = planComposites(entityRef, [stored.definition]);
      if (!planned) continue;
      const now = this.now();
      try {
        const outcome = computeComposite(planned.composite, targets, now);
        if (outcome.status && outcome.computedAt !== undefined) {
          await store.saveStatus(
            entityRef,
            stored.name,
            outcome.status,
            summarize(outcome.status),
            outcome.computedAt,
          );
        }
        if (outcome.failure) {
          await store.saveFailure(entityRef, stored.name, outcome.failure, now);
        }
      } catch (e) {
        logger.error(
          `SLO refresh of ${entityRef} ${stored.name} failed`,
          e as Error,
        );
        await store.saveFailure(
          entityRef,
          stored.name,
          'the refresh failed with an internal error; the backend log has the details',
          now,
        );
      }
    }
  }

  /** Fetches, stores and evaluates one SLO objective. */
  async refreshTarget(
    entityRef: string,
    plan: TargetPlan,
    signal?: AbortSignal,
  ): Promise<{ ok: boolean; queries: number }> {
    const { store, logger } = this.options;
    const now = this.now();
    const name = plan.target.name;
    if (!plan.dataSource) {
      await store.saveFailure(
        entityRef,
        name,
        plan.dataSourceError ?? 'no data source',
        now,
      );
      return { ok: false, queries: 0 };
    }
    const source = this.options.dataSources.get(plan.dataSource)!;
    const { target, bucketMs, evaluationStepMs, fineRetentionMs, seriesKey } =
      plan;
    const aligned = Math.floor(now / bucketMs) * bucketMs;
    const fineStart = aligned - fineRetentionMs;
    const dayStart = Math.floor(aligned / DAY) * DAY;
    let queries = 0;
    const warnings: string[] = [];
    try {
      const series = await store.getSeries(seriesKey);
      const incremental =
        source.incremental &&
        series?.fineUntil !== null &&
        series?.fineUntil !== undefined;
      // Re-read the last two buckets: their samples may have been late.
      const fetchFrom = incremental
        ? Math.max(series!.fineUntil! - 2 * bucketMs, fineStart)
        : fineStart;
      const request = {
        indicator: plan.indicator,
        objective: target.objective,
        budgetingMethod: target.definition.budgetingMethod,
        context: { entityRef, slo: name, service: serviceOf(target) },
        signal,
      };
      if (fetchFrom < aligned) {
        const fetched = await source.fetch({
          ...request,
          from: fetchFrom,
          to: aligned,
          step: evaluationStepMs,
        });
        queries += fetched.queries;
        warnings.push(...fetched.warnings);
        const buckets = pointsToBuckets(
          fetched.points,
          target.definition.budgetingMethod,
          target.objective,
          {
            start: fetchFrom,
            step: bucketMs,
            count: Math.round((aligned - fetchFrom) / bucketMs),
          },
        );
        const rows: Bucket[] = [];
        for (let i = 0; i < buckets.total.length; i++) {
          if (buckets.total[i] > 0) {
            rows.push({
              start: fetchFrom + i * bucketMs,
              good: buckets.good[i],
              total: buckets.total[i],
            });
          }
        }
        await store.replaceBuckets(seriesKey, fetchFrom, aligned, rows);
      }

      // Daily buckets: back-filled once from the source for Occurrences SLOs
      // (Prometheus counts a whole day in one point), then kept current from
      // the fine buckets.
      let dailyBackfilled =
        Boolean(series?.dailyBackfilled) && source.incremental;
      if (
        !dailyBackfilled &&
        target.definition.budgetingMethod === 'Occurrences' &&
        plan.indicator.kind !== 'threshold'
      ) {
        const from = dayStart - DAILY_RETENTION_MS;
        try {
          const fetched = await source.fetch({
            ...request,
            from,
            to: dayStart,
            step: DAY,
          });
          queries += fetched.queries;
          const days = pointsToBuckets(
            fetched.points,
            'Occurrences',
            target.objective,
            {
              start: from,
              step: DAY,
              count: Math.round((dayStart - from) / DAY),
            },
          );
          const rows: Bucket[] = [];
          for (let i = 0; i < days.total.length; i++) {
            if (days.total[i] > 0)
              rows.push({
                start: from + i * DAY,
                good: days.good[i],
                total: days.total[i],
              });
          }
          await store.replaceDaily(seriesKey, from, dayStart, rows);
        } catch (e) {
          if (!(e instanceof SliDataSourceError && e.kind === 'empty')) throw e;
        }
        dailyBackfilled = true;
      }
      const firstFineDay =
        Math.ceil(
          Math.max(fineStart, Math.min(fetchFrom, aligned) - DAY) / DAY,
        ) * DAY;
      const fine = await store.readBuckets(seriesKey, firstFineDay, aligned);
      const perDay = new Map<number, Bucket>();
      for (const b of fine) {
        const day = Math.floor(b.start / DAY) * DAY;
        const entry = perDay.get(day) ?? { start: day, good: 0, total: 0 };
        entry.good += b.good;
        entry.total += b.total;
        perDay.set(day, entry);
      }
      await store.replaceDaily(seriesKey, firstFineDay, dayStart + DAY, [
        ...perDay.values(),
      ]);
      await store.upsertSeries(seriesKey, {
        stepMs: bucketMs,
        fineUntil: aligned,
        dailyBackfilled,
      });
      await store.pruneSeries(
        seriesKey,
        fineStart,
        dayStart - DAILY_RETENTION_MS,
      );

      const buckets = bucketSeriesFromRows(
        await store.readBuckets(seriesKey, fineStart, aligned),
        fineStart,
        aligned,
        bucketMs,
      );
      const daily = bucketSeriesFromRows(
        await store.readDaily(
          seriesKey,
          dayStart - DAILY_RETENTION_MS,
          dayStart + DAY,
        ),
        dayStart - DAILY_RETENTION_MS,
        dayStart + DAY,
        DAY,
      );
      const evaluation = evaluateSloTarget(target, buckets, aligned);
      const history = calendarHistory(daily, target.objective.target, aligned);
      if (
        plan.indicator.kind === 'threshold' &&
        (target.objective.op === undefined ||
          target.objective.value === undefined)
      ) {
        warnings.push(
          'the objective has no op and value, so no reading can be judged good or bad',
        );
      }
      const status = toSloStatus({
        target,
        dataSource: plan.dataSource,
        evaluation,
        history,
        computedAt: now,
        warnings,
      });
      await store.saveStatus(entityRef, name, status, summarize(status), now);
      return { ok: true, queries };
    } catch (e) {
      // What is stored is served to every reader: a data source's own words
      // (the store withholds addresses), and for anything else (a database,
      // a bug) only that it failed; the details go to the log.
      const message =
        e instanceof SliDataSourceError
          ? e.message
          : 'the refresh failed with an internal error; the backend log has the details';
      if (!(e instanceof SliDataSourceError)) {
        logger.error(`SLO refresh of ${entityRef} ${name} failed`, e as Error);
      }
      await store.saveFailure(entityRef, name, message, now);
      return { ok: false, queries };
    }
  }
}

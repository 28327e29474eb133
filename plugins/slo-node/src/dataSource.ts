import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  BudgetingMethod,
  Indicator,
  Objective,
  SliPoints,
} from '@vitals/plugin-slo-common';

/** What an SLI query is for, so sources can label, log and (sample) script it. */
export interface SliQueryContext {
  entityRef: string;
  slo: string;
  service: string;
}

/**
 * A request for SLI points over (from, to], one point every `step`
 * milliseconds, each covering (t − step, t]. `from` and `to` are multiples of
 * `step`.
 */
export interface SliFetchRequest {
  indicator: Indicator;
  objective: Objective;
  budgetingMethod: BudgetingMethod;
  from: number;
  to: number;
  step: number;
  context: SliQueryContext;
  signal?: AbortSignal;
}

export interface SliFetchResult {
  points: SliPoints;
  /** How many requests the source made (for the cost figures in the README). */
  queries: number;
  /** Things the owner should know that did not fail the fetch. */
  warnings: string[];
}

export interface SliDataSource {
  readonly name: string;
  readonly type: string;
  /**
   * true when past points never change, so a refresh fetches only what is new
   * and keeps the stored buckets (Prometheus); false when the source is
   * recomputed whole on every refresh (the synthetic sample source).
   */
  readonly incremental: boolean;
  fetch(request: SliFetchRequest): Promise<SliFetchResult>;
  /** A cheap query that tells whether the source answers. */
  checkHealth?(signal?: AbortSignal): Promise<void>;
}

export interface SliDataSourceFactory {
  /** The `type` of `vitals.slo.dataSources[]` entries this factory serves. */
  type: string;
  create(options: {
    name: string;
    config: Config;
    logger: LoggerService;
  }): SliDataSource;
}

/**
 * Why a fetch failed. `unavailable`: the source did not answer (down,
 * throttled, timed out) — stored figures stay and are marked stale.
 * `query`: the source rejected the query. `empty`: the query matched nothing.
 */
export class SliDataSourceError extends Error {
  readonly name = 'SliDataSourceError';

  constructor(
    readonly kind: 'unavailable' | 'query' | 'empty',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

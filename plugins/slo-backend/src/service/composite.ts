import {
  combineCompositeCalendar,
  compositeBurnRateOf,
  CompositeSloDefinition,
  evaluateComposite,
  POLICY_GUIDANCE,
  SloBurnRate,
  SloStatus,
} from '@vitals/plugin-slo-common';
import { StoredTarget } from '../database/SloStore';

/** A composite's figures, from the stored figures of its components. */
export interface CompositeOutcome {
  /** Undefined while no component has figures. */
  status?: SloStatus;
  /** The figures are as old as the oldest component's. */
  computedAt?: number;
  /** Why some component could not be (re)computed: the composite is stale with it. */
  failure?: string;
}

function failedSince(target: StoredTarget): boolean {
  return Boolean(
    target.lastError &&
      target.lastAttemptAt !== null &&
      (target.computedAt === null || target.lastAttemptAt > target.computedAt),
  );
}

/**
 * Computes a composite SLO's entry from its components' stored figures with
 * the composite formulas of `@vitals/plugin-slo-common` (README, "Composite
 * (journey) SLOs").
 */
export function computeComposite(
  composite: CompositeSloDefinition,
  targets: StoredTarget[],
  now: number,
): CompositeOutcome {
  const { definition } = composite;
  const members = composite.components.map(component => ({
    component,
    stored: targets.find(t => t.name === component.name),
  }));
  const problems = members.flatMap(({ component, stored }) => {
    if (!stored?.status) {
      return [
        `component ${component.name} has not been computed${
          stored?.lastError ? `: ${stored.lastError}` : ' yet'
        }`,
      ];
    }
    return failedSince(stored)
      ? [`component ${component.name} failed: ${stored.lastError}`]
      : [];
  });
  const computed = members.filter(m => m.stored?.status);
  if (computed.length === 0) {
    return { failure: problems.join('; ') || 'no component has figures yet' };
  }
  const statusOf = (name: string) =>
    members.find(m => m.component.name === name)?.stored?.status ?? null;
  const evaluation = evaluateComposite(
    composite.components.map(c => ({
      name: c.name,
      weight: c.weight,
      target: c.target,
      sli: statusOf(c.name)?.sli.ratio ?? null,
    })),
  );

  const template = computed[0].stored!.status!;
  const burnRates: SloBurnRate[] = template.burnRates.map((window, i) => {
    const rates = (pick: (b: SloBurnRate) => number | null) =>
      compositeBurnRateOf(
        composite.components.map(c => {
          const own = statusOf(c.name)?.burnRates[i];
          return {
            weight: c.weight,
            target: c.target,
            rate:
              own && own.longWindow === window.longWindow ? pick(own) : null,
          };
        }),
      );
    const longRate = rates(b => b.longRate);
    const shortRate = rates(b => b.shortRate);
    const enabled =
      window.severity === 'page'
        ? definition.alerting.page
        : definition.alerting.ticket;
    return {
      longWindow: window.longWindow,
      shortWindow: window.shortWindow,
      factor: window.factor,
      longRate,
      shortRate,
      firing:
        enabled &&
        longRate !== null &&
        shortRate !== null &&
        longRate > window.factor &&
        shortRate > window.factor,
      severity: window.severity,
    };
  });

  const computedTimes = computed.map(m => m.stored!.computedAt ?? now);
  // A failure is recorded at `now`; figures dated no later than a moment
  // before it read as older than the failure, so the entry shows as stale.
  const computedAt =
    problems.length > 0
      ? Math.min(...computedTimes, now - 1)
      : Math.min(...computedTimes);
  const { remaining } = evaluation.errorBudget;
  const windowStart = template.window.start
    ? Date.parse(template.window.start)
    : undefined;
  const windowEnd = template.window.end
    ? Date.parse(template.window.end)
    : undefined;
  const windowMs =
    windowStart !== undefined && windowEnd !== undefined
      ? windowEnd - windowStart
      : definition.timeWindow.durationMs;
  const currentBurnRate = burnRates[0]?.longRate ?? null;
  const exhaustionAt =
    currentBurnRate !== null && currentBurnRate > 0 && remaining > 0
      ? new Date(
          computedAt + (remaining * windowMs) / currentBurnRate,
        ).toISOString()
      : null;

  const withData = computed.map(m => m.stored!.status!);
  const status: SloStatus = {
    name: composite.name,
    displayName: definition.displayName ?? definition.name,
    description: definition.description,
    service: definition.service,
    target: composite.target,
    window: template.window,
    budgetingMethod: definition.budgetingMethod,
    dataSource: [...new Set(withData.map(s => s.dataSource))].join(', '),
    objective: { displayName: definition.displayName },
    sli: {
      // Counts of every component; the ratio is the weighted composite SLI.
      good: withData.reduce((sum, s) => sum + s.sli.good, 0),
      total: withData.reduce((sum, s) => sum + s.sli.total, 0),
      ratio: evaluation.sli,
    },
    errorBudget: evaluation.errorBudget,
    burnRates,
    exhaustionAt,
    policyState: evaluation.policyState,
    policyGuidance: POLICY_GUIDANCE[evaluation.policyState],
    computedAt: new Date(computedAt).toISOString(),
    stale: false,
    ageSeconds: 0,
    coverage: Math.min(...withData.map(s => s.coverage)),
    history: combineCompositeCalendar(
      composite.components.map(c => ({
        name: c.name,
        weight: c.weight,
        target: c.target,
        points: statusOf(c.name)?.history ?? [],
      })),
    ),
    errors: [],
    warnings: [
      ...definition.warnings,
      ...evaluation.withoutData.map(
        name =>
          `component ${name} has no data yet; the composite is computed without it`,
      ),
    ],
    source: {
      file: definition.source.file,
      documentIndex: definition.source.documentIndex,
    },
    composite: {
      components: composite.components.map((c, i) => {
        const share = evaluation.components[i];
        const member = members[i].stored;
        return {
          name: c.name,
          displayName: c.displayName ?? c.objectiveKey,
          weight: c.weight,
          target: c.target,
          sli: share.sli,
          remaining: share.remaining,
          contribution: share.contribution,
          policyState: member?.status?.policyState ?? null,
          ...(c.entityRef ? { entityRef: c.entityRef } : undefined),
          stale: !member?.status || failedSince(member),
        };
      }),
    },
  };
  return {
    status,
    computedAt,
    failure: problems.length > 0 ? problems.join('; ') : undefined,
  };
}

/**
 * A composite is stale when any of its components is: the entity's statuses
 * with each composite's staleness, and its components', judged together.
 */
export function withCompositeFreshness(slos: SloStatus[]): SloStatus[] {
  const byName = new Map(slos.map(s => [s.name, s]));
  return slos.map(slo => {
    if (!slo.composite) return slo;
    const components = slo.composite.components.map(c => ({
      ...c,
      stale: byName.get(c.name)?.stale ?? true,
    }));
    return {
      ...slo,
      stale: slo.stale || components.some(c => c.stale),
      composite: { ...slo.composite, components },
    };
  });
}

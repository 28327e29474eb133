import {
  CalendarPeriodResult,
  formatPromDuration,
  POLICY_GUIDANCE,
  SloEvaluation,
  SloStatus,
  SloTarget,
} from '@vitals/plugin-slo-common';
import { TargetSummary } from '../database/SloStore';

/** The contract shape of one SLO objective's figures. */
export function toSloStatus(options: {
  target: SloTarget;
  dataSource: string;
  evaluation: SloEvaluation;
  history: CalendarPeriodResult[];
  computedAt: number;
  warnings: string[];
}): SloStatus {
  const { target, evaluation, computedAt } = options;
  const { definition, objective } = target;
  return {
    name: target.name,
    displayName:
      objective.displayName && definition.objectives.length > 1
        ? `${definition.displayName ?? definition.name}: ${
            objective.displayName
          }`
        : definition.displayName ?? objective.displayName ?? definition.name,
    description: definition.description,
    service: definition.service,
    target: objective.target,
    window: {
      duration: definition.timeWindow.duration,
      rolling: definition.timeWindow.rolling,
      start: new Date(evaluation.window.start).toISOString(),
      end: new Date(evaluation.window.end).toISOString(),
    },
    budgetingMethod: definition.budgetingMethod,
    dataSource: options.dataSource,
    objective: {
      displayName: objective.displayName,
      op: objective.op,
      value: objective.value,
      timeSliceTarget: objective.timeSliceTarget,
      timeSliceWindow:
        objective.timeSliceWindowMs !== undefined
          ? formatPromDuration(objective.timeSliceWindowMs)
          : undefined,
    },
    sli: evaluation.sli,
    errorBudget: evaluation.errorBudget,
    burnRates: evaluation.burnRates.map(b => ({
      longWindow: b.longWindow,
      shortWindow: b.shortWindow,
      factor: b.factor,
      longRate: b.longRate,
      shortRate: b.shortRate,
      firing: b.firing,
      severity: b.severity,
    })),
    exhaustionAt:
      evaluation.exhaustionAt === null
        ? null
        : new Date(evaluation.exhaustionAt).toISOString(),
    policyState: evaluation.policyState,
    policyGuidance: POLICY_GUIDANCE[evaluation.policyState],
    computedAt: new Date(computedAt).toISOString(),
    stale: false,
    ageSeconds: 0,
    coverage: evaluation.coverage,
    history: options.history,
    errors: [],
    warnings: [...definition.warnings, ...options.warnings],
    source: {
      file: definition.source.file,
      documentIndex: definition.source.documentIndex,
    },
  };
}

function severityOf(firing: SloStatus['burnRates']): 'page' | 'ticket' | null {
  if (firing.some(b => b.severity === 'page')) return 'page';
  return firing.length > 0 ? 'ticket' : null;
}

export function summarize(status: SloStatus): TargetSummary {
  const firing = status.burnRates.filter(b => b.firing);
  return {
    sli: status.sli.ratio,
    remaining: status.errorBudget.remaining,
    policyState: status.policyState,
    firing: firing.length > 0,
    firingSeverity: severityOf(firing),
  };
}

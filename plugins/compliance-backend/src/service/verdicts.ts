import { createHash } from 'node:crypto';
import {
  type ComplianceCoverage,
  type ComplianceFinding,
  type ControlResult,
  type EntityComplianceResult,
  type Framework,
} from '@vitals/plugin-compliance-common';
import type {
  ControlVerdictRow,
  EntityVerdictInput,
  EntityVerdictRow,
  RunRecord,
} from '../database/ComplianceStore';
import { publicInventoryOrigin } from '@vitals/backend-http';

/** The stable part of an entity's result: what a span records. */
export interface VerdictHeader {
  owner: string | null;
  system: string | null;
  framework: string;
  frameworkVersion: string;
  classification: EntityComplianceResult['classification'];
  enforced: boolean;
  status: EntityComplianceResult['status'];
  statusReason: string;
  score: number | null;
  counts: EntityComplianceResult['counts'];
  ruleVersion: string;
  /**
   * Absent from verdicts stored before coverage was recorded. Part of the
   * header, so a resource newly judged or newly left unjudged starts a span.
   */
  coverage?: ComplianceCoverage;
}

/** Whether the stored header carries the coverage of its evaluation. */
export function coverageRecorded(header: unknown): boolean {
  const coverage = (header as VerdictHeader | null)?.coverage;
  return (
    typeof coverage === 'object' &&
    coverage !== null &&
    typeof coverage.evaluated === 'number' &&
    Array.isArray(coverage.notEvaluated)
  );
}

const fingerprint = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Observation times move with every inventory load while the values seen stay
 * the same; they are kept on the run instead, so an unchanged verdict stays
 * one span. Attestation findings keep theirs: it is the attestation's date.
 */
function withoutObservationTime(finding: ComplianceFinding): ComplianceFinding {
  if (finding.source === 'attestation') return finding;
  return { ...finding, observedAt: null };
}

export function toVerdictInput(
  result: EntityComplianceResult,
): EntityVerdictInput {
  const header: VerdictHeader = {
    owner: result.owner,
    system: result.system,
    framework: result.framework,
    frameworkVersion: result.frameworkVersion,
    classification: result.classification,
    enforced: result.enforced,
    status: result.status,
    statusReason: result.statusReason,
    score: result.score,
    counts: result.counts,
    ruleVersion: result.ruleVersion,
    coverage: result.coverage,
  };
  const controlStatuses = Object.fromEntries(
    result.controls.map(c => [c.id, c.status]),
  );
  const controls = result.controls.map(control => {
    const stored: ControlResult = {
      ...control,
      findings: control.findings.map(withoutObservationTime),
    };
    return {
      controlId: control.id,
      status: control.status,
      ruleVersion: result.ruleVersion,
      result: stored,
      fingerprint: fingerprint(stored),
    };
  });
  return {
    entityRef: result.entityRef,
    owner: result.owner,
    system: result.system,
    classification: result.classification,
    status: result.status,
    score: result.score,
    controlStatuses,
    header,
    fingerprint: fingerprint({ header, controlStatuses }),
    controls,
  };
}

const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();

/**
 * Rebuilds a full result from stored spans and the run that last confirmed
 * them: the values seen come from the spans, the observation times and the
 * data source from the run.
 */
export function restoreResult(
  framework: Framework,
  entity: EntityVerdictRow,
  controls: readonly ControlVerdictRow[],
  run: RunRecord | undefined,
): EntityComplianceResult {
  const header = entity.header as VerdictHeader;
  const byId = new Map(controls.map(c => [c.controlId, c]));
  const evaluatedAt = iso(run?.startedAt ?? entity.validFrom)!;
  const azureObservedAt = iso(run?.inventoryFetchedAt ?? null);
  const drObservedAt = iso(run?.drEvaluatedAt ?? null);
  const observedAt = (finding: ComplianceFinding): string | null => {
    switch (finding.source) {
      case 'azure':
        return azureObservedAt;
      case 'dr-readiness':
        return drObservedAt;
      case 'catalog':
        return evaluatedAt;
      default:
        return finding.observedAt;
    }
  };
  const ordered = [
    ...framework.controls.map(c => byId.get(c.id)).filter(Boolean),
    ...controls.filter(
      c => !framework.controls.some(f => f.id === c.controlId),
    ),
  ] as ControlVerdictRow[];
  return {
    entityRef: entity.entityRef,
    owner: header.owner,
    system: header.system,
    framework: header.framework,
    frameworkVersion: header.frameworkVersion,
    classification: header.classification,
    enforced: header.enforced,
    status: header.status,
    statusReason: header.statusReason,
    score: header.score,
    counts: header.counts,
    controls: ordered.map(row => {
      const control = row.result as ControlResult;
      return {
        ...control,
        findings: control.findings.map(f => ({
          ...f,
          observedAt: observedAt(f),
        })),
      };
    }),
    coverage: coverageRecorded(header)
      ? header.coverage!
      : { evaluated: 0, notEvaluated: [], recorded: false },
    evaluatedAt,
    ruleVersion: header.ruleVersion,
    inventory:
      run && run.inventorySource
        ? {
            source: run.inventorySource,
            fetchedAt: azureObservedAt ?? evaluatedAt,
            subscriptions: [],
            origin: publicInventoryOrigin(run.inventoryOrigin ?? ''),
          }
        : null,
  };
}

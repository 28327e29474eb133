import type { Framework } from './types';

const SAFEGUARDS = [
  'administrative',
  'physical',
  'technical',
  'organizational',
  'documentation',
];

/** A problem with a framework definition, naming the control and field. */
export interface FrameworkProblem {
  controlId?: string;
  field: string;
  message: string;
}

/**
 * Checks a framework supplied as data before it is used: unique control ids,
 * valid flags, and every check id known to the engine (an unknown id would
 * otherwise surface as a permanently `unknown` control).
 */
export function validateFramework(
  framework: Framework,
  knownCheckIds: Iterable<string>,
): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const known = new Set(knownCheckIds);
  if (!framework.id?.trim()) {
    problems.push({ field: 'id', message: 'framework id is required' });
  }
  if (!framework.title?.trim()) {
    problems.push({ field: 'title', message: 'framework title is required' });
  }
  if (!framework.version?.trim()) {
    problems.push({
      field: 'version',
      message: 'framework version is required',
    });
  }
  if (!Array.isArray(framework.controls) || framework.controls.length === 0) {
    problems.push({
      field: 'controls',
      message: 'a framework needs at least one control',
    });
    return problems;
  }
  const seen = new Set<string>();
  for (const control of framework.controls) {
    const controlId = control.id;
    if (!controlId?.trim()) {
      problems.push({
        field: 'controls.id',
        message: 'control id is required',
      });
      continue;
    }
    if (seen.has(controlId)) {
      problems.push({
        controlId,
        field: 'id',
        message: `duplicate control id ${controlId}`,
      });
    }
    seen.add(controlId);
    for (const field of ['title', 'citation', 'description'] as const) {
      if (!control[field]?.trim()) {
        problems.push({ controlId, field, message: `${field} is required` });
      }
    }
    if (!SAFEGUARDS.includes(control.safeguard)) {
      problems.push({
        controlId,
        field: 'safeguard',
        message: `safeguard must be one of ${SAFEGUARDS.join(', ')}`,
      });
    }
    if (!['required', 'addressable'].includes(control.implementation)) {
      problems.push({
        controlId,
        field: 'implementation',
        message: 'implementation must be required or addressable',
      });
    }
    if (!['high', 'medium', 'low'].includes(control.severity)) {
      problems.push({
        controlId,
        field: 'severity',
        message: 'severity must be high, medium or low',
      });
    }
    for (const check of control.checks ?? []) {
      if (!known.has(check)) {
        problems.push({
          controlId,
          field: 'checks',
          message: `unknown check id ${check}`,
        });
      }
    }
  }
  return problems;
}

import type { DataClassification } from '../annotations';

/**
 * Where a control sits in the HIPAA Security Rule: 164.308 administrative,
 * 164.310 physical, 164.312 technical, 164.314 organizational requirements and
 * 164.316 policies, procedures and documentation requirements.
 */
export type Safeguard =
  | 'administrative'
  | 'physical'
  | 'technical'
  | 'organizational'
  | 'documentation';

/**
 * 164.306(d): a required implementation specification must be implemented; an
 * addressable one must be implemented where reasonable and appropriate, or the
 * entity documents why not and implements an equivalent alternative measure.
 * A standard without implementation specifications is itself required.
 */
export type ControlImplementation = 'required' | 'addressable';

export type ControlSeverity = 'high' | 'medium' | 'low';

export interface ControlDefinition {
  /** Stable id, the short citation for HIPAA: `164.312(a)(2)(iv)`. */
  id: string;
  title: string;
  /** The citation an auditor looks up: `45 CFR 164.312(a)(2)(iv)`. */
  citation: string;
  safeguard: Safeguard;
  implementation: ControlImplementation;
  severity: ControlSeverity;
  description: string;
  /**
   * Ids of the resource rules and catalog checks that produce evidence for
   * this control. A control with no checks stays `unknown` until attested.
   */
  checks: readonly string[];
}

/** A compliance framework is data: a set of controls mapped to check ids. */
export interface Framework {
  id: string;
  title: string;
  version: string;
  /**
   * Classifications for which the framework is enforced; for the others the
   * controls are reported but the overall status is `not-applicable`. Absent:
   * enforced for every classification.
   */
  enforcedFor?: readonly DataClassification[];
  controls: readonly ControlDefinition[];
}

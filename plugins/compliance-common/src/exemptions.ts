import { parseResourceId } from '@vitals/azure-inventory-common';
import type { DateTime } from 'luxon';
import type { ControlDefinition, Framework } from './frameworks/types';
import { hipaaFramework } from './frameworks/hipaa';
import { toDateTime, type Instant } from './time';

/**
 * `mitigated` and `risk-accepted` are Azure Policy's exemption categories.
 * `alternative-measure` is HIPAA's own: for an addressable specification the
 * entity may document why it is not reasonable and appropriate and implement
 * an equivalent measure instead (45 CFR 164.306(d)(3)(ii)(B)).
 */
export const EXEMPTION_CATEGORIES = [
  'mitigated',
  'risk-accepted',
  'alternative-measure',
] as const;
export type ExemptionCategory = (typeof EXEMPTION_CATEGORIES)[number];

/** Exemptions are reviewed at least yearly: none may run longer than this from its creation. */
export const EXEMPTION_MAX_YEARS = 1;

/** What a compliance officer submits. */
export interface ExemptionRequest {
  entityRef: string;
  controlId: string;
  /** Narrows the exemption to findings on one resource; absent, it covers the control for the entity. */
  resourceId?: string;
  category: ExemptionCategory;
  reason: string;
  /** For `alternative-measure`: the equivalent measure implemented instead. */
  alternativeMeasure?: string;
  ticketUrl?: string;
  requester: string;
  approver: string;
  createdAt: string;
  expiresAt: string;
}

export interface ComplianceExemption extends ExemptionRequest {
  id: string;
}

export interface ExemptionValidationError {
  field: string;
  message: string;
}

/** Exemptions are stored against complete refs so they cannot drift when defaults change. */
const FULL_ENTITY_REF = /^[^:/\s]+:[^:/\s]+\/[^:/\s]+$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/**
 * Validates an exemption request; every error names the offending field so
 * the API can answer 400 with it.
 */
export function validateExemption(
  input: unknown,
  now: Instant,
  framework: Framework = hipaaFramework,
): ExemptionValidationError[] {
  const errors: ExemptionValidationError[] = [];
  if (input === null || typeof input !== 'object') {
    return [{ field: 'body', message: 'an exemption must be an object' }];
  }
  const body = input as Record<string, unknown>;
  const at = toDateTime(now);

  const entityRef = text(body.entityRef);
  if (!entityRef) {
    errors.push({ field: 'entityRef', message: 'entityRef is required' });
  } else if (!FULL_ENTITY_REF.test(entityRef)) {
    errors.push({
      field: 'entityRef',
      message: `${entityRef} is not a full entity reference (kind:namespace/name)`,
    });
  }

  const controlId = text(body.controlId);
  let control: ControlDefinition | undefined;
  if (!controlId) {
    errors.push({ field: 'controlId', message: 'controlId is required' });
  } else {
    control = framework.controls.find(c => c.id === controlId);
    if (!control) {
      errors.push({
        field: 'controlId',
        message: `${controlId} is not a control of ${framework.id}`,
      });
    }
  }

  if (body.resourceId !== undefined && body.resourceId !== null) {
    const resourceId = text(body.resourceId);
    if (!resourceId || !parseResourceId(resourceId)) {
      errors.push({
        field: 'resourceId',
        message: 'resourceId must be an Azure Resource Manager id',
      });
    }
  }

  const category = body.category;
  if (!(EXEMPTION_CATEGORIES as readonly unknown[]).includes(category)) {
    errors.push({
      field: 'category',
      message: `category must be one of ${EXEMPTION_CATEGORIES.join(', ')}`,
    });
  } else if (category === 'alternative-measure') {
    if (control && control.implementation !== 'addressable') {
      errors.push({
        field: 'category',
        message: `alternative-measure applies only to addressable controls; ${control.id} is required`,
      });
    }
    if (!text(body.alternativeMeasure)) {
      errors.push({
        field: 'alternativeMeasure',
        message:
          'document the equivalent alternative measure implemented instead',
      });
    }
  }

  if (!text(body.reason)) {
    errors.push({ field: 'reason', message: 'reason is required' });
  }

  if (
    body.ticketUrl !== undefined &&
    body.ticketUrl !== null &&
    body.ticketUrl !== ''
  ) {
    let ok = false;
    try {
      const url = new URL(String(body.ticketUrl));
      ok = url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      ok = false;
    }
    if (!ok) {
      errors.push({
        field: 'ticketUrl',
        message: 'ticketUrl must be an http(s) URL',
      });
    }
  }

  const requester = text(body.requester);
  const approver = text(body.approver);
  if (!requester) {
    errors.push({ field: 'requester', message: 'requester is required' });
  }
  if (!approver) {
    errors.push({ field: 'approver', message: 'approver is required' });
  } else if (requester && approver.toLowerCase() === requester.toLowerCase()) {
    errors.push({
      field: 'approver',
      message: 'the approver must be someone other than the requester',
    });
  }

  const createdAt = text(body.createdAt)
    ? toDateTime(String(body.createdAt))
    : undefined;
  const expiresAt = text(body.expiresAt)
    ? toDateTime(String(body.expiresAt))
    : undefined;
  if (!createdAt || !createdAt.isValid) {
    errors.push({
      field: 'createdAt',
      message: 'createdAt must be an ISO-8601 timestamp',
    });
  } else if (createdAt > at) {
    errors.push({
      field: 'createdAt',
      message: 'createdAt cannot be in the future',
    });
  }
  if (!expiresAt || !expiresAt.isValid) {
    errors.push({
      field: 'expiresAt',
      message: 'expiresAt must be an ISO-8601 timestamp',
    });
  } else {
    if (expiresAt <= at) {
      errors.push({
        field: 'expiresAt',
        message: 'expiresAt must be in the future',
      });
    }
    if (createdAt?.isValid) {
      if (expiresAt <= createdAt) {
        errors.push({
          field: 'expiresAt',
          message: 'expiresAt must be after createdAt',
        });
      } else if (expiresAt > createdAt.plus({ years: EXEMPTION_MAX_YEARS })) {
        errors.push({
          field: 'expiresAt',
          message: `an exemption may last at most ${EXEMPTION_MAX_YEARS} year from its creation`,
        });
      }
    }
  }
  return errors;
}

export type ExemptionState = 'active' | 'expired' | 'pending' | 'invalid';

/**
 * Whether a stored exemption counts at `now`. Records that would not pass
 * validation today (written before a rule tightened, or edited in storage)
 * are `invalid` and never applied.
 */
export function exemptionState(
  exemption: ComplianceExemption,
  control: ControlDefinition,
  now: DateTime,
): { state: ExemptionState; detail?: string } {
  const created = toDateTime(exemption.createdAt);
  const expires = toDateTime(exemption.expiresAt);
  if (!created.isValid || !expires.isValid) {
    return {
      state: 'invalid',
      detail: 'createdAt or expiresAt is not a valid timestamp',
    };
  }
  if (expires > created.plus({ years: EXEMPTION_MAX_YEARS })) {
    return {
      state: 'invalid',
      detail: `runs longer than ${EXEMPTION_MAX_YEARS} year`,
    };
  }
  if (
    exemption.category === 'alternative-measure' &&
    control.implementation !== 'addressable'
  ) {
    return {
      state: 'invalid',
      detail: `alternative-measure on required control ${control.id}`,
    };
  }
  if (!exemption.reason?.trim()) {
    return { state: 'invalid', detail: 'no reason recorded' };
  }
  if (
    exemption.approver?.trim().toLowerCase() ===
    exemption.requester?.trim().toLowerCase()
  ) {
    return { state: 'invalid', detail: 'approved by its own requester' };
  }
  if (now < created) {
    return { state: 'pending', detail: `starts ${exemption.createdAt}` };
  }
  if (now >= expires) {
    return { state: 'expired', detail: `expired ${exemption.expiresAt}` };
  }
  return { state: 'active' };
}

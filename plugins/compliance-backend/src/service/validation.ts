import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  ExemptionValidationError,
  Framework,
} from '@vitals/plugin-compliance-common';

const DAY = 86_400_000;
/** Attested evidence is reviewed at least yearly, like exemptions. */
export const ATTESTATION_MAX_DAYS = 366;

const FULL_ENTITY_REF = /^[^:/\s]+:[^:/\s]+\/[^:/\s]+$/;

function httpUrl(value: unknown): boolean {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Validates an attestation; every error names its field. */
export function validateAttestation(
  input: unknown,
  now: number,
  framework: Framework,
): ExemptionValidationError[] {
  if (input === null || typeof input !== 'object') {
    return [{ field: 'body', message: 'an attestation must be an object' }];
  }
  const body = input as Record<string, unknown>;
  const errors: ExemptionValidationError[] = [];
  const entityRef =
    typeof body.entityRef === 'string' ? body.entityRef.trim() : '';
  if (!entityRef) {
    errors.push({ field: 'entityRef', message: 'entityRef is required' });
  } else if (!FULL_ENTITY_REF.test(entityRef)) {
    errors.push({
      field: 'entityRef',
      message: `${entityRef} is not a full entity reference (kind:namespace/name)`,
    });
  }
  const controlId =
    typeof body.controlId === 'string' ? body.controlId.trim() : '';
  if (!controlId) {
    errors.push({ field: 'controlId', message: 'controlId is required' });
  } else if (!framework.controls.some(c => c.id === controlId)) {
    errors.push({
      field: 'controlId',
      message: `${controlId} is not a control of ${framework.id}`,
    });
  }
  if (!httpUrl(body.link)) {
    errors.push({
      field: 'link',
      message: 'link must be an http(s) URL to the evidence',
    });
  }
  if (body.note !== undefined && body.note !== null) {
    if (typeof body.note !== 'string' || body.note.length > 4000) {
      errors.push({
        field: 'note',
        message: 'note must be text of at most 4000 characters',
      });
    }
  }
  const reviewBy =
    typeof body.reviewBy === 'string' ? Date.parse(body.reviewBy) : NaN;
  if (!Number.isFinite(reviewBy)) {
    errors.push({
      field: 'reviewBy',
      message: 'reviewBy must be an ISO-8601 date or timestamp',
    });
  } else if (reviewBy <= now) {
    errors.push({
      field: 'reviewBy',
      message: 'reviewBy must be in the future',
    });
  } else if (reviewBy > now + ATTESTATION_MAX_DAYS * DAY) {
    errors.push({
      field: 'reviewBy',
      message: 'an attestation must be reviewed within a year',
    });
  }
  return errors;
}

/** Throws the first validation error as a 400 that names its field. */
export function throwIfInvalid(errors: readonly ExemptionValidationError[]) {
  if (errors.length > 0) {
    const [first, ...rest] = errors;
    throw new InputError(
      `${first.field}: ${first.message}${
        rest.length
          ? ` (also ${rest.map(e => `${e.field}: ${e.message}`).join('; ')})`
          : ''
      }`,
    );
  }
}

/**
 * An instant from a query parameter: ISO-8601 or epoch milliseconds. A date
 * alone (`2026-05-01`) means the end of that day in UTC, so `asOf=<day>`
 * answers what held when the day closed.
 */
export function parseInstant(value: unknown, field: string): number | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') {
    throw new InputError(`${field} must be a single date or time`);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (Number.isFinite(start)) return start + DAY - 1;
  }
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new InputError(
      `${field} must be an ISO-8601 date or time, got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

/** `care-experience`, `group:care-experience` and `group:default/care-experience` name the same group. */
export function normalizeRef(
  value: string,
  defaultKind: string,
  field: string,
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    throw new InputError(
      `${field} must be an entity ref such as ${defaultKind}:default/name, got ${JSON.stringify(
        value,
      )}`,
    );
  }
}

/** The entity ref of an `/entities/:namespace/:kind/:name` path. */
export function entityRefFrom(params: Record<string, string>): string {
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
  });
}

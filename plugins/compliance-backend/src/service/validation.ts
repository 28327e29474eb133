import { InputError } from '@backstage/errors';
import { parseResourceId } from '@vitals/azure-inventory-common';
import {
  MAX_ENTITY_REF_LENGTH,
  MAX_URL_LENGTH,
  readEntityRef,
  readHttpUrl,
  readInstant,
  readText,
} from '@vitals/backend-http';
import {
  EXEMPTION_CATEGORIES,
  EXEMPTION_MAX_YEARS,
  type ExemptionCategory,
  type ExemptionValidationError,
  type Framework,
} from '@vitals/plugin-compliance-common';
import { DateTime } from 'luxon';

const DAY = 86_400_000;
/** Attested evidence is reviewed at least yearly, like exemptions. */
export const ATTESTATION_MAX_DAYS = 366;

/**
 * The longest value of each stored field. The varchar columns of the
 * migrations set the ids, refs and control ids; the text columns (reasons,
 * notes, links, resource ids) are bounded here so no request can store an
 * unreadable record.
 */
export const FIELD_LIMITS = {
  /** varchar(36): UUIDs, and the seed's short ids. */
  id: 36,
  /** varchar(255). */
  entityRef: MAX_ENTITY_REF_LENGTH,
  /** varchar(64). */
  controlId: 64,
  /** text; Azure Resource Manager ids are far shorter. */
  resourceId: 1024,
  /** text. */
  reason: 4000,
  /** text. */
  alternativeMeasure: 4000,
  /** text. */
  url: MAX_URL_LENGTH,
  /** text. */
  note: 4000,
} as const;

/** The id of a stored exemption or attestation, as a path gives it. */
export function readRecordId(value: unknown): string {
  return readText(value, 'id', { max: FIELD_LIMITS.id, required: true });
}

/** A control id of the framework. */
export function readControlId(
  value: unknown,
  field: string,
  framework: Framework,
): string {
  const id = readText(value, field, {
    max: FIELD_LIMITS.controlId,
    required: true,
  });
  if (!framework.controls.some(c => c.id === id)) {
    throw new InputError(
      `${field} ${JSON.stringify(id)} is not a control of ${framework.id}`,
    );
  }
  return id;
}

/**
 * A JSON object body with only the fields a client may set. Fields the
 * server sets are refused by name, like unknown ones, so a client never
 * believes it set something the server ignored.
 */
function readBody(
  body: unknown,
  what: string,
  fields: readonly string[],
  serverSet: Record<string, string>,
): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError(`body: ${what} must be a JSON object`);
  }
  const record = body as Record<string, unknown>;
  for (const [field, message] of Object.entries(serverSet)) {
    if (record[field] !== undefined) {
      throw new InputError(`${field}: ${message}`);
    }
  }
  for (const key of Object.keys(record)) {
    if (!fields.includes(key)) {
      throw new InputError(
        `body: ${JSON.stringify(key.slice(0, 64))} is not a field of ${what}`,
      );
    }
  }
  return record;
}

export interface ExemptionInput {
  entityRef: string;
  controlId: string;
  resourceId: string | null;
  category: ExemptionCategory;
  reason: string;
  alternativeMeasure: string | null;
  ticketUrl: string | null;
  /** The canonical ref of a user; that it is a catalog User is checked by the route. */
  requester: string;
  expiresAt: number;
}

/** The latest instant an exemption created at `createdAt` may run to. */
export function latestExpiry(createdAt: number): number {
  return DateTime.fromMillis(createdAt, { zone: 'utc' })
    .plus({ years: EXEMPTION_MAX_YEARS })
    .toMillis();
}

/** Reads an exemption request; every error is a 400 naming its field. */
export function readExemption(
  body: unknown,
  options: { now: number; framework: Framework },
): ExemptionInput {
  const { now, framework } = options;
  const record = readBody(
    body,
    'an exemption',
    [
      'entityRef',
      'controlId',
      'resourceId',
      'category',
      'reason',
      'alternativeMeasure',
      'ticketUrl',
      'requester',
      'expiresAt',
    ],
    {
      approver:
        'the approver is the signed-in user and cannot be set in the request',
      createdAt: 'set by the server',
      id: 'set by the server',
      revokedAt: 'set by the server; revoke with DELETE',
      revokedBy: 'set by the server; revoke with DELETE',
      state: 'set by the server',
    },
  );
  const entityRef = readEntityRef(record.entityRef, 'entityRef', {
    defaultKind: 'component',
    required: true,
  });
  const controlId = readControlId(record.controlId, 'controlId', framework);
  const control = framework.controls.find(c => c.id === controlId)!;
  const resourceId =
    readText(record.resourceId, 'resourceId', {
      max: FIELD_LIMITS.resourceId,
    }) ?? null;
  if (resourceId !== null && !parseResourceId(resourceId)) {
    throw new InputError('resourceId must be an Azure Resource Manager id');
  }
  const category = readText(record.category, 'category', {
    max: 32,
    required: true,
  });
  if (!(EXEMPTION_CATEGORIES as readonly string[]).includes(category)) {
    throw new InputError(
      `category must be one of ${EXEMPTION_CATEGORIES.join(', ')}`,
    );
  }
  const reason = readText(record.reason, 'reason', {
    max: FIELD_LIMITS.reason,
    multiline: true,
    required: true,
  });
  const alternativeMeasure =
    readText(record.alternativeMeasure, 'alternativeMeasure', {
      max: FIELD_LIMITS.alternativeMeasure,
      multiline: true,
    }) ?? null;
  if (category === 'alternative-measure') {
    if (control.implementation !== 'addressable') {
      throw new InputError(
        `category: alternative-measure applies only to addressable controls; ${control.id} is required`,
      );
    }
    if (!alternativeMeasure) {
      throw new InputError(
        'alternativeMeasure: document the equivalent alternative measure implemented instead',
      );
    }
  }
  const ticketUrl =
    readHttpUrl(record.ticketUrl, 'ticketUrl', { required: false }) ?? null;
  const requester = readEntityRef(record.requester, 'requester', {
    defaultKind: 'user',
    required: true,
  });
  if (!requester.startsWith('user:')) {
    throw new InputError(
      `requester must be a catalog User, got ${JSON.stringify(requester)}`,
    );
  }
  const expiresAt = readInstant(record.expiresAt, 'expiresAt', {
    now,
    min: now + 1,
    max: latestExpiry(now),
    dateOnly: 'end',
  });
  if (expiresAt === undefined) {
    throw new InputError('expiresAt is required');
  }
  return {
    entityRef,
    controlId,
    resourceId,
    category: category as ExemptionCategory,
    reason,
    alternativeMeasure,
    ticketUrl,
    requester,
    expiresAt,
  };
}

export interface AttestationInput {
  entityRef: string;
  controlId: string;
  link: string;
  note: string | null;
  reviewBy: number;
}

/** Reads an attestation; every error is a 400 naming its field. */
export function readAttestation(
  body: unknown,
  options: { now: number; framework: Framework },
): AttestationInput {
  const { now, framework } = options;
  const record = readBody(
    body,
    'an attestation',
    ['entityRef', 'controlId', 'link', 'note', 'reviewBy'],
    {
      attestedBy: 'set by the server from the signed-in user and the time',
      attestedAt: 'set by the server from the signed-in user and the time',
      id: 'set by the server',
      revokedAt: 'set by the server; revoke with DELETE',
      revokedBy: 'set by the server; revoke with DELETE',
      state: 'set by the server',
    },
  );
  const entityRef = readEntityRef(record.entityRef, 'entityRef', {
    defaultKind: 'component',
    required: true,
  });
  const controlId = readControlId(record.controlId, 'controlId', framework);
  const link = readHttpUrl(record.link, 'link', { required: true })!;
  const note =
    readText(record.note, 'note', {
      max: FIELD_LIMITS.note,
      multiline: true,
    }) ?? null;
  const reviewBy = readInstant(record.reviewBy, 'reviewBy', {
    now,
    min: now + 1,
    max: now + ATTESTATION_MAX_DAYS * DAY,
    dateOnly: 'start',
  });
  if (reviewBy === undefined) {
    throw new InputError('reviewBy is required');
  }
  return { entityRef, controlId, link, note, reviewBy };
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

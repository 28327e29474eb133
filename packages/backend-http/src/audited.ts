import type {
  AuditorService,
  BackstageCredentials,
  BackstagePrincipalTypes,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/** Who a caller is, as refusals and audit records name them. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user' && principal.userEntityRef
    ? principal.userEntityRef.toLocaleLowerCase('en-US')
    : `service:${principal.subject ?? 'unknown'}`;
}

/** The services an audited write needs. */
export interface AuditedWriteServices {
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

/** What an audited write is: its request, audit event and permission. */
export interface AuditedWriteOptions<
  TAllowed extends keyof BackstagePrincipalTypes,
> {
  request: Request;
  /** The auditor's event id, e.g. `exemption-create`. */
  eventId: string;
  /** Recorded with the event from the start, refused and failed writes included. */
  meta?: JsonObject;
  /** The principal types that may call. */
  allow: TAllowed[];
  permission: BasicPermission;
  /** The 403's message, given the refused caller's name ({@link actorOf}). */
  refusal: (actor: string) => string;
}

/**
 * Runs a write behind a permission, recording it with the auditor from the
 * start: a call without credentials, a refused permission and a failed write
 * are audited as failures, a completed one as a success (with `audit(result)`
 * added to its meta). Returns what `write` returned.
 */
export async function auditedWrite<
  T,
  TAllowed extends keyof BackstagePrincipalTypes,
>(
  services: AuditedWriteServices,
  options: AuditedWriteOptions<TAllowed>,
  write: (
    credentials: BackstageCredentials<BackstagePrincipalTypes[TAllowed]>,
  ) => Promise<T>,
  audit?: (result: T) => JsonObject,
): Promise<T> {
  const event = await services.auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'medium',
    request: options.request,
    meta: options.meta,
  });
  try {
    const credentials = await services.httpAuth.credentials(options.request, {
      allow: options.allow,
    });
    const [decision] = await services.permissions.authorize(
      [{ permission: options.permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(options.refusal(actorOf(credentials)));
    }
    const result = await write(credentials);
    await event.success(audit ? { meta: audit(result) } : undefined);
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}

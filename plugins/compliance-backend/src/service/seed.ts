import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { readEntityRef, readInstant, readText } from '@vitals/backend-http';
import {
  validateExemption,
  type Framework,
} from '@vitals/plugin-compliance-common';
import {
  AttestationRow,
  ComplianceStore,
  ExemptionRow,
} from '../database/ComplianceStore';
import {
  FIELD_LIMITS,
  readAttestation,
  readExemption,
  throwIfInvalid,
} from './validation';

const DAY = 86_400_000;

type Raw = Record<string, unknown>;

/**
 * A seed date: an ISO timestamp under `<name>At`/`<name>`, read by the same
 * parser as the routes, or a number of days relative to when the seed is
 * loaded, so a demo seed stays valid whenever the portal first starts.
 */
function seedTime(
  raw: Raw,
  absolute: string,
  relative: string,
  sign: 1 | -1,
  now: number,
): number | undefined {
  if (raw[absolute] !== undefined) {
    return readInstant(raw[absolute], absolute, {
      now,
      max: sign < 0 ? now : undefined,
    });
  }
  if (typeof raw[relative] === 'number') {
    return now + sign * (raw[relative] as number) * DAY;
  }
  return undefined;
}

const pick = (raw: Raw, fields: readonly string[]) =>
  Object.fromEntries(
    fields.filter(f => raw[f] !== undefined).map(f => [f, raw[f]]),
  );

/**
 * Loads the demo exemptions and attestations from `vitals.compliance.seed`
 * when the store has none of that kind, so a fresh portal shows every state.
 * Entries are read by the routes' own readers, with the seed's dates as
 * "now"; invalid ones are skipped with a warning naming the field.
 */
export async function loadSeed(input: {
  seed: unknown;
  store: ComplianceStore;
  framework: Framework;
  logger: LoggerService;
  now: number;
}): Promise<{ exemptions: number; attestations: number }> {
  const { store, framework, logger, now } = input;
  const seed = (input.seed ?? {}) as Raw;
  const loaded = { exemptions: 0, attestations: 0 };
  const skip = (what: string, index: number, error: unknown) => {
    if ((error as Error)?.name !== 'InputError') throw error;
    logger.warn(
      `vitals.compliance.seed.${what}[${index}] skipped: ${
        (error as Error).message
      }`,
    );
  };

  const exemptions = Array.isArray(seed.exemptions) ? seed.exemptions : [];
  if (exemptions.length > 0 && (await store.countExemptions()) === 0) {
    for (const [index, entry] of exemptions.entries()) {
      const raw = (entry ?? {}) as Raw;
      let row: ExemptionRow;
      try {
        const createdAt =
          seedTime(raw, 'createdAt', 'createdDaysAgo', -1, now) ?? now;
        const expiresAt = seedTime(raw, 'expiresAt', 'expiresInDays', 1, now);
        const fields = readExemption(
          {
            ...pick(raw, [
              'entityRef',
              'controlId',
              'resourceId',
              'category',
              'reason',
              'alternativeMeasure',
              'ticketUrl',
              'requester',
            ]),
            expiresAt,
          },
          { now: createdAt, framework },
        );
        const approver = readEntityRef(raw.approver, 'approver', {
          defaultKind: 'user',
          required: true,
        });
        throwIfInvalid(
          validateExemption(
            {
              ...fields,
              approver,
              createdAt: new Date(createdAt).toISOString(),
              expiresAt: new Date(fields.expiresAt).toISOString(),
            },
            new Date(now),
            framework,
          ),
        );
        row = {
          ...fields,
          id: readText(raw.id, 'id', { max: FIELD_LIMITS.id }) ?? randomUUID(),
          approver,
          createdAt,
          revokedAt: null,
          revokedBy: null,
        };
      } catch (error) {
        skip('exemptions', index, error);
        continue;
      }
      await store.insertExemption(row);
      loaded.exemptions++;
    }
  }

  const attestations = Array.isArray(seed.attestations)
    ? seed.attestations
    : [];
  if (attestations.length > 0 && (await store.countAttestations()) === 0) {
    for (const [index, entry] of attestations.entries()) {
      const raw = (entry ?? {}) as Raw;
      let row: AttestationRow;
      try {
        const attestedAt =
          seedTime(raw, 'attestedAt', 'attestedDaysAgo', -1, now) ?? now;
        const reviewBy = seedTime(raw, 'reviewBy', 'reviewInDays', 1, now);
        const fields = readAttestation(
          {
            ...pick(raw, ['entityRef', 'controlId', 'link', 'note']),
            reviewBy,
          },
          { now: attestedAt, framework },
        );
        row = {
          ...fields,
          id: readText(raw.id, 'id', { max: FIELD_LIMITS.id }) ?? randomUUID(),
          attestedBy: readEntityRef(raw.attestedBy, 'attestedBy', {
            defaultKind: 'user',
            required: true,
          }),
          attestedAt,
          revokedAt: null,
          revokedBy: null,
        };
      } catch (error) {
        skip('attestations', index, error);
        continue;
      }
      await store.insertAttestation(row);
      loaded.attestations++;
    }
  }
  if (loaded.exemptions || loaded.attestations) {
    logger.info(
      `Loaded the compliance seed: ${loaded.exemptions} exemption(s), ${loaded.attestations} attestation(s)`,
    );
  }
  return loaded;
}

import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  validateExemption,
  type ExemptionCategory,
  type Framework,
} from '@vitals/plugin-compliance-common';
import {
  AttestationRow,
  ComplianceStore,
  ExemptionRow,
} from '../database/ComplianceStore';
import { validateAttestation } from './validation';

const DAY = 86_400_000;

type Raw = Record<string, unknown>;

/**
 * A seed date: an ISO timestamp under `<name>At`/`<name>`, or a number of
 * days relative to when the seed is loaded, so a demo seed stays valid
 * whenever the portal first starts.
 */
function seedTime(
  raw: Raw,
  absolute: string,
  relative: string,
  sign: 1 | -1,
  now: number,
): string | undefined {
  if (typeof raw[absolute] === 'string') return raw[absolute] as string;
  if (typeof raw[relative] === 'number') {
    return new Date(now + sign * (raw[relative] as number) * DAY).toISOString();
  }
  return undefined;
}

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * Loads the demo exemptions and attestations from `vitals.compliance.seed`
 * when the store has none of that kind, so a fresh portal shows every state.
 * Invalid entries are skipped with a warning naming the field.
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

  const exemptions = Array.isArray(seed.exemptions) ? seed.exemptions : [];
  if (exemptions.length > 0 && (await store.countExemptions()) === 0) {
    for (const [index, entry] of exemptions.entries()) {
      const raw = (entry ?? {}) as Raw;
      const candidate = {
        ...raw,
        createdAt: seedTime(raw, 'createdAt', 'createdDaysAgo', -1, now),
        expiresAt: seedTime(raw, 'expiresAt', 'expiresInDays', 1, now),
      };
      const errors = validateExemption(candidate, new Date(now), framework);
      if (errors.length > 0) {
        logger.warn(
          `vitals.compliance.seed.exemptions[${index}] skipped: ${errors
            .map(e => `${e.field}: ${e.message}`)
            .join('; ')}`,
        );
        continue;
      }
      const row: ExemptionRow = {
        id: text(raw.id) ?? randomUUID(),
        entityRef: String(raw.entityRef).toLocaleLowerCase('en-US'),
        controlId: String(raw.controlId),
        resourceId: text(raw.resourceId),
        category: raw.category as ExemptionCategory,
        reason: String(raw.reason).trim(),
        alternativeMeasure: text(raw.alternativeMeasure),
        ticketUrl: text(raw.ticketUrl),
        requester: String(raw.requester).trim(),
        approver: String(raw.approver).trim(),
        createdAt: Date.parse(candidate.createdAt!),
        expiresAt: Date.parse(candidate.expiresAt!),
        revokedAt: null,
        revokedBy: null,
      };
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
      const attestedAt = seedTime(
        raw,
        'attestedAt',
        'attestedDaysAgo',
        -1,
        now,
      );
      const reviewBy = seedTime(raw, 'reviewBy', 'reviewInDays', 1, now);
      const errors = validateAttestation(
        { ...raw, reviewBy },
        attestedAt ? Date.parse(attestedAt) : now,
        framework,
      );
      if (!text(raw.attestedBy)) {
        errors.push({ field: 'attestedBy', message: 'attestedBy is required' });
      }
      if (errors.length > 0) {
        logger.warn(
          `vitals.compliance.seed.attestations[${index}] skipped: ${errors
            .map(e => `${e.field}: ${e.message}`)
            .join('; ')}`,
        );
        continue;
      }
      const row: AttestationRow = {
        id: text(raw.id) ?? randomUUID(),
        entityRef: String(raw.entityRef).toLocaleLowerCase('en-US'),
        controlId: String(raw.controlId),
        link: String(raw.link).trim(),
        note: text(raw.note),
        attestedBy: String(raw.attestedBy).trim(),
        attestedAt: attestedAt ? Date.parse(attestedAt) : now,
        reviewBy: Date.parse(reviewBy!),
        revokedAt: null,
        revokedBy: null,
      };
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

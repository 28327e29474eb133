import type { DateTime } from 'luxon';
import { toDateTime } from './time';

/**
 * A person's signed statement, with a link to the evidence, that a control
 * no API can show is in place (a contingency-plan test held outside Vitals,
 * a reviewed backup restore). It satisfies the control's unknown checks until
 * `reviewBy`; after that the control returns to `unknown`.
 */
export interface ControlAttestation {
  id?: string;
  entityRef: string;
  controlId: string;
  link: string;
  attestedBy: string;
  attestedAt: string;
  reviewBy: string;
}

export type AttestationState = 'active' | 'expired' | 'pending' | 'invalid';

export function attestationState(
  attestation: ControlAttestation,
  now: DateTime,
): AttestationState {
  const attested = toDateTime(attestation.attestedAt);
  const reviewBy = toDateTime(attestation.reviewBy);
  if (!attested.isValid || !reviewBy.isValid || reviewBy <= attested) {
    return 'invalid';
  }
  if (!attestation.link?.trim() || !attestation.attestedBy?.trim()) {
    return 'invalid';
  }
  if (now < attested) {
    return 'pending';
  }
  return now >= reviewBy ? 'expired' : 'active';
}

/**
 * Azure region pairs, DR policies, readiness checks and shared types of the
 * Vitals DR-readiness plugin. Pure: no I/O, no clock; usable in browser and Node.
 *
 * @packageDocumentation
 */

export * from './regions';
export { isoDurationToSeconds, formatIsoDuration } from './durations';
export * from './policy';
export * from './checks';
export { READINESS_CHECK_CATALOG } from './checks';
export type { ReadinessCheckInfo } from './checks';
export * from './drills';
export * from './readiness';
export * from './permissions';
export * from './types';
export * from './api';
export * from './client';

/**
 * Pure HIPAA compliance logic of the Vitals compliance plugin: the control
 * catalog, resource and catalog checks, evaluation, exemptions, evidence
 * export and permissions, and the HTTP client of the compliance backend.
 * Apart from that client, no I/O and no clock; usable in browser and Node.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './api';
export * from './attestations';
export * from './catalogChecks';
export * from './client';
export * from './evaluate';
export * from './exemptions';
export * from './frameworks';
export * from './permissions';
export * from './report';
export * from './resourceIndex';
export * from './rules';
export * from './selectors';
export { sha256, sha256Hex, utf8Bytes } from './sha256';
export type { Instant } from './time';

/**
 * What every Vitals backend shares: one error mapping, bounded input
 * parsing and durations read from config.
 *
 * @packageDocumentation
 */
export { actorOf, auditedWrite } from './audited';
export type { AuditedWriteOptions, AuditedWriteServices } from './audited';
export { readConfigDuration } from './config';
export { errorMapping, classifyError } from './errors';
export type { ErrorMappingOptions } from './errors';
export {
  EARLIEST_INSTANT,
  LATEST_AHEAD_MS,
  MAX_ENTITY_REF_LENGTH,
  MAX_URL_LENGTH,
  entityRefFromPath,
  parseWith,
  readEntityRef,
  readHttpUrl,
  readInstant,
  readInteger,
  readQueryParam,
  readText,
  readTimeRange,
  sameActor,
  zodIssueMessage,
} from './input';
export type { InstantOptions, TextOptions, TimeRangeOptions } from './input';
export {
  MAX_PUBLIC_ERROR_LENGTH,
  loggableUrl,
  publicErrorText,
  publicInventoryOrigin,
} from './publicText';

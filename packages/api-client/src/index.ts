/**
 * The base of every Vitals HTTP client, for the browser and for Node.
 *
 * @packageDocumentation
 */
export { VitalsApiClient, entityPath, queryString } from './VitalsApiClient';
export type {
  ApiClientDiscovery,
  ApiClientFetch,
  ApiClientMethod,
  EntityPathRef,
  VitalsApiClientOptions,
} from './VitalsApiClient';

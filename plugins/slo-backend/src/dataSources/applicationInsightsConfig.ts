import { Config } from '@backstage/config';
import { parseDuration } from '@vitals/plugin-slo-common';
import { readAzureSignInConfig } from './azureCredential';

/** The Log Analytics query API of the public cloud. */
export const LOG_ANALYTICS_ENDPOINT = 'https://api.loganalytics.io';
export const LOG_ANALYTICS_SCOPE = 'https://api.loganalytics.io/.default';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/components\/[^/]+$/i;

/** Reads and checks an `application-insights` entry of `vitals.slo.dataSources`. */
export function readApplicationInsightsConfig(name: string, config: Config) {
  const key = (k: string) => `vitals.slo.dataSources[${name}].${k}`;
  const workspaceId = config.getOptionalString('workspaceId');
  const resourceId = config.getOptionalString('resourceId');
  if (!workspaceId === !resourceId) {
    throw new Error(
      `${key(
        'workspaceId',
      )} is required: the Workspace ID (a GUID) of the Log Analytics workspace of a workspace-based Application Insights resource (or set resourceId to an Application Insights resource id instead)`,
    );
  }
  if (workspaceId !== undefined && !GUID.test(workspaceId)) {
    throw new Error(
      `${key(
        'workspaceId',
      )} must be the workspace's Workspace ID, a GUID (Log Analytics workspace, Overview), got ${JSON.stringify(
        workspaceId,
      )}`,
    );
  }
  if (resourceId !== undefined && !RESOURCE_ID.test(resourceId)) {
    throw new Error(
      `${key(
        'resourceId',
      )} must be an Application Insights resource id, /subscriptions/<id>/resourceGroups/<group>/providers/microsoft.insights/components/<name>`,
    );
  }
  const endpoint = config.getOptionalString('endpoint');
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      url.protocol !== 'https:' ||
      url.username ||
      url.password ||
      url.search ||
      url.hash
    ) {
      throw new Error(
        `${key(
          'endpoint',
        )} must be an https URL without credentials, such as ${LOG_ANALYTICS_ENDPOINT}`,
      );
    }
  }
  const { scope, tenantId, clientId, ca } = readAzureSignInConfig(
    name,
    config,
    LOG_ANALYTICS_SCOPE,
  );
  const duration = (k: string) => {
    const text = config.getOptionalString(k);
    if (text === undefined) return undefined;
    const parsed = parseDuration(text);
    if (!parsed || parsed.ms <= 0) {
      throw new Error(
        `${key(k)} must be a duration such as 30s, got ${JSON.stringify(text)}`,
      );
    }
    return parsed.ms;
  };
  const retries = config.getOptionalNumber('retries');
  if (
    retries !== undefined &&
    (!Number.isInteger(retries) || retries < 0 || retries > 10)
  ) {
    throw new Error(`${key('retries')} must be a whole number from 0 to 10`);
  }
  return {
    workspaceId,
    resourceId,
    endpoint,
    scope,
    tenantId,
    clientId,
    ca,
    timeoutMs: duration('timeout'),
    retries,
    maxRetryAfterMs: duration('maxRetryAfter'),
  };
}

import { Config } from '@backstage/config';
import { parseDuration } from '@vitals/plugin-slo-common';
import { readAzureSignInConfig } from './azureCredential';

/**
 * The Entra scope the metrics client asks tokens for (public cloud): the
 * SDK's own default for `MetricsClient`, Azure Resource Manager's audience.
 */
export const AZURE_MONITOR_METRICS_SCOPE =
  'https://management.azure.com/.default';

const REGION = /^[a-z][a-z0-9]{1,39}$/;

/** Reads and checks an `azure-monitor-metrics` entry of `vitals.slo.dataSources`. */
export function readAzureMonitorMetricsConfig(name: string, config: Config) {
  const key = (k: string) => `vitals.slo.dataSources[${name}].${k}`;
  const endpoint = config.getOptionalString('endpoint')?.trim();
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:') {
      throw new Error(
        `${key(
          'endpoint',
        )} must be an https URL (bearer tokens are only sent over TLS), such as https://westeurope.metrics.monitor.azure.com`,
      );
    }
    if (url.username || url.password || url.search || url.hash) {
      throw new Error(
        `${key(
          'endpoint',
        )} must be a plain https URL without credentials, query or fragment`,
      );
    }
  }
  const region = config.getOptionalString('region')?.trim();
  if (region !== undefined && !REGION.test(region)) {
    throw new Error(
      `${key('region')} must be an Azure region name such as westeurope`,
    );
  }
  const { scope, tenantId, clientId, ca } = readAzureSignInConfig(
    name,
    config,
    AZURE_MONITOR_METRICS_SCOPE,
  );
  const timeoutText = config.getOptionalString('timeout');
  let timeoutMs: number | undefined;
  if (timeoutText !== undefined) {
    const parsed = parseDuration(timeoutText);
    if (!parsed || parsed.ms <= 0) {
      throw new Error(`${key('timeout')} must be a duration such as 30s`);
    }
    timeoutMs = parsed.ms;
  }
  const retries = config.getOptionalNumber('retries');
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0)) {
    throw new Error(`${key('retries')} must be a non-negative integer`);
  }
  return {
    endpoint: endpoint?.replace(/\/+$/, ''),
    region,
    scope,
    tenantId,
    clientId,
    ca,
    timeoutMs,
    retries,
  };
}

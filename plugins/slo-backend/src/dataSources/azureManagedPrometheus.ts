import type { TokenCredential } from '@azure/identity';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { SliDataSourceFactory } from '@vitals/plugin-slo-node';
import {
  AzureCredentialSettings,
  defaultAzureCredential,
  readAzureSignInConfig,
} from './azureCredential';
import {
  AZURE_MONITOR_PROMETHEUS_SCOPE,
  EntraTokenAuthorization,
} from './entraToken';
import {
  PrometheusDataSource,
  PrometheusOptions,
  readPrometheusConfig,
} from './prometheus';

export const AZURE_MANAGED_PROMETHEUS_TYPE = 'azure-managed-prometheus';

export interface AzureManagedPrometheusOptions
  extends Omit<PrometheusOptions, 'type' | 'authorization'> {
  /** Signs in to Entra; `DefaultAzureCredential` when absent. */
  credential?: TokenCredential;
  /** Default `https://prometheus.monitor.azure.com/.default`; sovereign clouds differ. */
  scope?: string;
  /** Token renewal this long before expiry (default five minutes). */
  renewalMarginMs?: number;
  /** The clock token expiry is judged by; injected for tests. */
  now?: () => number;
}

/**
 * SLI data source for an Azure Monitor workspace's Prometheus query endpoint:
 * the Prometheus source's queries, sent with an Entra bearer token.
 */
export class AzureManagedPrometheusDataSource extends PrometheusDataSource {
  constructor(options: AzureManagedPrometheusOptions) {
    const { credential, scope, renewalMarginMs, now, ...prometheus } = options;
    super({
      ...prometheus,
      type: AZURE_MANAGED_PROMETHEUS_TYPE,
      authorization: new EntraTokenAuthorization({
        credential: credential ?? defaultAzureCredential({}),
        scope,
        renewalMarginMs,
        now,
      }),
    });
  }

  static fromConfig(
    name: string,
    config: Config,
    logger?: LoggerService,
    credentialFor: (
      settings: AzureCredentialSettings,
    ) => TokenCredential = defaultAzureCredential,
  ) {
    const { scope, tenantId, clientId, ...prometheus } =
      readAzureManagedPrometheusConfig(name, config);
    return new AzureManagedPrometheusDataSource({
      name,
      ...prometheus,
      scope,
      credential: credentialFor({ tenantId, clientId }),
      logger,
    });
  }
}

/** Reads and checks an `azure-managed-prometheus` entry of `vitals.slo.dataSources`. */
export function readAzureManagedPrometheusConfig(name: string, config: Config) {
  const key = (k: string) => `vitals.slo.dataSources[${name}].${k}`;
  const prometheus = readPrometheusConfig(name, config);
  let url: URL | undefined;
  try {
    url = new URL(prometheus.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error(
      `${key(
        'url',
      )} must be the Azure Monitor workspace's query endpoint, such as https://<workspace>.<region>.prometheus.monitor.azure.com`,
    );
  }
  if (url.username || url.password) {
    throw new Error(
      `${key(
        'url',
      )} must not carry credentials: an azure-managed-prometheus source signs in with an Entra token`,
    );
  }
  const authorizationHeader = Object.keys(prometheus.headers ?? {}).find(
    h => h.toLocaleLowerCase('en-US') === 'authorization',
  );
  if (authorizationHeader) {
    throw new Error(
      `${key(
        `headers.${authorizationHeader}`,
      )} must not be set: an azure-managed-prometheus source sends its own Entra token`,
    );
  }
  const { scope, tenantId, clientId } = readAzureSignInConfig(
    name,
    config,
    AZURE_MONITOR_PROMETHEUS_SCOPE,
  );
  return { ...prometheus, scope, tenantId, clientId };
}

/**
 * The `azure-managed-prometheus` factory. `credentialFor` builds each
 * source's credential from its `tenantId`/`clientId`; tests pass their own.
 */
export function createAzureManagedPrometheusFactory(
  options: {
    credentialFor?: (settings: AzureCredentialSettings) => TokenCredential;
  } = {},
): SliDataSourceFactory {
  return {
    type: AZURE_MANAGED_PROMETHEUS_TYPE,
    create: ({ name, config, logger }) =>
      AzureManagedPrometheusDataSource.fromConfig(
        name,
        config,
        logger,
        options.credentialFor,
      ),
  };
}

export const azureManagedPrometheusDataSourceFactory =
  createAzureManagedPrometheusFactory();

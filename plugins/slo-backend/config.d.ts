import { HumanDuration } from '@backstage/types';

export interface Config {
  vitals?: {
    slo?: {
      /**
       * SLI data sources, referenced by name from OpenSLO `metricSourceRef`.
       * Types: `prometheus` (the Prometheus HTTP API: Prometheus, Thanos,
       * Mimir), `azure-managed-prometheus` (an Azure Monitor workspace's
       * Prometheus query endpoint, with Entra tokens from
       * `DefaultAzureCredential`) and `sample` (synthetic traffic with
       * scripted incidents, the embedded default). Backend modules can add
       * types through `sloDataSourcesExtensionPoint`.
       */
      dataSources?: Array<{
        name: string;
        type: string;
        /**
         * Base URL of the Prometheus HTTP API, e.g. http://127.0.0.1:9090; for
         * `azure-managed-prometheus` the workspace's query endpoint, e.g.
         * https://<workspace>.<region>.prometheus.monitor.azure.com.
         */
        url?: string;
        /**
         * `azure-managed-prometheus`: the Entra scope of the token (default
         * https://prometheus.monitor.azure.com/.default; sovereign clouds differ).
         */
        scope?: string;
        /** `azure-managed-prometheus`: the directory (tenant) the credential signs in to. */
        tenantId?: string;
        /** `azure-managed-prometheus`: the client id of the managed or workload identity to use. */
        clientId?: string;
        /**
         * Headers sent with every query, e.g. Authorization for managed Prometheus.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /** Per-request timeout, e.g. 30s. */
        timeout?: string;
        /** Retries on 5xx, 429 and network errors (default 3). */
        retries?: number;
        /** Resolution of the subqueries used for counter expressions (default 1m). */
        subqueryResolution?: string;
        /** Sample source: traffic and incidents per entity, SLO or service. */
        scenarios?: Array<{
          match: string | string[];
          requestsPerSecond?: number;
          errorRatio?: number;
          latencySeconds?: number;
          incidents?: Array<{
            startAgo: string;
            duration: string;
            errorRatio?: number;
            latencyFactor?: number;
          }>;
        }>;
      }>;
      /** The data source used when a document names none (default: the first configured). */
      defaultDataSource?: string;
      /** How often SLOs are recomputed, and how long a refresh may take. */
      refresh?: {
        frequency?: HumanDuration;
        timeout?: HumanDuration;
      };
      /** SLO objectives refreshed in parallel (default 8). */
      concurrency?: number;
    };
  };
}

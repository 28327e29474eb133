import { HumanDuration } from '@backstage/types';

export interface Config {
  vitals?: {
    slo?: {
      /**
       * SLI data sources, referenced by name from OpenSLO `metricSourceRef`.
       * Types: `prometheus` (the Prometheus HTTP API: Prometheus, Thanos,
       * Mimir), `azure-managed-prometheus` (an Azure Monitor workspace's
       * Prometheus query endpoint, with Entra tokens from
       * `DefaultAzureCredential`), `azure-monitor-metrics` (platform metrics
       * of a resource through the Azure Monitor metrics batch API),
       * `application-insights` (KQL over AppRequests through the Log Analytics
       * query API) and `sample` (synthetic traffic with scripted incidents,
       * the embedded default). Backend modules can add
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
         * The Entra scope of the token. Defaults: `azure-managed-prometheus`
         * https://prometheus.monitor.azure.com/.default, `azure-monitor-metrics`
         * https://management.azure.com/.default, `application-insights`
         * https://api.loganalytics.io/.default. Sovereign clouds differ.
         */
        scope?: string;
        /** Azure sources: the directory (tenant) the credential signs in to. */
        tenantId?: string;
        /** Azure sources: the client id of the managed or workload identity to use. */
        clientId?: string;
        /**
         * `azure-monitor-metrics`: the Azure region of the resources (e.g.
         * westeurope, or `global` for Front Door); the metrics batch API is
         * regional, https://<region>.metrics.monitor.azure.com. A document's
         * `spec.region` overrides it per metric.
         */
        region?: string;
        /**
         * `azure-monitor-metrics`: an https endpoint used for every query
         * instead of the regional one; `application-insights`: the Log
         * Analytics query API (default https://api.loganalytics.io). For
         * sovereign clouds, private proxies and local test servers.
         */
        endpoint?: string;
        /**
         * `azure-monitor-metrics`, `application-insights`: PEM certificates to
         * trust for the endpoint instead of the system store (a corporate CA,
         * a local test server).
         */
        ca?: string;
        /**
         * `application-insights`: the Workspace ID (a GUID) of the Log
         * Analytics workspace of a workspace-based Application Insights resource.
         */
        workspaceId?: string;
        /**
         * `application-insights`: instead of workspaceId, an Application
         * Insights resource id, queried in its own context (the classic
         * `requests` table).
         */
        resourceId?: string;
        /**
         * `application-insights`: the longest Retry-After of a throttled query
         * waited out within a refresh (default 30s).
         */
        maxRetryAfter?: string;
        /**
         * Headers sent with every query, e.g. Authorization for managed Prometheus.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /** Per-request timeout, e.g. 30s (for the Azure SDK sources: per attempt). */
        timeout?: string;
        /** Retries on 5xx, 429 (after Retry-After) and network errors (default 3). */
        retries?: number;
        /** Resolution of the subqueries used for counter expressions (default 1m). */
        subqueryResolution?: string;
        /**
         * Sample source: the unit of threshold readings, `s` (default) for
         * documents written on seconds such as Prometheus histograms, `ms`
         * for documents written on Application Insights `DurationMs`.
         */
        latencyUnit?: 's' | 'ms';
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
      /**
       * Deployments recorded at startup, placed `ago` (e.g. 55m, 6d; at most
       * 30d) before it, once per entity and version: the demo's markers on
       * the SLO charts. Empty in production.
       */
      seedDeployments?: Array<{
        /** Entity ref, e.g. component:default/billing-service. */
        entity: string;
        version: string;
        environment?: string;
        ago: string;
      }>;
    };
  };
}

export interface Config {
  vitals?: {
    /** The Azure estate the DR-readiness and compliance plugins evaluate. */
    azure?: {
      /**
       * Subscription ids to read. Required for `source: live`; for
       * `snapshot`, when non-empty, only these subscriptions' rows are kept.
       */
      subscriptions?: string[];
      /**
       * `snapshot` reads an Azure Resource Graph export file (the embedded
       * default); `live` reads Azure through Resource Graph and/or Resource
       * Manager with `DefaultAzureCredential`.
       * @default snapshot
       */
      source?: 'snapshot' | 'live';
      /**
       * The Resource Graph export read by `source: snapshot`: the REST
       * response (`{ totalRecords, count, data }`), `az graph query` output,
       * or a JSON array of rows. Relative to the repository root.
       * @default examples/azure/estate.json
       */
      snapshotPath?: string;
      /**
       * Resource Manager endpoint for `source: live`: a sovereign cloud
       * (`https://management.usgovcloudapi.net`,
       * `https://management.chinacloudapi.cn`) or a local test server.
       * Must be https: bearer tokens are never sent in clear text.
       * @default https://management.azure.com
       */
      resourceManagerEndpoint?: string;
      /**
       * Query Azure Resource Graph first (one paged query with full
       * properties). When false, or when Resource Graph fails (403 without
       * Reader on the subscriptions, unavailable in the cloud), resources are
       * listed and read one by one through Resource Manager.
       * @default true
       */
      resourceGraph?: boolean;
      /**
       * Resource Manager requests in flight at once during a live refresh.
       * Resource Manager throttles reads per principal and subscription;
       * raise with care.
       * @default 8
       */
      concurrency?: number;
      /**
       * Repeats of a request that failed with 408, 429, 5xx or a network
       * error. 429 waits out `Retry-After`; others back off exponentially.
       * @default 4
       */
      maxRetries?: number;
      /**
       * When the estate is read. DR readiness and compliance each ask for a
       * refresh on their own schedule; the estate is read from Azure at most
       * once per `interval` for both (and for all replicas), and a read
       * holding the refresh lease longer than `timeout` lets another replica
       * take over.
       */
      refresh?: {
        /**
         * A duration object (`{ minutes: 5 }`) or ISO 8601 (`PT5M`).
         * @default { minutes: 5 }
         */
        interval?: { [unit: string]: number } | string;
        /**
         * A duration object (`{ minutes: 9 }`) or ISO 8601 (`PT9M`).
         * @default { minutes: 9 }
         */
        timeout?: { [unit: string]: number } | string;
      };
    };
  };
}

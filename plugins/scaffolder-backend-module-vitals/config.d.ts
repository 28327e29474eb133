export interface Config {
  vitals?: {
    scaffolder?: {
      /**
       * The platform's shared Terraform modules that generated services call.
       * A module is referenced as `<source>//modules/<name>?ref=<version>`.
       */
      terraformModules?: {
        /**
         * Repository of the module set, as Terraform module sources spell it,
         * e.g. `git::https://example.invalid/platform/terraform-modules.git`.
         * No `//subdirectory` and no `?ref=`: both are added per module.
         */
        source: string;
        /** Release tag new services start from, `vX.Y.Z` (e.g. `v1.0.0`). */
        version: string;
      };
      /** The shared pipeline templates that generated pipelines call. */
      pipelines?: {
        /** Default pipeline provider offered by the template: `github-actions` or `azure-pipelines`. */
        provider?: 'github-actions' | 'azure-pipelines';
        /**
         * Repository holding the shared pipeline templates, `<owner>/<repo>`
         * (GitHub) or `<project>/<repo>` (Azure Repos), e.g. `platform/pipelines`.
         */
        repo: string;
        /** Tag or branch of the shared templates that generated pipelines pin, e.g. `v1`. */
        ref: string;
        /**
         * Azure Pipelines only: name of the service connection to the
         * repository holding the templates when it lives on GitHub. Unset:
         * the templates are in Azure Repos of the same organisation.
         */
        azureDevOpsEndpoint?: string;
      };
      /**
       * Where the Terraform state of generated services is kept. Unset
       * fields stay out of the generated `backend "azurerm"` blocks and are
       * passed by the shared pipeline as `-backend-config` instead.
       */
      terraformState?: {
        resourceGroupName?: string;
        storageAccountName?: string;
        containerName?: string;
      };
      /**
       * Where new services' SLIs come from. The generated slo.yaml names the
       * portal's data source (a `vitals.slo.dataSources` entry) by these
       * names; the template's `sliSource` parameter picks one, Application
       * Insights by default.
       */
      telemetry?: {
        applicationInsights?: {
          /** The `vitals.slo.dataSources` entry that reads Application Insights (default `application-insights`). */
          dataSource?: string;
          /**
           * Resource id of the Log Analytics workspace that data source reads
           * (`/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>`).
           * New services' Application Insights components write to it, so
           * their SLOs compute from the first request. Unset: each service's
           * own workspace, which the data source does not read until it is
           * pointed there.
           */
          workspaceResourceId?: string;
        };
        prometheus?: {
          /** The `vitals.slo.dataSources` entry that reads the Prometheus scraping the services (default `prometheus`). */
          dataSource?: string;
        };
      };
      /**
       * Hosts a new service's repository may live on, e.g.
       * `[github.com, dev.azure.com]`. The template's RepoUrlPicker offers
       * hosts in the browser only; `vitals:hipaa:validate` and
       * `vitals:publish:local` refuse any other host on the server, in dry
       * runs too. Default: the hosts of `integrations.github` and
       * `integrations.azure`, or github.com and dev.azure.com when neither is
       * configured.
       */
      allowedHosts?: string[];
      /**
       * Local publishing, the embedded default: `vitals:publish:local` writes
       * each new service repository to `<root>/<name>` and the catalog reads
       * it from there through the local repository URL reader. Production
       * turns it off and publishes to GitHub.
       */
      localPublish?: {
        /** Whether the template publishes locally (default true). False selects `publish:github`. */
        enabled?: boolean;
        /**
         * Folder of the local repositories. Relative paths start at the
         * root of the Vitals checkout (the folder whose package.json declares
         * the workspaces). Default `.vitals/repos`.
         */
        root?: string;
      };
    };
  };
}

import { HumanDuration } from '@backstage/types';

export interface Config {
  vitals?: {
    drReadiness?: {
      /**
       * Recovery objectives per tier, ISO-8601 durations; entities override
       * them with vitals.dev/rto and vitals.dev/rpo.
       */
      tiers?: {
        critical?: { rto?: string; rpo?: string };
        high?: { rto?: string; rpo?: string };
        standard?: { rto?: string; rpo?: string };
      };
      /**
       * How often the Azure inventory is reloaded and every entity
       * re-evaluated (`{ minutes: 10 }` or `PT10M`; default 10 minutes), and
       * how long one refresh may take (default 9 minutes).
       */
      refresh?: {
        frequency?: HumanDuration | string;
        timeout?: HumanDuration | string;
      };
      /**
       * A YAML file of DR drills recorded when the drill store is empty,
       * relative to the backend's working directory: the demo's
       * `../../examples/azure/drills.yaml`. Empty (`''`) seeds nothing, as
       * app-config.production.yaml sets it over the demo default.
       */
      seedDrills?: string;
      /**
       * Resources no DR check judges that are accepted as they are, each with
       * the reason. Without one, a resource of a type that may hold or
       * process data and that no check judges keeps its entity from `ready`
       * (at best `unknown`). An excluded resource stays listed in the
       * entity's coverage with this reason.
       */
      coverageExclusions?: Array<{
        /**
         * A resource id (`/subscriptions/...`; its child resources are
         * excluded with it), or a lower-case resource type such as
         * `microsoft.synapse/workspaces` (every resource of the type).
         */
        resource: string;
        /** Why the gap is acceptable; required. */
        reason: string;
      }>;
    };
  };
}

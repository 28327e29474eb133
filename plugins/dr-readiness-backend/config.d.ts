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
    };
  };
}

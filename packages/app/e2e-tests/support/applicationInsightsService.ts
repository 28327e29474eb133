import { stringify } from 'yaml';

/**
 * A service whose SLOs read Application Insights: the catalog files the
 * browser tests register, and what they expect. Its requests are the fake
 * Log Analytics workspace's demo records, which playwright.config.ts starts
 * with the backend (./startFakeLogAnalytics.ts).
 */

/** The `vitals.slo.dataSources` entry of app-config.e2e.yaml. */
export const APP_INSIGHTS_SOURCE = 'app-insights';

/** The catalog Component; demo entities keep their names, so this one has its own. */
export const APP_INSIGHTS_COMPONENT = 'appointments-insights';

/** The `AppRoleName` of the demo records the SLOs select. */
export const APP_INSIGHTS_SERVICE = 'appointments-service';

export const AVAILABILITY_TARGET = 0.995;
export const LATENCY_THRESHOLD_MS = 2000;
export const LATENCY_TARGET = 0.999;

/**
 * What the start line of ./startFakeLogAnalytics.ts sets in the environment
 * of the backend and the test workers (Playwright's `webServer.wait`
 * capture groups).
 */
export const APP_INSIGHTS_E2E_ENV = {
  /** The fake Log Analytics query API. */
  url: 'VITALS_E2E_LOG_ANALYTICS_URL',
  workspaceId: 'VITALS_E2E_LOG_ANALYTICS_WORKSPACE_ID',
  /** Holds ca.pem and bin/az. */
  dir: 'VITALS_E2E_LOG_ANALYTICS_DIR',
  /** The end of the demo records, epoch ms. */
  recordsUntil: 'VITALS_E2E_LOG_ANALYTICS_RECORDS_UNTIL',
  /** host:port of the HTTP server of the catalog files. */
  catalogHost: 'VITALS_E2E_CATALOG_HOST',
} as const;

const selection = `AppRequests | where AppRoleName == "${APP_INSIGHTS_SERVICE}"`;

function ratioSlo(options: {
  name: string;
  displayName: string;
  description: string;
  indicator: string;
  good: string;
  target: number;
  objective: string;
}) {
  const source = (query: string) => ({
    metricSource: {
      metricSourceRef: APP_INSIGHTS_SOURCE,
      type: 'application-insights',
      spec: { query },
    },
  });
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: options.name, displayName: options.displayName },
    spec: {
      description: options.description,
      service: APP_INSIGHTS_SERVICE,
      indicator: {
        metadata: { name: options.indicator },
        spec: {
          ratioMetric: {
            counter: true,
            good: source(options.good),
            total: source(selection),
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: options.objective, target: options.target }],
    },
  };
}

/** The OpenSLO documents of slo.yaml: one availability and one latency SLO. */
export const applicationInsightsSlos = [
  ratioSlo({
    name: 'availability',
    displayName: 'Availability',
    description: 'Requests Application Insights records as successful',
    indicator: 'appointments-successful-requests',
    good: 'Success == true',
    target: AVAILABILITY_TARGET,
    objective: '99.5% of requests succeed',
  }),
  ratioSlo({
    name: 'latency',
    displayName: 'Latency',
    description: `Requests served within ${LATENCY_THRESHOLD_MS / 1000} s`,
    indicator: 'appointments-fast-requests',
    good: `${selection}\n| where DurationMs <= ${LATENCY_THRESHOLD_MS}`,
    target: LATENCY_TARGET,
    objective: `99.9% of requests within ${LATENCY_THRESHOLD_MS / 1000} s`,
  }),
];

/** catalog-info.yaml: the Component, with its SLOs in ./slo.yaml beside it. */
export const applicationInsightsComponent = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: APP_INSIGHTS_COMPONENT,
    description:
      'Appointment booking, its SLOs read from Application Insights requests',
    annotations: { 'vitals.dev/slo-ref': './slo.yaml' },
    tags: ['azure', 'application-insights'],
  },
  // No system: the demo systems' rollups stay as the other tests know them.
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'care-experience',
  },
};

/** The files of the service's repository, by name. */
export function applicationInsightsCatalogFiles(): Record<string, string> {
  return {
    'catalog-info.yaml': stringify(applicationInsightsComponent),
    'slo.yaml': applicationInsightsSlos
      .map(slo => stringify(slo))
      .join('---\n'),
  };
}

import path from 'node:path';
import { Entity } from '@backstage/catalog-model';

/**
 * An OpenSLO availability SLO over `http_requests_total` (good: not 5xx), a
 * 30-day rolling window: the document the backend tests read from disk.
 */
export function availabilitySlo(options: {
  name: string;
  target?: number;
  /** The OpenSLO `metricSourceRef`: the data source's name. */
  dataSource?: string;
  service?: string;
  displayName?: string;
}): string {
  const {
    name,
    target = 0.999,
    dataSource = 'prometheus',
    service = 'api',
  } = options;
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}${
    options.displayName ? `\n  displayName: ${options.displayName}` : ''
  }
spec:
  service: ${service}
  indicator:
    metadata:
      name: ok
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: ${dataSource}
            spec:
              query: http_requests_total{code!~"5.."}
        total:
          metricSource:
            metricSourceRef: ${dataSource}
            spec:
              query: http_requests_total
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
`;
}

/** A service Component whose catalog-info.yaml lies in `dir`, as a file location registers it. */
export function serviceComponent(options: {
  name: string;
  dir: string;
  annotations?: Record<string, string>;
  owner?: string;
  system?: string;
}): Entity {
  const { name, dir, owner = 'team-a', system = 'portal' } = options;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          dir,
          'catalog-info.yaml',
        )}`,
        ...options.annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner, system },
  };
}

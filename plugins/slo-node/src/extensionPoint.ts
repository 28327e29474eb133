import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { SliDataSourceFactory } from './dataSource';

export interface SloDataSourcesExtensionPoint {
  addDataSourceFactory(...factories: SliDataSourceFactory[]): void;
}

/**
 * Lets backend modules add SLI data source types to the SLO plugin:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'slo',
 *   moduleId: 'datadog-source',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { sources: sloDataSourcesExtensionPoint },
 *       async init({ sources }) {
 *         sources.addDataSourceFactory(datadogFactory);
 *       },
 *     });
 *   },
 * });
 * ```
 */
export const sloDataSourcesExtensionPoint =
  createExtensionPoint<SloDataSourcesExtensionPoint>({
    id: 'slo.data-sources',
  });

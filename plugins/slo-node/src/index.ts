/**
 * Extension points of the Vitals SLO backend: other backend modules add SLI
 * data sources (types beyond the built-in `prometheus`, `azure-managed-prometheus`, `azure-monitor-metrics`, `application-insights`
 * and `sample`) through
 * `sloDataSourcesExtensionPoint`.
 *
 * @packageDocumentation
 */
export * from './dataSource';
export * from './extensionPoint';

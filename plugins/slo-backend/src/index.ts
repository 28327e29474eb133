/**
 * The Vitals SLO backend plugin.
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
export { PrometheusDataSource } from './dataSources/prometheus';
export { SampleDataSource } from './dataSources/sample';

/**
 * Error texts of data sources are stored and served to every catalog reader,
 * so they name a data source by its configured name and never by its
 * address: a URL may carry credentials (`https://user:token@…`) or reveal an
 * internal host, and a header value is a secret.
 */

const KIND_LABELS = new Map([
  ['prometheus', 'Prometheus'],
  ['azure-managed-prometheus', 'Azure Monitor managed Prometheus'],
  ['azure-monitor-metrics', 'Azure Monitor metrics'],
  ['application-insights', 'Application Insights'],
]);

/** How a data source is named in the texts users read: Prometheus `prometheus`. */
export function dataSourceLabel(type: string, name: string): string {
  const kind =
    KIND_LABELS.get(type.toLocaleLowerCase('en-US')) ??
    `${type.charAt(0).toLocaleUpperCase('en-US')}${type.slice(1)}`;
  return `${kind} \`${name}\``;
}

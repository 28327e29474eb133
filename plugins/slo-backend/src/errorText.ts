/**
 * Error texts of data sources are stored and served to every catalog reader,
 * so they name a data source by its configured name and never by its
 * address: a URL may carry credentials (`https://user:token@…`) or reveal an
 * internal host, and a header value is a secret.
 */

const WITHHELD = '[address withheld]';

/** Any URL with a scheme, up to the first character that cannot be part of it. */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/**
 * How stored errors named a source before they named it by its name:
 * "prometheus at http://10.0.0.5:9090 could not be reached".
 */
const AT_URL_PATTERN = / at [a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** IPv4 addresses (with a port) and bracketed IPv6 addresses, as socket errors quote them. */
const ADDRESS_PATTERN =
  /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b|\[[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*\](?::\d{1,5})?/gi;

/** Longest error text kept or served; the rest is in the backend's log. */
export const MAX_ERROR_TEXT_LENGTH = 2000;

/** How a data source is named in the texts users read: Prometheus `prometheus`. */
export function dataSourceLabel(type: string, name: string): string {
  const kind =
    type.toLocaleLowerCase('en-US') === 'prometheus'
      ? 'Prometheus'
      : `${type.charAt(0).toLocaleUpperCase('en-US')}${type.slice(1)}`;
  return `${kind} \`${name}\``;
}

/**
 * An error text as it may be stored and served: no URL, no network address
 * and none of the given secret values (header values, URL passwords), cut to
 * a bounded length. Applied when an error is stored and again when one is
 * served, so errors stored before this rule existed never reach a response.
 */
export function publicErrorText(
  text: string,
  secrets: readonly string[] = [],
): string {
  let out = text;
  for (const secret of secrets) {
    // A very short value ("1", "no") would blank out ordinary words; such a
    // header is no secret.
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  out = out
    .replace(AT_URL_PATTERN, '')
    .replace(URL_PATTERN, WITHHELD)
    .replace(ADDRESS_PATTERN, WITHHELD);
  return out.length > MAX_ERROR_TEXT_LENGTH
    ? `${out.slice(0, MAX_ERROR_TEXT_LENGTH - 1)}…`
    : out;
}

/** The URL without user name, password, query or fragment, for the backend's own log. */
export function loggableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return WITHHELD;
  }
}

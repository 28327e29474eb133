/**
 * Texts a backend keeps and every reader of its API sees: where the Azure
 * inventory came from, and why a load, a query or an evaluation failed.
 * Older rows hold what sources reported before they were named (an absolute
 * snapshot path, an endpoint URL), and error texts quote whatever the failing
 * library said; none of it may reach a response as a machine path, an
 * internal address or a credential. The whole text stays in the backend's log.
 */

const WITHHELD = '[address withheld]';

/** A URL with a scheme, up to the first character that cannot be part of it. */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/**
 * How sources were once named by address: "prometheus at http://10.0.0.5:9090
 * could not be reached"; the "at <url>" goes, the name stays.
 */
const AT_URL_PATTERN = / at [a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** IPv4 addresses (with a port) and bracketed IPv6 addresses, as socket errors quote them. */
const ADDRESS_PATTERN =
  /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b|\[[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*\](?::\d{1,5})?/gi;
/** An absolute POSIX path (two segments or more) or a Windows path. */
const PATH_PATTERN =
  /(^|[\s"'(=,:[])((?:\/[^\s"'()<>,;:/\\]+){2,}\/?|[A-Za-z]:\\[^\s"'()<>,;]*|\\\\[^\s"'()<>,;]+)/g;
/** Longest error text kept or served. */
export const MAX_PUBLIC_ERROR_LENGTH = 2000;

function basename(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/**
 * An error text as it may be stored and served: absolute paths cut to their
 * file name, URLs and network addresses withheld, none of the given secret
 * values (header values, URL passwords), bounded in length. Applied when an
 * error is stored and again when one is served, so texts stored before this
 * rule existed never reach a response.
 */
export function publicErrorText(
  text: string,
  secrets?: readonly string[],
): string;
export function publicErrorText(
  text: string | null | undefined,
  secrets?: readonly string[],
): string | null;
export function publicErrorText(
  text: string | null | undefined,
  secrets: readonly string[] = [],
) {
  if (text === null || text === undefined) return null;
  let out = text;
  for (const secret of secrets) {
    // A very short value ("1", "no") would blank out ordinary words; such a
    // header is no secret.
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  out = out
    .replace(AT_URL_PATTERN, '')
    .replace(URL_PATTERN, WITHHELD)
    .replace(ADDRESS_PATTERN, WITHHELD)
    .replace(PATH_PATTERN, (_m, before: string, path: string) => {
      const name = basename(path);
      return `${before}${name || WITHHELD}`;
    });
  return out.length > MAX_PUBLIC_ERROR_LENGTH
    ? `${out.slice(0, MAX_PUBLIC_ERROR_LENGTH - 1)}…`
    : out;
}

/**
 * Where an Azure inventory came from, as a reader may see it. A description
 * ("snapshot file estate.json", "Azure Resource Manager") is kept; a stored
 * path becomes "snapshot file <name>" and a stored endpoint URL "Azure
 * Resource Manager" (or "Azure Resource Graph").
 */
export function publicInventoryOrigin(origin: string): string;
export function publicInventoryOrigin(
  origin: string | null | undefined,
): string | null;
export function publicInventoryOrigin(origin: string | null | undefined) {
  if (origin === null || origin === undefined) return null;
  const text = origin.trim();
  if (text === '') return '';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return /resourcegraph|graph/i.test(text)
      ? 'Azure Resource Graph'
      : 'Azure Resource Manager';
  }
  if (/[\\/]/.test(text) && !/\s/.test(text)) {
    const name = basename(text);
    return name ? `snapshot file ${name}` : 'snapshot file';
  }
  return publicErrorText(text);
}

/** A URL without user name, password, query or fragment, for the backend's own log. */
export function loggableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return WITHHELD;
  }
}

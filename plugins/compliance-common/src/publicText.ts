/**
 * Texts the compliance store keeps and every reader of the API sees: where
 * the Azure inventory came from, and why a load or an evaluation failed.
 * Older rows hold what the inventory reported before it named its sources
 * (an absolute snapshot path, a Resource Manager endpoint), and error texts
 * quote whatever the failing library said; neither may reach a response as
 * a machine path, an internal address or a credential.
 */

const WITHHELD = '[address withheld]';

/** A URL with a scheme, up to the first character that cannot be part of it. */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** IPv4 addresses (with a port), as socket errors quote them. */
const ADDRESS_PATTERN = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g;
/** An absolute POSIX path (two segments or more) or a Windows path. */
const PATH_PATTERN =
  /(^|[\s"'(=,:[])((?:\/[^\s"'()<>,;:/\\]+){2,}\/?|[A-Za-z]:\\[^\s"'()<>,;]*|\\\\[^\s"'()<>,;]+)/g;
/** Longest error text served; the whole text is in the backend's log. */
export const MAX_PUBLIC_ERROR_LENGTH = 2000;

function basename(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/**
 * An error text as it may be served: absolute paths cut to their file name,
 * URLs and network addresses withheld, and bounded in length.
 */
export function publicErrorText(text: string): string;
export function publicErrorText(text: string | null | undefined): string | null;
export function publicErrorText(text: string | null | undefined) {
  if (text === null || text === undefined) return null;
  const out = text
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
 * Where an inventory came from, as a reader may see it. A description
 * ("snapshot file estate.json", "Azure Resource Manager") is kept; a stored
 * path becomes "snapshot file <name>" and a stored endpoint URL becomes
 * "Azure Resource Manager" (or "Azure Resource Graph").
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

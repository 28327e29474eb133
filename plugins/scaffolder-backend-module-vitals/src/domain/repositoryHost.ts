/**
 * The server-side check of where a new repository may live. The template's
 * RepoUrlPicker offers only the allowed hosts, but the scaffolder API takes
 * any value, and the host ends up in the catalog entry's links and the
 * pipelines.
 */

/** The config key the allowed hosts come from, named in refusals. */
export const ALLOWED_HOSTS_KEY = 'vitals.scaffolder.allowedHosts';

/** Whether `host` (as URL parsing normalises it: lower case, with any port) is allowed. */
export function isAllowedHost(
  host: string,
  allowedHosts: readonly string[],
): boolean {
  const normalized = host.toLocaleLowerCase('en-US');
  return allowedHosts.some(
    allowed => allowed.toLocaleLowerCase('en-US') === normalized,
  );
}

/** Why `host` is refused for `field`, or undefined when it is allowed. */
export function repositoryHostProblem(
  field: string,
  host: string,
  allowedHosts: readonly string[],
): string | undefined {
  if (isAllowedHost(host, allowedHosts)) {
    return undefined;
  }
  return `${field} host "${host}" is not allowed on this portal; allowed hosts: ${
    allowedHosts.length > 0 ? allowedHosts.join(', ') : 'none'
  } (${ALLOWED_HOSTS_KEY})`;
}

/**
 * The host of a git remote: an absolute URL (`https://github.com/o/r.git`,
 * `ssh://git@github.com/o/r.git`) or scp-like syntax
 * (`git@github.com:o/r.git`). Undefined when the value is neither.
 */
export function hostOfRemote(remote: string): string | undefined {
  const scpLike = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(?!\/\/)/.exec(remote);
  if (scpLike) {
    return scpLike[1].toLocaleLowerCase('en-US');
  }
  try {
    const url = new URL(remote);
    return url.host || undefined;
  } catch {
    return undefined;
  }
}

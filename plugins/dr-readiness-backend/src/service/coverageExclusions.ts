import { Config } from '@backstage/config';
import type { CoverageExclusion } from '@vitals/plugin-dr-readiness-common';

const KEY = 'vitals.drReadiness.coverageExclusions';

/** A resource id, or a resource type such as `microsoft.synapse/workspaces`. */
const RESOURCE_TYPE = /^[a-z0-9][a-z0-9.-]*\/[a-z0-9][a-z0-9./-]*$/i;

/**
 * `vitals.drReadiness.coverageExclusions`: resources no DR check judges that
 * are accepted as they are. Each names a resource id or a resource type and
 * must say why, so a gap is never waved through without a recorded reason;
 * a bad entry stops the backend at startup with the entry it is about.
 */
export function readCoverageExclusions(
  drConfig: Config | undefined,
): CoverageExclusion[] {
  const entries = drConfig?.getOptionalConfigArray('coverageExclusions') ?? [];
  return entries.map((entry, i) => {
    const where = `${KEY}[${i}]`;
    const resource = entry.getOptional('resource');
    const reason = entry.getOptional('reason');
    const id = typeof resource === 'string' ? resource.trim() : '';
    const isId = id.toLowerCase().startsWith('/subscriptions/');
    if (!isId && !RESOURCE_TYPE.test(id)) {
      throw new Error(
        `${where}.resource must be a resource id (/subscriptions/...) or a resource type such as microsoft.synapse/workspaces, got ${JSON.stringify(
          resource ?? null,
        )}`,
      );
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(
        `${where}.reason is required: an exclusion records why ${id} may go unjudged`,
      );
    }
    return {
      resource: isId ? id.replace(/\/+$/, '') : id.toLowerCase(),
      reason: reason.trim(),
    };
  });
}

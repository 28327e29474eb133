import { randomUUID } from 'node:crypto';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { parseDuration } from '@vitals/plugin-slo-common';
import { DeployStore } from '../database/DeployStore';
import { MAX_DEPLOYMENT_AGE_MS } from './deployGate';

/** A deployment of the demo, placed `ago` before the backend starts. */
export interface SeedDeployment {
  entityRef: string;
  version: string;
  environment: string;
  agoMs: number;
}

/**
 * Reads `vitals.slo.seedDeployments`: deployments the demo shows on its SLO
 * charts, each `{ entity, version, environment?, ago }` with `ago` a
 * duration such as 55m or 6d (at most 30 days). Every problem names its entry.
 */
export function readSeedDeployments(config: Config): SeedDeployment[] {
  const entries = config.getOptionalConfigArray('vitals.slo.seedDeployments');
  return (entries ?? []).map((entry, i) => {
    const key = (k: string) => `vitals.slo.seedDeployments[${i}].${k}`;
    let entityRef: string;
    try {
      entityRef = stringifyEntityRef(
        parseEntityRef(entry.getString('entity'), {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US');
    } catch (error) {
      throw new Error(`${key('entity')} is not an entity ref: ${error}`);
    }
    const ago = parseDuration(entry.getString('ago'));
    if (!ago || ago.ms > MAX_DEPLOYMENT_AGE_MS) {
      throw new Error(
        `${key('ago')} must be a duration of at most 30d, such as 55m or 6d`,
      );
    }
    return {
      entityRef,
      version: entry.getString('version'),
      environment: entry.getOptionalString('environment') ?? 'production',
      agoMs: ago.ms,
    };
  });
}

/**
 * Records each seed deployment once: an entity that already has a deployment
 * of that version keeps it, so restarts add nothing.
 */
export async function seedDeployments(
  store: DeployStore,
  seeds: SeedDeployment[],
  options: { now: number; logger: LoggerService },
): Promise<number> {
  let added = 0;
  for (const seed of seeds) {
    if (await store.hasDeployment(seed.entityRef, seed.version)) continue;
    await store.insertDeployment({
      id: randomUUID(),
      entityRef: seed.entityRef,
      version: seed.version,
      environment: seed.environment,
      at: options.now - seed.agoMs,
      url: null,
      recordedBy: 'seed:vitals.slo.seedDeployments',
      recordedAt: options.now,
    });
    added += 1;
  }
  if (added > 0) {
    options.logger.info(
      `Recorded ${added} demo deployments from vitals.slo.seedDeployments`,
    );
  }
  return added;
}

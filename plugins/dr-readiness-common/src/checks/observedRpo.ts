import { type AzureResource } from '@vitals/azure-inventory-common';
import { formatIsoDuration, timestampMillis } from '../durations';
import { type CheckStatus, type ObservedRpo } from '../types';
import { storagePrimaryRegion } from './storage';
import {
  type Assessment,
  type CheckInput,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  equalsIgnoreCase,
  objectiveSeconds,
  ofType,
  read,
  readString,
  regionOf,
  regionsOf,
  result,
  sameId,
  seen,
} from './values';

interface LagSample {
  resource: AzureResource;
  seconds: number;
  source: string;
  evidence: Record<string, unknown>;
  status?: CheckStatus;
  finding?: string;
}

function lagSamples(input: CheckInput, lost: string): LagSample[] {
  const samples: LagSample[] = [];
  for (const account of ofType(
    input.resources,
    RESOURCE_TYPES.storageAccount,
  )) {
    if (storagePrimaryRegion(account) !== lost) {
      continue;
    }
    const lastSync = timestampMillis(
      read(account, 'properties.geoReplicationStats.lastSyncTime'),
    );
    if (lastSync === undefined) {
      continue;
    }
    const status = readString(account, 'properties.geoReplicationStats.status');
    const sample: LagSample = {
      resource: account,
      seconds: Math.max(0, (input.now.getTime() - lastSync) / 1000),
      source: 'storage-last-sync-time',
      evidence: seen(account, [
        'properties.geoReplicationStats.status',
        'properties.geoReplicationStats.lastSyncTime',
      ]),
    };
    if (equalsIgnoreCase(status, 'Unavailable')) {
      sample.status = 'fail';
      sample.finding = `Geo-replication of ${account.name} is unavailable.`;
    } else if (equalsIgnoreCase(status, 'Bootstrap')) {
      sample.status = 'warn';
      sample.finding = `${account.name} is still bootstrapping its geo-replica.`;
    }
    samples.push(sample);
  }
  for (const observation of input.replicationLag ?? []) {
    const resource = input.resources.find(r =>
      sameId(r.id, observation.resourceId),
    );
    if (
      !resource ||
      regionOf(resource) !== lost ||
      !(observation.lagSeconds >= 0)
    ) {
      continue;
    }
    samples.push({
      resource,
      seconds: observation.lagSeconds,
      source: observation.source,
      evidence: {
        lagSeconds: observation.lagSeconds,
        observedAt: observation.observedAt,
        source: observation.source,
      },
    });
  }
  return samples;
}

/** The replication lag seen now fits the RPO: the data a failover would lose. */
export const observedRpoCheck: ReadinessCheckDefinition = {
  id: 'observed-rpo',
  title: 'Observed replication lag fits the RPO',
  category: 'data-protection',
  weight: 3,
  resourceTypes: [RESOURCE_TYPES.storageAccount, RESOURCE_TYPES.sqlDatabase],
  evaluate: input => {
    const { lost } = regionsOf(input);
    const samples = lost ? lagSamples(input, lost) : [];
    if (samples.length === 0) {
      return undefined;
    }
    const rpo = objectiveSeconds(input.policy.rpo);
    const assessments = samples.map((sample): Assessment => {
      const evidence = {
        ...sample.evidence,
        observedLag: formatIsoDuration(sample.seconds),
        rpo: input.policy.rpo,
      };
      if (sample.status) {
        return {
          resource: sample.resource,
          status: sample.status,
          evidence,
          finding: sample.finding,
          remediation: `Investigate geo-replication of ${sample.resource.name}.`,
        };
      }
      if (rpo !== undefined && sample.seconds > rpo) {
        return {
          resource: sample.resource,
          status: 'fail',
          evidence,
          finding: `${sample.resource.name} lags ${formatIsoDuration(
            sample.seconds,
          )} behind its replica, beyond the RPO of ${
            input.policy.rpo
          }: a failover now would lose that much data.`,
          remediation: `Find why ${sample.resource.name} lags (write volume, throttling, an unhealthy link) and bring the lag under ${input.policy.rpo}; if it cannot, the RPO is not achievable with asynchronous geo-replication.`,
        };
      }
      return { resource: sample.resource, status: 'pass', evidence };
    });
    const worst = samples.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    return result(
      observedRpoCheck,
      assessments,
      rpo === undefined
        ? `Replication lags up to ${formatIsoDuration(
            worst.seconds,
          )}; no RPO is declared.`
        : `Replication lags up to ${formatIsoDuration(
            worst.seconds,
          )}, within the RPO of ${input.policy.rpo}.`,
    );
  },
};

/** `observedRpoCheck.evaluate`, under the name callers have used. */
export const checkObservedRpo: ReadinessCheck = observedRpoCheck.evaluate;

/** The worst replication lag out of the lost region, or null when none was observed. */
export function observeRpo(input: CheckInput): ObservedRpo | null {
  const { lost } = regionsOf(input);
  const samples = lost ? lagSamples(input, lost) : [];
  if (samples.length === 0) {
    return null;
  }
  const worst = samples.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const rpo = objectiveSeconds(input.policy.rpo);
  return {
    duration: formatIsoDuration(worst.seconds),
    seconds: Math.round(worst.seconds),
    resourceId: worst.resource.id,
    source: worst.source,
    withinObjective: rpo === undefined ? null : worst.seconds <= rpo,
  };
}

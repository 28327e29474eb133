import { isoDurationToSeconds, timestampMillis } from '../durations';
import { type CheckStatus } from '../types';
import {
  DRILL_FAIL_AGE_DAYS,
  DRILL_WARN_AGE_DAYS,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  objectiveSeconds,
  result,
} from './values';

/** A recent, successful drill rehearsed the loss of the primary within the RTO and RPO. */
export const drDrillCheck: ReadinessCheckDefinition = {
  id: 'dr-drill',
  title: 'DR drill',
  category: 'assurance',
  weight: 2,
  resourceTypes: [],
  evaluate: input => {
    const { policy, lastDrill: drill } = input;
    if (input.role !== 'primary' || (policy.tier === 'none' && !drill)) {
      return undefined;
    }
    const region = policy.primaryRegion;
    const definition = drDrillCheck;
    const remediation = `Rehearse the loss of ${displayName(
      region,
    )}: fail over to ${displayName(
      policy.secondaryRegion ?? 'the secondary',
    )}, measure the RTO and RPO achieved and record the drill.`;
    if (!drill) {
      return result(
        definition,
        [
          {
            status: policy.tier === 'standard' ? 'warn' : 'fail',
            evidence: { lastDrill: null },
            finding: `No DR drill has rehearsed the loss of ${displayName(
              region,
            )}.`,
            remediation,
          },
        ],
        '',
      );
    }
    const performed = timestampMillis(drill.performedAt);
    const ageDays =
      performed === undefined
        ? undefined
        : (input.now.getTime() - performed) / 86_400_000;
    const evidence: Record<string, unknown> = {
      drillId: drill.id,
      performedAt: drill.performedAt,
      outcome: drill.outcome,
      rtoAchieved: drill.rtoAchieved ?? null,
      rpoAchieved: drill.rpoAchieved ?? null,
      ageDays: ageDays === undefined ? null : Math.floor(ageDays),
    };
    const assess = (
      status: CheckStatus,
      finding?: string,
      blocking?: boolean,
    ) =>
      result(
        definition,
        [{ status, evidence, finding, remediation }],
        finding ?? '',
        {
          blocking,
        },
      );
    if (ageDays === undefined || ageDays < 0) {
      return assess(
        'unknown',
        `The last drill's date "${drill.performedAt}" is not a past ISO-8601 timestamp.`,
      );
    }
    if (drill.outcome === 'failed') {
      return assess(
        'fail',
        `The last drill (${drill.performedAt.slice(
          0,
          10,
        )}) failed: the service did not come back.`,
        true,
      );
    }
    const rto = objectiveSeconds(policy.rto);
    const rpo = objectiveSeconds(policy.rpo);
    const rtoAchieved = isoDurationToSeconds(drill.rtoAchieved, {
      allowZero: true,
    });
    const rpoAchieved = isoDurationToSeconds(drill.rpoAchieved, {
      allowZero: true,
    });
    if (rto !== undefined && rtoAchieved !== undefined && rtoAchieved > rto) {
      return assess(
        'fail',
        `The last drill took ${drill.rtoAchieved} to recover, beyond the RTO of ${policy.rto}.`,
        true,
      );
    }
    if (rpo !== undefined && rpoAchieved !== undefined && rpoAchieved > rpo) {
      return assess(
        'fail',
        `The last drill lost ${drill.rpoAchieved} of data, beyond the RPO of ${policy.rpo}.`,
        true,
      );
    }
    if (drill.outcome === 'partial') {
      return assess(
        'warn',
        `The last drill (${drill.performedAt.slice(
          0,
          10,
        )}) succeeded only partially.`,
      );
    }
    if (ageDays > DRILL_FAIL_AGE_DAYS && policy.tier === 'critical') {
      return assess(
        'fail',
        `The last drill was ${Math.floor(
          ageDays,
        )} days ago; critical services drill at least yearly.`,
        false,
      );
    }
    if (ageDays > DRILL_WARN_AGE_DAYS) {
      return assess(
        'warn',
        `The last drill was ${Math.floor(
          ageDays,
        )} days ago (more than ${DRILL_WARN_AGE_DAYS}).`,
      );
    }
    return result(
      definition,
      [{ status: 'pass', evidence }],
      `The last drill (${drill.performedAt.slice(0, 10)}, ${Math.floor(
        ageDays,
      )} days ago) succeeded${
        drill.rtoAchieved ? ` in ${drill.rtoAchieved}` : ''
      }.`,
    );
  },
};

/** `drDrillCheck.evaluate`, under the name callers have used. */
export const checkDrDrill: ReadinessCheck = drDrillCheck.evaluate;

import { InfoCard } from '@backstage/core-components';
import { Box, LinearProgress, makeStyles, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  getRegion,
  isoDurationToSeconds,
  ObservedRpo,
  RegionPairing,
} from '@vitals/plugin-dr-readiness-common';
import type { EntityReadinessBody, InventoryStatus } from '../../api/types';
import { ResourceName } from '../Evidence';
import {
  formatDuration,
  formatRelative,
  formatSeconds,
  regionLabel,
} from '../format';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontWeight: 600 },
  },
  explanation: {
    marginTop: theme.spacing(2),
    color: theme.palette.text.secondary,
    fontSize: 13,
  },
  big: {
    fontSize: 24,
    fontWeight: 700,
    fontVariantNumeric: 'tabular-nums',
  },
  bar: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0) },
  ok: { backgroundColor: theme.palette.status.ok },
  error: { backgroundColor: theme.palette.status.error },
  muted: { color: theme.palette.text.secondary },
}));

const TIER_LABEL: Record<string, string> = {
  critical: 'Critical',
  high: 'High',
  standard: 'Standard',
  none: 'None (not required)',
};

const PAIRING_LABEL: Record<RegionPairing, string> = {
  paired: 'Azure region pair',
  'one-way': 'One-way pair',
  unpaired: 'No Azure pair',
  custom: 'Custom secondary',
};

/** Why the pairing matters for recovery, in the terms of these two regions. */
export function explainPairing(
  pairing: RegionPairing,
  primary: string,
  secondary: string | null,
): string {
  const p = regionLabel(primary);
  const s = regionLabel(secondary);
  const pair = getRegion(primary)?.pairedRegion;
  const secondaryPair = secondary
    ? getRegion(secondary)?.pairedRegion
    : undefined;
  switch (pairing) {
    case 'paired':
      return `${p} and ${s} are an Azure region pair: Azure staggers platform updates across them, prioritises recovering one of them in a wide outage, and geo-redundant storage, geo-backups and vault cross-region restore replicate between them.`;
    case 'one-way':
      return `${s} is ${p}'s pair, but ${s} itself is paired with ${regionLabel(
        secondaryPair,
      )}. After a failover, ${s}'s geo-replicated data goes to ${regionLabel(
        secondaryPair,
      )}, not back to ${p}: the failback has to be planned (new replication partners) and rehearsed.`;
    case 'custom':
      return `${s} is not ${p}'s Azure pair (${regionLabel(
        pair,
      )}). Platform-managed replication (geo-redundant storage, geo-backups, vault cross-region restore) targets ${regionLabel(
        pair,
      )}, so every data store must copy to ${s} itself, and each check verifies that it does.`;
    default:
      return secondary
        ? `${p} has no Azure pair, so no platform replication exists; ${s} is declared as the secondary and every data store must copy there itself.`
        : `${p} has no Azure pair and no secondary region is declared (vitals.dev/secondary-region): nothing takes over if it goes down. Availability zones protect against a datacenter failure only.`;
  }
}

/** The DR policy from the annotations: tier, objectives, regions and their pairing. */
export function PolicyCard(props: { readiness: EntityReadinessBody }) {
  const classes = useStyles();
  const r = props.readiness;
  return (
    <InfoCard title="Policy">
      <dl className={classes.facts}>
        <dt>Tier</dt>
        <dd>{TIER_LABEL[r.policy.tier] ?? r.policy.tier}</dd>
        <dt>RTO</dt>
        <dd>{r.policy.rto ? formatDuration(r.policy.rto) : 'none'}</dd>
        <dt>RPO</dt>
        <dd>{r.policy.rpo ? formatDuration(r.policy.rpo) : 'none'}</dd>
        <dt>Regions</dt>
        <dd>
          {regionLabel(r.primaryRegion)} →{' '}
          {r.secondaryRegion ? regionLabel(r.secondaryRegion) : 'no secondary'}
        </dd>
        <dt>Pairing</dt>
        <dd>{PAIRING_LABEL[r.pairing]}</dd>
      </dl>
      <Typography className={classes.explanation}>
        {explainPairing(r.pairing, r.primaryRegion, r.secondaryRegion)}
      </Typography>
    </InfoCard>
  );
}

/** The replication lag observed now against the declared RPO. */
export function ObservedRpoCard(props: {
  observed: ObservedRpo | null;
  rpo: string | null;
}) {
  const classes = useStyles();
  const { observed, rpo } = props;
  const rpoSeconds = isoDurationToSeconds(rpo);
  if (!observed) {
    return (
      <InfoCard title="Observed vs declared RPO">
        <Typography className={classes.big}>
          {rpo ? formatDuration(rpo) : 'No RPO'}
        </Typography>
        <Typography className={classes.muted} variant="body2">
          declared RPO
        </Typography>
        <Typography className={classes.explanation}>
          No replication lag was reported for the data in the primary region.
          Storage accounts report it (geoReplicationStats.lastSyncTime) only
          when read with that expansion; Azure SQL lag comes from
          sys.dm_geo_replication_link_status on the primary.
        </Typography>
      </InfoCard>
    );
  }
  const share =
    rpoSeconds === undefined
      ? 0
      : Math.min(100, (observed.seconds / rpoSeconds) * 100);
  return (
    <InfoCard title="Observed vs declared RPO">
      <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
        <Typography className={classes.big}>
          {formatSeconds(observed.seconds)}
        </Typography>
        <Typography className={classes.muted}>
          observed · RPO {rpo ? formatDuration(rpo) : 'not declared'}
        </Typography>
      </Box>
      <LinearProgress
        variant="determinate"
        value={share}
        aria-label="Observed lag as a share of the RPO"
        className={classes.bar}
        classes={{
          bar: observed.withinObjective === false ? classes.error : classes.ok,
        }}
      />
      <Typography variant="body2">
        {observed.withinObjective === false
          ? 'A failover now would lose more data than the RPO allows.'
          : 'A failover now would lose less data than the RPO allows.'}
      </Typography>
      <Typography className={classes.explanation}>
        Largest lag: <ResourceName id={observed.resourceId} /> (
        {observed.source})
      </Typography>
    </InfoCard>
  );
}

/** How fresh the evaluated Azure inventory is; stale data says so, with its age and the error. */
export function InventoryNotice(props: {
  inventory: InventoryStatus | null;
  stale: boolean;
  evaluatedAt?: string;
}) {
  const classes = useStyles();
  const { inventory, stale } = props;
  if (!inventory) return null;
  const age = formatSeconds(inventory.ageSeconds);
  if (stale) {
    return (
      <Alert severity="warning" role="status">
        Stale: this is the Azure inventory of {age} ago (
        {inventory.source === 'live' ? 'read from Azure' : 'snapshot'},{' '}
        {inventory.resourceCount} resources).
        {inventory.error
          ? ` The last refresh failed: ${inventory.error}`
          : ' The scheduled refresh is overdue.'}
      </Alert>
    );
  }
  return (
    <Typography variant="caption" className={classes.muted} component="p">
      Azure inventory: {inventory.source === 'live' ? 'live' : 'snapshot'},{' '}
      {inventory.resourceCount} resources, refreshed{' '}
      {formatRelative(inventory.refreshedAt)}
      {props.evaluatedAt
        ? `; evaluated ${formatRelative(props.evaluatedAt)}`
        : ''}
      .
    </Typography>
  );
}

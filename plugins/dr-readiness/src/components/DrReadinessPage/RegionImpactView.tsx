import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Grid, makeStyles, Typography } from '@material-ui/core';
import type { ImpactOutcome } from '@vitals/plugin-dr-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { drReadinessApiRef } from '../../api/DrReadinessApi';
import type { ServiceImpactItem } from '../../api/types';
import { useEntityDrLink } from '../entityLinks';
import {
  formatDuration,
  humanizeDurations,
  humanizeRef,
  regionLabel,
} from '../format';
import {
  IMPACT_LABEL,
  IMPACT_TONE,
  ImpactChip,
  ToneIcon,
  useToneStyles,
} from '../status';

const useStyles = makeStyles(theme => ({
  total: {
    padding: theme.spacing(1.5, 2),
    borderRadius: theme.shape.borderRadius,
  },
  totalValue: {
    fontSize: 28,
    fontWeight: 700,
    lineHeight: 1.2,
    fontVariantNumeric: 'tabular-nums',
  },
  totalLabel: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontSize: 12,
    fontWeight: 600,
    textTransform: 'uppercase',
    letterSpacing: 0.6,
  },
  reason: { fontSize: 13, maxWidth: 640 },
  muted: { color: theme.palette.text.secondary },
}));

const OUTCOMES: ImpactOutcome[] = [
  'goes-down',
  'degrades',
  'fails-over',
  'unknown',
];

const OUTCOME_HINT: Record<ImpactOutcome, string> = {
  'goes-down': 'Unavailable, or its data lost, until the region returns',
  degrades: 'Back late, beyond its RTO, or running with less protection',
  'fails-over': 'Back in the other region within its RTO',
  unknown: 'Evidence is missing, or resources lie outside the DR plan',
};

/** What losing one region does to every service with a presence there. */
export function RegionImpactView(props: { region: string }) {
  const classes = useStyles();
  const tones = useToneStyles();
  const api = useApi(drReadinessApiRef);
  const link = useEntityDrLink();
  const { value, loading, error } = useAsync(
    () => api.getRegionImpact(props.region),
    [api, props.region],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;

  const columns: TableColumn<ServiceImpactItem>[] = [
    {
      title: 'Outcome',
      field: 'outcome',
      customSort: (a, b) =>
        OUTCOMES.indexOf(a.outcome) - OUTCOMES.indexOf(b.outcome),
      render: s => <ImpactChip outcome={s.outcome} />,
    },
    {
      title: 'Service',
      field: 'entityRef',
      highlight: true,
      cellStyle: { minWidth: 170 },
      render: s => (
        <>
          <Link to={link(s.entityRef)}>{humanizeRef(s.entityRef)}</Link>
          <Typography
            variant="caption"
            component="div"
            className={classes.muted}
          >
            {humanizeRef(s.owner)}
          </Typography>
        </>
      ),
    },
    {
      title: 'Role here',
      field: 'role',
      render: s => (s.role === 'other' ? 'outside its plan' : s.role),
    },
    { title: 'Tier', field: 'tier' },
    {
      title: 'Back in',
      field: 'estimatedRecovery',
      cellStyle: { whiteSpace: 'nowrap' },
      render: s => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {s.estimatedRecovery ? formatDuration(s.estimatedRecovery) : '—'}
          <span className={classes.muted}>
            {s.rto ? ` / RTO ${formatDuration(s.rto)}` : ''}
          </span>
        </span>
      ),
    },
    {
      title: 'Why',
      field: 'reason',
      sorting: false,
      cellStyle: { minWidth: 380 },
      render: s => (
        <div className={classes.reason}>{humanizeDurations(s.reason)}</div>
      ),
    },
  ];

  return (
    <InfoCard
      title={`If ${value.displayName} goes down`}
      subheader={`${value.geography} · ${
        value.pairedRegion
          ? `Azure pair: ${regionLabel(value.pairedRegion)}`
          : 'no Azure pair'
      } · ${value.services.length} service${
        value.services.length === 1 ? '' : 's'
      } with a presence here`}
    >
      <Grid container spacing={2}>
        {OUTCOMES.map(outcome => (
          <Grid item xs={6} md={3} key={outcome}>
            <Box
              className={`${classes.total} ${
                tones[`tint-${IMPACT_TONE[outcome]}`]
              }`}
              role="group"
              aria-label={IMPACT_LABEL[outcome]}
              title={OUTCOME_HINT[outcome]}
            >
              <Typography className={classes.totalValue}>
                {value.totals[outcome]}
              </Typography>
              <Typography className={classes.totalLabel} component="div">
                <ToneIcon tone={IMPACT_TONE[outcome]} fontSize="inherit" />
                {IMPACT_LABEL[outcome]}
              </Typography>
            </Box>
          </Grid>
        ))}
      </Grid>
      <Box mt={2}>
        <Table<ServiceImpactItem>
          title="Services in this region"
          data={value.services}
          columns={columns}
          options={{
            paging: value.services.length > 20,
            pageSize: 20,
            search: false,
            padding: 'dense',
            sorting: true,
            toolbar: false,
          }}
          emptyContent={
            <Box p={3}>
              <Typography className={classes.muted}>
                No service in the catalog has a presence in {value.displayName}:
                losing it affects none of them.
              </Typography>
            </Box>
          }
        />
      </Box>
    </InfoCard>
  );
}

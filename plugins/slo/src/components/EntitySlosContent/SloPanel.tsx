import { InfoCard } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  Box,
  Chip,
  Divider,
  Grid,
  makeStyles,
  Tooltip,
  Typography,
} from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { SloDeployment, SloStatus } from '@vitals/plugin-slo-common';
import { BudgetBar } from '../BudgetBar';
import {
  describeWindow,
  formatDateTime,
  formatPercent,
  formatRelative,
} from '../format';
import { PolicyStateChip } from '../PolicyStateChip';
import { CompositeComponentsTable } from '../JourneySlos/CompositeComponentsTable';
import { BurnRateTable } from './BurnRateTable';
import { CalendarHistoryTable } from './CalendarHistoryTable';
import { SloCharts } from './SloCharts';

const useStyles = makeStyles(theme => ({
  tile: {
    padding: theme.spacing(1.5, 2),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    height: '100%',
  },
  tileLabel: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: 11,
    fontWeight: 700,
    letterSpacing: 0.6,
  },
  tileValue: {
    fontSize: 26,
    fontWeight: 600,
    fontVariantNumeric: 'tabular-nums',
    lineHeight: 1.3,
  },
  tileNote: { color: theme.palette.text.secondary, fontSize: 12 },
  danger: { color: theme.palette.status.error },
  warn: { color: theme.palette.status.warning },
  guidance: { marginTop: theme.spacing(0.5) },
  stale: {
    backgroundColor: theme.palette.status.warning,
    color: theme.palette.getContrastText(theme.palette.status.warning),
    fontWeight: 600,
  },
  firing: {
    backgroundColor: theme.palette.status.error,
    color: theme.palette.getContrastText(theme.palette.status.error),
    fontWeight: 700,
  },
  section: { marginTop: theme.spacing(3) },
  header: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    flexWrap: 'wrap',
  },
}));

function Tile(props: {
  label: string;
  value: React.ReactNode;
  note?: React.ReactNode;
  valueClass?: string;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.tile}>
      <Typography className={classes.tileLabel}>{props.label}</Typography>
      <Typography
        className={`${classes.tileValue} ${props.valueClass ?? ''}`}
        component="div"
      >
        {props.value}
      </Typography>
      {props.note && (
        <Typography className={classes.tileNote} component="div">
          {props.note}
        </Typography>
      )}
    </Box>
  );
}

function budgetClass(
  remaining: number,
  classes: Record<'danger' | 'warn', string>,
) {
  if (remaining <= 0) return classes.danger;
  return remaining < 0.25 ? classes.warn : undefined;
}

function exhaustion(slo: SloStatus) {
  if (slo.errorBudget.remaining <= 0)
    return { value: 'Exhausted', note: 'the budget is spent', danger: true };
  if (!slo.exhaustionAt)
    return {
      value: 'Not at this rate',
      note: 'no budget burning over the last hour',
      danger: false,
    };
  const hours = (Date.parse(slo.exhaustionAt) - Date.now()) / 3_600_000;
  return {
    value: formatRelative(slo.exhaustionAt).replace(/^in /, 'in '),
    note: `at the last hour's burn rate, ${formatDateTime(slo.exhaustionAt)}`,
    danger: hours < 24 * 3,
  };
}

function objectiveText(slo: SloStatus) {
  const { objective } = slo;
  const threshold =
    objective.op && objective.value !== undefined
      ? ` with readings ${
          { lt: '<', lte: '≤', gt: '>', gte: '≥' }[objective.op]
        } ${objective.value}`
      : '';
  const slices =
    slo.budgetingMethod === 'Occurrences'
      ? ''
      : ` of ${objective.timeSliceWindow ?? '1m'} slices`;
  return `${formatPercent(slo.target)}${slices}${threshold}`;
}

function sliNote(slo: SloStatus) {
  if (slo.sli.ratio === null) return 'no traffic in the window';
  const coverage =
    slo.coverage < 0.95
      ? ` · data for ${Math.round(slo.coverage * 100)}% of the window`
      : '';
  if (slo.composite) {
    return `weighted over ${slo.composite.components.length} components${coverage}`;
  }
  return `${Math.round(slo.sli.good).toLocaleString(
    'en-US',
  )} good of ${Math.round(slo.sli.total).toLocaleString('en-US')}${coverage}`;
}

/** One SLO objective: the figures, what the policy says, the alerts, charts and history. */
export function SloPanel(props: {
  entityRef: CompoundEntityRef;
  slo: SloStatus;
  /** Deployments of the entity, marked on the charts. */
  deployments?: SloDeployment[];
}) {
  const { slo } = props;
  const classes = useStyles();
  const firing = slo.burnRates.filter(b => b.firing);
  const ex = exhaustion(slo);
  const remaining = slo.errorBudget.remaining;
  const computed = slo.computedAt !== null;

  return (
    <InfoCard
      title={
        <Box className={classes.header}>
          <span>{slo.displayName}</span>
          {slo.composite && (
            <Chip size="medium" variant="outlined" label="Journey" />
          )}
          {computed && (
            <PolicyStateChip state={slo.policyState} size="medium" />
          )}
          {firing.length > 0 && (
            <Chip
              size="medium"
              icon={<WarningIcon style={{ color: 'inherit' }} />}
              className={classes.firing}
              label={`${
                firing.some(f => f.severity === 'page') ? 'Paging' : 'Ticket'
              }: burning ${firing[0].longWindow}/${firing[0].shortWindow}`}
            />
          )}
          {slo.stale && (
            <Tooltip
              title={
                slo.errors.join('; ') ||
                'The figures have not been refreshed recently'
              }
            >
              <Chip
                size="medium"
                className={classes.stale}
                label={`Stale · ${formatRelative(slo.computedAt)}`}
              />
            </Tooltip>
          )}
        </Box>
      }
      subheader={`${slo.name} · service ${slo.service} · ${describeWindow(
        slo.window,
      )} · ${slo.budgetingMethod} · data source ${slo.dataSource}${
        computed ? ` · updated ${formatRelative(slo.computedAt)}` : ''
      }`}
    >
      {!computed ? (
        <Typography color="error">
          Not computed:{' '}
          {slo.errors.join('; ') || 'waiting for the first refresh'}
        </Typography>
      ) : (
        <>
          <Grid container spacing={2}>
            <Grid item xs={12} sm={6} md={3}>
              <Tile
                label="Objective"
                value={objectiveText(slo)}
                note={
                  slo.composite
                    ? 'weighted mean of the components’ targets'
                    : slo.objective.displayName ?? describeWindow(slo.window)
                }
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <Tile
                label="SLI now"
                value={formatPercent(slo.sli.ratio)}
                valueClass={
                  slo.sli.ratio !== null && slo.sli.ratio < slo.target
                    ? classes.danger
                    : undefined
                }
                note={sliNote(slo)}
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <Tile
                label="Error budget remaining"
                value={formatPercent(remaining, 1)}
                valueClass={budgetClass(remaining, classes)}
                note={<BudgetBar remaining={remaining} hideLabel />}
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <Tile
                label="Projected exhaustion"
                value={ex.value}
                valueClass={ex.danger ? classes.danger : undefined}
                note={ex.note}
              />
            </Grid>
          </Grid>
          <Typography variant="body2" className={classes.guidance}>
            <strong>Error-budget policy:</strong> {slo.policyGuidance}
          </Typography>
          {slo.warnings.length > 0 && (
            <Typography variant="caption" color="textSecondary" component="div">
              {slo.warnings.join(' · ')}
            </Typography>
          )}
          {slo.composite && (
            <Box className={classes.section}>
              <Typography variant="subtitle2" gutterBottom>
                Components
              </Typography>
              <CompositeComponentsTable
                composite={slo.composite}
                consumed={slo.errorBudget.consumed}
                journey={slo.displayName}
              />
            </Box>
          )}
          <Box className={classes.section}>
            <SloCharts
              entityRef={props.entityRef}
              slo={slo}
              deployments={props.deployments ?? []}
            />
          </Box>
          <Divider className={classes.section} />
          <Box className={classes.section}>
            <Typography variant="subtitle2" gutterBottom>
              Burn-rate alerts
            </Typography>
            <BurnRateTable burnRates={slo.burnRates} />
          </Box>
          <Box className={classes.section}>
            <Typography variant="subtitle2" gutterBottom>
              Calendar history
            </Typography>
            <CalendarHistoryTable history={slo.history} />
          </Box>
        </>
      )}
    </InfoCard>
  );
}

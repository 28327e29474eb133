import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Box, Chip, Grid, makeStyles, Typography } from '@material-ui/core';
import { isJourneySloAvailable, SloStatus } from '@vitals/plugin-slo-common';
import { BudgetBar } from '../BudgetBar';
import { useEntitySlosLink } from '../entityLinks';
import { describeWindow, formatPercent, formatRelative } from '../format';
import { PolicyStateChip } from '../PolicyStateChip';
import { SloEmptyState } from '../EntitySlosContent/SloEmptyState';
import { SloLoadError } from '../SloLoadError';
import { useEntitySlos } from '../useEntitySlos';
import { CompositeComponentsTable } from './CompositeComponentsTable';

const useStyles = makeStyles(theme => ({
  journey: {
    padding: theme.spacing(2),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  header: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    flexWrap: 'wrap',
    marginBottom: theme.spacing(1),
  },
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: 11,
    fontWeight: 700,
    letterSpacing: 0.6,
  },
  figure: { fontSize: 20, fontWeight: 600, fontVariantNumeric: 'tabular-nums' },
  muted: { color: theme.palette.text.secondary },
  stale: {
    backgroundColor: theme.palette.status.warning,
    color: theme.palette.getContrastText(theme.palette.status.warning),
  },
}));

function Figure(props: { label: string; children: React.ReactNode }) {
  const classes = useStyles();
  return (
    <Box>
      <Typography className={classes.label}>{props.label}</Typography>
      <Typography className={classes.figure} component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

function Journey(props: { slo: SloStatus }) {
  const { slo } = props;
  const classes = useStyles();
  const computed = slo.computedAt !== null;
  return (
    <Box className={classes.journey} aria-label={`Journey ${slo.displayName}`}>
      <Box className={classes.header}>
        <Typography variant="h6" component="h3">
          {slo.displayName}
        </Typography>
        <PolicyStateChip state={computed ? slo.policyState : null} />
        {slo.stale && (
          <Chip
            size="small"
            className={classes.stale}
            label={`Stale · ${formatRelative(slo.computedAt)}`}
            title={slo.errors.join('; ') || undefined}
          />
        )}
      </Box>
      {slo.description && (
        <Typography variant="body2" className={classes.muted} paragraph>
          {slo.description}
        </Typography>
      )}
      <Grid container spacing={2} alignItems="flex-end">
        <Grid item xs={6} sm={3}>
          <Figure label="SLI">{formatPercent(slo.sli.ratio)}</Figure>
        </Grid>
        <Grid item xs={6} sm={3}>
          <Figure label="Target">{formatPercent(slo.target)}</Figure>
        </Grid>
        <Grid item xs={12} sm={6}>
          <Typography className={classes.label}>Budget left</Typography>
          <BudgetBar remaining={computed ? slo.errorBudget.remaining : null} />
        </Grid>
      </Grid>
      <Typography variant="caption" component="div" className={classes.muted}>
        Weighted over {slo.composite?.components.length ?? 0} components ·{' '}
        {describeWindow(slo.window)}
      </Typography>
      {slo.warnings.length > 0 && (
        <Typography variant="caption" component="div" className={classes.muted}>
          {slo.warnings.join(' · ')}
        </Typography>
      )}
      {slo.composite && (
        <Box mt={1}>
          <CompositeComponentsTable
            composite={slo.composite}
            consumed={slo.errorBudget.consumed}
            journey={slo.displayName}
          />
        </Box>
      )}
    </Box>
  );
}

/** The composite (journey) SLOs of a System, with the components each is made of. */
export function EntityJourneySloCard() {
  const classes = useStyles();
  const { entity, available, value, loading, error } = useEntitySlos(
    isJourneySloAvailable,
  );
  const link = useEntitySlosLink();
  const journeys = value?.slos.filter(slo => slo.composite) ?? [];

  return (
    <InfoCard
      title="Journey SLOs"
      subheader="User journeys across services, each judged by its weighted components"
      deepLink={
        available
          ? { title: 'All SLO details', link: link(stringifyEntityRef(entity)) }
          : undefined
      }
      noPadding={journeys.length > 0}
    >
      {!available && <SloEmptyState />}
      {available && loading && <Progress />}
      {available && error && <SloLoadError error={error} variant="inline" />}
      {value && journeys.length === 0 && (
        <Typography className={classes.muted}>
          {value.documentErrors.length > 0
            ? 'The SLO documents have problems; open the SLOs tab for details.'
            : 'No composite SLO in the documents: a journey SLO lists its steps as objectives, each with its own indicator and compositeWeight.'}
        </Typography>
      )}
      {journeys.map(slo => (
        <Journey key={slo.name} slo={slo} />
      ))}
    </InfoCard>
  );
}

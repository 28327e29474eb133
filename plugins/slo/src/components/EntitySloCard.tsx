import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { BudgetBar } from './BudgetBar';
import { useEntitySlosLink } from './entityLinks';
import { formatPercent } from './format';
import { PolicyStateChip } from './PolicyStateChip';
import { SloEmptyState } from './EntitySlosContent/SloEmptyState';
import { SloLoadError } from './SloLoadError';
import { useEntitySlos } from './useEntitySlos';

const useStyles = makeStyles(theme => ({
  firing: { color: theme.palette.status.error, fontWeight: 700 },
  muted: { color: theme.palette.text.secondary },
}));

/** A summary of the entity's SLOs for its overview page. */
export function EntitySloCard() {
  const classes = useStyles();
  const { entity, available, value, loading, error } = useEntitySlos();
  const link = useEntitySlosLink();

  return (
    <InfoCard
      title="Service level objectives"
      deepLink={
        available
          ? { title: 'All SLO details', link: link(stringifyEntityRef(entity)) }
          : undefined
      }
      noPadding={Boolean(value?.slos.length)}
    >
      {!available && <SloEmptyState />}
      {available && loading && <Progress />}
      {available && error && (
        <SloLoadError error={error} variant="inline" inset />
      )}
      {value && value.slos.length === 0 && (
        <Typography className={classes.muted}>
          {value.documentErrors.length > 0
            ? 'The SLO documents have problems; open the SLOs tab for details.'
            : 'No SLOs found in the documents.'}
        </Typography>
      )}
      {value && value.slos.length > 0 && (
        <Table size="small" aria-label="SLO summary">
          <TableHead>
            <TableRow>
              <TableCell>SLO</TableCell>
              <TableCell align="right">Objective</TableCell>
              <TableCell align="right">SLI</TableCell>
              <TableCell>Budget left</TableCell>
              <TableCell>Policy</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.slos.map(slo => {
              const firing = slo.burnRates.filter(b => b.firing);
              return (
                <TableRow key={slo.name}>
                  <TableCell>
                    {slo.displayName}
                    {slo.composite && (
                      <Typography
                        variant="caption"
                        component="div"
                        className={classes.muted}
                      >
                        journey of {slo.composite.components.length} components
                      </Typography>
                    )}
                    {firing.length > 0 && (
                      <Typography
                        variant="caption"
                        component="div"
                        className={classes.firing}
                      >
                        {firing.some(f => f.severity === 'page')
                          ? 'Paging'
                          : 'Ticket'}
                        : burning fast
                      </Typography>
                    )}
                    {slo.stale && (
                      <Typography
                        variant="caption"
                        component="div"
                        className={classes.muted}
                      >
                        stale
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {formatPercent(slo.target)}
                  </TableCell>
                  <TableCell align="right">
                    {formatPercent(slo.sli.ratio)}
                  </TableCell>
                  <TableCell style={{ minWidth: 160 }}>
                    <BudgetBar
                      remaining={
                        slo.computedAt ? slo.errorBudget.remaining : null
                      }
                    />
                  </TableCell>
                  <TableCell>
                    <PolicyStateChip
                      state={slo.computedAt ? slo.policyState : null}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { isSloAvailable } from '@vitals/plugin-slo-common';
import { errorMessage } from '@vitals/react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../api/SloApi';
import { BudgetBar } from './BudgetBar';
import { useEntitySlosLink } from './entityLinks';
import { formatPercent } from './format';
import { PolicyStateChip } from './PolicyStateChip';
import { SloEmptyState } from './EntitySlosContent/SloEmptyState';

const useStyles = makeStyles(theme => ({
  firing: { color: theme.palette.status.error, fontWeight: 700 },
  muted: { color: theme.palette.text.secondary },
}));

/** A summary of the entity's SLOs for its overview page. */
export function EntitySloCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(sloApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const link = useEntitySlosLink();
  const available = isSloAvailable(entity);
  const { value, loading, error } = useAsync(
    async () => (available ? api.getEntitySlos(entityRef) : undefined),
    [api, entityRef, available],
  );

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
      {available &&
        error &&
        ((error as any).response?.status === 503 ? (
          <Box p={2}>
            <Typography className={classes.muted}>
              No SLO figures yet: {errorMessage(error)}
            </Typography>
          </Box>
        ) : (
          <ResponseErrorPanel error={error} />
        ))}
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

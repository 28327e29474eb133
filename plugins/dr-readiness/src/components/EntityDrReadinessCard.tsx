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
import { isDrReadinessAvailable } from '@vitals/plugin-dr-readiness-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { drReadinessApiRef } from '../api/DrReadinessApi';
import { hasPolicyErrors, isAnnotationMissing } from '../api/types';
import { DrEmptyState } from './EntityDrReadinessContent/DrEmptyState';
import { useEntityDrLink } from './entityLinks';
import { formatDate, formatDuration, formatSeconds } from './format';
import { ReadinessChip } from './status';

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
  headline: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    flexWrap: 'wrap',
    padding: theme.spacing(2, 2, 1),
  },
  stale: { color: theme.palette.status.warning, fontWeight: 600 },
}));

/** A summary of the entity's DR readiness for its overview page. */
export function EntityDrReadinessCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(drReadinessApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const link = useEntityDrLink();
  const available = isDrReadinessAvailable(entity);
  const { value, loading, error } = useAsync(
    async () => (available ? api.getEntity(entityRef) : undefined),
    [api, entityRef, available],
  );
  const evaluated =
    value && !isAnnotationMissing(value) && !hasPolicyErrors(value)
      ? value
      : undefined;

  return (
    <InfoCard
      title="DR readiness"
      deepLink={
        available
          ? {
              title: 'All checks and drills',
              link: link(stringifyEntityRef(entity)),
            }
          : undefined
      }
      noPadding={Boolean(evaluated)}
    >
      {(!available || (value && isAnnotationMissing(value))) && (
        <DrEmptyState />
      )}
      {available && loading && <Progress />}
      {available &&
        error &&
        ((error as any).response?.status === 503 ? (
          <Typography className={classes.muted}>
            DR readiness is being evaluated; it appears after the first refresh
            of the Azure inventory.
          </Typography>
        ) : (
          <ResponseErrorPanel error={error} />
        ))}
      {value && hasPolicyErrors(value) && (
        <Typography>
          The DR annotations cannot be used:{' '}
          {value.policyErrors.map(p => p.message).join(' ')}
        </Typography>
      )}
      {evaluated && (
        <>
          <Box className={classes.headline}>
            <ReadinessChip
              status={evaluated.status}
              required={evaluated.required}
            />
            <Typography variant="body2">
              Tier {evaluated.policy.tier} · RTO{' '}
              {formatDuration(evaluated.policy.rto)} · RPO{' '}
              {formatDuration(evaluated.policy.rpo)} · score {evaluated.score}
            </Typography>
            {evaluated.stale && evaluated.inventory && (
              <Typography variant="caption" className={classes.stale}>
                stale · inventory{' '}
                {formatSeconds(evaluated.inventory.ageSeconds)} old
              </Typography>
            )}
          </Box>
          <Table size="small" aria-label="DR readiness by region">
            <TableHead>
              <TableRow>
                <TableCell>If this region goes down</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Back in</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {evaluated.regions.map(region => (
                <TableRow key={region.region}>
                  <TableCell>
                    {region.displayName}
                    <Typography variant="caption" className={classes.muted}>
                      {' '}
                      {region.role}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <ReadinessChip
                      status={region.status}
                      required={evaluated.required}
                    />
                  </TableCell>
                  <TableCell>
                    {region.estimatedRecovery.duration
                      ? formatDuration(region.estimatedRecovery.duration)
                      : 'unknown'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box p={2}>
            <Typography variant="body2" className={classes.muted}>
              {evaluated.lastDrill
                ? `Last drill ${formatDate(evaluated.lastDrill.performedAt)}: ${
                    evaluated.lastDrill.outcome
                  }`
                : 'No drill recorded'}
            </Typography>
          </Box>
        </>
      )}
    </InfoCard>
  );
}

import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import { DAY } from '@vitals/plugin-slo-common';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../../api/SloApi';
import { SloLoadError } from '../SloLoadError';
import { useEntitySlos } from '../useEntitySlos';
import { DeployGatePanel } from './DeployGatePanel';
import { DocumentErrors } from './DocumentErrors';
import { SloEmptyState } from './SloEmptyState';
import { SloPanel } from './SloPanel';

const DEPLOYMENT_MARKER_RANGE_MS = 92 * DAY;

/** The entity's "SLOs" tab. */
export function EntitySlosContent() {
  const api = useApi(sloApiRef);
  const { entityRef, available, value, loading, error, retry } =
    useEntitySlos();
  // Deployments of the longest range the charts offer (a quarter's window),
  // read once for every SLO panel; without them the charts draw no markers.
  const { value: deployments } = useAsync(async () => {
    if (!available) return [];
    try {
      const { items } = await api.listDeployments(entityRef, {
        from: new Date(Date.now() - DEPLOYMENT_MARKER_RANGE_MS),
      });
      return items;
    } catch {
      return [];
    }
  }, [api, entityRef, available]);

  if (!available || value?.annotationMissing) return <SloEmptyState />;
  if (loading) return <Progress />;
  if (error)
    return <SloLoadError error={error} variant="page" onRetry={retry} />;
  if (!value) return null;
  return (
    <Grid container spacing={3} direction="column">
      {value.slos.length > 0 && (
        <Grid item>
          <DeployGatePanel entityRef={entityRef} />
        </Grid>
      )}
      {(value.documentErrors.length > 0 || value.readError) && (
        <Grid item>
          <DocumentErrors
            issues={value.documentErrors}
            readError={value.readError}
          />
        </Grid>
      )}
      {value.slos.length === 0 && (
        <Grid item>
          <Box>
            <Typography>
              No SLO in the documents could be used; see the problems above.
            </Typography>
          </Box>
        </Grid>
      )}
      {value.slos.map(slo => (
        <Grid item key={slo.name}>
          <SloPanel
            entityRef={entityRef}
            slo={slo}
            deployments={deployments ?? []}
          />
        </Grid>
      ))}
    </Grid>
  );
}

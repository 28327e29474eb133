import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import { DAY, isSloAvailable } from '@vitals/plugin-slo-common';
import { errorMessage } from '@vitals/react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../../api/SloApi';
import { DeployGatePanel } from './DeployGatePanel';
import { DocumentErrors } from './DocumentErrors';
import { SloEmptyState } from './SloEmptyState';
import { SloPanel } from './SloPanel';

const DEPLOYMENT_MARKER_RANGE_MS = 92 * DAY;

/** The entity's "SLOs" tab. */
export function EntitySlosContent() {
  const { entity } = useEntity();
  const api = useApi(sloApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const available = isSloAvailable(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    async () => (available ? api.getEntitySlos(entityRef) : undefined),
    [api, entityRef, available],
  );
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
  if (error) {
    if ((error as any).response?.status === 503) {
      return (
        <InfoCard title="No SLO figures yet">
          {/* The backend says why: computing for the first time, or the data source failing. */}
          <Typography paragraph>{errorMessage(error)}</Typography>
          <Button variant="outlined" color="primary" onClick={retry}>
            Try again
          </Button>
        </InfoCard>
      );
    }
    return <ResponseErrorPanel error={error} />;
  }
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

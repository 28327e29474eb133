import { useMemo, useState } from 'react';
import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Grid, makeStyles, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { Alert } from '@material-ui/lab';
import { EntityCoverageList } from '@vitals/react';
import {
  drDrillCreatePermission,
  DrillRecord,
  isDrReadinessAvailable,
} from '@vitals/plugin-dr-readiness-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { drReadinessApiRef } from '../../api/DrReadinessApi';
import {
  EntityPolicyErrorBody,
  EntityReadinessBody,
  hasPolicyErrors,
  isAnnotationMissing,
} from '../../api/types';
import { formatDate, humanizeDurations, regionLabel } from '../format';
import { ReadinessChip } from '../status';
import { ANNOTATION_SNIPPET, DrEmptyState } from './DrEmptyState';
import { DrillHistory, RecordDrillDialog, WithdrawDrillDialog } from './Drills';
import { InventoryNotice, ObservedRpoCard, PolicyCard } from './PolicyCards';
import { RegionPanel } from './RegionPanel';

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
  score: {
    fontSize: 28,
    fontWeight: 700,
    fontVariantNumeric: 'tabular-nums',
  },
  muted: { color: theme.palette.text.secondary },
  reasons: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(2.5) },
}));

function PolicyErrors(props: { body: EntityPolicyErrorBody }) {
  return (
    <InfoCard title="The DR annotations cannot be used">
      <Typography paragraph>
        DR readiness is not evaluated until these annotations are fixed in
        catalog-info.yaml:
      </Typography>
      <Box component="ul" mb={2}>
        {props.body.policyErrors.map(p => (
          <li key={`${p.annotation}-${p.reason}`}>
            <Typography variant="body2">
              <code>{p.annotation}</code>
              {p.value !== null ? (
                <>
                  {' '}
                  = <code>{p.value}</code>
                </>
              ) : null}
              : {p.message}
            </Typography>
          </li>
        ))}
      </Box>
      <Typography variant="subtitle2" gutterBottom>
        Valid annotations look like this
      </Typography>
      <CodeSnippet text={ANNOTATION_SNIPPET} language="yaml" />
    </InfoCard>
  );
}

function Readiness(props: {
  readiness: EntityReadinessBody;
  recordButton: React.ReactNode;
}) {
  const classes = useStyles();
  const r = props.readiness;
  return (
    <>
      <Grid item xs={12}>
        <InfoCard
          title="If a region goes down now"
          subheader={`Evaluated ${formatDate(r.evaluatedAt)}${
            r.lastDrill
              ? ` · last drill ${formatDate(
                  r.lastDrill.performedAt,
                )} in ${regionLabel(r.lastDrill.region)}`
              : ' · no drill recorded'
          }`}
          action={
            <Box pt={2} pr={1}>
              {props.recordButton}
            </Box>
          }
        >
          <Box className={classes.headline}>
            <ReadinessChip
              status={r.status}
              required={r.required}
              size="medium"
            />
            <Typography className={classes.score} aria-label="Readiness score">
              {r.score}
              <span className={classes.muted} style={{ fontSize: 14 }}>
                {' '}
                / 100
              </span>
            </Typography>
          </Box>
          <ul className={classes.reasons} aria-label="Why">
            {r.reasons.slice(0, 6).map(reason => (
              <li key={reason}>
                <Typography variant="body2">
                  {humanizeDurations(reason)}
                </Typography>
              </li>
            ))}
          </ul>
          {r.reasons.length > 6 && (
            <Typography variant="caption" className={classes.muted}>
              and {r.reasons.length - 6} more in the checks below
            </Typography>
          )}
        </InfoCard>
      </Grid>
      {r.coverage && (
        <Grid item xs={12}>
          <InfoCard
            title="Coverage"
            subheader="The service's Azure resources the DR checks judged, and every one they did not: those that may hold data first"
          >
            <EntityCoverageList coverage={r.coverage} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <PolicyCard readiness={r} />
      </Grid>
      <Grid item xs={12} md={6}>
        <ObservedRpoCard observed={r.observedRpo} rpo={r.policy.rpo} />
      </Grid>
      {r.regions.map(region => (
        <Grid
          item
          xs={12}
          lg={r.regions.length > 1 ? 6 : 12}
          key={region.region}
        >
          <RegionPanel
            region={region}
            rto={r.policy.rto}
            required={r.required}
          />
        </Grid>
      ))}
    </>
  );
}

/** The entity's "DR readiness" tab. */
export function EntityDrReadinessContent() {
  const { entity } = useEntity();
  const api = useApi(drReadinessApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const available = isDrReadinessAvailable(entity);
  const { allowed: canRecord } = usePermission({
    permission: drDrillCreatePermission,
  });
  const [dialogOpen, setDialogOpen] = useState(false);
  const [correcting, setCorrecting] = useState<DrillRecord>();
  const [withdrawing, setWithdrawing] = useState<DrillRecord>();
  const [recorded, setRecorded] = useState<string>();

  const readiness = useAsyncRetry(
    async () => (available ? api.getEntity(entityRef) : undefined),
    [api, entityRef, available],
  );
  const drills = useAsyncRetry(
    async () => (available ? api.listDrills(entityRef) : undefined),
    [api, entityRef, available],
  );

  const value = readiness.value;
  if (!available || (value && isAnnotationMissing(value))) {
    return <DrEmptyState />;
  }
  if (readiness.loading && !value) return <Progress />;
  if (readiness.error) {
    if ((readiness.error as any).response?.status === 503) {
      return (
        <InfoCard title="DR readiness is being evaluated">
          <Typography paragraph>{readiness.error.message}</Typography>
          <Button variant="outlined" color="primary" onClick={readiness.retry}>
            Try again
          </Button>
        </InfoCard>
      );
    }
    return <ResponseErrorPanel error={readiness.error} />;
  }
  if (!value) return null;

  const evaluated = !hasPolicyErrors(value) ? value : undefined;
  const regions = evaluated ? evaluated.regions.map(r => r.region) : [];
  const recordButton =
    canRecord && evaluated ? (
      <Button
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
        onClick={() => setDialogOpen(true)}
      >
        Record drill
      </Button>
    ) : null;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InventoryNotice
          inventory={value.inventory}
          stale={value.stale}
          evaluatedAt={value.evaluatedAt}
        />
        {recorded && (
          <Box mt={1}>
            <Alert severity="success" onClose={() => setRecorded(undefined)}>
              {recorded}
            </Alert>
          </Box>
        )}
      </Grid>
      {hasPolicyErrors(value) ? (
        <Grid item xs={12}>
          <PolicyErrors body={value} />
        </Grid>
      ) : (
        <Readiness readiness={value} recordButton={recordButton} />
      )}
      <Grid item xs={12}>
        <DrillHistory
          drills={drills.value?.items ?? []}
          loading={drills.loading}
          // The same permission as recording: whoever may record a drill
          // may correct or withdraw one.
          {...(canRecord && evaluated
            ? { onCorrect: setCorrecting, onWithdraw: setWithdrawing }
            : {})}
        />
      </Grid>
      {(dialogOpen || correcting) && (
        <RecordDrillDialog
          open
          entityRef={entityRef}
          regions={regions}
          drill={correcting}
          onClose={() => {
            setDialogOpen(false);
            setCorrecting(undefined);
          }}
          onRecorded={drill => {
            setDialogOpen(false);
            setCorrecting(undefined);
            setRecorded(
              `Drill of ${regionLabel(drill.region)} on ${formatDate(
                drill.performedAt,
              )} ${
                correcting ? 'corrected' : 'recorded'
              }; readiness re-evaluated.`,
            );
            readiness.retry();
            drills.retry();
          }}
        />
      )}
      {withdrawing && (
        <WithdrawDrillDialog
          entityRef={entityRef}
          drill={withdrawing}
          onClose={() => setWithdrawing(undefined)}
          onWithdrawn={drill => {
            setWithdrawing(undefined);
            setRecorded(
              `Drill of ${regionLabel(drill.region)} on ${formatDate(
                drill.performedAt,
              )} withdrawn; it no longer counts for readiness.`,
            );
            readiness.retry();
            drills.retry();
          }}
        />
      )}
    </Grid>
  );
}

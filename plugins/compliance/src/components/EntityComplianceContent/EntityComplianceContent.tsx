import { useMemo, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Grid,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  complianceExemptionManagePermission,
  isComplianceAvailable,
  type ControlStatus,
  type EntityComplianceResponse,
} from '@vitals/plugin-compliance-common';
import { DateTime } from 'luxon';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { complianceApiRef } from '../../api/ComplianceApi';
import {
  CONTROL_STATUS_LABELS,
  formatAge,
  formatDateTime,
  formatRelative,
} from '../format';
import { EntityCoverageCard } from '../Coverage/Coverage';
import { ComplianceStatusChip } from '../StatusChips';
import { EntityScoreTrend } from '../TrendCharts';
import { ComplianceEmptyState, NoAzureResources } from './ComplianceEmptyState';
import { ControlsPanel } from './ControlsPanel';
import { AttestationDialog, ExemptionDialog } from './Dialogs';
import { AttestationsTable, ExemptionsTable } from './RecordsTables';

const useStyles = makeStyles(theme => ({
  score: {
    fontSize: 44,
    fontWeight: 700,
    lineHeight: 1,
    fontVariantNumeric: 'tabular-nums',
  },
  scoreUnit: { fontSize: 16, color: theme.palette.text.secondary },
  muted: { color: theme.palette.text.secondary },
  counts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(5, 1fr)',
    gap: theme.spacing(0.5),
    margin: theme.spacing(2, 0),
  },
  count: { textAlign: 'center' },
  countValue: { fontSize: 20, fontWeight: 700 },
  countLabel: {
    fontSize: 11,
    textTransform: 'uppercase',
    letterSpacing: 0.5,
    color: theme.palette.text.secondary,
  },
  fail: { color: theme.palette.status.error },
  unknown: { color: theme.palette.status.warning },
  exempt: { color: theme.palette.info.main },
  pass: { color: theme.palette.status.ok },
  'not-applicable': { color: theme.palette.text.secondary },
  sources: { fontSize: 12, color: theme.palette.text.secondary },
  change: {
    display: 'flex',
    gap: theme.spacing(1),
    fontSize: 13,
    padding: theme.spacing(0.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  asOf: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

const COUNT_ORDER: ControlStatus[] = [
  'fail',
  'unknown',
  'exempt',
  'pass',
  'not-applicable',
];

function Summary(props: {
  result: EntityComplianceResponse;
  asOf: string | null;
  onAsOf: (date: string | null) => void;
}) {
  const classes = useStyles();
  const { result } = props;
  const { azure, drReadiness } = result.dataSources;
  return (
    <InfoCard title="HIPAA Security Rule">
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <Box>
          <Typography className={classes.score} aria-label="Score">
            {result.score ?? '—'}
            <span className={classes.scoreUnit}> / 100</span>
          </Typography>
        </Box>
        <ComplianceStatusChip status={result.status} size="medium" />
      </Box>
      <Typography variant="body2" style={{ marginTop: 12 }}>
        {result.statusReason}
      </Typography>
      <Box className={classes.counts}>
        {COUNT_ORDER.map(status => (
          <Box key={status} className={classes.count}>
            <Typography
              className={`${classes.countValue} ${
                result.counts[status] ? classes[status] : classes.muted
              }`}
            >
              {result.counts[status]}
            </Typography>
            <Typography className={classes.countLabel}>
              {CONTROL_STATUS_LABELS[status]}
            </Typography>
          </Box>
        ))}
      </Box>
      <Typography className={classes.sources}>
        Evaluated {formatDateTime(result.evaluatedAt)} (
        {formatRelative(result.evaluatedAt)}) · rules {result.ruleVersion}
      </Typography>
      <Typography className={classes.sources}>
        Azure: {azure.source ?? 'not loaded'}
        {azure.fetchedAt
          ? `, data from ${formatDateTime(azure.fetchedAt)}`
          : ''}
        {props.asOf === null && azure.ageSeconds !== null
          ? `, loaded ${formatAge(azure.ageSeconds)} ago`
          : ''}
      </Typography>
      <Typography className={classes.sources}>
        DR readiness:{' '}
        {drReadiness.available
          ? `assessed ${formatRelative(drReadiness.evaluatedAt)}`
          : 'unavailable'}
      </Typography>
      <Box mt={2} className={classes.asOf}>
        <TextField
          label="View as of"
          type="date"
          size="small"
          variant="outlined"
          InputLabelProps={{ shrink: true }}
          inputProps={{ max: DateTime.now().toISODate() ?? undefined }}
          value={props.asOf ?? ''}
          onChange={e => props.onAsOf(e.target.value || null)}
        />
        {props.asOf && (
          <Button size="small" onClick={() => props.onAsOf(null)}>
            Back to now
          </Button>
        )}
      </Box>
    </InfoCard>
  );
}

function Trend(props: { entityRef: string; asOf: string | null }) {
  const classes = useStyles();
  const api = useApi(complianceApiRef);
  const { value, loading, error } = useAsyncRetry(
    () =>
      api.getEntityHistory(
        props.entityRef,
        props.asOf
          ? {
              to: DateTime.fromISO(props.asOf, { zone: 'utc' })
                .endOf('day')
                .toJSDate(),
            }
          : {},
      ),
    [api, props.entityRef, props.asOf],
  );
  // A control's first verdict is not a change.
  const changes = value?.changes.filter(c => c.from !== null) ?? [];
  return (
    <InfoCard
      title="Score over time"
      subheader={
        value
          ? `${formatDateTime(value.from)} – ${formatDateTime(value.to)}`
          : undefined
      }
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <EntityScoreTrend
            spans={value.spans}
            from={Date.parse(value.from)}
            to={Date.parse(value.to)}
          />
          <Box mt={2}>
            <Typography variant="subtitle2">Control changes</Typography>
            {changes.length === 0 && (
              <Typography variant="body2" className={classes.muted}>
                No control changed status in this period.
              </Typography>
            )}
            {changes.slice(0, 6).map(change => (
              <Box
                key={`${change.at}-${change.controlId}`}
                className={classes.change}
              >
                <span className={classes.muted}>
                  {formatDateTime(change.at)}
                </span>
                <span>
                  {change.controlId} {change.title}:{' '}
                  {CONTROL_STATUS_LABELS[change.from!]} →{' '}
                  <strong className={classes[change.to]}>
                    {CONTROL_STATUS_LABELS[change.to]}
                  </strong>
                </span>
              </Box>
            ))}
          </Box>
        </>
      )}
    </InfoCard>
  );
}

/** The entity's "Compliance" tab: the HIPAA verdict, its evidence, exemptions and attestations. */
export function EntityComplianceContent() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(complianceApiRef);
  const alertApi = useApi(alertApiRef);
  const compound = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const entityRef = stringifyEntityRef(entity);
  const available = isComplianceAvailable(entity);
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf');
  const focus = params.get('control');
  const { allowed: canManage } = usePermission({
    permission: complianceExemptionManagePermission,
  });

  const result = useAsyncRetry(
    () =>
      available
        ? api.getEntityCompliance(compound, asOf ? { asOf } : undefined)
        : Promise.resolve(undefined),
    [api, compound, available, asOf],
  );
  const records = useAsyncRetry(async () => {
    if (!available) return undefined;
    const [exemptions, attestations] = await Promise.all([
      api.listExemptions(entityRef),
      api.listAttestations(entityRef),
    ]);
    return { exemptions, attestations };
  }, [api, entityRef, available]);

  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const [dialog, setDialog] = useState<
    { kind: 'exemption' | 'attestation'; controlId?: string } | undefined
  >();

  const setAsOf = (date: string | null) => {
    const next = new URLSearchParams(params);
    if (date) next.set('asOf', date);
    else next.delete('asOf');
    setParams(next, { replace: true });
  };

  if (!available) return <ComplianceEmptyState />;
  if (result.loading && !result.value) return <Progress />;
  if (result.error) {
    const status = (result.error as any).response?.status;
    if (status === 503) {
      return (
        <InfoCard title="Compliance is being evaluated">
          <Typography paragraph>{result.error.message}</Typography>
          <Button variant="outlined" color="primary" onClick={result.retry}>
            Try again
          </Button>
        </InfoCard>
      );
    }
    if (status === 404 && asOf) {
      return (
        <InfoCard title={`No verdict stored as of ${asOf}`}>
          <Typography paragraph>{result.error.message}</Typography>
          <Button variant="outlined" onClick={() => setAsOf(null)}>
            Back to now
          </Button>
        </InfoCard>
      );
    }
    return <ResponseErrorPanel error={result.error} />;
  }
  const value = result.value;
  if (!value) return null;
  if (value.emptyState?.classificationInvalid) {
    return (
      <ComplianceEmptyState
        invalidValue={value.emptyState.classificationInvalid}
      />
    );
  }

  const openControls =
    expanded ??
    new Set(
      value.controls
        .filter(
          c => c.status === 'fail' || c.status === 'exempt' || c.id === focus,
        )
        .map(c => c.id),
    );
  const toggle = (id: string) => {
    const next = new Set(openControls);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };
  const refresh = () => {
    result.retry();
    records.retry();
  };

  return (
    <Grid container spacing={3}>
      {asOf && (
        <Grid item xs={12}>
          <Alert severity="info">
            Showing the verdict stored as of the end of {asOf} (UTC): what an
            auditor would have seen then.
          </Alert>
        </Grid>
      )}
      {value.stale && !asOf && (
        <Grid item xs={12}>
          <Alert severity="warning">
            These verdicts are stale: the Azure inventory was last loaded{' '}
            {formatAge(value.dataSources.azure.ageSeconds)} ago
            {value.dataSources.azure.error
              ? `, and the latest load failed: ${value.dataSources.azure.error}`
              : ''}
            .
          </Alert>
        </Grid>
      )}
      {!value.dataSources.drReadiness.available && (
        <Grid item xs={12}>
          <Alert severity="warning">
            The disaster-recovery controls are unknown because DR readiness was
            unavailable: {value.dataSources.drReadiness.error}
          </Alert>
        </Grid>
      )}
      {value.emptyState?.classificationMissing && (
        <Grid item xs={12}>
          <ComplianceEmptyState />
        </Grid>
      )}
      <Grid item xs={12} md={5} lg={4}>
        <Summary result={value} asOf={asOf} onAsOf={setAsOf} />
      </Grid>
      <Grid item xs={12} md={7} lg={8}>
        <Trend entityRef={entityRef} asOf={asOf} />
      </Grid>
      <Grid item xs={12}>
        <EntityCoverageCard
          coverage={value.coverage}
          coverageRecorded={value.coverageRecorded}
          exemptions={records.value?.exemptions}
        />
      </Grid>
      {value.emptyState?.noAzureResources && (
        <Grid item xs={12}>
          <InfoCard title="No Azure resources found for this service">
            <NoAzureResources
              entityRef={entityRef}
              selectorErrors={value.emptyState.selectorErrors}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Controls"
          subheader={`${value.controls.length} controls of the HIPAA Security Rule, by safeguard. Open one for its findings and evidence.`}
        >
          <ControlsPanel
            controls={value.controls}
            expanded={openControls}
            onToggle={toggle}
            canManage={canManage && !asOf}
            onExempt={controlId => setDialog({ kind: 'exemption', controlId })}
            onAttest={controlId =>
              setDialog({ kind: 'attestation', controlId })
            }
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ExemptionsTable
          exemptions={records.value?.exemptions ?? []}
          canManage={canManage}
          onAdd={() => setDialog({ kind: 'exemption' })}
          onRevoke={async e => {
            try {
              await api.revokeExemption(e.id);
              alertApi.post({
                message: `Exemption of ${e.controlId} revoked`,
                severity: 'success',
                display: 'transient',
              });
              refresh();
            } catch (error) {
              alertApi.post({
                message: (error as Error).message,
                severity: 'error',
              });
            }
          }}
        />
      </Grid>
      <Grid item xs={12}>
        <AttestationsTable
          attestations={records.value?.attestations ?? []}
          canManage={canManage}
          onAdd={() => setDialog({ kind: 'attestation' })}
          onRevoke={async a => {
            try {
              await api.revokeAttestation(a.id);
              refresh();
            } catch (error) {
              alertApi.post({
                message: (error as Error).message,
                severity: 'error',
              });
            }
          }}
        />
      </Grid>
      {dialog?.kind === 'exemption' && (
        <ExemptionDialog
          open
          entityRef={entityRef}
          controls={value.controls}
          initialControlId={dialog.controlId}
          onClose={() => setDialog(undefined)}
          onCreated={created => {
            setDialog(undefined);
            alertApi.post({
              message: `Exemption of ${created.controlId} recorded; the service was re-evaluated`,
              severity: 'success',
              display: 'transient',
            });
            refresh();
          }}
        />
      )}
      {dialog?.kind === 'attestation' && (
        <AttestationDialog
          open
          entityRef={entityRef}
          controls={value.controls}
          initialControlId={dialog.controlId}
          onClose={() => setDialog(undefined)}
          onCreated={created => {
            setDialog(undefined);
            alertApi.post({
              message: `Attestation of ${created.controlId} recorded`,
              severity: 'success',
              display: 'transient',
            });
            refresh();
          }}
        />
      )}
      <Grid item xs={12}>
        <Typography className={classes.sources}>
          Data classification: {value.classification ?? 'not declared'} · HIPAA{' '}
          {value.enforced ? 'enforced' : 'reported, not enforced'} for this
          service.
        </Typography>
      </Grid>
    </Grid>
  );
}

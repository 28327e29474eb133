import { useState } from 'react';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  InputLabel,
  makeStyles,
  MenuItem,
  Select,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  sloDeployGateOverridePermission,
  SloDeployGateResponse,
} from '@vitals/plugin-slo-common';
import { errorMessage, RequesterField } from '@vitals/react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../../api/SloApi';
import { formatDateTime, formatPercent } from '../format';

const useStyles = makeStyles(theme => ({
  reasons: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  actions: {
    marginTop: theme.spacing(1),
    display: 'flex',
    gap: theme.spacing(1),
  },
  field: { marginBottom: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
}));

const DURATIONS: Array<{ hours: number; label: string }> = [
  { hours: 1, label: '1 hour' },
  { hours: 4, label: '4 hours' },
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days (the longest allowed)' },
];

/** Records an override of a closed gate; the approver is whoever is signed in. */
function OverrideDialog(props: {
  open: boolean;
  entityRef: CompoundEntityRef;
  onClose: () => void;
  onCreated: () => void;
}) {
  const classes = useStyles();
  const api = useApi(sloApiRef);
  const identityApi = useApi(identityApiRef);
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const [requester, setRequester] = useState('');
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState(4);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await api.createDeployGateOverride(props.entityRef, {
        requester,
        reason,
        expiresAt: new Date(Date.now() + hours * 3_600_000),
      });
      props.onCreated();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Override the deploy gate</DialogTitle>
      <DialogContent>
        <Typography variant="body2" className={classes.muted} paragraph>
          Releases of {props.entityRef.name} pass the gate until the override
          expires, although its error budget is spent. It is recorded with you
          as the approver; the requester must be someone else. Only fixes and
          security changes should ship this way.
        </Typography>
        <RequesterField
          id="override-requester"
          className={classes.field}
          value={requester}
          onChange={setRequester}
          approver={identity?.userEntityRef}
          helperText="The person who asked to release: a User in the catalog, and not you, the approver."
        />
        <TextField
          id="override-reason"
          className={classes.field}
          label="Reason"
          required
          fullWidth
          multiline
          minRows={2}
          variant="outlined"
          placeholder="Hotfix for the failed bookings, reviewed by the SRE lead"
          helperText="10 to 1,000 characters. No patient data."
          value={reason}
          onChange={e => setReason(e.target.value)}
        />
        <FormControl fullWidth className={classes.field} variant="outlined">
          <InputLabel id="override-duration">Lasts</InputLabel>
          <Select
            labelId="override-duration"
            label="Lasts"
            value={hours}
            onChange={e => setHours(Number(e.target.value))}
          >
            {DURATIONS.map(d => (
              <MenuItem key={d.hours} value={d.hours}>
                {d.label}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={saving || !requester || reason.trim().length < 10}
        >
          Record override
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function GateReasons(props: { gate: SloDeployGateResponse }) {
  const classes = useStyles();
  if (props.gate.reasons.length === 0) return null;
  return (
    <ul className={classes.reasons}>
      {props.gate.reasons.map(r => (
        <li key={r.slo}>
          <Typography variant="body2">
            <strong>{r.displayName}</strong>: {r.policyState},{' '}
            {formatPercent(r.remaining, 1)} of its error budget left
            {r.stale ? ' (figures stale)' : ''}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/**
 * The deploy gate of the entity, as its pipelines read it: closed while an
 * SLO is in freeze, with the SLOs in the way, the active override, and for
 * those allowed, recording or revoking one.
 */
export function DeployGatePanel(props: { entityRef: CompoundEntityRef }) {
  const classes = useStyles();
  const api = useApi(sloApiRef);
  const { allowed: canOverride } = usePermission({
    permission: sloDeployGateOverridePermission,
  });
  const [dialogOpen, setDialogOpen] = useState(false);
  const [revokeError, setRevokeError] = useState<string>();
  const {
    value: gate,
    error,
    retry,
  } = useAsyncRetry(
    () => api.getDeployGate(props.entityRef),
    [api, props.entityRef],
  );
  if (error) {
    return (
      <Alert severity="info">
        The deploy gate could not be read: {errorMessage(error)}
      </Alert>
    );
  }
  if (!gate) return null;

  const revoke = async () => {
    if (!gate.override) return;
    setRevokeError(undefined);
    try {
      await api.revokeDeployGateOverride(props.entityRef, gate.override.id);
      retry();
    } catch (e) {
      setRevokeError(errorMessage(e));
    }
  };

  let severity: 'error' | 'warning' | 'success' = 'success';
  let title = 'Deploy gate open';
  if (!gate.allow) {
    severity = 'error';
    title = 'Deploy gate closed: error-budget freeze';
  } else if (gate.override) {
    severity = 'warning';
    title = 'Deploy gate open by override';
  } else if (gate.policyState === 'warning') {
    severity = 'warning';
  }

  return (
    <Box data-testid="deploy-gate">
      <Alert severity={severity}>
        <AlertTitle>{title}</AlertTitle>
        {!gate.allow && (
          <Typography variant="body2">
            Pipelines stop releases of {props.entityRef.name} until the budget
            recovers or an approver records an override.
          </Typography>
        )}
        {gate.allow && !gate.override && (
          <Typography variant="body2">{gate.message}</Typography>
        )}
        <GateReasons gate={gate} />
        {gate.override && (
          <Typography variant="body2">
            Approved by {gate.override.approver} for {gate.override.requester}{' '}
            until {formatDateTime(gate.override.expiresAt)}: “
            {gate.override.reason}”
          </Typography>
        )}
        {canOverride && (!gate.allow || gate.override) && (
          <Box className={classes.actions}>
            {!gate.allow && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => setDialogOpen(true)}
              >
                Override the gate
              </Button>
            )}
            {gate.override && (
              <Button size="small" variant="outlined" onClick={revoke}>
                Revoke the override
              </Button>
            )}
          </Box>
        )}
        {revokeError && (
          <Typography variant="body2" color="error">
            {revokeError}
          </Typography>
        )}
      </Alert>
      {dialogOpen && (
        <OverrideDialog
          open
          entityRef={props.entityRef}
          onClose={() => setDialogOpen(false)}
          onCreated={() => {
            setDialogOpen(false);
            retry();
          }}
        />
      )}
    </Box>
  );
}

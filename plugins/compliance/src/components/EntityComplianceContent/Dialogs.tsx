import { useState } from 'react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormHelperText,
  InputLabel,
  makeStyles,
  MenuItem,
  Select,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { errorMessage, RequesterField } from '@vitals/react';
import {
  EXEMPTION_CATEGORIES,
  hipaaFramework,
  type ComplianceAttestationRecord,
  type ComplianceExemptionRecord,
  type ControlResult,
  type ExemptionCategory,
} from '@vitals/plugin-compliance-common';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api/ComplianceApi';
import { humanizeRef, shortResourceId } from '../format';

const useStyles = makeStyles(theme => ({
  field: { marginBottom: theme.spacing(2) },
  muted: { color: theme.palette.text.secondary },
}));

const CATEGORY_HELP: Record<ExemptionCategory, string> = {
  mitigated:
    'The risk is handled another way (network rules, a compensating control).',
  'risk-accepted': 'The organisation accepts the risk for a limited time.',
  'alternative-measure':
    'Addressable controls only: document why the specification is not reasonable and the equivalent measure implemented (45 CFR 164.306(d)(3)).',
};

const isoDate = (d: DateTime) => d.toISODate() ?? '';

const WHOLE_CONTROL = 'whole-control';

/** Failing or unverified resources of a control, the ones an exemption can be narrowed to. */
function exemptableResources(control: ControlResult | undefined): string[] {
  if (!control) return [];
  return [
    ...new Set(
      control.findings
        .filter(f => f.resourceId && f.status !== 'pass' && !f.exemptionId)
        .map(f => f.resourceId!),
    ),
  ];
}

/**
 * Records an exemption. The approver is whoever is signed in; the backend
 * refuses one approved by its own requester or running longer than a year.
 */
export function ExemptionDialog(props: {
  open: boolean;
  entityRef: string;
  controls: ControlResult[];
  initialControlId?: string;
  defaultRequester?: string;
  onClose: () => void;
  onCreated: (exemption: ComplianceExemptionRecord) => void;
}) {
  const classes = useStyles();
  const api = useApi(complianceApiRef);
  const identityApi = useApi(identityApiRef);
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const candidates = props.controls.filter(
    c => c.status === 'fail' || c.status === 'unknown',
  );
  const [controlId, setControlId] = useState(
    props.initialControlId ?? candidates[0]?.id ?? props.controls[0]?.id ?? '',
  );
  const control = props.controls.find(c => c.id === controlId);
  const definition = hipaaFramework.controls.find(c => c.id === controlId);
  const resources = exemptableResources(control);
  const [resourceId, setResourceId] = useState(
    resources.length === 1 ? resources[0] : WHOLE_CONTROL,
  );
  const [category, setCategory] = useState<ExemptionCategory>('mitigated');
  const [reason, setReason] = useState('');
  const [alternativeMeasure, setAlternativeMeasure] = useState('');
  const [ticketUrl, setTicketUrl] = useState('');
  const [requester, setRequester] = useState(props.defaultRequester ?? '');
  const today = DateTime.now();
  const [expiresAt, setExpiresAt] = useState(isoDate(today.plus({ days: 90 })));
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const created = await api.createExemption({
        entityRef: props.entityRef,
        controlId,
        ...(resourceId !== WHOLE_CONTROL ? { resourceId } : {}),
        category,
        reason,
        ...(category === 'alternative-measure' ? { alternativeMeasure } : {}),
        ...(ticketUrl ? { ticketUrl } : {}),
        requester,
        expiresAt: DateTime.fromISO(expiresAt, { zone: 'utc' })
          .endOf('day')
          .toISO()!,
      });
      props.onCreated(created);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const selectResource = (id: string) => setResourceId(id);

  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Add an exemption</DialogTitle>
      <DialogContent>
        <Typography variant="body2" className={classes.muted} paragraph>
          An exemption stops a failing or unverified control from counting
          against {humanizeRef(props.entityRef)} until it expires (at most one
          year). It is recorded with you as the approver
          {identity ? ` (${humanizeRef(identity.userEntityRef)})` : ''}; the
          requester must be someone else.
        </Typography>
        <FormControl fullWidth className={classes.field} variant="outlined">
          <InputLabel id="exemption-control">Control</InputLabel>
          <Select
            labelId="exemption-control"
            label="Control"
            value={controlId}
            onChange={e => {
              setControlId(e.target.value as string);
              const next = exemptableResources(
                props.controls.find(c => c.id === e.target.value),
              );
              setResourceId(next.length === 1 ? next[0] : WHOLE_CONTROL);
            }}
          >
            {(candidates.length ? candidates : props.controls).map(c => (
              <MenuItem key={c.id} value={c.id}>
                {c.id} {c.title}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl fullWidth className={classes.field} variant="outlined">
          <InputLabel id="exemption-resource">Scope</InputLabel>
          <Select
            labelId="exemption-resource"
            label="Scope"
            value={resourceId}
            onChange={e => selectResource(e.target.value as string)}
          >
            <MenuItem value={WHOLE_CONTROL}>
              The whole control for this service
            </MenuItem>
            {resources.map(id => (
              <MenuItem key={id} value={id}>
                {shortResourceId(id)}
              </MenuItem>
            ))}
          </Select>
          <FormHelperText>
            Narrow it to one resource when only that resource's findings are
            covered.
          </FormHelperText>
        </FormControl>
        <FormControl fullWidth className={classes.field} variant="outlined">
          <InputLabel id="exemption-category">Category</InputLabel>
          <Select
            labelId="exemption-category"
            label="Category"
            value={category}
            onChange={e => setCategory(e.target.value as ExemptionCategory)}
          >
            {EXEMPTION_CATEGORIES.map(c => (
              <MenuItem
                key={c}
                value={c}
                disabled={
                  c === 'alternative-measure' &&
                  definition?.implementation !== 'addressable'
                }
              >
                {c}
              </MenuItem>
            ))}
          </Select>
          <FormHelperText>{CATEGORY_HELP[category]}</FormHelperText>
        </FormControl>
        <TextField
          className={classes.field}
          id="exemption-reason"
          label="Reason"
          required
          fullWidth
          multiline
          minRows={3}
          variant="outlined"
          value={reason}
          onChange={e => setReason(e.target.value)}
        />
        {category === 'alternative-measure' && (
          <TextField
            className={classes.field}
            id="exemption-alternative"
            label="Equivalent measure implemented"
            required
            fullWidth
            multiline
            minRows={2}
            variant="outlined"
            value={alternativeMeasure}
            onChange={e => setAlternativeMeasure(e.target.value)}
          />
        )}
        <TextField
          className={classes.field}
          id="exemption-ticket"
          label="Ticket link"
          fullWidth
          variant="outlined"
          placeholder="https://tickets.example/SEC-123"
          value={ticketUrl}
          onChange={e => setTicketUrl(e.target.value)}
        />
        <RequesterField
          id="exemption-requester"
          className={classes.field}
          value={requester}
          onChange={setRequester}
          approver={identity?.userEntityRef}
          helperText="The person who asked for the exemption: a User in the catalog, and not you, the approver."
        />
        <TextField
          className={classes.field}
          id="exemption-expires"
          label="Expires"
          type="date"
          required
          fullWidth
          variant="outlined"
          InputLabelProps={{ shrink: true }}
          inputProps={{
            min: isoDate(today.plus({ days: 1 })),
            max: isoDate(today.plus({ years: 1 }).minus({ days: 1 })),
          }}
          value={expiresAt}
          onChange={e => setExpiresAt(e.target.value)}
        />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving || !controlId || !reason.trim() || !requester.trim()}
          onClick={submit}
        >
          Record exemption
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Records an attestation by the signed-in user: a link to evidence no API can show. */
export function AttestationDialog(props: {
  open: boolean;
  entityRef: string;
  controls: ControlResult[];
  initialControlId?: string;
  onClose: () => void;
  onCreated: (attestation: ComplianceAttestationRecord) => void;
}) {
  const classes = useStyles();
  const api = useApi(complianceApiRef);
  const unknown = props.controls.filter(c => c.status === 'unknown');
  const [controlId, setControlId] = useState(
    props.initialControlId ?? unknown[0]?.id ?? props.controls[0]?.id ?? '',
  );
  const [link, setLink] = useState('');
  const [note, setNote] = useState('');
  const today = DateTime.now();
  const [reviewBy, setReviewBy] = useState(
    isoDate(today.plus({ years: 1 }).minus({ days: 1 })),
  );
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      props.onCreated(
        await api.createAttestation({
          entityRef: props.entityRef,
          controlId,
          link,
          ...(note.trim() ? { note } : {}),
          reviewBy: DateTime.fromISO(reviewBy, { zone: 'utc' })
            .startOf('day')
            .toISO()!,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Attest a control</DialogTitle>
      <DialogContent>
        <Typography variant="body2" className={classes.muted} paragraph>
          An attestation is your signed statement, with a link to the evidence,
          that a control no API can show is in place (a contingency test held
          outside Vitals, a reviewed restore). It satisfies the control's
          unverified checks until the review date; it never overrides a failure.
        </Typography>
        <FormControl fullWidth className={classes.field} variant="outlined">
          <InputLabel id="attestation-control">Control</InputLabel>
          <Select
            labelId="attestation-control"
            label="Control"
            value={controlId}
            onChange={e => setControlId(e.target.value as string)}
          >
            {props.controls.map(c => (
              <MenuItem key={c.id} value={c.id}>
                {c.id} {c.title}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <TextField
          className={classes.field}
          id="attestation-link"
          label="Link to the evidence"
          required
          fullWidth
          variant="outlined"
          placeholder="https://docs.example/contingency/2026-test.pdf"
          value={link}
          onChange={e => setLink(e.target.value)}
        />
        <TextField
          className={classes.field}
          id="attestation-note"
          label="Note"
          fullWidth
          multiline
          minRows={2}
          variant="outlined"
          value={note}
          onChange={e => setNote(e.target.value)}
        />
        <TextField
          className={classes.field}
          id="attestation-review-by"
          label="Review by"
          type="date"
          required
          fullWidth
          variant="outlined"
          InputLabelProps={{ shrink: true }}
          inputProps={{
            min: isoDate(today.plus({ days: 1 })),
            max: isoDate(today.plus({ years: 1 })),
          }}
          value={reviewBy}
          onChange={e => setReviewBy(e.target.value)}
        />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving || !controlId || !link.trim()}
          onClick={submit}
        >
          Record attestation
        </Button>
      </DialogActions>
    </Dialog>
  );
}

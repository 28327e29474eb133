import { useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  makeStyles,
  MenuItem,
  Radio,
  RadioGroup,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  DRILL_REASON_MAX_LENGTH,
  DRILL_REASON_MIN_LENGTH,
  DrillOutcome,
  DrillRecord,
  DrillRevision,
  isoDurationToSeconds,
} from '@vitals/plugin-dr-readiness-common';
import { DateTime } from 'luxon';
import { drReadinessApiRef } from '../../api/DrReadinessApi';
import { formatDate, formatDuration, regionLabel } from '../format';
import { ToneIcon, Tone } from '../status';

const useStyles = makeStyles(theme => ({
  outcome: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
  notes: { maxWidth: 420, whiteSpace: 'pre-wrap' },
  fields: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  wide: { gridColumn: '1 / -1' },
  withdrawn: { textDecoration: 'line-through' },
  // Stacked, so the history fits a card's width next to long notes.
  actions: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    whiteSpace: 'nowrap',
  },
}));

const OUTCOME_TONE: Record<DrillOutcome, Tone> = {
  success: 'ok',
  partial: 'warn',
  failed: 'error',
};
const OUTCOME_LABEL: Record<DrillOutcome, string> = {
  success: 'Success',
  partial: 'Partial',
  failed: 'Failed',
};

function describeRevision(r: DrillRevision): string {
  const what = r.action === 'withdraw' ? 'Withdrawn' : 'Corrected';
  return `${what} by ${r.by.replace(/^user:(default\/)?/, '')} on ${formatDate(
    r.at,
  )}: ${r.reason}`;
}

/** Whether the drill was withdrawn or corrected, and by whom, when and why. */
function DrillStateChip(props: { drill: DrillRecord }) {
  const { drill } = props;
  if (!drill.state || drill.state === 'recorded') return null;
  const title = (drill.revisions ?? []).map(describeRevision).join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{title}</span>}>
      <Chip
        size="small"
        variant="outlined"
        style={{ marginTop: 4 }}
        label={drill.state === 'withdrawn' ? 'Withdrawn' : 'Corrected'}
        aria-label={title}
      />
    </Tooltip>
  );
}

/**
 * The drills recorded for the entity, newest first. Withdrawn drills stay
 * listed, struck through; corrected ones show their corrected values. With
 * `onCorrect` and `onWithdraw` (users who may record drills) each drill that
 * is not withdrawn offers both.
 */
export function DrillHistory(props: {
  drills: DrillRecord[];
  loading?: boolean;
  action?: React.ReactNode;
  onCorrect?: (drill: DrillRecord) => void;
  onWithdraw?: (drill: DrillRecord) => void;
}) {
  const classes = useStyles();
  const { onCorrect, onWithdraw } = props;
  const struck = (d: DrillRecord) =>
    d.state === 'withdrawn' ? classes.withdrawn : undefined;
  const columns: TableColumn<DrillRecord>[] = [
    {
      title: 'Performed',
      cellStyle: { whiteSpace: 'nowrap' },
      field: 'performedAt',
      defaultSort: 'desc',
      // The state sits under the date, so the history fits a card's width.
      render: d => (
        <Box display="flex" flexDirection="column" alignItems="flex-start">
          <span className={struck(d)}>{formatDate(d.performedAt)}</span>
          <DrillStateChip drill={d} />
        </Box>
      ),
    },
    {
      title: 'Region lost',
      cellStyle: { whiteSpace: 'nowrap' },
      field: 'region',
      render: d => regionLabel(d.region),
    },
    {
      title: 'Outcome',
      field: 'outcome',
      render: d => (
        <span className={classes.outcome}>
          <ToneIcon tone={OUTCOME_TONE[d.outcome]} />
          {OUTCOME_LABEL[d.outcome]}
        </span>
      ),
    },
    {
      title: 'RTO achieved',
      cellStyle: { whiteSpace: 'nowrap' },
      field: 'rtoAchieved',
      render: d => formatDuration(d.rtoAchieved),
    },
    {
      title: 'RPO achieved',
      cellStyle: { whiteSpace: 'nowrap' },
      field: 'rpoAchieved',
      render: d => formatDuration(d.rpoAchieved),
    },
    {
      title: 'Notes',
      field: 'notes',
      sorting: false,
      cellStyle: { minWidth: 160 },
      render: d => <div className={classes.notes}>{d.notes || '—'}</div>,
    },
    {
      title: 'Recorded by',
      field: 'recordedBy',
      render: d => (
        <EntityRefLink entityRef={d.recordedBy} defaultKind="user" hideIcon />
      ),
    },
  ];
  if (onCorrect && onWithdraw) {
    columns.push({
      title: 'Actions',
      sorting: false,
      render: d =>
        d.state === 'withdrawn' ? null : (
          <span className={classes.actions}>
            <Button
              size="small"
              onClick={() => onCorrect(d)}
              aria-label={`Correct the drill of ${formatDate(d.performedAt)}`}
            >
              Correct
            </Button>
            <Button
              size="small"
              onClick={() => onWithdraw(d)}
              aria-label={`Withdraw the drill of ${formatDate(d.performedAt)}`}
            >
              Withdraw
            </Button>
          </span>
        ),
    });
  }
  return (
    <Table<DrillRecord>
      title={
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <span>Drill history ({props.drills.length})</span>
          {props.action}
        </Box>
      }
      data={props.drills}
      columns={columns}
      isLoading={props.loading}
      options={{
        paging: props.drills.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
        sorting: true,
      }}
      emptyContent={
        <Box p={3}>
          <Typography color="textSecondary">
            No DR drill is recorded yet. Rehearse the loss of the primary
            region, measure the recovery time and the data lost, and record it
            here.
          </Typography>
        </Box>
      }
    />
  );
}

/** Minutes typed by a person, as the ISO-8601 duration the API takes. */
function minutesToIso(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const minutes = Number(value);
  // The backend rejects anything else, naming the field.
  if (!Number.isFinite(minutes) || minutes < 0) return value;
  return `PT${Math.round(minutes * 60)}S`;
}

/** An ISO-8601 duration as the minutes the dialog asks for. */
function isoToMinutes(iso: string | undefined): string {
  if (!iso) return '';
  const seconds = isoDurationToSeconds(iso, { allowZero: true });
  return seconds === undefined ? iso : String(Math.round(seconds / 60));
}

/** The reason a correction or a withdrawal asks for. */
function ReasonField(props: {
  value: string;
  onChange: (value: string) => void;
  className?: string;
  helperText: string;
}) {
  return (
    <TextField
      className={props.className}
      label="Reason"
      required
      fullWidth
      multiline
      minRows={2}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      variant="outlined"
      size="small"
      inputProps={{ maxLength: DRILL_REASON_MAX_LENGTH }}
      helperText={props.helperText}
      id="drill-reason"
    />
  );
}

const reasonGiven = (reason: string) =>
  reason.trim().length >= DRILL_REASON_MIN_LENGTH;

/**
 * Records a DR drill, or corrects one when `drill` is given (asking why);
 * shown only to users with dr-readiness.drill.create.
 */
export function RecordDrillDialog(props: {
  entityRef: CompoundEntityRef;
  regions: string[];
  open: boolean;
  onClose: () => void;
  onRecorded: (drill: DrillRecord) => void;
  /** The drill to correct. */
  drill?: DrillRecord;
}) {
  const classes = useStyles();
  const api = useApi(drReadinessApiRef);
  const correcting = props.drill;
  const [region, setRegion] = useState(
    correcting?.region ?? props.regions[0] ?? '',
  );
  const [performedAt, setPerformedAt] = useState(() =>
    (correcting
      ? DateTime.fromISO(correcting.performedAt)
      : DateTime.now().startOf('minute')
    ).toFormat("yyyy-MM-dd'T'HH:mm"),
  );
  const [outcome, setOutcome] = useState<DrillOutcome>(
    correcting?.outcome ?? 'success',
  );
  const [rto, setRto] = useState(isoToMinutes(correcting?.rtoAchieved));
  const [rpo, setRpo] = useState(isoToMinutes(correcting?.rpoAchieved));
  const [notes, setNotes] = useState(correcting?.notes ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const regions =
    correcting && !props.regions.includes(correcting.region)
      ? [correcting.region, ...props.regions]
      : props.regions;

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const performed = DateTime.fromFormat(performedAt, "yyyy-MM-dd'T'HH:mm");
      const input = {
        region,
        performedAt: performed.isValid
          ? performed.toUTC().toISO()!
          : performedAt,
        outcome,
        ...(minutesToIso(rto) ? { rtoAchieved: minutesToIso(rto) } : {}),
        ...(minutesToIso(rpo) ? { rpoAchieved: minutesToIso(rpo) } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      };
      const drill = correcting
        ? await api.correctDrill(props.entityRef, correcting.id, {
            ...input,
            reason: reason.trim(),
          })
        : await api.recordDrill(props.entityRef, input);
      props.onRecorded(drill);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby="record-drill-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="record-drill-title">
        {correcting ? 'Correct a DR drill' : 'Record a DR drill'}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary">
          {correcting
            ? 'The corrected values replace the recorded ones for readiness; the drill as first recorded, and your reason, stay on record.'
            : 'A drill rehearses the loss of one region: fail over, measure how long the service took to serve again and how much data was lost.'}
        </Typography>
        {error && (
          <Box mt={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <Box className={classes.fields}>
          <TextField
            select
            label="Region lost"
            value={region}
            onChange={e => setRegion(e.target.value)}
            variant="outlined"
            size="small"
            id="drill-region"
          >
            {regions.map(r => (
              <MenuItem key={r} value={r}>
                {regionLabel(r)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Performed at"
            type="datetime-local"
            value={performedAt}
            onChange={e => setPerformedAt(e.target.value)}
            variant="outlined"
            size="small"
            InputLabelProps={{ shrink: true }}
            id="drill-performed-at"
          />
          <FormControl component="fieldset" className={classes.wide}>
            <FormLabel component="legend">Outcome</FormLabel>
            <RadioGroup
              row
              value={outcome}
              onChange={e => setOutcome(e.target.value as DrillOutcome)}
            >
              {(['success', 'partial', 'failed'] as const).map(o => (
                <FormControlLabel
                  key={o}
                  value={o}
                  control={<Radio color="primary" />}
                  label={OUTCOME_LABEL[o]}
                />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField
            label="Recovery time (min)"
            type="number"
            inputProps={{ min: 0, step: 1 }}
            value={rto}
            onChange={e => setRto(e.target.value)}
            variant="outlined"
            size="small"
            id="drill-rto"
          />
          <TextField
            label="Data lost (min)"
            type="number"
            inputProps={{ min: 0, step: 1 }}
            value={rpo}
            onChange={e => setRpo(e.target.value)}
            variant="outlined"
            size="small"
            id="drill-rpo"
          />
          <TextField
            className={classes.wide}
            label="Notes"
            multiline
            minRows={3}
            value={notes}
            onChange={e => setNotes(e.target.value)}
            variant="outlined"
            size="small"
            helperText="What was done and what went wrong. No patient data."
            id="drill-notes"
          />
          {correcting && (
            <ReasonField
              className={classes.wide}
              value={reason}
              onChange={setReason}
              helperText="Why the recorded values were wrong. No patient data."
            />
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={saving || !region || (!!correcting && !reasonGiven(reason))}
        >
          {correcting ? 'Save correction' : 'Record drill'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Withdraws a drill, asking why: it stays in the history, marked withdrawn,
 * and no longer counts for readiness. Shown only to users with
 * dr-readiness.drill.create.
 */
export function WithdrawDrillDialog(props: {
  entityRef: CompoundEntityRef;
  drill: DrillRecord;
  onClose: () => void;
  onWithdrawn: (drill: DrillRecord) => void;
}) {
  const api = useApi(drReadinessApiRef);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      props.onWithdrawn(
        await api.withdrawDrill(props.entityRef, props.drill.id, reason.trim()),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="withdraw-drill-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="withdraw-drill-title">Withdraw a DR drill</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" paragraph>
          The drill of {regionLabel(props.drill.region)} on{' '}
          {formatDate(props.drill.performedAt)} stays in the history, marked
          withdrawn, and no longer counts for readiness. This cannot be undone.
        </Typography>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <ReasonField
          value={reason}
          onChange={setReason}
          helperText="Why the drill should not count. No patient data."
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={saving || !reasonGiven(reason)}
        >
          Withdraw drill
        </Button>
      </DialogActions>
    </Dialog>
  );
}

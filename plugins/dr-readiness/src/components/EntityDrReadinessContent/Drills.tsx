import { useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
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
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type {
  DrillOutcome,
  DrillRecord,
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

/** The drills recorded for the entity, newest first. */
export function DrillHistory(props: {
  drills: DrillRecord[];
  loading?: boolean;
  action?: React.ReactNode;
}) {
  const classes = useStyles();
  const columns: TableColumn<DrillRecord>[] = [
    {
      title: 'Performed',
      cellStyle: { whiteSpace: 'nowrap' },
      field: 'performedAt',
      defaultSort: 'desc',
      render: d => formatDate(d.performedAt),
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
      cellStyle: { minWidth: 320 },
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

/** Records a DR drill; shown only to users with dr-readiness.drill.create. */
export function RecordDrillDialog(props: {
  entityRef: CompoundEntityRef;
  regions: string[];
  open: boolean;
  onClose: () => void;
  onRecorded: (drill: DrillRecord) => void;
}) {
  const classes = useStyles();
  const api = useApi(drReadinessApiRef);
  const [region, setRegion] = useState(props.regions[0] ?? '');
  const [performedAt, setPerformedAt] = useState(() =>
    DateTime.now().startOf('minute').toFormat("yyyy-MM-dd'T'HH:mm"),
  );
  const [outcome, setOutcome] = useState<DrillOutcome>('success');
  const [rto, setRto] = useState('');
  const [rpo, setRpo] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const performed = DateTime.fromFormat(performedAt, "yyyy-MM-dd'T'HH:mm");
      const drill = await api.recordDrill(props.entityRef, {
        region,
        performedAt: performed.isValid
          ? performed.toUTC().toISO()!
          : performedAt,
        outcome,
        ...(minutesToIso(rto) ? { rtoAchieved: minutesToIso(rto) } : {}),
        ...(minutesToIso(rpo) ? { rpoAchieved: minutesToIso(rpo) } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
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
      <DialogTitle id="record-drill-title">Record a DR drill</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary">
          A drill rehearses the loss of one region: fail over, measure how long
          the service took to serve again and how much data was lost.
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
            {props.regions.map(r => (
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
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={saving || !region}
        >
          Record drill
        </Button>
      </DialogActions>
    </Dialog>
  );
}

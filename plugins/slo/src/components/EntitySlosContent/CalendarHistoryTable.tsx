import {
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { CalendarPeriodResult } from '@vitals/plugin-slo-common';
import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { formatPercent } from '../format';

function PeriodTable(props: { title: string; rows: CalendarPeriodResult[] }) {
  return (
    <Table size="small" aria-label={props.title}>
      <TableHead>
        <TableRow>
          <TableCell>{props.title}</TableCell>
          <TableCell align="right">SLI</TableCell>
          <TableCell align="right">Budget used</TableCell>
          <TableCell>Objective</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(h => (
          <TableRow key={`${h.kind}-${h.label}`}>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {h.label}
              {!h.complete && ' (so far)'}
              {h.coverage < 0.95 && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  data for {Math.round(h.coverage * 100)}% of days
                </Typography>
              )}
            </TableCell>
            <TableCell align="right">{formatPercent(h.sli)}</TableCell>
            <TableCell align="right">{formatPercent(h.consumed, 0)}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {h.met === null && <StatusPending>No traffic</StatusPending>}
              {h.met === true && <StatusOK>Met</StatusOK>}
              {h.met === false && <StatusError>Missed</StatusError>}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Past months and quarters: did the SLO meet its objective? */
export function CalendarHistoryTable(props: {
  history: CalendarPeriodResult[];
}) {
  const months = props.history
    .filter(h => h.kind === 'month' && h.coverage > 0)
    .slice(0, 6);
  const quarters = props.history.filter(
    h => h.kind === 'quarter' && h.coverage > 0,
  );
  if (months.length === 0 && quarters.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet: months appear here as data accumulates.
      </Typography>
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <PeriodTable title="Month" rows={months} />
      </Grid>
      <Grid item xs={12} md={6}>
        <PeriodTable title="Quarter" rows={quarters} />
      </Grid>
    </Grid>
  );
}

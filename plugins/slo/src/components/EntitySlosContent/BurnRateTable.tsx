import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { SloBurnRate } from '@vitals/plugin-slo-common';
import { formatBurnRate, formatFactor } from '../format';

const useStyles = makeStyles(theme => ({
  firing: { color: theme.palette.status.error, fontWeight: 700 },
  ok: { color: theme.palette.status.ok, fontWeight: 600 },
  numeric: { fontVariantNumeric: 'tabular-nums' },
  over: { color: theme.palette.status.error, fontWeight: 600 },
}));

/**
 * The multi-window, multi-burn-rate alerts: each fires when both its long
 * and its short window burn faster than its factor.
 */
export function BurnRateTable(props: { burnRates: SloBurnRate[] }) {
  const classes = useStyles();
  if (props.burnRates.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The SLO window is too short for burn-rate alerts.
      </Typography>
    );
  }
  const rate = (value: number | null, factor: number) => (
    <span
      className={`${classes.numeric} ${
        value !== null && value > factor ? classes.over : ''
      }`}
    >
      {formatBurnRate(value)}
    </span>
  );
  return (
    <Table size="small" aria-label="Burn-rate alerts">
      <TableHead>
        <TableRow>
          <TableCell>Alert</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Long window</TableCell>
          <TableCell>Short window</TableCell>
          <TableCell align="right">Threshold</TableCell>
          <TableCell align="right">Long burn</TableCell>
          <TableCell align="right">Short burn</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.burnRates.map(b => (
          <TableRow key={`${b.longWindow}-${b.severity}`}>
            <TableCell>
              {b.firing ? (
                <span className={classes.firing}>Firing</span>
              ) : (
                <span className={classes.ok}>OK</span>
              )}
            </TableCell>
            <TableCell>{b.severity === 'page' ? 'Page' : 'Ticket'}</TableCell>
            <TableCell>{b.longWindow}</TableCell>
            <TableCell>{b.shortWindow}</TableCell>
            <TableCell align="right" className={classes.numeric}>
              <Tooltip title="Fires when both windows burn faster than this">
                <span>{formatFactor(b.factor)}</span>
              </Tooltip>
            </TableCell>
            <TableCell align="right">{rate(b.longRate, b.factor)}</TableCell>
            <TableCell align="right">{rate(b.shortRate, b.factor)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

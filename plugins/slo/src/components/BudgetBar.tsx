import { Box, LinearProgress, makeStyles, Typography } from '@material-ui/core';
import { formatPercent } from './format';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 140,
  },
  bar: {
    flex: 1,
    height: 8,
    borderRadius: 4,
    backgroundColor: theme.palette.action.hover,
  },
  healthy: { backgroundColor: theme.palette.status.ok },
  warning: { backgroundColor: theme.palette.status.warning },
  freeze: { backgroundColor: theme.palette.status.error },
  label: {
    minWidth: 56,
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
  },
  overspent: { color: theme.palette.status.error, fontWeight: 600 },
}));

/** Error budget remaining as a bar; an overspent budget shows its negative share in red. */
export function BudgetBar(props: {
  remaining: number | null;
  hideLabel?: boolean;
}) {
  const classes = useStyles();
  const { remaining } = props;
  if (remaining === null) {
    return <Typography variant="body2">—</Typography>;
  }
  let state: 'healthy' | 'warning' | 'freeze' = 'healthy';
  if (remaining <= 0) state = 'freeze';
  else if (remaining < 0.25) state = 'warning';
  return (
    <Box className={classes.root}>
      <LinearProgress
        variant="determinate"
        value={Math.max(0, Math.min(100, remaining * 100))}
        classes={{ root: classes.bar, bar: classes[state] }}
        aria-label={`Error budget remaining ${formatPercent(remaining, 1)}`}
      />
      {!props.hideLabel && (
        <Typography
          variant="body2"
          className={`${classes.label} ${
            remaining < 0 ? classes.overspent : ''
          }`}
        >
          {formatPercent(remaining, 1)}
        </Typography>
      )}
    </Box>
  );
}

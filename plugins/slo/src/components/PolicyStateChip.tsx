import { Chip, makeStyles, Tooltip } from '@material-ui/core';
import { PolicyState, POLICY_GUIDANCE } from '@vitals/plugin-slo-common';

const useStyles = makeStyles(theme => ({
  healthy: {
    backgroundColor: theme.palette.status.ok,
    color: theme.palette.getContrastText(theme.palette.status.ok),
  },
  warning: {
    backgroundColor: theme.palette.status.warning,
    color: theme.palette.getContrastText(theme.palette.status.warning),
  },
  freeze: {
    backgroundColor: theme.palette.status.error,
    color: theme.palette.getContrastText(theme.palette.status.error),
  },
  chip: { fontWeight: 600, letterSpacing: 0.3 },
}));

const LABELS: Record<PolicyState, string> = {
  healthy: 'Healthy',
  warning: 'Warning',
  freeze: 'Freeze',
};

/** The error-budget policy state, with what the policy asks as its tooltip. */
export function PolicyStateChip(props: {
  state: PolicyState | null;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  if (!props.state) {
    return (
      <Chip
        size={props.size ?? 'small'}
        label="Not computed"
        variant="outlined"
      />
    );
  }
  return (
    <Tooltip title={POLICY_GUIDANCE[props.state]}>
      <Chip
        size={props.size ?? 'small'}
        label={LABELS[props.state]}
        className={`${classes.chip} ${classes[props.state]}`}
      />
    </Tooltip>
  );
}

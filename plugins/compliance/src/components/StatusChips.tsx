import { Chip, makeStyles, Tooltip } from '@material-ui/core';
import type {
  ComplianceStatus,
  ControlStatus,
} from '@vitals/plugin-compliance-common';
import {
  COMPLIANCE_STATUS_HINTS,
  COMPLIANCE_STATUS_LABELS,
  CONTROL_STATUS_LABELS,
} from './format';

const useStyles = makeStyles(theme => {
  const filled = (color: string) => ({
    backgroundColor: color,
    color: theme.palette.getContrastText(color),
  });
  return {
    chip: { fontWeight: 600, letterSpacing: 0.3 },
    compliant: filled(theme.palette.status.ok),
    pass: filled(theme.palette.status.ok),
    'non-compliant': filled(theme.palette.status.error),
    fail: filled(theme.palette.status.error),
    exempt: filled(theme.palette.info.main),
    unknown: filled(theme.palette.status.warning),
    'not-applicable': {
      color: theme.palette.text.secondary,
      borderColor: theme.palette.divider,
    },
  };
});

/** A service's overall HIPAA status, with what it means as its tooltip. */
export function ComplianceStatusChip(props: {
  status: ComplianceStatus | null | undefined;
  size?: 'small' | 'medium';
  prefix?: string;
}) {
  const classes = useStyles();
  if (!props.status) {
    return (
      <Chip
        size={props.size ?? 'small'}
        label="Not evaluated"
        variant="outlined"
      />
    );
  }
  const label = `${props.prefix ?? ''}${
    COMPLIANCE_STATUS_LABELS[props.status]
  }`;
  return (
    <Tooltip title={COMPLIANCE_STATUS_HINTS[props.status]}>
      <Chip
        size={props.size ?? 'small'}
        label={label}
        variant={props.status === 'not-applicable' ? 'outlined' : 'default'}
        className={`${classes.chip} ${classes[props.status]}`}
      />
    </Tooltip>
  );
}

/** One control's (or finding's) status. */
export function ControlStatusChip(props: {
  status: ControlStatus;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  return (
    <Chip
      size={props.size ?? 'small'}
      label={CONTROL_STATUS_LABELS[props.status]}
      variant={props.status === 'not-applicable' ? 'outlined' : 'default'}
      className={`${classes.chip} ${classes[props.status]}`}
    />
  );
}

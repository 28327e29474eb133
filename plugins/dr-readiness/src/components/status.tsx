import { Box, Chip, makeStyles, Theme, Tooltip } from '@material-ui/core';
import { fade } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';
import type {
  CheckStatus,
  ImpactOutcome,
  ReadinessStatus,
} from '@vitals/plugin-dr-readiness-common';

/** How a status reads at a glance: good, needs attention, broken, no evidence, not required. */
export type Tone = 'ok' | 'warn' | 'error' | 'unknown' | 'muted';

export const READINESS_LABEL: Record<ReadinessStatus, string> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  'not-ready': 'Not ready',
  unknown: 'Unknown',
};

export const READINESS_HINT: Record<ReadinessStatus, string> = {
  ready: 'Comes back within its RTO and RPO if this region goes down',
  'at-risk':
    'Comes back, but with a gap: a warning, a stale drill or missing hygiene',
  'not-ready':
    'Does not come back within its RTO and RPO: a blocking check fails',
  unknown: 'Evidence is missing, so readiness cannot be judged',
};

export const CHECK_LABEL: Record<CheckStatus, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  unknown: 'No evidence',
};

export const IMPACT_LABEL: Record<ImpactOutcome, string> = {
  'fails-over': 'Fails over',
  degrades: 'Degrades',
  'goes-down': 'Goes down',
  unknown: 'Unknown',
};

export const READINESS_TONE: Record<ReadinessStatus, Tone> = {
  ready: 'ok',
  'at-risk': 'warn',
  'not-ready': 'error',
  unknown: 'unknown',
};

export const CHECK_TONE: Record<CheckStatus, Tone> = {
  pass: 'ok',
  warn: 'warn',
  fail: 'error',
  unknown: 'unknown',
};

export const IMPACT_TONE: Record<ImpactOutcome, Tone> = {
  'fails-over': 'ok',
  degrades: 'warn',
  'goes-down': 'error',
  unknown: 'unknown',
};

export function toneColor(theme: Theme, tone: Tone): string {
  switch (tone) {
    case 'ok':
      return theme.palette.status.ok;
    case 'warn':
      return theme.palette.status.warning;
    case 'error':
      return theme.palette.status.error;
    case 'unknown':
      return theme.palette.type === 'dark' ? '#9e9eb8' : '#6b6b85';
    default:
      return theme.palette.text.disabled;
  }
}

const TONES: Tone[] = ['ok', 'warn', 'error', 'unknown', 'muted'];

/**
 * Filled chips use the status colour with its contrast text; tinted cells
 * (the heat map) keep the theme's text colour on a translucent status colour
 * with a solid edge, which reads on light and dark backgrounds alike.
 */
export const useToneStyles = makeStyles(theme => {
  const styles: Record<string, any> = {
    chip: { fontWeight: 600, letterSpacing: 0.2 },
  };
  for (const tone of TONES) {
    const color = toneColor(theme, tone);
    styles[`filled-${tone}`] = {
      backgroundColor: color,
      color: theme.palette.getContrastText(color),
      '& svg': { color: theme.palette.getContrastText(color) },
    };
    styles[`tint-${tone}`] = {
      backgroundColor: fade(color, theme.palette.type === 'dark' ? 0.3 : 0.16),
      borderLeft: `4px solid ${color}`,
      color: theme.palette.text.primary,
    };
    styles[`text-${tone}`] = { color };
  }
  return styles;
});

export function ToneIcon(props: {
  tone: Tone;
  fontSize?: 'small' | 'inherit';
}) {
  const classes = useToneStyles();
  const className = classes[`text-${props.tone}`];
  const fontSize = props.fontSize ?? 'small';
  switch (props.tone) {
    case 'ok':
      return <CheckCircleIcon className={className} fontSize={fontSize} />;
    case 'warn':
      return <WarningIcon className={className} fontSize={fontSize} />;
    case 'error':
      return <ErrorIcon className={className} fontSize={fontSize} />;
    case 'unknown':
      return <HelpIcon className={className} fontSize={fontSize} />;
    default:
      return (
        <RemoveCircleOutlineIcon className={className} fontSize={fontSize} />
      );
  }
}

function ToneChip(props: {
  tone: Tone;
  label: string;
  hint?: string;
  size?: 'small' | 'medium';
}) {
  const classes = useToneStyles();
  const chip = (
    <Chip
      size={props.size ?? 'small'}
      label={props.label}
      className={`${classes.chip} ${classes[`filled-${props.tone}`]}`}
    />
  );
  return props.hint ? <Tooltip title={props.hint}>{chip}</Tooltip> : chip;
}

/** Readiness of a service or a region; `required: false` (tier none) shows as not required. */
export function ReadinessChip(props: {
  status: ReadinessStatus;
  required?: boolean;
  size?: 'small' | 'medium';
}) {
  if (props.required === false) {
    return (
      <ToneChip
        tone="muted"
        label="Not required"
        size={props.size}
        hint={`Tier none: nothing is required. Evaluated as ${READINESS_LABEL[
          props.status
        ].toLocaleLowerCase('en-US')}.`}
      />
    );
  }
  return (
    <ToneChip
      tone={READINESS_TONE[props.status]}
      label={READINESS_LABEL[props.status]}
      hint={READINESS_HINT[props.status]}
      size={props.size}
    />
  );
}

export function CheckChip(props: { status: CheckStatus }) {
  return (
    <ToneChip
      tone={CHECK_TONE[props.status]}
      label={CHECK_LABEL[props.status]}
    />
  );
}

export function ImpactChip(props: { outcome: ImpactOutcome }) {
  return (
    <ToneChip
      tone={IMPACT_TONE[props.outcome]}
      label={IMPACT_LABEL[props.outcome]}
    />
  );
}

/** The colour key of the heat map. */
export function Legend() {
  const classes = useToneStyles();
  const items: Array<[Tone, string, string]> = [
    ['ok', 'Ready', READINESS_HINT.ready],
    ['warn', 'At risk', READINESS_HINT['at-risk']],
    ['error', 'Not ready', READINESS_HINT['not-ready']],
    ['unknown', 'Unknown', READINESS_HINT.unknown],
    ['muted', 'Not required (tier none)', 'Reported, nothing is required'],
  ];
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      role="list"
      aria-label="Legend"
    >
      {items.map(([tone, label, hint]) => (
        <Tooltip key={tone} title={hint}>
          <Box
            role="listitem"
            className={classes[`tint-${tone}`]}
            px={1}
            py={0.25}
            display="flex"
            alignItems="center"
            style={{ gap: 6, fontSize: 13, borderRadius: 2 }}
          >
            <ToneIcon tone={tone} fontSize="inherit" />
            {label}
          </Box>
        </Tooltip>
      ))}
      <Box
        display="flex"
        alignItems="center"
        style={{ fontSize: 13, gap: 12 }}
        color="text.secondary"
      >
        <span>
          <b>P</b> primary region
        </span>
        <span>
          <b>S</b> secondary region
        </span>
      </Box>
    </Box>
  );
}

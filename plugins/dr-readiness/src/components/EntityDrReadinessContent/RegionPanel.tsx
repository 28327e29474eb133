import { Fragment } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Chip,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  isoDurationToSeconds,
  ReadinessCheckResult,
  RegionReadiness,
} from '@vitals/plugin-dr-readiness-common';
import { Evidence } from '../Evidence';
import { formatDuration, humanizeDurations } from '../format';
import {
  CHECK_TONE,
  CheckChip,
  ReadinessChip,
  READINESS_TONE,
  ToneIcon,
  useToneStyles,
} from '../status';

const useStyles = makeStyles(theme => ({
  summary: { marginBottom: theme.spacing(2) },
  recovery: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  recoveryValue: {
    fontSize: 22,
    fontWeight: 700,
    fontVariantNumeric: 'tabular-nums',
  },
  muted: { color: theme.palette.text.secondary },
  components: {
    margin: theme.spacing(0, 0, 2),
    paddingLeft: theme.spacing(2.5),
    fontSize: 13,
    color: theme.palette.text.secondary,
  },
  check: {
    '&:before': { display: 'none' },
    border: `1px solid ${theme.palette.divider}`,
    marginBottom: theme.spacing(1),
    boxShadow: 'none',
  },
  checkHead: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    width: '100%',
  },
  checkTitle: { fontWeight: 600, flex: 1 },
  checkSummary: { fontSize: 13, color: theme.palette.text.secondary },
  details: { display: 'block' },
  remediation: {
    padding: theme.spacing(1, 1.5),
    margin: theme.spacing(1, 0, 1.5),
    borderRadius: theme.shape.borderRadius,
  },
  label: {
    fontSize: 11,
    fontWeight: 700,
    textTransform: 'uppercase',
    letterSpacing: 0.6,
    color: theme.palette.text.secondary,
  },
  blocking: { height: 20, fontSize: 11 },
  aprl: {
    fontSize: 12,
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
  },
}));

/** The Azure Proactive Resiliency Library, where the recommendations a check mirrors are described. */
export const APRL_URL =
  'https://azure.github.io/Azure-Proactive-Resiliency-Library-v2/';

/**
 * The APRL recommendations a check mirrors, as the compliance page names the
 * Azure Policy built-in of a rule, so reviewers can hold the check against a
 * published standard. Beside the title as text (the row is a button, which
 * cannot hold links); linked in the check's details.
 */
function MirroredAprl(props: { ids: readonly string[]; linked?: boolean }) {
  const classes = useStyles();
  if (props.ids.length === 0) return null;
  if (!props.linked) {
    return (
      <Typography component="span" className={classes.aprl}>
        APRL {props.ids.join(', ')}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" gutterBottom>
      Mirrors the Azure Proactive Resiliency Library:{' '}
      {props.ids.map((id, i) => (
        <Fragment key={id}>
          {i > 0 && ', '}
          <Link
            to={APRL_URL}
            aria-label={`APRL recommendation ${id}`}
            title={`Azure Proactive Resiliency Library recommendation ${id}`}
          >
            {id}
          </Link>
        </Fragment>
      ))}
    </Typography>
  );
}

const CATEGORY_LABEL: Record<ReadinessCheckResult['category'], string> = {
  'data-protection': 'Data protection',
  recovery: 'Recovery',
  assurance: 'Assurance',
};

function CheckItem(props: { check: ReadinessCheckResult }) {
  const classes = useStyles();
  const tones = useToneStyles();
  const { check } = props;
  const tone = CHECK_TONE[check.status];
  return (
    <Accordion
      className={classes.check}
      defaultExpanded={check.status === 'fail'}
      TransitionProps={{ unmountOnExit: true }}
      data-testid={`check-${check.id}`}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-label={`${check.title}: ${check.status}`}
      >
        <Box width="100%">
          <Box className={classes.checkHead}>
            <ToneIcon tone={tone} />
            <Typography className={classes.checkTitle}>
              {check.title}
            </Typography>
            <MirroredAprl ids={check.mirrors?.aprl ?? []} />
            {check.blocking && (
              <Chip
                size="small"
                variant="outlined"
                className={classes.blocking}
                label={
                  check.impact === 'goes-down'
                    ? 'Blocking: goes down'
                    : 'Blocking: degrades'
                }
              />
            )}
            <CheckChip status={check.status} />
          </Box>
          <Typography className={classes.checkSummary}>
            {humanizeDurations(check.summary)}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails className={classes.details}>
        {check.remediation && (
          <Box className={`${classes.remediation} ${tones[`tint-${tone}`]}`}>
            <Typography className={classes.label}>Remediation</Typography>
            <Typography variant="body2">
              {humanizeDurations(check.remediation)}
            </Typography>
          </Box>
        )}
        <MirroredAprl ids={check.mirrors?.aprl ?? []} linked />
        <Typography className={classes.label} gutterBottom>
          Evidence · {CATEGORY_LABEL[check.category]} · weight {check.weight}
          {check.mirrors?.aprl.length
            ? ''
            : ' · no APRL recommendation corresponds'}
        </Typography>
        <Evidence evidence={check.evidence} />
      </AccordionDetails>
    </Accordion>
  );
}

/** What losing one region does: status, estimated recovery against the RTO, and every check. */
export function RegionPanel(props: {
  region: RegionReadiness;
  rto: string | null;
  required: boolean;
}) {
  const classes = useStyles();
  const { region, rto } = props;
  const estimate = region.estimatedRecovery.duration;
  const estimateSeconds = isoDurationToSeconds(estimate, { allowZero: true });
  const rtoSeconds = isoDurationToSeconds(rto);
  const beyond =
    estimateSeconds !== undefined &&
    rtoSeconds !== undefined &&
    estimateSeconds > rtoSeconds;
  const order = { fail: 0, unknown: 1, warn: 2, pass: 3 };
  const checks = [...region.checks].sort(
    (a, b) => order[a.status] - order[b.status],
  );
  return (
    <InfoCard
      title={`If ${region.displayName} goes down`}
      subheader={`${
        region.role === 'primary' ? 'Primary' : 'Secondary'
      } region (${region.region})`}
      action={
        <Box pt={2} pr={1}>
          <ReadinessChip
            status={region.status}
            required={props.required}
            size="medium"
          />
        </Box>
      }
    >
      <Box className={classes.recovery}>
        <ToneIcon
          tone={beyond ? 'error' : READINESS_TONE[region.status]}
          fontSize="small"
        />
        <Typography className={classes.muted}>Estimated recovery</Typography>
        <Typography className={classes.recoveryValue}>
          {estimate === null ? 'cannot be estimated' : formatDuration(estimate)}
        </Typography>
        <Typography className={classes.muted}>
          {rto ? `RTO ${formatDuration(rto)}` : 'no RTO declared'}
          {beyond ? ' · beyond the RTO' : ''}
        </Typography>
      </Box>
      {region.estimatedRecovery.components.length > 0 && (
        <ul className={classes.components} aria-label="Recovery components">
          {region.estimatedRecovery.components.map((c, i) => (
            <li key={`${c.component}-${i}`}>
              {c.component}: {c.duration ? formatDuration(c.duration) : '—'} (
              {c.basis})
            </li>
          ))}
        </ul>
      )}
      <Typography className={classes.summary} variant="body2">
        {humanizeDurations(region.summary)}
      </Typography>
      {checks.length === 0 ? (
        <Typography className={classes.muted}>
          No readiness check applies to the resources found in this region.
        </Typography>
      ) : (
        checks.map(check => <CheckItem key={check.id} check={check} />)
      )}
    </InfoCard>
  );
}

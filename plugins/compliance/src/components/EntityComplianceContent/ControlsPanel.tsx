import { useState } from 'react';
import { Link } from '@backstage/core-components';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Button,
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  catalogChecks,
  hipaaFramework,
  resourceRules,
  type ComplianceFinding,
  type ControlResult,
  type ControlStatus,
} from '@vitals/plugin-compliance-common';
import {
  formatDate,
  portalUrl,
  SAFEGUARD_LABELS,
  SAFEGUARD_ORDER,
  shortResourceId,
} from '../format';
import { ControlStatusChip } from '../StatusChips';

const useStyles = makeStyles(theme => ({
  group: { marginBottom: theme.spacing(3) },
  groupTitle: {
    fontWeight: 600,
    fontSize: 13,
    textTransform: 'uppercase',
    letterSpacing: 0.6,
    color: theme.palette.text.secondary,
    margin: theme.spacing(1, 0),
  },
  summary: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    width: '100%',
    flexWrap: 'wrap',
  },
  citation: {
    fontFamily: 'monospace',
    fontSize: 13,
    minWidth: 190,
    color: theme.palette.text.secondary,
  },
  title: { fontWeight: 600, minWidth: 300 },
  badges: { display: 'flex', gap: theme.spacing(1), minWidth: 210 },
  controlSummary: {
    color: theme.palette.text.secondary,
    flex: 1,
    minWidth: 240,
    fontSize: 13,
  },
  ra: { fontSize: 11, height: 20 },
  details: { display: 'block' },
  description: { marginBottom: theme.spacing(2) },
  findings: {
    '& td, & th': { verticalAlign: 'top', padding: theme.spacing(1) },
  },
  mono: { fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' },
  expected: { color: theme.palette.text.secondary },
  actualFail: { color: theme.palette.status.error, fontWeight: 600 },
  caption: { color: theme.palette.text.secondary, fontSize: 12 },
  remediation: {
    fontSize: 12,
    color: theme.palette.text.secondary,
    marginTop: theme.spacing(0.5),
  },
  note: {
    padding: theme.spacing(1, 1.5),
    borderLeft: `3px solid ${theme.palette.info.main}`,
    background: theme.palette.background.default,
    marginBottom: theme.spacing(2),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

const ruleTitles = new Map<string, string>([
  ...resourceRules.map(r => [r.id, r.title] as [string, string]),
  ...catalogChecks.map(c => [c.id, c.title] as [string, string]),
  ['attestation', 'Attestation'],
  ['inventory.resources', 'Azure resources of the service'],
]);

function findingStatus(finding: ComplianceFinding): ControlStatus {
  if (finding.exemptionId) return 'exempt';
  if (finding.attested) return 'pass';
  return finding.status;
}

const policyUrl = (definitionId: string) =>
  `https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/${encodeURIComponent(
    `/providers/Microsoft.Authorization/policyDefinitions/${definitionId}`,
  )}`;

/** ARM ids as observed values are long; show what they name, the whole id on hover. */
function ObservedValue(props: { value: string | null }) {
  if (props.value === null) return <>not reported</>;
  if (/^\/subscriptions\/[^/]+\/resourceGroups\//i.test(props.value)) {
    return (
      <Tooltip title={props.value}>
        <span>{shortResourceId(props.value)}</span>
      </Tooltip>
    );
  }
  return <>{props.value}</>;
}

function FindingsTable(props: { findings: ComplianceFinding[] }) {
  const classes = useStyles();
  const [showPassing, setShowPassing] = useState(false);
  const order: Record<ControlStatus, number> = {
    fail: 0,
    unknown: 1,
    exempt: 2,
    pass: 3,
    'not-applicable': 4,
  };
  const sorted = [...props.findings].sort(
    (a, b) => order[findingStatus(a)] - order[findingStatus(b)],
  );
  const passing = sorted.filter(f => findingStatus(f) === 'pass').length;
  // Passing evidence is there for auditors; the failures come first.
  const collapse = passing > 0 && passing < sorted.length && !showPassing;
  const findings = collapse
    ? sorted.filter(f => findingStatus(f) !== 'pass')
    : sorted;
  return (
    <>
      <Table size="small" className={classes.findings} aria-label="Findings">
        <TableHead>
          <TableRow>
            <TableCell>Status</TableCell>
            <TableCell>Evidence</TableCell>
            <TableCell>Property: expected / actual</TableCell>
            <TableCell>Azure Policy built-in it mirrors</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {findings.map((f, i) => {
            const status = findingStatus(f);
            return (
              <TableRow key={`${f.rule}-${f.resourceId}-${i}`}>
                <TableCell>
                  <ControlStatusChip status={status} />
                  {f.attested && (
                    <Typography className={classes.caption}>
                      attested
                    </Typography>
                  )}
                </TableCell>
                <TableCell style={{ maxWidth: 420 }}>
                  <Typography variant="body2">{f.message}</Typography>
                  <Typography className={classes.caption}>
                    Check: {ruleTitles.get(f.rule) ?? f.rule}
                    {f.resourceId && (
                      <>
                        {' · '}
                        <Link to={portalUrl(f.resourceId)} title={f.resourceId}>
                          {shortResourceId(f.resourceId)}
                        </Link>
                      </>
                    )}
                    {f.evidenceResourceId &&
                      f.evidenceResourceId !== f.resourceId && (
                        <Tooltip title={f.evidenceResourceId}>
                          <span>
                            {' '}
                            · evidence: {shortResourceId(f.evidenceResourceId)}
                          </span>
                        </Tooltip>
                      )}
                  </Typography>
                  {status !== 'pass' && f.remediation && (
                    <Typography className={classes.remediation}>
                      Fix: {f.remediation}
                    </Typography>
                  )}
                </TableCell>
                <TableCell style={{ maxWidth: 320 }}>
                  {f.property && (
                    <Typography className={classes.mono}>
                      {f.property}
                    </Typography>
                  )}
                  {f.expected && (
                    <Typography
                      className={`${classes.mono} ${classes.expected}`}
                    >
                      expected: {f.expected}
                    </Typography>
                  )}
                  <Typography
                    className={`${classes.mono} ${
                      status === 'fail' ? classes.actualFail : ''
                    }`}
                  >
                    actual: <ObservedValue value={f.actual} />
                  </Typography>
                </TableCell>
                <TableCell style={{ maxWidth: 260 }}>
                  {f.mirrors ? (
                    <>
                      <Link to={policyUrl(f.mirrors.definitionId)}>
                        {f.mirrors.policyName}
                      </Link>
                      <Typography className={classes.caption}>
                        {f.mirrors.initiative} · {f.mirrors.definitionId}
                      </Typography>
                    </>
                  ) : (
                    <Typography className={classes.caption}>
                      {f.source === 'azure'
                        ? 'No built-in in the HIPAA HITRUST or HITRUST CSF initiatives'
                        : `From ${f.source}`}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {passing > 0 && passing < sorted.length && (
        <Button size="small" onClick={() => setShowPassing(!showPassing)}>
          {showPassing
            ? 'Hide passing findings'
            : `Show ${passing} passing finding${passing === 1 ? '' : 's'}`}
        </Button>
      )}
    </>
  );
}

function ControlRow(props: {
  control: ControlResult;
  expanded: boolean;
  onToggle: () => void;
  canManage: boolean;
  onExempt: (controlId: string) => void;
  onAttest: (controlId: string) => void;
}) {
  const classes = useStyles();
  const { control } = props;
  const definition = hipaaFramework.controls.find(c => c.id === control.id);
  const failing = control.findings.filter(
    f => findingStatus(f) === 'fail',
  ).length;
  return (
    <Accordion
      expanded={props.expanded}
      onChange={props.onToggle}
      TransitionProps={{ unmountOnExit: true }}
      id={`control-${control.id}`}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-label={`${control.id} ${control.title}`}
      >
        <Box className={classes.summary}>
          <ControlStatusChip status={control.status} />
          <Typography className={classes.citation}>
            {control.citation}
          </Typography>
          <Typography className={classes.title}>{control.title}</Typography>
          <Box className={classes.badges}>
            <Tooltip
              title={
                control.implementation === 'required'
                  ? 'Required: must be implemented (45 CFR 164.306(d)(2)).'
                  : 'Addressable: implement where reasonable and appropriate, or document an equivalent measure (45 CFR 164.306(d)(3)).'
              }
            >
              <Chip
                className={classes.ra}
                size="small"
                variant="outlined"
                label={
                  control.implementation === 'required'
                    ? 'Required'
                    : 'Addressable'
                }
              />
            </Tooltip>
            <Chip
              className={classes.ra}
              size="small"
              variant="outlined"
              label={`${control.severity} severity`}
            />
          </Box>
          <Typography className={classes.controlSummary}>
            {failing > 0
              ? `${failing} failing finding${failing === 1 ? '' : 's'} · `
              : ''}
            {control.summary}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails className={classes.details}>
        {definition && (
          <Typography variant="body2" className={classes.description}>
            {definition.description}
          </Typography>
        )}
        {control.exemption && (
          <Box className={classes.note}>
            <Typography variant="body2">
              <strong>Exempt ({control.exemption.category})</strong> until{' '}
              {formatDate(control.exemption.expiresAt)}:{' '}
              {control.exemption.reason}
            </Typography>
            <Typography className={classes.caption}>
              Requested by {control.exemption.requester}, approved by{' '}
              {control.exemption.approver}
              {control.exemption.ticketUrl && (
                <>
                  {' · '}
                  <Link to={control.exemption.ticketUrl}>ticket</Link>
                </>
              )}
            </Typography>
          </Box>
        )}
        {control.attestation && (
          <Box className={classes.note}>
            <Typography variant="body2">
              <strong>
                Attestation{' '}
                {control.attestation.state === 'active'
                  ? ''
                  : `(${control.attestation.state})`}
              </strong>{' '}
              by {control.attestation.attestedBy} on{' '}
              {formatDate(control.attestation.attestedAt)}, review by{' '}
              {formatDate(control.attestation.reviewBy)}:{' '}
              <Link to={control.attestation.link}>evidence</Link>
            </Typography>
          </Box>
        )}
        {control.findings.length > 0 ? (
          <FindingsTable findings={control.findings} />
        ) : (
          <Typography variant="body2" className={classes.caption}>
            No findings: {control.summary}
          </Typography>
        )}
        {props.canManage && (
          <Box className={classes.actions}>
            {(control.status === 'fail' || control.status === 'unknown') && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => props.onExempt(control.id)}
              >
                Add exemption
              </Button>
            )}
            {control.status === 'unknown' && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => props.onAttest(control.id)}
              >
                Attest
              </Button>
            )}
          </Box>
        )}
      </AccordionDetails>
    </Accordion>
  );
}

/** The controls of the framework, grouped by safeguard, each with its findings and evidence. */
export function ControlsPanel(props: {
  controls: ControlResult[];
  expanded: ReadonlySet<string>;
  onToggle: (controlId: string) => void;
  canManage: boolean;
  onExempt: (controlId: string) => void;
  onAttest: (controlId: string) => void;
}) {
  const classes = useStyles();
  return (
    <>
      {SAFEGUARD_ORDER.map(safeguard => {
        const controls = props.controls.filter(c => c.safeguard === safeguard);
        if (controls.length === 0) return null;
        return (
          <Box key={safeguard} className={classes.group}>
            <Typography className={classes.groupTitle}>
              {SAFEGUARD_LABELS[safeguard]}
            </Typography>
            {controls.map(control => (
              <ControlRow
                key={control.id}
                control={control}
                expanded={props.expanded.has(control.id)}
                onToggle={() => props.onToggle(control.id)}
                canManage={props.canManage}
                onExempt={props.onExempt}
                onAttest={props.onAttest}
              />
            ))}
          </Box>
        );
      })}
    </>
  );
}

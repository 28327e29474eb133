import { InfoCard, Link } from '@backstage/core-components';
import {
  Box,
  Button,
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  ComplianceAttestationRecord,
  ComplianceExemptionRecord,
} from '@vitals/plugin-compliance-common';
import { formatDate, humanizeRef, shortResourceId } from '../format';

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
  reason: { maxWidth: 420 },
  active: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  expired: {
    color: theme.palette.status.warning,
    borderColor: theme.palette.status.warning,
  },
  soon: { color: theme.palette.status.warning, fontWeight: 600 },
}));

function StateChip(props: { state: string }) {
  const classes = useStyles();
  if (props.state === 'active') {
    return <Chip size="small" label="Active" className={classes.active} />;
  }
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.state.charAt(0).toUpperCase() + props.state.slice(1)}
      className={props.state === 'expired' ? classes.expired : undefined}
    />
  );
}

const DAY = 86_400_000;

function Expiry(props: { iso: string; state: string }) {
  const classes = useStyles();
  const left = Date.parse(props.iso) - Date.now();
  return (
    <>
      {formatDate(props.iso)}
      {props.state === 'active' && left < 30 * DAY && (
        <Typography variant="caption" component="div" className={classes.soon}>
          expires in {Math.max(0, Math.ceil(left / DAY))} d
        </Typography>
      )}
    </>
  );
}

/** Every exemption of the entity, active and past, with who asked and who approved. */
export function ExemptionsTable(props: {
  exemptions: ComplianceExemptionRecord[];
  canManage: boolean;
  onAdd: () => void;
  onRevoke: (exemption: ComplianceExemptionRecord) => void;
}) {
  const classes = useStyles();
  return (
    <InfoCard
      title="Exemptions"
      subheader="Approved deviations, at most a year each; expired ones stay on record."
      action={
        props.canManage ? (
          <Box mt={1} mr={1}>
            <Button variant="outlined" color="primary" onClick={props.onAdd}>
              Add exemption
            </Button>
          </Box>
        ) : undefined
      }
      noPadding={props.exemptions.length > 0}
    >
      {props.exemptions.length === 0 ? (
        <Typography className={classes.muted}>
          No exemption has been recorded for this service.
        </Typography>
      ) : (
        <Table size="small" aria-label="Exemptions">
          <TableHead>
            <TableRow>
              <TableCell>State</TableCell>
              <TableCell>Control</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Requested / approved</TableCell>
              <TableCell>Expires</TableCell>
              {props.canManage && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.exemptions.map(e => (
              <TableRow key={e.id}>
                <TableCell>
                  <StateChip state={e.state} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{e.controlId}</Typography>
                  <Typography variant="caption" className={classes.muted}>
                    {e.resourceId
                      ? shortResourceId(e.resourceId)
                      : 'whole control'}{' '}
                    · {e.category}
                  </Typography>
                </TableCell>
                <TableCell className={classes.reason}>
                  <Typography variant="body2">{e.reason}</Typography>
                  {e.alternativeMeasure && (
                    <Typography variant="caption" className={classes.muted}>
                      Instead: {e.alternativeMeasure}
                    </Typography>
                  )}
                  {e.ticketUrl && (
                    <Typography variant="caption" component="div">
                      <Link to={e.ticketUrl}>{e.ticketUrl}</Link>
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Typography variant="body2">
                    {humanizeRef(e.requester)}
                  </Typography>
                  <Typography variant="caption" className={classes.muted}>
                    approved by {humanizeRef(e.approver)} on{' '}
                    {formatDate(e.createdAt)}
                  </Typography>
                  {e.revokedAt && (
                    <Typography
                      variant="caption"
                      component="div"
                      className={classes.muted}
                    >
                      revoked by {humanizeRef(e.revokedBy)} on{' '}
                      {formatDate(e.revokedAt)}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Expiry iso={e.expiresAt} state={e.state} />
                </TableCell>
                {props.canManage && (
                  <TableCell>
                    {(e.state === 'active' || e.state === 'pending') && (
                      <Button size="small" onClick={() => props.onRevoke(e)}>
                        Revoke
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

/** Attestations of controls no API can show, with their review dates. */
export function AttestationsTable(props: {
  attestations: ComplianceAttestationRecord[];
  canManage: boolean;
  onAdd: () => void;
  onRevoke: (attestation: ComplianceAttestationRecord) => void;
}) {
  const classes = useStyles();
  return (
    <InfoCard
      title="Attestations"
      subheader="Signed statements with evidence links; they lapse at their review date."
      action={
        props.canManage ? (
          <Box mt={1} mr={1}>
            <Button variant="outlined" color="primary" onClick={props.onAdd}>
              Attest a control
            </Button>
          </Box>
        ) : undefined
      }
      noPadding={props.attestations.length > 0}
    >
      {props.attestations.length === 0 ? (
        <Typography className={classes.muted}>
          No attestation has been recorded for this service.
        </Typography>
      ) : (
        <Table size="small" aria-label="Attestations">
          <TableHead>
            <TableRow>
              <TableCell>State</TableCell>
              <TableCell>Control</TableCell>
              <TableCell>Evidence</TableCell>
              <TableCell>Attested</TableCell>
              <TableCell>Review by</TableCell>
              {props.canManage && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.attestations.map(a => (
              <TableRow key={a.id}>
                <TableCell>
                  <StateChip state={a.state} />
                </TableCell>
                <TableCell>{a.controlId}</TableCell>
                <TableCell className={classes.reason}>
                  <Link to={a.link}>{a.link}</Link>
                  {a.note && (
                    <Typography
                      variant="caption"
                      component="div"
                      className={classes.muted}
                    >
                      {a.note}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Typography variant="body2">
                    {humanizeRef(a.attestedBy)}
                  </Typography>
                  <Typography variant="caption" className={classes.muted}>
                    {formatDate(a.attestedAt)}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Expiry iso={a.reviewBy} state={a.state} />
                </TableCell>
                {props.canManage && (
                  <TableCell>
                    {a.state === 'active' && (
                      <Button size="small" onClick={() => props.onRevoke(a)}>
                        Revoke
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, makeStyles, Tooltip, Typography } from '@material-ui/core';
import type { ControlTeamMatrix as Matrix } from '@vitals/plugin-compliance-common';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& td, & th': {
      borderBottom: `1px solid ${theme.palette.divider}`,
      padding: theme.spacing(0.75, 0.75),
      fontSize: 13,
      textAlign: 'center',
      whiteSpace: 'nowrap',
    },
    '& th': {
      color: theme.palette.text.secondary,
      fontWeight: 600,
      fontSize: 11,
      verticalAlign: 'bottom',
    },
  },
  team: { textAlign: 'left !important' as any, minWidth: 160 },
  controlHead: {
    writingMode: 'vertical-rl',
    transform: 'rotate(180deg)',
    whiteSpace: 'nowrap',
    margin: '0 auto',
    lineHeight: 1.3,
  },
  controlId: { fontFamily: 'monospace', color: theme.palette.text.primary },
  cell: {
    cursor: 'pointer',
    border: 'none',
    borderRadius: 4,
    minWidth: 30,
    padding: theme.spacing(0.25, 0.75),
    fontWeight: 700,
    fontSize: 13,
    fontFamily: 'inherit',
  },
  fail: {
    backgroundColor: theme.palette.status.error,
    color: theme.palette.getContrastText(theme.palette.status.error),
  },
  unknown: {
    backgroundColor: theme.palette.status.warning,
    color: theme.palette.getContrastText(theme.palette.status.warning),
  },
  exempt: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  ok: { color: theme.palette.status.ok, background: 'transparent' },
  none: { color: theme.palette.text.disabled, background: 'transparent' },
  legend: {
    display: 'flex',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    fontSize: 12,
    color: theme.palette.text.secondary,
    marginTop: theme.spacing(1),
  },
}));

/**
 * Controls across, owning teams down: how many of each team's services fail
 * (or cannot show) each control. A cell opens the services behind it.
 */
export function ControlTeamMatrix(props: {
  matrix: Matrix;
  /** A team's services; with a control, those failing it. */
  onSelect: (owner: string | null, controlId?: string) => void;
}) {
  const classes = useStyles();
  const { matrix } = props;
  if (matrix.rows.length === 0) {
    return (
      <Typography color="textSecondary">
        No service matches these filters.
      </Typography>
    );
  }
  return (
    <Box>
      <Box className={classes.scroll}>
        <table className={classes.table} aria-label="Failing controls by team">
          <thead>
            <tr>
              <th className={classes.team}>Team</th>
              <th>Services</th>
              {matrix.controls.map(c => (
                <th key={c.id} scope="col">
                  <Tooltip title={`${c.citation}: ${c.title}`}>
                    <div className={classes.controlHead}>
                      <span className={classes.controlId}>{c.id}</span>{' '}
                      {c.title}
                    </div>
                  </Tooltip>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map(row => (
              <tr key={row.owner ?? '(none)'}>
                <td className={classes.team}>
                  {row.owner ? (
                    <EntityRefLink entityRef={row.owner} defaultKind="group" />
                  ) : (
                    'No owner'
                  )}
                </td>
                <td>{row.services}</td>
                {matrix.controls.map(c => {
                  const cell = row.cells[c.id];
                  let tone = classes.none;
                  let text = '·';
                  let hint = 'Not applicable to these services';
                  if (cell.fail) {
                    tone = classes.fail;
                    text = String(cell.fail);
                    hint = `${cell.fail} service(s) fail ${c.id}`;
                  } else if (cell.unknown) {
                    tone = classes.unknown;
                    text = String(cell.unknown);
                    hint = `${cell.unknown} service(s) lack evidence for ${c.id}`;
                  } else if (cell.exempt) {
                    tone = classes.exempt;
                    text = String(cell.exempt);
                    hint = `${cell.exempt} service(s) exempt from ${c.id}`;
                  } else if (cell.pass) {
                    tone = classes.ok;
                    text = '✓';
                    hint = `All ${cell.pass} applicable service(s) pass ${c.id}`;
                  }
                  return (
                    <td key={c.id}>
                      <Tooltip title={hint}>
                        <button
                          type="button"
                          className={`${classes.cell} ${tone}`}
                          aria-label={`${row.owner ?? 'No owner'} ${
                            c.id
                          }: ${hint}`}
                          onClick={() =>
                            props.onSelect(
                              row.owner,
                              cell.fail ? c.id : undefined,
                            )
                          }
                        >
                          {text}
                        </button>
                      </Tooltip>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
      <Box className={classes.legend}>
        <span>
          Numbers: services failing (red), unverified (amber) or exempt (blue)
        </span>
        <span>✓ all applicable services pass</span>
        <span>· not applicable</span>
        <span>Services HIPAA does not apply to are not counted</span>
      </Box>
    </Box>
  );
}

import { useMemo, useState } from 'react';
import { Link } from '@backstage/core-components';
import {
  Box,
  ButtonBase,
  makeStyles,
  Paper,
  Tooltip,
  Typography,
} from '@material-ui/core';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import type { ReadinessStatus } from '@vitals/plugin-dr-readiness-common';
import type { DrOverviewItem } from '../../api/types';
import { useEntityDrLink } from '../entityLinks';
import {
  formatDate,
  formatRelative,
  humanizeRef,
  regionLabel,
} from '../format';
import {
  ReadinessChip,
  READINESS_LABEL,
  READINESS_TONE,
  ToneIcon,
  useToneStyles,
} from '../status';
import { compareReadiness } from './rollups';

const useStyles = makeStyles(theme => ({
  scroller: { overflowX: 'auto' },
  table: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    width: '100%',
    '& th, & td': {
      borderBottom: `1px solid ${theme.palette.divider}`,
      padding: theme.spacing(0.75, 1),
      textAlign: 'left',
      verticalAlign: 'middle',
    },
    '& thead th': {
      fontSize: 12,
      fontWeight: 700,
      color: theme.palette.text.secondary,
      verticalAlign: 'bottom',
      whiteSpace: 'nowrap',
    },
    '& tbody tr:hover td': { backgroundColor: theme.palette.action.hover },
  },
  sticky: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    minWidth: 150,
  },
  sortButton: {
    font: 'inherit',
    color: 'inherit',
    display: 'inline-flex',
    alignItems: 'center',
    gap: 2,
  },
  active: { color: theme.palette.text.primary },
  regionHead: {
    display: 'block',
    lineHeight: 1.25,
    whiteSpace: 'normal',
    maxWidth: 80,
  },
  regionCode: { fontWeight: 400, fontSize: 11 },
  cellTd: {
    padding: `${theme.spacing(0.5, 0.25)}px !important`,
    minWidth: 92,
  },
  cell: {
    display: 'flex',
    alignItems: 'center',
    gap: 3,
    padding: theme.spacing(0.5, 0.5),
    borderRadius: 2,
    fontSize: 12,
    fontWeight: 600,
    whiteSpace: 'nowrap',
    minHeight: 28,
  },
  role: {
    marginLeft: 'auto',
    paddingLeft: theme.spacing(0.5),
    fontSize: 10,
    fontWeight: 700,
    opacity: 0.8,
  },
  none: { color: theme.palette.text.disabled, textAlign: 'center' },
  muted: { color: theme.palette.text.secondary },
  title: { padding: theme.spacing(2, 2, 1) },
}));

const RANK: Record<ReadinessStatus, number> = {
  'not-ready': 0,
  unknown: 1,
  'at-risk': 2,
  ready: 3,
};

function Cell(props: { item: DrOverviewItem; region: string }) {
  const classes = useStyles();
  const tones = useToneStyles();
  const cell = props.item.cells[props.region];
  if (!cell) {
    return (
      <div className={classes.none} aria-label="not used">
        ·
      </div>
    );
  }
  const required = props.item.required;
  const tone = required ? READINESS_TONE[cell.status] : 'muted';
  const label = required ? READINESS_LABEL[cell.status] : 'n/a';
  const role = cell.role === 'primary' ? 'Primary' : 'Secondary';
  return (
    <Tooltip
      title={`${role} region. If ${regionLabel(
        props.region,
      )} goes down: ${READINESS_LABEL[cell.status].toLocaleLowerCase('en-US')}${
        required ? '' : ' (tier none: not required)'
      }`}
    >
      <div
        className={`${classes.cell} ${tones[`tint-${tone}`]}`}
        data-status={cell.status}
        aria-label={`${regionLabel(
          props.region,
        )}: ${label}, ${role.toLocaleLowerCase('en-US')}`}
      >
        <ToneIcon tone={tone} fontSize="inherit" />
        {label}
        <span className={classes.role}>
          {cell.role === 'primary' ? 'P' : 'S'}
        </span>
      </div>
    </Tooltip>
  );
}

type SortKey = 'status' | 'service' | `region:${string}`;

/**
 * Services × regions: each cell is the service's readiness if that region
 * goes down. A plain table rather than the data grid: it keeps every region
 * column narrow and the service column in view while scrolling sideways.
 */
export function HeatMap(props: { items: DrOverviewItem[]; regions: string[] }) {
  const classes = useStyles();
  const link = useEntityDrLink();
  const [sort, setSort] = useState<SortKey>('status');

  const rows = useMemo(() => {
    const sorted = [...props.items];
    if (sort === 'service') {
      sorted.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    } else if (sort.startsWith('region:')) {
      const region = sort.slice('region:'.length);
      const rank = (i: DrOverviewItem) => {
        const cell = i.cells[region];
        if (!cell) return 9;
        return i.required ? RANK[cell.status] : 5;
      };
      sorted.sort((a, b) => rank(a) - rank(b) || compareReadiness(a, b));
    } else {
      sorted.sort(compareReadiness);
    }
    return sorted;
  }, [props.items, sort]);

  const header = (key: SortKey, content: React.ReactNode, hint: string) => (
    <Tooltip title={hint}>
      <ButtonBase
        className={`${classes.sortButton} ${
          sort === key ? classes.active : ''
        }`}
        onClick={() => setSort(key)}
        aria-pressed={sort === key}
      >
        {content}
        {sort === key && <ArrowDownwardIcon style={{ fontSize: 14 }} />}
      </ButtonBase>
    </Tooltip>
  );

  return (
    <Paper>
      <Box className={classes.title}>
        <Typography variant="h5" component="h2">
          Services × regions ({props.items.length})
        </Typography>
        <Typography variant="body2" className={classes.muted}>
          Each cell: the service's readiness if that region goes down. Click a
          column to sort by it.
        </Typography>
      </Box>
      <Box className={classes.scroller}>
        <table className={classes.table} aria-label="Services by region">
          <thead>
            <tr>
              <th className={classes.sticky}>
                {header('service', 'Service', 'Sort by name')}
              </th>
              <th>{header('status', 'Status', 'Least ready first')}</th>
              {props.regions.map(region => (
                <th key={region} className={classes.cellTd}>
                  {header(
                    `region:${region}`,
                    <span className={classes.regionHead}>
                      {regionLabel(region)}
                      <br />
                      <span className={classes.regionCode}>{region}</span>
                    </span>,
                    `Least ready first if ${regionLabel(region)} goes down`,
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(item => (
              <tr key={item.entityRef}>
                <td className={classes.sticky}>
                  <Link to={link(item.entityRef)}>
                    {humanizeRef(item.entityRef)}
                  </Link>
                  <Typography
                    variant="caption"
                    component="div"
                    className={classes.muted}
                  >
                    {humanizeRef(item.owner)}
                    {item.tier ? ` · tier ${item.tier}` : ''}
                  </Typography>
                </td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  {item.policyError ? (
                    <Tooltip title={item.policyError}>
                      <span>
                        <ReadinessChip status="unknown" />
                      </span>
                    </Tooltip>
                  ) : (
                    <ReadinessChip
                      status={item.status}
                      required={item.required}
                    />
                  )}
                  <Typography
                    variant="caption"
                    component="div"
                    className={classes.muted}
                  >
                    {item.score !== null
                      ? `score ${item.score}`
                      : 'policy unreadable'}
                  </Typography>
                  <Typography
                    variant="caption"
                    component="div"
                    className={classes.muted}
                    title={
                      item.lastDrill
                        ? `Last drill ${formatDate(
                            item.lastDrill.performedAt,
                          )}: ${item.lastDrill.outcome}`
                        : undefined
                    }
                  >
                    {item.lastDrill
                      ? `drill ${formatRelative(item.lastDrill.performedAt)}`
                      : 'never drilled'}
                  </Typography>
                </td>
                {props.regions.map(region => (
                  <td key={region} className={classes.cellTd}>
                    <Cell item={item} region={region} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
    </Paper>
  );
}

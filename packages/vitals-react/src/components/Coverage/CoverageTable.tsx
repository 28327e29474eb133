import { Table, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  notJudgedResourcesOf,
  type EstateCoverage,
  type TypeCoverage,
} from '@vitals/azure-inventory-common';

const useStyles = makeStyles(
  theme => ({
    notJudged: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
      fontWeight: 600,
    },
    inert: {
      backgroundColor: theme.palette.action.selected,
    },
    judged: {
      backgroundColor: theme.palette.success.main,
      color: theme.palette.success.contrastText,
    },
    type: { fontFamily: 'monospace', fontSize: 13 },
    checks: { fontSize: 12, color: theme.palette.text.secondary },
  }),
  { name: 'VitalsCoverageTable' },
);

const ORDER: Record<TypeCoverage['judgement'], number> = {
  'not-judged': 0,
  inert: 1,
  parent: 2,
  checked: 3,
};

const JUDGEMENT_LABEL: Record<TypeCoverage['judgement'], string> = {
  'not-judged': 'Not judged',
  inert: 'Inert',
  parent: 'With its parent',
  checked: 'Judged',
};

/**
 * A coverage verdict as a coloured chip. Given the counts of a type of which
 * only some resources are judged, it says how many are not.
 */
export function JudgementChip(props: {
  judgement: TypeCoverage['judgement'];
  resources?: number;
  notJudgedResources?: number;
}) {
  const classes = useStyles();
  let className = classes.judged;
  if (props.judgement === 'not-judged') className = classes.notJudged;
  else if (props.judgement === 'inert') className = classes.inert;
  const { resources, notJudgedResources } = props;
  const partly =
    props.judgement === 'not-judged' &&
    resources !== undefined &&
    notJudgedResources !== undefined &&
    notJudgedResources < resources;
  return (
    <Chip
      size="small"
      className={className}
      label={
        partly
          ? `${notJudgedResources} of ${resources} not judged`
          : JUDGEMENT_LABEL[props.judgement]
      }
    />
  );
}

/** What the checks column says of a type without checks of its own. */
function withoutChecks(row: TypeCoverage): string {
  if (row.inertReason) return row.inertReason;
  if (row.judgement === 'parent') return 'read with the resource it belongs to';
  const notJudged = notJudgedResourcesOf(row);
  if (row.judgement === 'not-judged' && notJudged < row.resources) {
    return `${
      row.resources - notJudged
    } read with the resource they belong to; ${notJudged} under resources nothing judges`;
  }
  return '—';
}

export interface CoverageTableProps {
  coverage: EstateCoverage;
  /** What judges the types, plural: "DR checks", "HIPAA rules". */
  subjectLabel: string;
  title?: string;
}

/**
 * The estate's resource types and whether anything judges them, blind
 * spots first, so a reviewer sees what Vitals cannot vouch for before the
 * verdicts it gives.
 */
export function CoverageTable(props: CoverageTableProps) {
  const classes = useStyles();
  const { types } = props.coverage;
  const blind = types.filter(t => t.judgement === 'not-judged');
  const blindResources = blind.reduce(
    (sum, t) => sum + notJudgedResourcesOf(t),
    0,
  );
  const columns: TableColumn<TypeCoverage>[] = [
    {
      title: 'Resource type',
      field: 'type',
      render: row => <span className={classes.type}>{row.type}</span>,
    },
    {
      title: 'Resources',
      field: 'resources',
      type: 'numeric',
      width: '110px',
    },
    {
      title: 'Coverage',
      field: 'judgement',
      customSort: (a, b) =>
        ORDER[a.judgement] - ORDER[b.judgement] ||
        notJudgedResourcesOf(b) - notJudgedResourcesOf(a) ||
        b.resources - a.resources,
      render: row => (
        <JudgementChip
          judgement={row.judgement}
          resources={row.resources}
          notJudgedResources={notJudgedResourcesOf(row)}
        />
      ),
      width: '180px',
    },
    {
      title: props.subjectLabel,
      field: 'checks',
      sorting: false,
      customFilterAndSearch: (term, row) =>
        row.checks.join(' ').toLowerCase().includes(String(term).toLowerCase()),
      render: row => (
        <span className={classes.checks}>
          {row.checks.length > 0 ? row.checks.join(', ') : withoutChecks(row)}
        </span>
      ),
    },
  ];
  return (
    <Table<TypeCoverage>
      title={props.title ?? 'Coverage of the estate'}
      subtitle={
        blind.length === 0
          ? `Every resource type is judged by ${props.subjectLabel} or inert.`
          : `${blind.length} type(s), ${blindResources} resource(s) not judged by any of the ${props.subjectLabel}`
      }
      options={{
        paging: types.length > 10,
        pageSize: 10,
        pageSizeOptions: [10, 25, 50],
        search: true,
        padding: 'dense',
      }}
      columns={columns}
      data={types.map(t => ({ ...t, checks: [...t.checks] }))}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            The estate holds no resources yet.
          </Typography>
        </Box>
      }
    />
  );
}

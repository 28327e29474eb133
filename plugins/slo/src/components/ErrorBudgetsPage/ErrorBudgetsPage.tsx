import { useMemo } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Chip,
  FormControl,
  FormControlLabel,
  Grid,
  InputLabel,
  makeStyles,
  MenuItem,
  Select,
  Switch,
  TextField,
  Tooltip,
  Typography,
  useTheme,
} from '@material-ui/core';
import {
  distinctSorted,
  FilterSelect,
  SummaryTile,
  usePageStyles,
  useUrlFilters,
} from '@vitals/react';
import { SloOverviewItem } from '@vitals/plugin-slo-common';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../../api/SloApi';
import { BudgetBar } from '../BudgetBar';
import { useEntitySlosLink } from '../entityLinks';
import { formatPercent, formatRelative, humanizeOwner } from '../format';
import { PolicyStateChip } from '../PolicyStateChip';
import { filterItems, Rollup, rollupBy } from './rollups';

const useStyles = makeStyles(theme => ({
  danger: { color: theme.palette.status.error },
  warn: { color: theme.palette.status.warning },
  ok: { color: theme.palette.status.ok },
  firing: { color: theme.palette.status.error, fontWeight: 700 },
}));

function Tile(props: {
  label: string;
  value: number;
  tone?: 'danger' | 'warn' | 'ok';
  hint: string;
}) {
  const theme = useTheme();
  const colors = {
    danger: theme.palette.status.error,
    warn: theme.palette.status.warning,
    ok: theme.palette.status.ok,
  };
  return (
    <SummaryTile
      label={props.label}
      value={props.value}
      hint={props.hint}
      color={props.tone && colors[props.tone]}
    />
  );
}

function RollupTable(props: {
  title: string;
  rollups: Rollup[];
  render: (key: string) => React.ReactNode;
}) {
  const classes = { ...usePageStyles(), ...useStyles() };
  const link = useEntitySlosLink();
  return (
    <InfoCard title={props.title} noPadding>
      <Box px={2} pb={1}>
        <table className={classes.rollupTable} aria-label={props.title}>
          <thead>
            <tr>
              <th>
                {props.title.replace(/^By (.)/, (_m, c) => c.toUpperCase())}
              </th>
              <th className={classes.num}>SLOs</th>
              <th className={classes.num}>Healthy</th>
              <th className={classes.num}>Warning</th>
              <th className={classes.num}>Freeze</th>
              <th className={classes.num}>Firing</th>
              <th>Worst budget</th>
            </tr>
          </thead>
          <tbody>
            {props.rollups.map(r => (
              <tr key={r.key}>
                <td>{props.render(r.key)}</td>
                <td className={classes.num}>{r.slos}</td>
                <td
                  className={`${classes.num} ${
                    r.healthy ? classes.ok : classes.muted
                  }`}
                >
                  {r.healthy}
                </td>
                <td
                  className={`${classes.num} ${
                    r.warning ? classes.warn : classes.muted
                  }`}
                >
                  {r.warning}
                </td>
                <td
                  className={`${classes.num} ${
                    r.freeze ? classes.danger : classes.muted
                  }`}
                >
                  {r.freeze}
                </td>
                <td
                  className={`${classes.num} ${
                    r.firing ? classes.firing : classes.muted
                  }`}
                >
                  {r.firing}
                </td>
                <td style={{ minWidth: 200 }}>
                  {r.worst ? (
                    <Link to={link(r.worst.entityRef)} underline="none">
                      <BudgetBar remaining={r.worst.remaining} />
                      <Typography variant="caption" className={classes.muted}>
                        {r.worst.entityRef.split('/').pop()} ·{' '}
                        {r.worst.displayName}
                      </Typography>
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
    </InfoCard>
  );
}

/** Every SLO in the catalog, with rollups by team and system. Content only: the new frontend system supplies the page header. */
export function ErrorBudgetsContent() {
  const classes = { ...usePageStyles(), ...useStyles() };
  const api = useApi(sloApiRef);
  const link = useEntitySlosLink();
  const { params, setFilters } = useUrlFilters();
  const { value, loading, error } = useAsync(() => api.getOverview(), [api]);

  const owner = params.get('owner') ?? undefined;
  const system = params.get('system') ?? undefined;
  const state = params.get('state') ?? undefined;
  const firing = params.get('firing') === 'true';
  const search = params.get('q') ?? undefined;
  const filter = useMemo(
    () => ({ owner, system, state, firing, search }),
    [owner, system, state, firing, search],
  );

  const items = useMemo(() => value?.items ?? [], [value]);
  const owners = useMemo(
    () => distinctSorted(items.map(i => i.owner)),
    [items],
  );
  const systems = useMemo(
    () => distinctSorted(items.map(i => i.system)),
    [items],
  );
  const filtered = useMemo(() => filterItems(items, filter), [items, filter]);
  const byTeam = useMemo(() => rollupBy(filtered, 'owner'), [filtered]);
  const bySystem = useMemo(() => rollupBy(filtered, 'system'), [filtered]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const count = (pred: (i: SloOverviewItem) => boolean) =>
    filtered.filter(pred).length;
  const columns: TableColumn<SloOverviewItem>[] = [
    {
      title: 'Service and SLO',
      field: 'entityRef',
      highlight: true,
      cellStyle: { minWidth: 220 },
      render: row => (
        <>
          <EntityRefLink
            entityRef={row.entityRef}
            defaultKind="component"
            hideIcon
          />
          <Typography variant="body2" component="div" title={row.slo}>
            <Link to={link(row.entityRef)}>{row.displayName}</Link>
            {row.composite && (
              <Chip
                size="small"
                variant="outlined"
                label="journey"
                title="A composite SLO: a user journey across services"
                style={{ marginLeft: 6 }}
              />
            )}
          </Typography>
        </>
      ),
    },
    { title: 'Owner', field: 'owner', render: row => humanizeOwner(row.owner) },
    {
      title: 'System',
      field: 'system',
      render: row => humanizeOwner(row.system),
    },
    {
      title: 'SLI / objective',
      field: 'sli',
      type: 'numeric',
      render: row => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <span
            className={
              row.sli !== null && row.sli < row.target
                ? classes.danger
                : undefined
            }
          >
            {formatPercent(row.sli)}
          </span>
          <span className={classes.muted}> / {formatPercent(row.target)}</span>
        </span>
      ),
    },
    {
      title: 'Budget left',
      field: 'remaining',
      defaultSort: 'asc',
      customSort: (a, b) =>
        (a.remaining ?? Infinity) - (b.remaining ?? Infinity),
      render: row => <BudgetBar remaining={row.remaining} />,
    },
    {
      title: 'Policy',
      field: 'policyState',
      render: row => <PolicyStateChip state={row.policyState} />,
    },
    {
      title: 'Alerts',
      field: 'firing',
      customSort: (a, b) => Number(b.firing) - Number(a.firing),
      render: row =>
        row.firing ? (
          <span className={classes.firing}>
            {row.firingSeverity === 'page' ? 'Paging' : 'Ticket'}
          </span>
        ) : (
          <span className={classes.muted}>—</span>
        ),
    },
    {
      title: 'Updated',
      field: 'computedAt',
      render: row => (
        <Tooltip title={row.error ?? ''}>
          <span
            className={row.stale ? classes.warn : classes.muted}
            style={{ whiteSpace: 'nowrap' }}
          >
            {row.stale ? 'stale · ' : ''}
            {formatRelative(row.computedAt)}
          </span>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <ContentHeader
        title="Error budgets"
        description="Every SLO in the catalog, worst budget first. Data from the last refresh."
      >
        <SupportButton>
          SLOs come from the vitals.dev/slo-ref annotation of each entity.
        </SupportButton>
      </ContentHeader>
      <Grid container spacing={2}>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="SLOs"
            value={filtered.length}
            hint="SLO objectives matching the filters"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Alerts firing"
            value={count(i => i.firing)}
            tone={count(i => i.firing) ? 'danger' : undefined}
            hint="Burning fast enough to page or ticket now"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Freeze"
            value={count(i => i.policyState === 'freeze')}
            tone={count(i => i.policyState === 'freeze') ? 'danger' : undefined}
            hint="Budget exhausted: feature releases frozen"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Warning"
            value={count(i => i.policyState === 'warning')}
            tone={count(i => i.policyState === 'warning') ? 'warn' : undefined}
            hint="Less than 25% of the budget left"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Healthy"
            value={count(i => i.policyState === 'healthy')}
            tone="ok"
            hint="Budget available"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Stale"
            value={count(i => i.stale)}
            tone={count(i => i.stale) ? 'warn' : undefined}
            hint="Figures older than they should be: the last refresh failed"
          />
        </Grid>
      </Grid>

      <Box mt={3} className={classes.filters}>
        <FilterSelect
          id="slo-owner"
          label="Owner"
          value={filter.owner}
          onChange={choice => setFilters({ owner: choice })}
          allLabel="All owners"
          options={owners.map(o => ({ value: o, label: humanizeOwner(o) }))}
        />
        <FilterSelect
          id="slo-system"
          label="System"
          value={filter.system}
          onChange={choice => setFilters({ system: choice })}
          allLabel="All systems"
          options={systems.map(s => ({ value: s, label: s }))}
        />
        <FormControl variant="outlined" size="small" className={classes.select}>
          <InputLabel id="slo-state">Policy state</InputLabel>
          <Select
            labelId="slo-state"
            label="Policy state"
            value={filter.state ?? ''}
            onChange={e => setFilters({ state: e.target.value as string })}
          >
            <MenuItem value="">Any state</MenuItem>
            <MenuItem value="freeze">Freeze</MenuItem>
            <MenuItem value="warning">Warning</MenuItem>
            <MenuItem value="healthy">Healthy</MenuItem>
            <MenuItem value="none">Not computed</MenuItem>
          </Select>
        </FormControl>
        <FormControlLabel
          control={
            <Switch
              checked={filter.firing}
              onChange={e =>
                setFilters({ firing: e.target.checked ? 'true' : undefined })
              }
              color="primary"
            />
          }
          label="Firing alerts only"
        />
        <TextField
          id="slo-search"
          size="small"
          variant="outlined"
          label="Search"
          value={filter.search ?? ''}
          onChange={e => setFilters({ q: e.target.value })}
        />
      </Box>

      <Table<SloOverviewItem>
        title={`SLOs (${filtered.length})`}
        data={filtered}
        columns={columns}
        options={{
          paging: filtered.length > 25,
          pageSize: 25,
          pageSizeOptions: [25, 50, 100],
          search: false,
          padding: 'dense',
          sorting: true,
        }}
        emptyContent={
          <Box p={3}>
            <Typography className={classes.muted}>
              {items.length === 0
                ? 'No entity declares SLOs yet. Add the vitals.dev/slo-ref annotation to a component to see it here.'
                : 'No SLO matches these filters.'}
            </Typography>
          </Box>
        }
      />

      <Grid container spacing={3} style={{ marginTop: 16 }}>
        <Grid item xs={12}>
          <RollupTable
            title="By team"
            rollups={byTeam}
            render={key =>
              key === '(none)' ? (
                key
              ) : (
                <EntityRefLink entityRef={key} defaultKind="group" />
              )
            }
          />
        </Grid>
        <Grid item xs={12}>
          <RollupTable
            title="By system"
            rollups={bySystem}
            render={key =>
              key === '(none)' ? (
                key
              ) : (
                <EntityRefLink entityRef={key} defaultKind="system" />
              )
            }
          />
        </Grid>
      </Grid>
    </>
  );
}

/** The page with its own header, for apps on the legacy frontend system. */
export function ErrorBudgetsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Error budgets"
        subtitle="SLOs, burn-rate alerts and error-budget policy across the catalog"
      />
      <Content>
        <ErrorBudgetsContent />
      </Content>
    </Page>
  );
}

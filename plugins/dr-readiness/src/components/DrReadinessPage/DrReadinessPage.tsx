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
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  FormControl,
  Grid,
  InputLabel,
  ListSubheader,
  MenuItem,
  Select,
  TextField,
  Typography,
  useTheme,
} from '@material-ui/core';
import {
  CoverageTable,
  distinctSorted,
  FilterSelect,
  SummaryTile,
  usePageStyles,
  useUrlFilters,
} from '@vitals/react';
import { AZURE_REGIONS } from '@vitals/plugin-dr-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { drReadinessApiRef } from '../../api/DrReadinessApi';
import { useEntityDrLink } from '../entityLinks';
import { InventoryNotice } from '../EntityDrReadinessContent/PolicyCards';
import { humanizeRef, regionLabel } from '../format';
import { Legend, ReadinessChip, toneColor, useToneStyles } from '../status';
import { DrRollup, filterItems, regionsByUse, rollupBy } from './rollups';
import { HeatMap } from './HeatMap';
import { RegionImpactView } from './RegionImpactView';

function Tile(props: {
  label: string;
  value: number | string;
  hint: string;
  tone?: 'ok' | 'warn' | 'error' | 'unknown';
}) {
  const theme = useTheme();
  return (
    <SummaryTile
      label={props.label}
      value={props.value}
      hint={props.hint}
      color={props.tone && toneColor(theme, props.tone)}
    />
  );
}

function RollupTable(props: {
  title: string;
  rollups: DrRollup[];
  kind: 'group' | 'system';
}) {
  const classes = usePageStyles();
  const tones = useToneStyles();
  const link = useEntityDrLink();
  const count = (n: number, tone: 'ok' | 'warn' | 'error' | 'unknown') => (
    <td
      className={`${classes.num} ${n ? tones[`text-${tone}`] : classes.muted}`}
    >
      {n}
    </td>
  );
  return (
    <InfoCard title={props.title} noPadding>
      <Box px={2} pb={1}>
        <table className={classes.rollupTable} aria-label={props.title}>
          <thead>
            <tr>
              <th>{props.kind === 'group' ? 'Team' : 'System'}</th>
              <th className={classes.num}>Services</th>
              <th className={classes.num}>Ready</th>
              <th className={classes.num}>At risk</th>
              <th className={classes.num}>Not ready</th>
              <th className={classes.num}>Unknown</th>
              <th className={classes.num}>Not required</th>
              <th>Least ready</th>
            </tr>
          </thead>
          <tbody>
            {props.rollups.map(r => (
              <tr key={r.key}>
                <td>
                  {r.key === '(none)' ? (
                    r.key
                  ) : (
                    <EntityRefLink entityRef={r.key} defaultKind={props.kind} />
                  )}
                </td>
                <td className={classes.num}>{r.services}</td>
                {count(r.ready, 'ok')}
                {count(r.atRisk, 'warn')}
                {count(r.notReady, 'error')}
                {count(r.unknown, 'unknown')}
                <td className={`${classes.num} ${classes.muted}`}>
                  {r.notRequired}
                </td>
                <td>
                  {r.worst ? (
                    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                      <ReadinessChip status={r.worst.status} />
                      <Link to={link(r.worst.entityRef)}>
                        {humanizeRef(r.worst.entityRef)}
                      </Link>
                    </Box>
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

/**
 * What the DR checks judge of the whole estate, blind spots first, so the
 * verdicts below are read knowing what they cannot vouch for. A failure here
 * leaves the rest of the page alone.
 */
function EstateCoverage() {
  const api = useApi(drReadinessApiRef);
  const { value, loading, error } = useAsync(() => api.getCoverage(), [api]);
  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="The coverage of the estate could not be loaded"
      />
    );
  if (!value) return null;
  return (
    <CoverageTable
      coverage={value}
      subjectLabel="DR checks"
      title="What the DR checks judge"
    />
  );
}

/** Services × regions: readiness for the loss of each region, rollups, and region impact. Content only: the new frontend system supplies the page header. */
export function DrReadinessContent() {
  const classes = usePageStyles();
  const api = useApi(drReadinessApiRef);
  const { params, setFilters } = useUrlFilters();
  const { value, loading, error } = useAsync(() => api.getOverview(), [api]);

  const filter = useMemo(
    () => ({
      owner: params.get('owner') ?? undefined,
      system: params.get('system') ?? undefined,
      tier: params.get('tier') ?? undefined,
      status: params.get('status') ?? undefined,
      search: params.get('q') ?? undefined,
    }),
    [params],
  );
  const selectedRegion = params.get('region') ?? '';

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
  const regions = useMemo(
    () => regionsByUse(value?.regions ?? [], filtered),
    [value, filtered],
  );
  const byTeam = useMemo(() => rollupBy(filtered, 'owner'), [filtered]);
  const bySystem = useMemo(() => rollupBy(filtered, 'system'), [filtered]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const required = filtered.filter(i => i.required);
  const count = (status: string) =>
    required.filter(i => i.status === status).length;
  const estateRegions = value?.regions ?? [];
  const otherRegions = AZURE_REGIONS.filter(
    r => !estateRegions.includes(r.name),
  );

  return (
    <>
      <ContentHeader
        title="DR readiness"
        description="If a region goes down now, does each service come back within its RTO and RPO, and if not, what is missing?"
      >
        <SupportButton>
          Services declare their DR policy with the vitals.dev/dr-tier and
          vitals.dev/primary-region annotations; their Azure resources are found
          by the vitals-entity tag.
        </SupportButton>
      </ContentHeader>
      <Box mb={2}>
        <InventoryNotice
          inventory={value?.inventory ?? null}
          stale={Boolean(value?.inventory?.stale)}
          evaluatedAt={value?.evaluatedAt ?? undefined}
        />
      </Box>
      <Grid container spacing={2}>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Services"
            value={filtered.length}
            hint="Services with a DR policy matching the filters"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Not ready"
            value={count('not-ready')}
            tone="error"
            hint="A region loss leaves them down or beyond their objectives"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="At risk"
            value={count('at-risk')}
            tone="warn"
            hint="They come back, with gaps to close"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Ready"
            value={count('ready')}
            tone="ok"
            hint="Every check passes for the loss of each of their regions"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Unknown"
            value={count('unknown')}
            tone="unknown"
            hint="Evidence is missing or the DR annotations cannot be read"
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Not required"
            value={filtered.length - required.length}
            hint="Tier none: reported, nothing is required"
          />
        </Grid>
      </Grid>

      <Box mt={2}>
        <EstateCoverage />
      </Box>

      <Box className={classes.filters}>
        <FilterSelect
          id="dr-owner"
          label="Owner"
          value={filter.owner}
          onChange={choice => setFilters({ owner: choice })}
          allLabel="All owners"
          options={owners.map(o => ({ value: o, label: humanizeRef(o) }))}
        />
        <FilterSelect
          id="dr-system"
          label="System"
          value={filter.system}
          onChange={choice => setFilters({ system: choice })}
          allLabel="All systems"
          options={systems.map(s => ({ value: s, label: humanizeRef(s) }))}
        />
        <FormControl variant="outlined" size="small" className={classes.select}>
          <InputLabel id="dr-tier">Tier</InputLabel>
          <Select
            labelId="dr-tier"
            label="Tier"
            value={filter.tier ?? ''}
            onChange={e => setFilters({ tier: e.target.value as string })}
          >
            <MenuItem value="">Any tier</MenuItem>
            <MenuItem value="critical">Critical</MenuItem>
            <MenuItem value="high">High</MenuItem>
            <MenuItem value="standard">Standard</MenuItem>
            <MenuItem value="none">None</MenuItem>
          </Select>
        </FormControl>
        <FormControl variant="outlined" size="small" className={classes.select}>
          <InputLabel id="dr-status">Status</InputLabel>
          <Select
            labelId="dr-status"
            label="Status"
            value={filter.status ?? ''}
            onChange={e => setFilters({ status: e.target.value as string })}
          >
            <MenuItem value="">Any status</MenuItem>
            <MenuItem value="not-ready">Not ready</MenuItem>
            <MenuItem value="at-risk">At risk</MenuItem>
            <MenuItem value="ready">Ready</MenuItem>
            <MenuItem value="unknown">Unknown</MenuItem>
            <MenuItem value="not-required">Not required</MenuItem>
          </Select>
        </FormControl>
        <TextField
          id="dr-search"
          size="small"
          variant="outlined"
          label="Search"
          value={filter.search ?? ''}
          onChange={e => setFilters({ q: e.target.value })}
        />
      </Box>

      {items.length === 0 ? (
        <InfoCard title="Services × regions">
          <Typography className={classes.muted}>
            No entity declares a DR policy yet. Add the vitals.dev/dr-tier and
            vitals.dev/primary-region annotations to a component to see it here.
          </Typography>
        </InfoCard>
      ) : (
        <HeatMap items={filtered} regions={regions} />
      )}
      {items.length > 0 && filtered.length === 0 && (
        <Typography className={classes.muted} style={{ marginTop: 8 }}>
          No service matches these filters.
        </Typography>
      )}
      <Box mt={1} mb={3}>
        <Legend />
      </Box>

      <InfoCard
        title="Region impact"
        subheader="Pick a region to see what losing it means for each service: fails over, degrades or goes down, and why."
      >
        <FormControl variant="outlined" size="small" style={{ minWidth: 280 }}>
          <InputLabel id="dr-region">Region</InputLabel>
          <Select
            labelId="dr-region"
            label="Region"
            value={selectedRegion}
            onChange={e => setFilters({ region: e.target.value as string })}
          >
            <MenuItem value="">
              <em>Choose a region</em>
            </MenuItem>
            <ListSubheader>Regions the services use</ListSubheader>
            {estateRegions.map(r => (
              <MenuItem key={r} value={r}>
                {regionLabel(r)} ({r})
              </MenuItem>
            ))}
            <ListSubheader>Other Azure regions</ListSubheader>
            {otherRegions.map(r => (
              <MenuItem key={r.name} value={r.name}>
                {r.displayName} ({r.name})
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {selectedRegion && (
          <Box mt={2}>
            <RegionImpactView region={selectedRegion} />
          </Box>
        )}
      </InfoCard>

      <Grid container spacing={3} style={{ marginTop: 16 }}>
        <Grid item xs={12}>
          <RollupTable title="By team" rollups={byTeam} kind="group" />
        </Grid>
        <Grid item xs={12}>
          <RollupTable title="By system" rollups={bySystem} kind="system" />
        </Grid>
      </Grid>
    </>
  );
}

/** The page with its own header, for apps on the legacy frontend system. */
export function DrReadinessPage() {
  return (
    <Page themeId="tool">
      <Header
        title="DR readiness"
        subtitle="Recovery of every service from the loss of each Azure region"
      />
      <Content>
        <DrReadinessContent />
      </Content>
    </Page>
  );
}

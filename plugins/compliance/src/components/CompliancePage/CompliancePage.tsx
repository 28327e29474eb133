import { useEffect, useMemo, useState } from 'react';
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
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Chip,
  FormControl,
  Grid,
  InputLabel,
  makeStyles,
  MenuItem,
  Select,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert } from '@material-ui/lab';
import {
  distinctSorted,
  FilterSelect,
  SummaryTile,
  usePageStyles,
  useUrlFilters,
} from '@vitals/react';
import {
  COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION,
  DATA_CLASSIFICATIONS,
  hipaaFramework,
  VITALS_ENTITY_TAG,
  type ComplianceOverviewItem,
  type ComplianceStatus,
  type UnownedResource,
} from '@vitals/plugin-compliance-common';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef, ComplianceFilters } from '../../api/ComplianceApi';
import { saveDownload } from '../download';
import { useEntityComplianceLink } from '../entityLinks';
import {
  COMPLIANCE_STATUS_HINTS,
  COMPLIANCE_STATUS_LABELS,
  COMPLIANCE_STATUS_ORDER,
  formatAge,
  formatDateTime,
  formatRelative,
  humanizeRef,
  portalUrl,
} from '../format';
import { ComplianceStatusChip } from '../StatusChips';
import { EstateStatusTrend, useStatusColors } from '../TrendCharts';
import { EstateCoverageTable } from '../Coverage/Coverage';
import { ControlTeamMatrix } from './ControlTeamMatrix';

const useStyles = makeStyles(theme => ({
  controlSelect: { minWidth: 260, maxWidth: 360 },
  controlChip: { margin: theme.spacing(0.25), fontSize: 12 },
  failChip: {
    backgroundColor: theme.palette.status.error,
    color: theme.palette.getContrastText(theme.palette.status.error),
  },
  unknownChip: {
    borderColor: theme.palette.status.warning,
    color: theme.palette.text.primary,
  },
  mono: { fontFamily: 'monospace', fontSize: 12 },
}));

/** How often the page asks again while the first evaluation runs. */
const RETRY_MS = 10_000;

const FILTER_KEYS = [
  'owner',
  'system',
  'status',
  'control',
  'classification',
  'asOf',
] as const;

function useFilters() {
  const { params, setFilters } = useUrlFilters();
  const filters: ComplianceFilters = useMemo(
    () =>
      Object.fromEntries(
        FILTER_KEYS.map(k => [k, params.get(k) ?? undefined]).filter(
          ([, v]) => v,
        ),
      ),
    [params],
  );
  return { filters, setFilters };
}

function UnownedResources() {
  const classes = { ...usePageStyles(), ...useStyles() };
  const api = useApi(complianceApiRef);
  const { value, loading, error } = useAsync(() => api.getUnowned(), [api]);
  const columns: TableColumn<UnownedResource>[] = [
    {
      title: 'Resource',
      field: 'name',
      highlight: true,
      render: r => <Link to={portalUrl(r.id)}>{r.name}</Link>,
    },
    {
      title: 'Type',
      field: 'type',
      render: r => <span className={classes.mono}>{r.type}</span>,
    },
    { title: 'Resource group', field: 'resourceGroup' },
    {
      title: 'Subscription',
      field: 'subscriptionId',
      render: r => <span className={classes.mono}>{r.subscriptionId}</span>,
    },
    { title: 'Region', field: 'location' },
    {
      title: 'Tags',
      field: 'tags',
      sorting: false,
      render: r =>
        Object.entries(r.tags).length === 0 ? (
          <span className={classes.muted}>none</span>
        ) : (
          Object.entries(r.tags).map(([k, v]) => (
            <Chip
              key={k}
              size="small"
              variant="outlined"
              label={`${k}=${v}`}
              className={classes.controlChip}
            />
          ))
        ),
    },
  ];
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Table<UnownedResource>
      title={`Unowned Azure resources (${value?.total ?? 0})`}
      subtitle={`No service claims these: nobody is accountable for their findings. Tag them ${VITALS_ENTITY_TAG}=<entity ref>, or claim their resource group with vitals.dev/azure-selector.`}
      data={value?.items ?? []}
      columns={columns}
      options={{
        paging: (value?.items.length ?? 0) > 10,
        pageSize: 10,
        search: true,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={3}>
          <Typography className={classes.muted}>
            Every Azure resource in the inventory belongs to a service.
          </Typography>
        </Box>
      }
    />
  );
}

function ExportButtons(props: { filters: ComplianceFilters }) {
  const api = useApi(complianceApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<'csv' | 'json'>();
  const download = async (format: 'csv' | 'json') => {
    setBusy(format);
    try {
      const file = await api.downloadReport(format, props.filters);
      saveDownload(file);
      alertApi.post({
        message:
          format === 'json' && file.digest
            ? `Evidence pack ${
                file.filename
              } saved; SHA-256 ${file.digest.replace(/^sha-256=/, '')}`
            : `${file.filename} saved`,
        severity: 'success',
        display: 'transient',
      });
    } catch (e) {
      alertApi.post({ message: (e as Error).message, severity: 'error' });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Box display="flex" style={{ gap: 8 }}>
      <Tooltip title="Every finding of the services shown: resource, property, expected and actual values, the Azure Policy built-in it mirrors">
        <span>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            disabled={Boolean(busy)}
            onClick={() => download('csv')}
          >
            Export CSV
          </Button>
        </span>
      </Tooltip>
      <Tooltip title="The same evidence as canonical JSON with its SHA-256 digest, for an auditor">
        <span>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            disabled={Boolean(busy)}
            onClick={() => download('json')}
          >
            Evidence pack (JSON)
          </Button>
        </span>
      </Tooltip>
    </Box>
  );
}

/** Every classified service's HIPAA status, the control × team matrix, the trend and unowned resources. Content only. */
export function ComplianceContent() {
  const classes = { ...usePageStyles(), ...useStyles() };
  const api = useApi(complianceApiRef);
  const colors = useStatusColors();
  const link = useEntityComplianceLink();
  const { filters, setFilters } = useFilters();
  // The table filters by status and control in the browser; the backend
  // narrows by owner, system, classification and time.
  const scope = useMemo(
    () => ({
      owner: filters.owner,
      system: filters.system,
      classification: filters.classification,
      asOf: filters.asOf,
    }),
    [filters.owner, filters.system, filters.classification, filters.asOf],
  );
  // Until the first evaluation is in, the backend answers 503; ask again.
  const [attempt, setAttempt] = useState(0);
  const overview = useAsync(
    () => api.getOverview(scope),
    [api, scope, attempt],
  );
  const evaluating = (overview.error as any)?.response?.status === 503;
  useEffect(() => {
    if (!evaluating) return undefined;
    const timer = setTimeout(() => setAttempt(a => a + 1), RETRY_MS);
    return () => clearTimeout(timer);
  }, [evaluating, attempt]);
  // The owner and system options come from the whole estate; without a
  // backend filter that is the overview itself, fetched once.
  const scoped = Boolean(
    scope.owner || scope.system || scope.classification || scope.asOf,
  );
  const estate = useAsync(
    async () => (scoped ? api.getOverview() : undefined),
    [api, scoped],
  );
  const facetItems = (scoped ? estate.value : overview.value)?.items;
  const history = useAsync(
    () =>
      api.getEstateHistory(scope, {
        ...(filters.asOf
          ? {
              to: DateTime.fromISO(filters.asOf, { zone: 'utc' })
                .endOf('day')
                .toJSDate(),
            }
          : {}),
        points: 90,
      }),
    [api, scope],
  );

  const items = useMemo(() => overview.value?.items ?? [], [overview.value]);
  const shown = useMemo(
    () =>
      items.filter(
        i =>
          (!filters.status || i.status === filters.status) &&
          (!filters.control || i.failingControls.includes(filters.control)),
      ),
    [items, filters.status, filters.control],
  );
  const owners = useMemo(
    () => distinctSorted((facetItems ?? []).map(i => i.owner)),
    [facetItems],
  );
  const systems = useMemo(
    () => distinctSorted((facetItems ?? []).map(i => i.system)),
    [facetItems],
  );

  if (evaluating) {
    return (
      <>
        <ContentHeader title="HIPAA compliance" />
        <InfoCard title="Compliance is being evaluated">
          <Typography>
            {(overview.error as any).body?.error?.message ??
              overview.error!.message}
          </Typography>
          <Typography variant="body2" className={classes.muted}>
            This page asks again every {RETRY_MS / 1000} seconds.
          </Typography>
        </InfoCard>
      </>
    );
  }
  if (overview.loading && !overview.value) return <Progress />;
  if (overview.error) return <ResponseErrorPanel error={overview.error} />;
  const value = overview.value!;
  const count = (status: ComplianceStatus) =>
    items.filter(i => i.status === status).length;

  const columns: TableColumn<ComplianceOverviewItem>[] = [
    {
      title: 'Service',
      field: 'entityRef',
      highlight: true,
      cellStyle: { minWidth: 200 },
      render: row => (
        <>
          <Link to={link(row.entityRef)}>{humanizeRef(row.entityRef)}</Link>
          <Typography
            variant="caption"
            component="div"
            className={classes.muted}
          >
            {row.classification ?? 'no classification'}
            {row.enforced ? '' : ' · not enforced'}
          </Typography>
        </>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      defaultSort: 'asc',
      customSort: (a, b) =>
        COMPLIANCE_STATUS_ORDER.indexOf(a.status) -
          COMPLIANCE_STATUS_ORDER.indexOf(b.status) ||
        (a.score ?? 101) - (b.score ?? 101),
      render: row => <ComplianceStatusChip status={row.status} />,
    },
    {
      title: 'Score',
      field: 'score',
      type: 'numeric',
      render: row => (row.score === null ? '—' : row.score),
    },
    {
      title: 'Failing safeguards',
      field: 'failingControls',
      sorting: false,
      cellStyle: { maxWidth: 360 },
      render: row => (
        <>
          {row.failingControls.map(id => (
            <Tooltip
              key={id}
              title={
                hipaaFramework.controls.find(c => c.id === id)?.title ?? id
              }
            >
              <Chip
                size="small"
                label={id}
                component="a"
                clickable
                href={link(row.entityRef, id)}
                className={`${classes.controlChip} ${classes.failChip}`}
              />
            </Tooltip>
          ))}
          {row.unknownControls.length > 0 && (
            <Tooltip
              title={`Unverified: ${row.unknownControls
                .map(
                  id =>
                    `${id} ${
                      hipaaFramework.controls.find(c => c.id === id)?.title ??
                      ''
                    }`,
                )
                .join('; ')}`}
            >
              <Chip
                size="small"
                variant="outlined"
                label={`${row.unknownControls.length} unverified`}
                className={`${classes.controlChip} ${classes.unknownChip}`}
              />
            </Tooltip>
          )}
          {row.failingControls.length + row.unknownControls.length === 0 && (
            <span className={classes.muted}>—</span>
          )}
        </>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: row =>
        row.owner ? (
          <EntityRefLink entityRef={row.owner} defaultKind="group" hideIcon />
        ) : (
          <span className={classes.muted}>no owner</span>
        ),
    },
    {
      title: 'System',
      field: 'system',
      render: row => humanizeRef(row.system),
    },
    {
      title: 'Evaluated',
      field: 'evaluatedAt',
      render: row => (
        <Tooltip title={formatDateTime(row.evaluatedAt)}>
          <span
            className={value.stale ? undefined : classes.muted}
            style={{ whiteSpace: 'nowrap' }}
          >
            {formatRelative(row.evaluatedAt)}
          </span>
        </Tooltip>
      ),
    },
  ];

  const controlTitle = filters.control
    ? hipaaFramework.controls.find(c => c.id === filters.control)?.title
    : undefined;

  return (
    <>
      <ContentHeader
        title="HIPAA compliance"
        description="Which services handling PHI fail which HIPAA Security Rule safeguard, why, and who owns the fix."
      >
        <ExportButtons filters={filters} />
        <SupportButton>
          Services declare the data they handle with{' '}
          {COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION}; their Azure resources are
          found by the {VITALS_ENTITY_TAG} tag or vitals.dev/azure-selector.
          HIPAA is enforced for PHI and reported for the rest.
        </SupportButton>
      </ContentHeader>

      {filters.asOf && (
        <Box mb={2}>
          <Alert
            severity="info"
            action={
              <Button size="small" onClick={() => setFilters({ asOf: null })}>
                Back to now
              </Button>
            }
          >
            Showing the verdicts stored as of the end of {filters.asOf} (UTC).
          </Alert>
        </Box>
      )}
      {!filters.asOf && value.stale && (
        <Box mb={2}>
          <Alert severity="warning">
            Verdicts are stale: the Azure inventory was last loaded{' '}
            {formatAge(value.dataSources.azure.ageSeconds)} ago
            {value.dataSources.azure.error
              ? ` and the latest load failed: ${value.dataSources.azure.error}`
              : ''}
            .
          </Alert>
        </Box>
      )}
      {!value.dataSources.drReadiness.available && (
        <Box mb={2}>
          <Alert severity="warning">
            DR readiness was unavailable at the last evaluation, so the
            disaster-recovery and contingency controls are unknown:{' '}
            {value.dataSources.drReadiness.error}
          </Alert>
        </Box>
      )}

      <Grid container spacing={2}>
        {COMPLIANCE_STATUS_ORDER.map(status => (
          <Grid item xs={6} sm={4} md={2} key={status}>
            <SummaryTile
              label={COMPLIANCE_STATUS_LABELS[status]}
              value={count(status)}
              color={colors[status]}
              hint={`${COMPLIANCE_STATUS_HINTS[status]} Click to filter.`}
              active={filters.status === status}
              onClick={() =>
                setFilters({
                  status: filters.status === status ? null : status,
                })
              }
            />
          </Grid>
        ))}
        <Grid item xs={6} sm={4} md={2}>
          <SummaryTile
            label="Unowned"
            value={value.unownedResources}
            color={colors.unknown}
            hint="Azure resources no service claims; listed at the bottom."
            onClick={() =>
              document
                .getElementById('unowned-resources')
                ?.scrollIntoView({ behavior: 'smooth' })
            }
          />
        </Grid>
      </Grid>

      <Box mt={2}>
        <EstateCoverageTable asOf={filters.asOf} />
      </Box>

      <Box className={classes.filters}>
        <FilterSelect
          id="compliance-status"
          label="Status"
          value={filters.status}
          onChange={choice => setFilters({ status: choice })}
          allLabel="Any status"
          options={COMPLIANCE_STATUS_ORDER.map(s => ({
            value: s,
            label: COMPLIANCE_STATUS_LABELS[s],
          }))}
        />
        <FormControl variant="outlined" size="small" className={classes.select}>
          <InputLabel id="compliance-classification">Classification</InputLabel>
          <Select
            labelId="compliance-classification"
            label="Classification"
            value={filters.classification ?? ''}
            onChange={e =>
              setFilters({ classification: e.target.value as string })
            }
          >
            <MenuItem value="">Any classification</MenuItem>
            {DATA_CLASSIFICATIONS.map(c => (
              <MenuItem key={c} value={c}>
                {c.toUpperCase()}
              </MenuItem>
            ))}
            <MenuItem value="none">Not declared</MenuItem>
          </Select>
        </FormControl>
        <FilterSelect
          id="compliance-owner"
          label="Owner"
          value={filters.owner}
          onChange={choice => setFilters({ owner: choice })}
          allLabel="All owners"
          options={owners.map(o => ({ value: o, label: humanizeRef(o) }))}
        />
        <FilterSelect
          id="compliance-system"
          label="System"
          value={filters.system}
          onChange={choice => setFilters({ system: choice })}
          allLabel="All systems"
          options={systems.map(s => ({ value: s, label: humanizeRef(s) }))}
        />
        <FormControl
          variant="outlined"
          size="small"
          className={classes.controlSelect}
        >
          <InputLabel id="compliance-control">Failing control</InputLabel>
          <Select
            labelId="compliance-control"
            label="Failing control"
            value={filters.control ?? ''}
            onChange={e => setFilters({ control: e.target.value as string })}
            renderValue={v => (v ? `${v} ${controlTitle ?? ''}` : '')}
          >
            <MenuItem value="">Any control</MenuItem>
            {hipaaFramework.controls.map(c => (
              <MenuItem key={c.id} value={c.id}>
                {c.id} {c.title}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <TextField
          label="As of"
          type="date"
          size="small"
          variant="outlined"
          InputLabelProps={{ shrink: true }}
          inputProps={{ max: DateTime.now().toISODate() ?? undefined }}
          value={filters.asOf ?? ''}
          onChange={e => setFilters({ asOf: e.target.value || null })}
        />
        {Object.keys(filters).length > 0 && (
          <Button
            size="small"
            onClick={() =>
              setFilters(Object.fromEntries(FILTER_KEYS.map(k => [k, null])))
            }
          >
            Clear filters
          </Button>
        )}
      </Box>

      <Table<ComplianceOverviewItem>
        title={`Services (${shown.length})`}
        subtitle={
          value.evaluatedAt
            ? `Evaluated ${formatDateTime(value.evaluatedAt)}${
                filters.control
                  ? ` · failing ${filters.control} ${controlTitle ?? ''}`
                  : ''
              }`
            : undefined
        }
        data={shown}
        columns={columns}
        options={{
          paging: shown.length > 25,
          pageSize: 25,
          pageSizeOptions: [25, 50, 100],
          search: true,
          padding: 'dense',
          sorting: true,
        }}
        emptyContent={
          <Box p={3}>
            <Typography className={classes.muted}>
              {items.length === 0
                ? `No service has been evaluated. Add ${COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION} to a component to see it here.`
                : 'No service matches these filters.'}
            </Typography>
          </Box>
        }
      />

      <Grid container spacing={3} style={{ marginTop: 8 }}>
        <Grid item xs={12}>
          <InfoCard
            title="Failing controls by team"
            subheader="Who owns the fix: click a cell for the services behind it."
          >
            <ControlTeamMatrix
              matrix={value.matrix}
              onSelect={(owner, controlId) =>
                setFilters({
                  owner: owner ?? null,
                  control: controlId ?? null,
                  status: null,
                })
              }
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Services by status over time"
            subheader={
              history.value
                ? `${formatDateTime(history.value.from)} – ${formatDateTime(
                    history.value.to,
                  )}, from the stored verdicts`
                : 'From the stored verdicts'
            }
          >
            {history.loading && <Progress />}
            {history.error && <ResponseErrorPanel error={history.error} />}
            {history.value && <EstateStatusTrend history={history.value} />}
          </InfoCard>
        </Grid>
        <Grid item xs={12} id="unowned-resources">
          <UnownedResources />
        </Grid>
      </Grid>
    </>
  );
}

/** The Compliance page with its own header, for apps on the legacy frontend system. */
export function CompliancePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Compliance"
        subtitle="HIPAA Security Rule status of every service, with evidence for auditors"
      />
      <Content>
        <ComplianceContent />
      </Content>
    </Page>
  );
}

import { useMemo, useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { Box, Grid, makeStyles, Typography, useTheme } from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import {
  SloDeployment,
  SloHistoryPointDto,
  SloStatus,
} from '@vitals/plugin-slo-common';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { sloApiRef } from '../../api/SloApi';
import { formatBurnRate, formatPercent } from '../format';

type RangeKey = '1h' | '1d' | '7d' | 'window';

const RANGES: Record<
  Exclude<RangeKey, 'window'>,
  { ms: number; step: string }
> = {
  '1h': { ms: 3_600_000, step: '5m' },
  '1d': { ms: 86_400_000, step: '15m' },
  '7d': { ms: 7 * 86_400_000, step: '1h' },
};

const useStyles = makeStyles(theme => ({
  chartTitle: { fontWeight: 600, marginBottom: theme.spacing(0.5) },
  caption: { color: theme.palette.text.secondary },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    marginBottom: theme.spacing(1),
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

function windowRange(slo: SloStatus, now: number) {
  const start = slo.window.start
    ? Date.parse(slo.window.start)
    : now - 30 * 86_400_000;
  const from = slo.window.rolling ? now - (now - start) : start;
  const span = now - from;
  let step = '30m';
  if (span > 20 * 86_400_000) step = '6h';
  else if (span > 3 * 86_400_000) step = '2h';
  return { from, step };
}

export interface ChartPoint {
  t: number;
  sli: number | null;
  burnRate: number | null;
  remaining: number;
  ideal: number | null;
}

/**
 * The points the charts draw, with the "ideal" burndown: the budget left if
 * it were spent evenly (burn rate 1) from the start of the range, reaching
 * zero at the end of a calendar period.
 */
export function toChartPoints(
  points: SloHistoryPointDto[],
  slo: SloStatus,
): ChartPoint[] {
  if (points.length === 0) return [];
  const t0 = Date.parse(points[0].t);
  const windowMs =
    slo.window.start && slo.window.end
      ? Date.parse(slo.window.end) - Date.parse(slo.window.start)
      : 30 * 86_400_000;
  const calendarStart =
    !slo.window.rolling && slo.window.start
      ? Date.parse(slo.window.start)
      : undefined;
  const start =
    calendarStart !== undefined && calendarStart >= t0 ? calendarStart : t0;
  const startRemaining =
    calendarStart !== undefined && calendarStart >= t0
      ? 1
      : points[0].remaining;
  return points.map(p => {
    const t = Date.parse(p.t);
    return {
      t,
      sli: p.sli,
      burnRate: p.burnRate,
      remaining: p.remaining,
      ideal: t >= start ? startRemaining - (t - start) / windowMs : null,
    };
  });
}

/** Most deployments labelled with their version on a chart; more are drawn unlabelled. */
const MAX_LABELLED_DEPLOYMENTS = 4;

export interface DeploymentMarker {
  t: number;
  version: string;
  environment: string;
  /** Labelled on the chart (the latest few of the range). */
  labelled: boolean;
}

/** The deployments inside [from, to], oldest first, the latest few labelled. */
export function deploymentMarkers(
  deployments: readonly SloDeployment[],
  from: number,
  to: number,
): DeploymentMarker[] {
  const inRange = deployments
    .map(d => ({
      t: Date.parse(d.at),
      version: d.version,
      environment: d.environment,
    }))
    .filter(d => d.t >= from && d.t <= to)
    .sort((a, b) => a.t - b.t);
  return inRange.map((d, i) => ({
    ...d,
    labelled: i >= inRange.length - MAX_LABELLED_DEPLOYMENTS,
  }));
}

/** Budget burndown, SLI and burn-rate charts over 1 h, 1 d, 7 d or the SLO window, with deployments marked. */
export function SloCharts(props: {
  entityRef: CompoundEntityRef;
  slo: SloStatus;
  deployments?: readonly SloDeployment[];
}) {
  const { slo } = props;
  const classes = useStyles();
  const theme = useTheme();
  const api = useApi(sloApiRef);
  const [range, setRange] = useState<RangeKey>('1d');

  const { value, loading, error } = useAsync(async () => {
    const to = slo.computedAt ? Date.parse(slo.computedAt) : Date.now();
    const { from, step } =
      range === 'window'
        ? windowRange(slo, to)
        : { from: to - RANGES[range].ms, step: RANGES[range].step };
    return api.getHistory(props.entityRef, slo.name, {
      from: new Date(from),
      to: new Date(to),
      step,
    });
  }, [api, props.entityRef, slo.name, slo.computedAt, range]);

  const points = useMemo(
    () => (value ? toChartPoints(value.points, slo) : []),
    [value, slo],
  );
  const spanMs =
    points.length > 1 ? points[points.length - 1].t - points[0].t : 0;
  const markers = useMemo(
    () =>
      points.length > 1
        ? deploymentMarkers(
            props.deployments ?? [],
            points[0].t,
            points[points.length - 1].t,
          )
        : [],
    [props.deployments, points],
  );
  const middle =
    points.length > 1 ? (points[0].t + points[points.length - 1].t) / 2 : 0;
  const markerLines = markers.map(m => (
    <ReferenceLine
      key={`${m.t}-${m.version}-${m.environment}`}
      x={m.t}
      stroke={theme.palette.info.main}
      strokeDasharray="2 3"
      ifOverflow="hidden"
      label={
        m.labelled
          ? {
              value:
                m.version.length > 12
                  ? `${m.version.slice(0, 11)}…`
                  : m.version,
              // Beside the line, on the side with room for the text.
              position: m.t > middle ? 'insideTopRight' : 'insideTopLeft',
              fontSize: 10,
              fill: theme.palette.info.main,
            }
          : undefined
      }
    />
  ));
  const tickFormat = (t: number) =>
    DateTime.fromMillis(t).toFormat(
      spanMs > 2 * 86_400_000 ? 'LLL d' : 'HH:mm',
    );
  const tooltipLabel = (t: number) =>
    DateTime.fromMillis(t).toFormat('LLL d, HH:mm');
  const pageFactor = slo.burnRates[0]?.factor;
  const axis = { stroke: theme.palette.text.secondary, fontSize: 11 };
  const grid = (
    <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
  );
  const xAxis = (
    <XAxis
      dataKey="t"
      type="number"
      scale="time"
      domain={['dataMin', 'dataMax']}
      tickFormatter={tickFormat}
      tick={axis}
      minTickGap={24}
    />
  );
  const tooltipStyle = {
    backgroundColor: theme.palette.background.paper,
    border: `1px solid ${theme.palette.divider}`,
    fontSize: 12,
  };
  const sliValues = points
    .map(p => p.sli)
    .filter((v): v is number => v !== null);
  const sliMin = Math.min(slo.target, ...sliValues);
  const sliDomain: [number, number] = [
    Math.max(0, sliMin - (1 - sliMin) * 0.5),
    1,
  ];

  return (
    <Box>
      <Box className={classes.toolbar}>
        <Typography variant="subtitle2">Trends</Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={range}
          onChange={(_e, v) => v && setRange(v)}
          aria-label="Chart range"
        >
          <ToggleButton value="1h">1 h</ToggleButton>
          <ToggleButton value="1d">1 d</ToggleButton>
          <ToggleButton value="7d">7 d</ToggleButton>
          <ToggleButton value="window">
            Window ({slo.window.duration})
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && points.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No data in this range yet.
        </Typography>
      )}
      {!loading && !error && points.length > 0 && (
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            <Typography variant="body2" className={classes.chartTitle}>
              Error budget remaining
            </Typography>
            <ResponsiveContainer width="100%" height={200}>
              <LineChart
                data={points}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                {grid}
                {xAxis}
                {markerLines}
                <YAxis
                  tickFormatter={v => formatPercent(v, 0)}
                  tick={axis}
                  width={48}
                  domain={[(min: number) => Math.min(0, min), 1]}
                />
                <Tooltip
                  labelFormatter={(label: any) => tooltipLabel(Number(label))}
                  formatter={(v: any) => formatPercent(v, 1)}
                  contentStyle={tooltipStyle}
                />
                <ReferenceLine
                  y={0}
                  stroke={theme.palette.status.error}
                  strokeDasharray="4 4"
                />
                <Line
                  type="monotone"
                  dataKey="ideal"
                  name="Even spend"
                  stroke={theme.palette.text.secondary}
                  strokeDasharray="5 5"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="remaining"
                  name="Remaining"
                  stroke={theme.palette.primary.main}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
            <Typography variant="caption" className={classes.caption}>
              Dashed: the budget left if spent evenly over the window.
            </Typography>
          </Grid>
          <Grid item xs={12} md={4}>
            <Typography variant="body2" className={classes.chartTitle}>
              SLI over the window
            </Typography>
            <ResponsiveContainer width="100%" height={200}>
              <LineChart
                data={points}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                {grid}
                {xAxis}
                {markerLines}
                <YAxis
                  tickFormatter={v => formatPercent(v)}
                  tick={axis}
                  width={60}
                  domain={sliDomain}
                />
                <Tooltip
                  labelFormatter={(label: any) => tooltipLabel(Number(label))}
                  formatter={(v: any) => formatPercent(v)}
                  contentStyle={tooltipStyle}
                />
                <ReferenceLine
                  y={slo.target}
                  stroke={theme.palette.status.warning}
                  strokeDasharray="4 4"
                  label={{
                    value: 'objective',
                    position: 'insideBottomRight',
                    fontSize: 11,
                    fill: theme.palette.text.secondary,
                  }}
                />
                <Line
                  type="monotone"
                  dataKey="sli"
                  name="SLI"
                  stroke={theme.palette.secondary.main}
                  strokeWidth={2}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
            <Typography variant="caption" className={classes.caption}>
              Each point covers the {slo.window.duration} window ending there.
            </Typography>
          </Grid>
          <Grid item xs={12} md={4}>
            <Typography variant="body2" className={classes.chartTitle}>
              Burn rate (per {value?.step})
            </Typography>
            <ResponsiveContainer width="100%" height={200}>
              <LineChart
                data={points}
                margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              >
                {grid}
                {xAxis}
                {markerLines}
                <YAxis
                  tickFormatter={v => formatBurnRate(v)}
                  tick={axis}
                  width={52}
                />
                <Tooltip
                  labelFormatter={(label: any) => tooltipLabel(Number(label))}
                  formatter={(v: any) => formatBurnRate(v)}
                  contentStyle={tooltipStyle}
                />
                <ReferenceLine
                  y={1}
                  stroke={theme.palette.text.secondary}
                  strokeDasharray="4 4"
                  label={{
                    value: '1× (even)',
                    position: 'insideTopLeft',
                    fontSize: 11,
                    fill: theme.palette.text.secondary,
                  }}
                />
                {pageFactor !== undefined && (
                  <ReferenceLine
                    y={pageFactor}
                    stroke={theme.palette.status.error}
                    strokeDasharray="4 4"
                    label={{
                      value: `page ${formatBurnRate(pageFactor)}`,
                      position: 'insideTopLeft',
                      fontSize: 11,
                      fill: theme.palette.status.error,
                    }}
                  />
                )}
                <Line
                  type="stepAfter"
                  dataKey="burnRate"
                  name="Burn rate"
                  stroke={theme.palette.status.warning}
                  strokeWidth={2}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
            <Typography variant="caption" className={classes.caption}>
              1× spends exactly the budget over the window.
            </Typography>
          </Grid>
          {markers.length > 0 && (
            <Grid item xs={12}>
              <Typography
                variant="caption"
                className={classes.caption}
                data-testid="deployment-markers"
              >
                Dotted lines: {markers.length} deployment
                {markers.length === 1 ? '' : 's'} in this range (
                {markers
                  .slice(-MAX_LABELLED_DEPLOYMENTS)
                  .map(
                    m =>
                      `${m.version} to ${m.environment}, ${DateTime.fromMillis(
                        m.t,
                      ).toFormat('LLL d, HH:mm')}`,
                  )
                  .join('; ')}
                {markers.length > MAX_LABELLED_DEPLOYMENTS ? '; …' : ''}).
              </Typography>
            </Grid>
          )}
        </Grid>
      )}
    </Box>
  );
}

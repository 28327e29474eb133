import { Box, makeStyles, Typography, useTheme } from '@material-ui/core';
import type {
  ComplianceStatus,
  ComplianceStatusSpan,
  EstateComplianceHistoryResponse,
} from '@vitals/plugin-compliance-common';
import { DateTime } from 'luxon';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { COMPLIANCE_STATUS_LABELS, COMPLIANCE_STATUS_ORDER } from './format';

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
    fontSize: 12,
    color: theme.palette.text.secondary,
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: 6,
    verticalAlign: 'middle',
  },
  empty: { color: theme.palette.text.secondary, padding: theme.spacing(2, 0) },
}));

/** The colour of each overall status, from the theme. */
export function useStatusColors(): Record<ComplianceStatus, string> {
  const theme = useTheme();
  return {
    compliant: theme.palette.status.ok,
    'non-compliant': theme.palette.status.error,
    exempt: theme.palette.info.main,
    unknown: theme.palette.status.warning,
    'not-applicable': theme.palette.grey[400],
  };
}

/** Day ticks over long ranges, hour ticks over a young history. */
function timeTicks(from: number, to: number) {
  return (t: number) =>
    to - from < 2 * 86_400_000
      ? DateTime.fromMillis(t).toLocaleString(DateTime.TIME_SIMPLE)
      : DateTime.fromMillis(t).toLocaleString({
          month: 'short',
          day: 'numeric',
        });
}

export interface ScorePoint {
  t: number;
  score: number | null;
  status: ComplianceStatus;
}

/** Step points of an entity's score, one per verdict change plus the range's end. */
export function spansToPoints(
  spans: readonly ComplianceStatusSpan[],
  to: number,
): ScorePoint[] {
  const points: ScorePoint[] = spans.map(s => ({
    t: Date.parse(s.from),
    score: s.score,
    status: s.status,
  }));
  const last = spans[spans.length - 1];
  if (last) {
    points.push({
      t: last.to ? Date.parse(last.to) : to,
      score: last.score,
      status: last.status,
    });
  }
  return points;
}

/** An entity's score over time, the background coloured by its status. */
export function EntityScoreTrend(props: {
  spans: readonly ComplianceStatusSpan[];
  from: number;
  to: number;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const colors = useStatusColors();
  const points = spansToPoints(props.spans, props.to);
  if (points.length === 0) {
    return (
      <Typography className={classes.empty}>
        No verdicts are stored for this period yet.
      </Typography>
    );
  }
  const seen = [...new Set(props.spans.map(s => s.status))];
  return (
    <Box>
      <ResponsiveContainer width="100%" height={200}>
        <AreaChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[props.from, props.to]}
            tickFormatter={timeTicks(props.from, props.to)}
            tick={{ fontSize: 11 }}
            minTickGap={40}
          />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
          {props.spans.map(span => (
            <ReferenceArea
              key={span.from}
              x1={Math.max(Date.parse(span.from), props.from)}
              x2={span.to ? Date.parse(span.to) : props.to}
              y1={0}
              y2={100}
              fill={colors[span.status]}
              fillOpacity={0.12}
              ifOverflow="hidden"
            />
          ))}
          <Tooltip
            labelFormatter={value =>
              DateTime.fromMillis(Number(value)).toLocaleString(
                DateTime.DATETIME_MED,
              )
            }
            formatter={(value: any, _name: any, item: any) => [
              `${value ?? '—'} (${
                COMPLIANCE_STATUS_LABELS[
                  item.payload.status as ComplianceStatus
                ]
              })`,
              'Score',
            ]}
          />
          <Area
            type="stepAfter"
            dataKey="score"
            stroke={theme.palette.primary.main}
            fill={theme.palette.primary.main}
            fillOpacity={0.15}
            isAnimationActive={false}
            connectNulls
          />
        </AreaChart>
      </ResponsiveContainer>
      <Box className={classes.legend}>
        {seen.map(status => (
          <span key={status}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: colors[status] }}
            />
            {COMPLIANCE_STATUS_LABELS[status]}
          </span>
        ))}
      </Box>
    </Box>
  );
}

/** Services per status over time, stacked worst at the bottom. */
export function EstateStatusTrend(props: {
  history: EstateComplianceHistoryResponse;
}) {
  const classes = useStyles();
  const colors = useStatusColors();
  const data = props.history.points.map(p => ({
    t: Date.parse(p.t),
    ...p.counts,
    averageScore: p.averageScore,
  }));
  if (data.every(d => COMPLIANCE_STATUS_ORDER.every(s => !d[s]))) {
    return (
      <Typography className={classes.empty}>
        No verdicts are stored for this period yet.
      </Typography>
    );
  }
  return (
    <Box>
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={timeTicks(
              Date.parse(props.history.from),
              Date.parse(props.history.to),
            )}
            tick={{ fontSize: 11 }}
            minTickGap={40}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip
            labelFormatter={value =>
              DateTime.fromMillis(Number(value)).toLocaleString(
                DateTime.DATETIME_MED,
              )
            }
            formatter={(value: any, name: any) => [
              value,
              COMPLIANCE_STATUS_LABELS[name as ComplianceStatus] ?? name,
            ]}
          />
          {COMPLIANCE_STATUS_ORDER.map(status => (
            <Area
              key={status}
              type="stepAfter"
              dataKey={status}
              stackId="services"
              stroke={colors[status]}
              fill={colors[status]}
              fillOpacity={0.6}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      <Box className={classes.legend}>
        {COMPLIANCE_STATUS_ORDER.map(status => (
          <span key={status}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: colors[status] }}
            />
            {COMPLIANCE_STATUS_LABELS[status]}
          </span>
        ))}
      </Box>
    </Box>
  );
}

import { Link } from '@backstage/core-components';
import { Box, makeStyles, Tooltip, Typography } from '@material-ui/core';
import {
  describeResource,
  formatDateTime,
  formatDuration,
  portalLink,
} from './format';

const useStyles = makeStyles(theme => ({
  group: {
    borderLeft: `2px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1.5),
    marginBottom: theme.spacing(1.5),
  },
  heading: { fontWeight: 600, fontSize: 13 },
  type: { color: theme.palette.text.secondary, fontSize: 12 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: 2,
    margin: theme.spacing(0.5, 0, 0),
    fontSize: 13,
    '& dt': {
      color: theme.palette.text.secondary,
      fontFamily: 'monospace',
      fontSize: 12,
      overflowWrap: 'anywhere',
    },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  absent: { color: theme.palette.text.disabled, fontStyle: 'italic' },
  item: { display: 'block' },
  key: { color: theme.palette.text.secondary, fontSize: 12 },
}));

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isResourceId = (key: string) => /^\/subscriptions\//i.test(key);

/** `properties.readWriteEndpoint.failoverPolicy` → `readWriteEndpoint.failoverPolicy`. */
function propertyLabel(path: string): string {
  return path.replace(/^properties\./, '');
}

/** A value as one line of text: scalars as they are, records as `key value` pairs. */
function inline(value: unknown): string {
  if (value === null || value === undefined) return 'not reported';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? 'none' : value.map(inline).join(', ');
  }
  return Object.entries(value)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${inline(v)}`)
    .join(' · ');
}

const ISO_DURATION = /^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A scalar as seen, with durations and timestamps made readable (the raw value on hover). */
function Scalar(props: { value: unknown; absent?: string }) {
  const classes = useStyles();
  const { value } = props;
  if (value === null || value === undefined) {
    return (
      <span className={classes.absent}>{props.absent ?? 'not reported'}</span>
    );
  }
  if (typeof value === 'string') {
    if (isResourceId(value)) return <ResourceName id={value} />;
    if (ISO_DURATION.test(value) && /\d/.test(value)) {
      return <span title={value}>{formatDuration(value)}</span>;
    }
    if (ISO_TIMESTAMP.test(value)) {
      return <span title={value}>{formatDateTime(value)}</span>;
    }
    return <>{value === '' ? '""' : value}</>;
  }
  return <>{String(value)}</>;
}

/** One record (a partner server, a Cosmos DB location) as `key value` pairs. */
function RecordLine(props: { record: Record<string, unknown> }) {
  const classes = useStyles();
  const entries = Object.entries(props.record).filter(
    ([, v]) => v !== null && v !== undefined,
  );
  return (
    <span className={classes.item}>
      {entries.map(([key, value], i) => (
        <span key={key}>
          {i > 0 && ' · '}
          <span className={classes.key}>{key}</span>{' '}
          {isRecord(value) || Array.isArray(value) ? (
            inline(value)
          ) : (
            <Scalar value={value} />
          )}
        </span>
      ))}
    </span>
  );
}

function Value(props: { value: unknown; absent?: string }) {
  const classes = useStyles();
  const { value } = props;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>none</>;
    if (
      value.some(v => isRecord(v) || (typeof v === 'string' && isResourceId(v)))
    ) {
      return (
        <>
          {value.map((v, i) =>
            isRecord(v) ? (
              <RecordLine key={i} record={v} />
            ) : (
              <span key={i} className={classes.item}>
                <Scalar value={v} />
              </span>
            ),
          )}
        </>
      );
    }
    return <>{inline(value)}</>;
  }
  if (isRecord(value)) {
    return <RecordLine record={value} />;
  }
  return <Scalar value={value} absent={props.absent} />;
}

/** A resource by name and type, linking to the Azure portal, full id on hover. */
export function ResourceName(props: { id: string; showType?: boolean }) {
  const classes = useStyles();
  const { name, type, resourceGroup } = describeResource(props.id);
  return (
    <Tooltip title={props.id}>
      <span>
        <Link to={portalLink(props.id)} target="_blank" rel="noopener">
          {name}
        </Link>
        {props.showType && type && (
          <span className={classes.type}>
            {' '}
            {type}
            {resourceGroup ? ` in ${resourceGroup}` : ''}
          </span>
        )}
      </span>
    </Tooltip>
  );
}

/**
 * Property values; `absent` is what a missing value means: a resource
 * property Azure did not report, or a derived value that has none.
 */
function Properties(props: {
  values: Record<string, unknown>;
  absent?: string;
}) {
  const classes = useStyles();
  return (
    <dl className={classes.list}>
      {Object.entries(props.values).map(([key, value]) => (
        <Box key={key} display="contents">
          <dt>{propertyLabel(key)}</dt>
          <dd>
            <Value value={value} absent={props.absent} />
          </dd>
        </Box>
      ))}
    </dl>
  );
}

/**
 * The evidence of a check, readably: per resource the exact property values
 * seen ("not reported" where Azure returned nothing), then derived values.
 */
export function Evidence(props: { evidence: Record<string, unknown> }) {
  const classes = useStyles();
  const entries = Object.entries(props.evidence ?? {});
  const perResource = entries.filter(
    ([key, value]) => isResourceId(key) && isRecord(value),
  );
  const policy = entries.find(([key]) => key === 'policy')?.[1];
  const derived = Object.fromEntries(
    entries.filter(
      ([key, value]) =>
        key !== 'policy' && !(isResourceId(key) && isRecord(value)),
    ),
  );
  if (entries.length === 0) {
    return (
      <Typography variant="body2" className={classes.absent}>
        No evidence recorded.
      </Typography>
    );
  }
  return (
    <Box>
      {perResource.map(([id, values]) => (
        <Box key={id} className={classes.group}>
          <Typography className={classes.heading} component="div">
            <ResourceName id={id} showType />
          </Typography>
          <Properties values={values as Record<string, unknown>} />
        </Box>
      ))}
      {isRecord(policy) && (
        <Box className={classes.group}>
          <Typography className={classes.heading}>Service</Typography>
          <Properties values={policy} absent="none" />
        </Box>
      )}
      {Object.keys(derived).length > 0 && (
        <Box className={classes.group}>
          <Typography className={classes.heading}>Derived</Typography>
          <Properties values={derived} absent="none" />
        </Box>
      )}
    </Box>
  );
}

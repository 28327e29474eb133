import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, makeStyles, Typography } from '@material-ui/core';
import {
  COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION,
  isComplianceAvailable,
} from '@vitals/plugin-compliance-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../api/ComplianceApi';
import { useEntityComplianceLink } from './entityLinks';
import { formatRelative } from './format';
import { ComplianceStatusChip } from './StatusChips';

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
  score: { fontSize: 28, fontWeight: 700, fontVariantNumeric: 'tabular-nums' },
  list: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(2.5) },
  fail: { color: theme.palette.status.error },
}));

/** The entity's HIPAA status at a glance, for its overview page. */
export function EntityComplianceCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(complianceApiRef);
  const link = useEntityComplianceLink();
  const compound = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const entityRef = stringifyEntityRef(entity);
  const available = isComplianceAvailable(entity);
  const { value, loading, error } = useAsync(
    async () => (available ? api.getEntityCompliance(compound) : undefined),
    [api, compound, available],
  );
  const failing = value?.controls.filter(c => c.status === 'fail') ?? [];
  const unknown = value?.controls.filter(c => c.status === 'unknown') ?? [];

  return (
    <InfoCard
      title="HIPAA compliance"
      deepLink={
        available
          ? { title: 'Controls and evidence', link: link(entityRef) }
          : undefined
      }
    >
      {!available && (
        <Typography className={classes.muted}>
          Add the annotation {COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION} (phi,
          pii, confidential, internal or public) to see whether HIPAA applies
          and how this service fares.
        </Typography>
      )}
      {available && loading && <Progress />}
      {available && error && (
        <Typography className={classes.muted}>
          {(error as any).response?.status === 503
            ? 'Compliance is being evaluated; it appears after the first evaluation.'
            : error.message}
        </Typography>
      )}
      {value && (
        <>
          <Box display="flex" alignItems="center" style={{ gap: 12 }}>
            <ComplianceStatusChip status={value.status} size="medium" />
            <Typography className={classes.score}>
              {value.score ?? '—'}
              <Typography component="span" className={classes.muted}>
                {' '}
                / 100
              </Typography>
            </Typography>
          </Box>
          <Typography variant="body2" style={{ marginTop: 8 }}>
            {value.statusReason}
          </Typography>
          {failing.length > 0 && (
            <ul className={classes.list} aria-label="Failing controls">
              {failing.slice(0, 4).map(c => (
                <li key={c.id}>
                  <Link to={link(entityRef, c.id)} className={classes.fail}>
                    {c.id} {c.title}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {failing.length === 0 && unknown.length > 0 && (
            <Typography variant="body2" className={classes.muted}>
              Unverified: {unknown.map(c => c.title).join(', ')}
            </Typography>
          )}
          <Typography
            variant="caption"
            component="div"
            className={classes.muted}
            style={{ marginTop: 8 }}
          >
            {value.stale ? 'Stale · ' : ''}Evaluated{' '}
            {formatRelative(value.evaluatedAt)}
          </Typography>
        </>
      )}
    </InfoCard>
  );
}

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  type ComplianceCoverage,
  type ComplianceExemptionRecord,
} from '@vitals/plugin-compliance-common';
import { CoverageTable, EntityCoverageList } from '@vitals/react';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../../api/ComplianceApi';
import { formatDateTime } from '../format';

/**
 * The estate's resource types and whether a HIPAA rule judges them, blind
 * spots first. The coverage is of the inventory as it stands now.
 */
export function EstateCoverageTable(props: { asOf?: string }) {
  const api = useApi(complianceApiRef);
  const { value, loading, error } = useAsync(() => api.getCoverage(), [api]);
  if (loading) return <Progress />;
  if (error) {
    // Until the inventory is loaded the rest of the page says so already.
    if ((error as any).response?.status === 503) return null;
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) return null;
  return (
    <CoverageTable
      coverage={value}
      subjectLabel="HIPAA rules"
      title={
        props.asOf
          ? 'What the HIPAA rules judge (the estate now, not as of the date)'
          : 'What the HIPAA rules judge'
      }
    />
  );
}

/** A gap as the shared list shows it: an exemption reads as the exclusion it is. */
type ShownGap = ComplianceCoverage['notEvaluated'][number] & {
  excluded?: string;
};

const rankOf = (gap: ShownGap) => {
  if (gap.blocking && !gap.exemptionId) return 0;
  return gap.blocking ? 1 : 2;
};

/**
 * Which of the service's resources the HIPAA rules judged and which they did
 * not: first those that hold the verdict back, then those an exemption
 * covers, then the inert ones.
 */
export function EntityCoverageCard(props: {
  coverage: ComplianceCoverage;
  coverageRecorded: boolean;
  exemptions?: readonly ComplianceExemptionRecord[];
}) {
  const { coverage } = props;
  if (!props.coverageRecorded) {
    return (
      <InfoCard title="Coverage">
        <Alert severity="info">
          This verdict was stored before Vitals recorded which resources the
          rules judged; the next evaluation records it.
        </Alert>
      </InfoCard>
    );
  }
  const byId = new Map((props.exemptions ?? []).map(e => [e.id, e]));
  const notEvaluated: ShownGap[] = coverage.notEvaluated
    .map((gap): ShownGap => {
      if (!gap.exemptionId) return gap;
      const exemption = byId.get(gap.exemptionId);
      return {
        ...gap,
        excluded: exemption
          ? `exempt (${exemption.category}) until ${formatDateTime(
              exemption.expiresAt,
            )}: ${exemption.reason}`
          : `covered by exemption ${gap.exemptionId}`,
      };
    })
    .map((gap, index) => ({ gap, index }))
    .sort((a, b) => rankOf(a.gap) - rankOf(b.gap) || a.index - b.index)
    .map(({ gap }) => gap);
  const open = notEvaluated.filter(g => rankOf(g) === 0).length;
  return (
    <InfoCard
      title="Coverage"
      subheader="Every Azure resource of the service is judged by a HIPAA rule or named here."
    >
      {open > 0 && (
        <Box mb={1}>
          <Alert severity="warning">
            {open} resource(s) may hold or process PHI and no HIPAA rule judges
            them: the verdict is at best unknown until a rule covers their
            type or an exemption covers them.
          </Alert>
        </Box>
      )}
      <EntityCoverageList coverage={{ ...coverage, notEvaluated }} />
      {notEvaluated.length === 0 && coverage.evaluated === 0 && (
        <Typography variant="body2" color="textSecondary">
          No Azure resource belongs to this service.
        </Typography>
      )}
    </InfoCard>
  );
}

import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { isComplianceAvailable } from '@vitals/plugin-compliance-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { complianceApiRef } from '../api/ComplianceApi';
import { useEntityComplianceLink } from './entityLinks';
import { COMPLIANCE_STATUS_LABELS } from './format';

/**
 * The HIPAA status as a link in the entity's About card, so it shows on every
 * entity page without opening the tab.
 */
export function useComplianceIconLinkProps() {
  const { entity } = useEntity();
  const api = useApi(complianceApiRef);
  const link = useEntityComplianceLink();
  const compound = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const available = isComplianceAvailable(entity);
  const { value } = useAsync(
    async () =>
      available
        ? api.getEntityCompliance(compound).catch(() => undefined)
        : undefined,
    [api, compound, available],
  );
  return {
    label: value ? `HIPAA: ${COMPLIANCE_STATUS_LABELS[value.status]}` : 'HIPAA',
    title: value?.statusReason,
    icon: <VerifiedUserIcon />,
    href: link(stringifyEntityRef(entity)),
    disabled: !available,
  };
}

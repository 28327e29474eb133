import { useApi } from '@backstage/core-plugin-api';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isSloAvailable } from '@vitals/plugin-slo-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api/SloApi';

/**
 * The current entity's SLOs from the SLO backend, read only when
 * `isAvailable` says the entity declares them.
 */
export function useEntitySlos(
  isAvailable: (entity: Entity) => boolean = isSloAvailable,
) {
  const { entity } = useEntity();
  const api = useApi(sloApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const available = isAvailable(entity);
  const state = useAsyncRetry(
    async () => (available ? api.getEntitySlos(entityRef) : undefined),
    [api, entityRef, available],
  );
  return { entity, entityRef, available, ...state };
}

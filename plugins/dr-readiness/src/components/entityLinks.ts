import { useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/** The path the entity's DR readiness tab is mounted at. */
export const ENTITY_TAB_PATH = 'dr-readiness';

/** Path of an entity's DR readiness tab. */
export function useEntityDrLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (entityRef: string) => {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `${entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    })}/${ENTITY_TAB_PATH}`;
  };
}

import { useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/** Path of an entity's SLOs tab (the entity content mounted at `slos`). */
export function useEntitySlosLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (entityRef: string) => {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `${entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    })}/slos`;
  };
}

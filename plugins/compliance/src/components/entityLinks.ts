import { useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/** Path of an entity's Compliance tab (the entity content mounted at `compliance`). */
export function useEntityComplianceLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (entityRef: string, controlId?: string) => {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const base = `${entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    })}/compliance`;
    return controlId
      ? `${base}?control=${encodeURIComponent(controlId)}`
      : base;
  };
}

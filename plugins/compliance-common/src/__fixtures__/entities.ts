import type { Entity } from '@backstage/catalog-model';

/** A catalog Component as the service template writes it. */
export function service(
  name: string,
  annotations: Record<string, string> = {},
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'vitals.dev/data-classification': 'phi',
        'vitals.dev/dr-tier': 'high',
        'vitals.dev/primary-region': 'eastus2',
        'vitals.dev/secondary-region': 'centralus',
        ...annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/claims-team',
      system: 'system:default/claims',
      ...spec,
    },
  };
}

export const knownGroups = new Set([
  'group:default/claims-team',
  'group:default/platform',
  'group:default/compliance-officers',
]);

import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

/** The repository's demo estate, beside the plugins folder. */
const examples = resolvePackagePath(
  '@vitals/plugin-dr-readiness-backend',
  '../../examples',
);

/** The demo estate's Azure Resource Graph export. */
export const DEMO_ESTATE = path.join(examples, 'azure/estate.json');
/** The demo estate's recorded drills. */
export const DEMO_DRILLS = path.join(examples, 'azure/drills.yaml');

/** A member of sre-leads in the demo org: may record drills. */
export const SRE_LEAD = 'user:default/hannah.becker';
/** A developer of the demo org: may not. */
export const DEVELOPER = 'user:default/amara.okafor';

/** The demo services of examples/components.yaml, in the default namespace. */
export function demoComponents(): Entity[] {
  return parseAllDocuments(
    fs.readFileSync(path.join(examples, 'components.yaml'), 'utf8'),
  ).map(d => {
    const entity = d.toJSON() as Entity;
    entity.metadata.namespace = 'default';
    return entity;
  });
}

/** A service Component with just these annotations. */
export function annotatedComponent(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'clinical-data' },
  };
}

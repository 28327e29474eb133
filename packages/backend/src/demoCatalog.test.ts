import path from 'node:path';
import fs from 'node:fs';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModelModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { stringifyEntityRef, Entity } from '@backstage/catalog-model';
import { parse, parseAllDocuments } from 'yaml';
import request from 'supertest';
import { JsonObject } from '@backstage/types';

const repoRoot = path.resolve(__dirname, '../../..');

type CatalogLocation = { type: string; target: string };
const appConfig: {
  catalog: { rules: JsonObject[]; locations: CatalogLocation[] };
} = parse(fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'));

/** Every entity the demo estate declares, with the file it is declared in. */
function declaredEntitiesWithFiles(): Array<{ entity: Entity; file: string }> {
  const found: Array<{ entity: Entity; file: string }> = [];
  const visit = (file: string) => {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    for (const doc of docs) {
      const entity = doc.toJS() as Entity;
      found.push({ entity, file });
      if (entity.kind === 'Location') {
        for (const target of (entity.spec?.targets as string[]) ?? []) {
          visit(path.resolve(path.dirname(file), target));
        }
      }
    }
  };
  for (const location of appConfig.catalog.locations) {
    visit(path.resolve(repoRoot, 'packages/backend', location.target));
  }
  return found;
}

/** Every entity the demo estate declares, read straight from the YAML files. */
function declaredEntities(): string[] {
  return declaredEntitiesWithFiles()
    .map(({ entity }) => stringifyEntityRef(entity).toLocaleLowerCase('en-US'))
    .sort();
}

describe('the demo catalog', () => {
  const databases = createVitalsTestDatabases();

  it('declares the organisation the portal needs', () => {
    const refs = declaredEntities();
    const count = (prefix: string) =>
      refs.filter(r => r.startsWith(prefix)).length;
    expect(count('group:')).toBeGreaterThanOrEqual(3);
    expect(count('system:')).toBeGreaterThanOrEqual(2);
    expect(count('domain:')).toBeGreaterThanOrEqual(1);
    expect(count('component:')).toBeGreaterThanOrEqual(8);
    expect(count('api:')).toBeGreaterThanOrEqual(1);
  });

  it('points every vitals.dev/slo-ref at a file next to its entity', () => {
    const annotated = declaredEntitiesWithFiles().filter(
      ({ entity }) => entity.metadata.annotations?.['vitals.dev/slo-ref'],
    );
    expect(annotated.length).toBeGreaterThanOrEqual(8);
    for (const { entity, file } of annotated) {
      for (const ref of entity.metadata
        .annotations!['vitals.dev/slo-ref'].split(',')
        .map(r => r.trim())) {
        expect(fs.existsSync(path.resolve(path.dirname(file), ref))).toBe(true);
      }
    }
  });

  it('gives the patient portal a journey SLO across two of its services', () => {
    const declared = declaredEntitiesWithFiles();
    const portal = declared.find(
      ({ entity }) =>
        entity.kind === 'System' && entity.metadata.name === 'patient-portal',
    )!;
    const sloFile = path.resolve(
      path.dirname(portal.file),
      portal.entity.metadata.annotations!['vitals.dev/slo-ref'],
    );
    const [slo] = parseAllDocuments(fs.readFileSync(sloFile, 'utf8')).map(doc =>
      doc.toJS(),
    );
    expect(slo).toMatchObject({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'book-appointment' },
    });
    expect(slo.spec.indicator).toBeUndefined();
    const components = (slo.spec.objectives as any[]).map(o => ({
      weight: o.compositeWeight,
      entityRef: o.indicator.metadata.annotations['vitals.dev/entity-ref'],
    }));
    expect(components).toEqual([
      { weight: 1, entityRef: 'component:default/identity-gateway' },
      { weight: 2, entityRef: 'component:default/appointments-service' },
    ]);
    const refs = declaredEntities();
    for (const { entityRef } of components) {
      expect(refs).toContain(entityRef);
      const component = declared.find(
        ({ entity }) =>
          stringifyEntityRef(entity).toLocaleLowerCase('en-US') === entityRef,
      )!;
      expect(component.entity.spec?.system).toBe('patient-portal');
    }
  });

  it.each(databases.eachSupportedId())(
    'ingests every declared entity on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModelModule,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: appConfig.catalog.rules,
                locations: appConfig.catalog.locations.map(location => ({
                  ...location,
                  target: path.resolve(
                    repoRoot,
                    'packages/backend',
                    location.target,
                  ),
                })),
              },
            },
          }),
        ],
      });

      const expected = declaredEntities();
      let found: string[] = [];
      for (let attempt = 0; attempt < 120; attempt++) {
        const res = await request(server).get('/api/catalog/entities');
        expect(res.status).toBe(200);
        found = (res.body as Entity[])
          .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US'))
          .filter(ref => expected.includes(ref))
          .sort();
        if (found.length === expected.length) break;
        await new Promise(resolve => setTimeout(resolve, 250));
      }
      expect(found).toEqual(expected);

      const fhir = await request(server).get(
        '/api/catalog/entities/by-name/component/default/fhir-gateway',
      );
      expect(fhir.body.spec).toMatchObject({
        owner: 'clinical-data',
        system: 'clinical-records',
      });
      expect(fhir.body.relations).toEqual(
        expect.arrayContaining([
          { type: 'providesApi', targetRef: 'api:default/fhir-api' },
          { type: 'ownedBy', targetRef: 'group:default/clinical-data' },
        ]),
      );
    },
    60_000,
  );
});

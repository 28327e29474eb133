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

/** Every entity the demo estate declares, read straight from the YAML files. */
function declaredEntities(): string[] {
  const refs: string[] = [];
  const visit = (file: string) => {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    for (const doc of docs) {
      const entity = doc.toJS() as Entity;
      refs.push(stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
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
  return refs.sort();
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

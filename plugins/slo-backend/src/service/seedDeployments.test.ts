import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { SloStore } from '../database/SloStore';
import { readSeedDeployments, seedDeployments } from './seedDeployments';

const config = (seeds: JsonValue) =>
  new ConfigReader({ vitals: { slo: { seedDeployments: seeds } } });

describe('readSeedDeployments', () => {
  it('reads entries with their age, defaulting the kind and environment', () => {
    expect(
      readSeedDeployments(
        config([
          { entity: 'billing-service', version: '3.8.0', ago: '6d1h' },
          {
            entity: 'component:default/api',
            version: '1',
            environment: 'production-westus3',
            ago: '55m',
          },
        ]),
      ),
    ).toEqual([
      {
        entityRef: 'component:default/billing-service',
        version: '3.8.0',
        environment: 'production',
        agoMs: (6 * 24 + 1) * 3_600_000,
      },
      {
        entityRef: 'component:default/api',
        version: '1',
        environment: 'production-westus3',
        agoMs: 55 * 60_000,
      },
    ]);
    expect(readSeedDeployments(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      { entity: 'api', version: '1', ago: 'yesterday' },
      /\[0\]\.ago must be a duration/,
    ],
    [{ entity: 'api', version: '1', ago: '31d' }, /at most 30d/],
    [
      { entity: 'component:default/', version: '1', ago: '1h' },
      /\[0\]\.entity is not an entity ref/,
    ],
    [{ entity: 'api', ago: '1h' }, /version/],
  ])('refuses %j, naming the entry', (entry, message) => {
    expect(() => readSeedDeployments(config([entry]))).toThrow(message);
  });
});

const databases = createVitalsTestDatabases();

describe.each(databases.eachSupportedId())(
  'seedDeployments on %p',
  databaseId => {
    it('records each seed once, however often the backend starts', async () => {
      const knex = await databases.init(databaseId);
      const store = await SloStore.create(mockServices.database({ knex }));
      const seeds = readSeedDeployments(
        config([
          { entity: 'billing-service', version: '3.8.0', ago: '6d' },
          { entity: 'billing-service', version: '3.8.1', ago: '5d' },
        ]),
      );
      const now = Date.UTC(2026, 11, 5, 12);
      const logger = mockServices.logger.mock();
      expect(await seedDeployments(store.deploys, seeds, { now, logger })).toBe(
        2,
      );
      expect(
        await seedDeployments(store.deploys, seeds, {
          now: now + 60_000,
          logger,
        }),
      ).toBe(0);
      const rows = await store.deploys.listDeployments(
        'component:default/billing-service',
        now - 30 * 86_400_000,
        now,
      );
      expect(rows.map(r => [r.version, r.at, r.recordedBy])).toEqual([
        ['3.8.1', now - 5 * 86_400_000, 'seed:vitals.slo.seedDeployments'],
        ['3.8.0', now - 6 * 86_400_000, 'seed:vitals.slo.seedDeployments'],
      ]);
    });
  },
);

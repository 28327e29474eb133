import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  checkAnswer,
  checkRefusal,
  CorpusExpectation,
  createVitalsTestDatabases,
  HOSTILE_DATES,
  HOSTILE_NUMBERS,
  HOSTILE_REFS,
  hostileTexts,
  isScalar,
  queryPart,
  showValue,
} from '@vitals/backend-test-utils';
import request from 'supertest';
import { drReadinessPlugin } from '../plugin';
import {
  DEMO_DRILLS as DRILLS,
  DEMO_ESTATE as ESTATE,
  DEVELOPER,
  demoComponents,
  SRE_LEAD,
} from '../testing/demoFixtures';

const databases = createVitalsTestDatabases();

// Each database starts a backend, evaluates the demo estate and sends the
// whole corpus.
jest.setTimeout(180_000);

const API = '/api/dr-readiness';
const ENTITY = `${API}/entities/default/component/records-service`;
/** Stands for the id of a drill of records-service, recorded before the corpus runs. */
const DRILL_ID = '{drill}';

const as = (user: string) => mockCredentials.user.header(user);
const enc = encodeURIComponent;

const catalogEntities = demoComponents;

async function startBackend(knex: unknown) {
  return startTestBackend({
    features: [
      drReadinessPlugin,
      mockServices.database.factory({ knex: knex as any }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      catalogServiceMock.factory({ entities: catalogEntities() }),
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(() => ({
            result:
              (credentials.principal as any).userEntityRef === SRE_LEAD
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          vitals: {
            azure: { source: 'snapshot', snapshotPath: ESTATE },
            drReadiness: { seedDrills: DRILLS },
          },
        },
      }),
    ],
  });
}

type Expected = CorpusExpectation;

interface Case {
  label: string;
  method: 'get' | 'post' | 'put';
  url: string;
  user: string;
  /** A JSON body, or raw text sent as application/json. */
  body?: unknown;
  raw?: string;
  expected: Expected;
}

const HOUR = 3_600_000;

/** A drill records-service may record: its primary region, an hour ago. */
function validDrill(now: number) {
  return {
    region: 'eastus2',
    performedAt: new Date(now - HOUR).toISOString(),
    outcome: 'success',
    rtoAchieved: 'PT10M',
    rpoAchieved: 'PT1M',
    notes: 'Failed over with the runbook.',
  };
}

/** Values of each drill field that must be refused, beyond the shared kit. */
function drillFieldValues(now: number): Record<string, unknown[]> {
  const durations = [
    ...hostileTexts(32),
    ...HOSTILE_NUMBERS,
    '12 minutes',
    'P',
    'PT',
    'PT-5M',
    '-PT5M',
    'PT1H-70M',
    'P1M',
    'P1Y',
    'P1W',
    'P31D',
    'PT1000H',
    'PT5M5',
    'PT1,5M',
  ];
  return {
    region: [
      ...hostileTexts(64),
      'eastus9',
      'mars',
      // A real region, but not one of records-service's.
      'westeurope',
      'east\u0000us2',
      'eastus2\u202e',
      '\u202eeastus2',
      ' ',
      null,
    ],
    performedAt: [
      ...HOSTILE_DATES,
      ...hostileTexts(40).filter(v => typeof v !== 'number'),
      '0001-01-01T00:00:00Z',
      new Date(now + HOUR).toISOString(),
      new Date(now + 60_000).toISOString(),
      'yesterday',
      ' ',
      null,
    ],
    outcome: [...hostileTexts(16), 'great', 'SUCCESS', 'succeeded', null],
    rtoAchieved: durations,
    rpoAchieved: durations,
    notes: hostileTexts(4000),
  };
}

const REQUIRED_DRILL_FIELDS = ['region', 'performedAt', 'outcome'];

/** Bodies that are no drill at all. */
const NOT_OBJECTS: Array<{ label: string; body?: unknown; raw?: string }> = [
  { label: 'a list', body: [validDrill(Date.now())] },
  { label: 'an empty list', body: [] },
  { label: 'a JSON string', raw: '"eastus2"' },
  { label: 'JSON null', raw: 'null' },
  { label: 'malformed JSON', raw: '{"region": "eastus2",' },
  { label: 'a number', raw: '42' },
];

/**
 * The table of bad requests, generated from the fields of each route: the
 * overview filters, the entity path, the region, every field of a drill, of
 * its correction and of its withdrawal, and the drill id.
 */
function generateCases(now: number): Case[] {
  const cases: Case[] = [];
  const refusal = (field: string): Expected => ({ status: [400], field });
  const get = (label: string, url: string, expected: Expected) =>
    cases.push({ label, method: 'get', url, user: DEVELOPER, expected });

  // Overview filters. In a query string a number or a boolean is text, and
  // `42` or `false` is an ordinary group or system name.
  for (const field of ['owner', 'system']) {
    for (const value of [...HOSTILE_REFS, ...hostileTexts(255)]) {
      get(
        `overview ${field}=${showValue(value)}`,
        `${API}/overview?${queryPart(field, value)}`,
        isScalar(value) ? 'accepted' : refusal(field),
      );
    }
  }
  // The coverage takes no input: whatever a query string carries is ignored,
  // never echoed, never a failure.
  for (const value of hostileTexts(255)) {
    get(
      `coverage ignores type=${showValue(value)}`,
      `${API}/coverage?${queryPart('type', value)}`,
      'accepted',
    );
  }
  for (const field of ['tier', 'status']) {
    for (const value of [
      ...hostileTexts(32),
      'gold',
      'melting',
      'Critical',
      'READY',
    ]) {
      get(
        `overview ${field}=${showValue(value)}`,
        `${API}/overview?${queryPart(field, value)}`,
        refusal(field),
      );
    }
  }

  // Entity path parts, on every entity route. A number or a boolean is a
  // well-formed name of an entity that does not exist; a list or an object
  // becomes text with characters no entity name has.
  const parts = ['namespace', 'kind', 'name'] as const;
  const valid = {
    namespace: 'default',
    kind: 'component',
    name: 'records-service',
  };
  for (const part of parts) {
    for (const value of [...HOSTILE_REFS, ...hostileTexts(253)]) {
      const segments = parts.map(p =>
        p === part ? enc(String(value)) : valid[p],
      );
      const entityPath = `${API}/entities/${segments.join('/')}`;
      const expected: Expected = isScalar(value)
        ? { status: [404] }
        : refusal(part);
      get(`entity ${part}=${showValue(value)}`, entityPath, expected);
      get(
        `drills ${part}=${showValue(value)}`,
        `${entityPath}/drills`,
        expected,
      );
      cases.push({
        label: `record ${part}=${showValue(value)}`,
        method: 'post',
        url: `${entityPath}/drills`,
        user: SRE_LEAD,
        body: validDrill(now),
        expected,
      });
    }
  }

  // The region of an impact question.
  for (const value of [
    ...hostileTexts(64),
    'eastus3',
    'east\u0000us2',
    'eastus2\u202e',
    '..',
  ]) {
    get(
      `impact region=${showValue(value)}`,
      `${API}/regions/${enc(String(value))}/impact`,
      refusal('region'),
    );
  }

  // Every field of a drill, when recording and when correcting it, and the
  // reason of a correction and of a withdrawal.
  const writes = [
    {
      name: 'record',
      method: 'post' as const,
      url: `${ENTITY}/drills`,
      base: validDrill(now) as Record<string, unknown>,
    },
    {
      name: 'correct',
      method: 'put' as const,
      url: `${ENTITY}/drills/${DRILL_ID}`,
      base: {
        ...validDrill(now),
        reason: 'The RTO was read from the wrong dashboard.',
      } as Record<string, unknown>,
    },
  ];
  const fieldValues = drillFieldValues(now);
  for (const write of writes) {
    for (const [field, values] of Object.entries(fieldValues)) {
      for (const value of values) {
        cases.push({
          label: `${write.name} ${field}=${showValue(value)}`,
          method: write.method,
          url: write.url,
          user: SRE_LEAD,
          body: { ...write.base, [field]: value },
          expected: refusal(field),
        });
      }
    }
    for (const field of REQUIRED_DRILL_FIELDS) {
      const { [field]: _, ...body } = write.base;
      cases.push({
        label: `${write.name} without ${field}`,
        method: write.method,
        url: write.url,
        user: SRE_LEAD,
        body,
        expected: refusal(field),
      });
    }
    for (const { label, body, raw } of NOT_OBJECTS) {
      cases.push({
        label: `${write.name} body ${label}`,
        method: write.method,
        url: write.url,
        user: SRE_LEAD,
        body,
        raw,
        expected: refusal('body'),
      });
    }
    // Without the permission, nothing about the body matters.
    cases.push({
      label: `${write.name} by a user without the permission`,
      method: write.method,
      url: write.url,
      user: DEVELOPER,
      body: { ...write.base, region: 'east\u0000us2' },
      expected: { status: [403], field: 'dr-readiness.drill.create' },
    });
  }
  const reasons = [...hostileTexts(1000), '', ' ', 'x', 'ok', '\n\t\n', null];
  const withdraw = `${ENTITY}/drills/${DRILL_ID}/withdraw`;
  for (const value of reasons) {
    cases.push({
      label: `correct reason=${showValue(value)}`,
      method: 'put',
      url: `${ENTITY}/drills/${DRILL_ID}`,
      user: SRE_LEAD,
      body: { ...writes[1].base, reason: value },
      expected: refusal('reason'),
    });
    cases.push({
      label: `withdraw reason=${showValue(value)}`,
      method: 'post',
      url: withdraw,
      user: SRE_LEAD,
      body: { reason: value },
      expected: refusal('reason'),
    });
  }
  cases.push(
    {
      label: 'correct without reason',
      method: 'put',
      url: `${ENTITY}/drills/${DRILL_ID}`,
      user: SRE_LEAD,
      body: validDrill(now),
      expected: refusal('reason'),
    },
    {
      label: 'withdraw without reason',
      method: 'post',
      url: withdraw,
      user: SRE_LEAD,
      body: {},
      expected: refusal('reason'),
    },
    {
      label: 'withdraw by a user without the permission',
      method: 'post',
      url: withdraw,
      user: DEVELOPER,
      body: { reason: 'never happened' },
      expected: { status: [403], field: 'dr-readiness.drill.create' },
    },
  );
  for (const { label, body, raw } of NOT_OBJECTS) {
    cases.push({
      label: `withdraw body ${label}`,
      method: 'post',
      url: withdraw,
      user: SRE_LEAD,
      body,
      raw,
      expected: refusal('body'),
    });
  }

  // The drill id. A number or a boolean is a well-formed id no drill has.
  for (const value of [...hostileTexts(64), 'no-such-drill', '..']) {
    const id = enc(String(value));
    const expected: Expected =
      isScalar(value) || value === 'no-such-drill'
        ? { status: [404] }
        : refusal('id');
    cases.push({
      label: `correct id=${showValue(value)}`,
      method: 'put',
      url: `${ENTITY}/drills/${id}`,
      user: SRE_LEAD,
      body: writes[1].base,
      expected,
    });
    cases.push({
      label: `withdraw id=${showValue(value)}`,
      method: 'post',
      url: `${ENTITY}/drills/${id}/withdraw`,
      user: SRE_LEAD,
      body: { reason: 'recorded twice' },
      expected,
    });
  }
  return cases;
}

const CASES = generateCases(Date.now());

function send(server: any, c: Case, drillId: string) {
  const url = c.url.replace(DRILL_ID, drillId);
  const req = request(server)[c.method](url).set('Authorization', as(c.user));
  if (c.raw !== undefined) {
    return req.set('Content-Type', 'application/json').send(c.raw);
  }
  return c.body === undefined ? req : req.send(c.body as object);
}

it('generates a corpus of several hundred bad requests, each one of its own', () => {
  expect(CASES.length).toBeGreaterThan(500);
  expect(new Set(CASES.map(c => c.label)).size).toBe(CASES.length);
  // Every route that takes input is in it.
  const routes = CASES.map(c => `${c.method} ${c.url.split('?')[0]}`);
  for (const route of [
    /^get \/api\/dr-readiness\/overview$/,
    /^get \/api\/dr-readiness\/entities\/[^/]+\/[^/]+\/[^/]+$/,
    /^get \/api\/dr-readiness\/entities\/[^/]+\/[^/]+\/[^/]+\/drills$/,
    /^post \/api\/dr-readiness\/entities\/[^/]+\/[^/]+\/[^/]+\/drills$/,
    /^put \/api\/dr-readiness\/entities\/[^/]+\/[^/]+\/[^/]+\/drills\/[^/]+$/,
    /^post \/api\/dr-readiness\/entities\/[^/]+\/[^/]+\/[^/]+\/drills\/[^/]+\/withdraw$/,
    /^get \/api\/dr-readiness\/regions\/[^/]+\/impact$/,
  ]) {
    expect([route.source, routes.some(r => route.test(r))]).toEqual([
      route.source,
      true,
    ]);
  }
});

describe.each(databases.eachSupportedId())(
  'the DR-readiness routes under bad input on %p',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startBackend>>;
    let knex: any;
    let drillId: string;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startBackend(knex);
      for (let i = 0; i < 150; i++) {
        const res = await request(backend.server)
          .get(`${API}/overview`)
          .set('Authorization', as(DEVELOPER));
        if (res.status === 200) break;
        await new Promise(r => setTimeout(r, 100));
      }
      const created = await request(backend.server)
        .post(`${ENTITY}/drills`)
        .set('Authorization', as(SRE_LEAD))
        .send(validDrill(Date.now()));
      if (created.status !== 201) {
        throw new Error(
          `the drill to correct was not recorded: ${created.text}`,
        );
      }
      drillId = created.body.id;
    });
    afterAll(async () => {
      await backend?.stop();
    });

    const drills = async () =>
      (
        await request(backend.server)
          .get(`${ENTITY}/drills`)
          .set('Authorization', as(DEVELOPER))
      ).body.items;

    it(`answers each of the ${CASES.length} generated requests with its refusal, naming the field and quoting nothing internal`, async () => {
      const before = await drills();
      const failures: string[] = [];
      for (const c of CASES) {
        const res = await send(backend.server, c, drillId);
        const problem = checkAnswer(res, c.expected);
        if (problem) failures.push(`${c.label}: ${problem}`);
      }
      expect(failures).toEqual([]);
      // Not one of them recorded, corrected or withdrew anything.
      expect(await drills()).toEqual(before);
    });

    it.each([
      ['a NUL character', 'east\u0000us2'],
      ['a right-to-left override', 'eastus2\u202e'],
      ['a right-to-left override in front', '\u202eeastus2'],
    ])(
      'refuses a drill region with %s, naming region',
      async (_what, region) => {
        for (const [method, url, extra] of [
          ['post', `${ENTITY}/drills`, {}],
          ['put', `${ENTITY}/drills/${drillId}`, { reason: 'wrong region' }],
        ] as const) {
          const res = await request(backend.server)
            [method](url)
            .set('Authorization', as(SRE_LEAD))
            .send({ ...validDrill(Date.now()), ...extra, region });
          expect(checkRefusal(res, { status: [400], field: 'region' })).toBe(
            undefined,
          );
          expect(res.body.error.message).toMatch(
            /region.*control or invisible formatting characters \(U\+(0000|202E)/,
          );
        }
      },
    );

    it.each([
      ['in year 0001', '0001-01-01T00:00:00Z'],
      ['in 1999', '1999-12-31T23:59:59Z'],
      ['an hour from now', new Date(Date.now() + HOUR).toISOString()],
    ])(
      'refuses a drill performed %s, naming performedAt',
      async (_what, at) => {
        const res = await request(backend.server)
          .post(`${ENTITY}/drills`)
          .set('Authorization', as(SRE_LEAD))
          .send({ ...validDrill(Date.now()), performedAt: at });
        expect(checkRefusal(res, { status: [400], field: 'performedAt' })).toBe(
          undefined,
        );
        expect(res.body.error.message).toContain('must lie between 2000-01-01');
      },
    );

    it('names every bad field of one drill at once', async () => {
      const res = await request(backend.server)
        .put(`${ENTITY}/drills/${drillId}`)
        .set('Authorization', as(SRE_LEAD))
        .send({
          region: 'eastus9',
          performedAt: '0001-01-01',
          outcome: 'great',
          rtoAchieved: 'P1M',
          notes: 'a\u0000b',
        });
      expect(res.status).toBe(400);
      for (const field of [
        'region',
        'performedAt',
        'outcome',
        'rtoAchieved',
        'notes',
        'reason',
      ]) {
        expect(res.body.error.message).toContain(`${field}:`);
      }
    });

    it('stores the validated value: a date without a zone is UTC, text is trimmed', async () => {
      const day = new Date(Date.now() - 2 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const res = await request(backend.server)
        .post(`${ENTITY}/drills`)
        .set('Authorization', as(SRE_LEAD))
        .send({
          region: 'Central US',
          performedAt: `${day} 08:30`,
          outcome: 'partial',
          rtoAchieved: 'pt1h5m',
          notes: '  manual DNS step\n  ',
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        region: 'centralus',
        performedAt: `${day}T08:30:00.000Z`,
        rtoAchieved: 'PT1H5M',
        notes: 'manual DNS step',
      });
      const listed = (await drills()).find((d: any) => d.id === res.body.id);
      expect(listed).toMatchObject({
        performedAt: `${day}T08:30:00.000Z`,
        notes: 'manual DNS step',
      });
    });
  },
);

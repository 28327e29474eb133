import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  checkAnswer,
  checkRefusal,
  CorpusExpectation,
  createVitalsTestDatabases,
  findLeak,
  HOSTILE_DATES,
  HOSTILE_NUMBERS,
  HOSTILE_REFS,
  hostileTexts,
  isScalar,
  queryPart,
  showValue,
} from '@vitals/backend-test-utils';
import request from 'supertest';
import { sloPlugin } from '../plugin';
import { availabilitySlo, serviceComponent } from '../testing/fixtures';

// Hundreds of requests through a real backend, on a machine running other suites too.
jest.setTimeout(180_000);

const sloDocument = availabilitySlo({
  name: 'availability',
  dataSource: 'metrics',
});
const component = (name: string, dir: string) =>
  serviceComponent({
    name,
    dir,
    annotations: { 'vitals.dev/slo-ref': './slo.yaml' },
  });

const databases = createVitalsTestDatabases();

const AUTH = mockCredentials.user.header();
const ENTITY = '/api/slo/entities/default/component/api';
const HISTORY = `${ENTITY}/slos/availability/history`;
const DEPLOYMENTS = `${ENTITY}/deployments`;

async function startBackend(
  knex: unknown,
  dir: string,
  dataSource: Record<string, unknown>,
) {
  fs.writeFileSync(path.join(dir, 'slo.yaml'), sloDocument);
  return startTestBackend({
    features: [
      sloPlugin,
      mockServices.database.factory({ knex: knex as any }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      catalogServiceMock.factory({ entities: [component('api', dir)] }),
      mockServices.rootConfig.factory({
        data: {
          vitals: {
            slo: { dataSources: [{ name: 'metrics', ...dataSource }] },
          },
        },
      }),
    ],
  });
}

/** Waits until `check` holds for the answer to `url`, as the first refresh runs in the background. */
async function waitFor(
  server: any,
  url: string,
  check: (res: request.Response) => boolean,
) {
  for (let i = 0; i < 150; i++) {
    const res = await request(server).get(url).set('Authorization', AUTH);
    if (check(res)) return res;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${url} never reached the expected state`);
}

const enc = encodeURIComponent;

type Expected = CorpusExpectation;

interface Case {
  label: string;
  url: string;
  expected: Expected;
}

/**
 * The table of bad requests, generated from the fields of each route: the
 * overview filters, the entity path, the SLO name and the history range.
 */
function generateCases(): Case[] {
  const cases: Case[] = [];
  const refusal = (field: string): Expected => ({ status: [400], field });

  // Overview filters. In a query string a number or a boolean is text, and
  // `42` or `false` is an ordinary group or system name.
  for (const field of ['owner', 'system']) {
    for (const value of [...HOSTILE_REFS, ...hostileTexts(255)]) {
      cases.push({
        label: `overview ${field}=${showValue(value)}`,
        url: `/api/slo/overview?${queryPart(field, value)}`,
        expected: isScalar(value) ? 'accepted' : refusal(field),
      });
    }
  }
  const allowed: Record<string, string[]> = {
    state: ['healthy', 'warning', 'freeze'],
    firing: ['true', 'false'],
  };
  for (const field of ['state', 'firing']) {
    for (const value of [
      ...hostileTexts(20),
      'melting',
      'TRUE',
      'Healthy',
      '',
      ' ',
    ]) {
      // `false` is a valid `firing` once it is text in a query string.
      const accepted =
        isScalar(value) && allowed[field].includes(String(value));
      cases.push({
        label: `overview ${field}=${showValue(value)}`,
        url: `/api/slo/overview?${queryPart(field, value)}`,
        expected: accepted ? 'accepted' : refusal(field),
      });
    }
  }

  // Entity path parts, on both entity routes. A number or a boolean is a
  // well-formed name of an entity that does not exist; a list or an object
  // becomes text with characters no entity name has.
  const parts = ['namespace', 'kind', 'name'] as const;
  const valid = { namespace: 'default', kind: 'component', name: 'api' };
  for (const part of parts) {
    for (const value of [...HOSTILE_REFS, ...hostileTexts(253)]) {
      const segments = parts.map(p =>
        p === part ? enc(String(value)) : valid[p],
      );
      const entityPath = `/api/slo/entities/${segments.join('/')}`;
      const expected: Expected = isScalar(value)
        ? { status: [404] }
        : refusal(part);
      cases.push({
        label: `entity ${part}=${showValue(value)}`,
        url: entityPath,
        expected,
      });
      cases.push({
        label: `history ${part}=${showValue(value)}`,
        url: `${entityPath}/slos/availability/history`,
        expected,
      });
      cases.push({
        label: `deploy-gate ${part}=${showValue(value)}`,
        url: `${entityPath}/deploy-gate`,
        expected,
      });
    }
  }

  // The SLO name: anything but hostile text is a name the entity lacks.
  for (const value of hostileTexts(255)) {
    cases.push({
      label: `history slo=${showValue(value)}`,
      url: `${ENTITY}/slos/${enc(String(value))}/history`,
      expected: typeof value === 'string' ? refusal('slo') : { status: [404] },
    });
  }

  // The history range and step.
  for (const field of ['from', 'to']) {
    for (const value of [...HOSTILE_DATES, ...hostileTexts(40)]) {
      cases.push({
        label: `history ${field}=${showValue(value)}`,
        url: `${HISTORY}?${queryPart(field, value)}`,
        expected: refusal(field),
      });
    }
  }
  const year = new Date().getUTCFullYear();
  const extraRanges: Array<[string, string]> = [
    ['from', `from=${year - 3}-01-01`],
    ['from', `from=2000-01-01&to=${year - 1}-01-01`],
    ['from', `from=${year - 1}-06-01&to=${year - 1}-05-01`],
    ['to', `to=${year + 1}-06-01`],
    ['to', `to=${Date.now() + 86_400_000}`],
  ];
  for (const [field, query] of extraRanges) {
    cases.push({
      label: `history ${query}`,
      url: `${HISTORY}?${query}`,
      expected: refusal(field),
    });
    cases.push({
      label: `deployments ${query}`,
      url: `${DEPLOYMENTS}?${query}`,
      expected: refusal(field),
    });
  }
  for (const field of ['from', 'to']) {
    for (const value of [...HOSTILE_DATES, ...hostileTexts(40)]) {
      cases.push({
        label: `deployments ${field}=${showValue(value)}`,
        url: `${DEPLOYMENTS}?${queryPart(field, value)}`,
        expected: refusal(field),
      });
    }
  }
  for (const value of [
    ...HOSTILE_NUMBERS,
    ...hostileTexts(16),
    '0m',
    '-5m',
    '5x',
    '1s',
    '59s',
    '401d',
    '1000000d',
    '1e3m',
    '5m5',
    'Infinity',
    '1m'.repeat(9),
  ]) {
    cases.push({
      label: `history step=${showValue(value)}`,
      url: `${HISTORY}?${queryPart('step', value)}`,
      expected: refusal('step'),
    });
  }
  return cases;
}

const CASES = generateCases();

it('generates a corpus of a few hundred bad requests', () => {
  expect(CASES.length).toBeGreaterThan(200);
  expect(new Set(CASES.map(c => c.url)).size).toBe(CASES.length);
});

describe.each(databases.eachSupportedId())(
  'the SLO routes under bad input on %p',
  databaseId => {
    let dir: string;
    let backend: Awaited<ReturnType<typeof startBackend>>;
    let knex: any;

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-hostile-'));
      knex = await databases.init(databaseId);
      backend = await startBackend(knex, dir, { type: 'sample' });
      await waitFor(backend.server, ENTITY, res => res.status === 200);
    });
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it(`answers each of the ${CASES.length} generated requests with its refusal, naming the field and quoting nothing internal`, async () => {
      const failures: string[] = [];
      for (const c of CASES) {
        const res = await request(backend.server)
          .get(c.url)
          .set('Authorization', AUTH);
        const problem = checkAnswer(res, c.expected);
        if (problem) failures.push(`${c.label}: ${problem}`);
      }
      expect(failures).toEqual([]);
    });

    it('refuses each bad field of a deployment or an override, naming it', async () => {
      const failures: string[] = [];
      const valid = {
        version: '1.2.3',
        environment: 'production',
        url: 'https://ci.example.com/runs/1',
      };
      const deploymentCases: Array<[string, unknown]> = [
        ...hostileTexts(128).map(v => ['version', v] as [string, unknown]),
        ...hostileTexts(64).map(v => ['environment', v] as [string, unknown]),
        ...hostileTexts(2048).map(v => ['url', v] as [string, unknown]),
        ...[...HOSTILE_DATES, ...hostileTexts(40)].map(
          v => ['at', v] as [string, unknown],
        ),
      ];
      for (const [field, value] of deploymentCases) {
        const res = await request(backend.server)
          .post(DEPLOYMENTS)
          .set('Authorization', AUTH)
          .send({ ...valid, [field]: value });
        const problem = checkRefusal(res, { status: [400], field });
        if (problem)
          failures.push(`deployment ${field}=${showValue(value)}: ${problem}`);
      }
      const override = {
        requester: 'user:default/someone-else',
        reason: 'A fix for the outage that cannot wait',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      };
      const overrideCases: Array<[string, unknown]> = [
        ...hostileTexts(255).map(v => ['requester', v] as [string, unknown]),
        ...hostileTexts(1000).map(v => ['reason', v] as [string, unknown]),
        ['reason', 'too short'],
        ...[...HOSTILE_DATES, ...hostileTexts(40)].map(
          v => ['expiresAt', v] as [string, unknown],
        ),
      ];
      for (const [field, value] of overrideCases) {
        const res = await request(backend.server)
          .post(`${ENTITY}/deploy-gate/overrides`)
          .set('Authorization', AUTH)
          .send({ ...override, [field]: value });
        const problem = checkRefusal(res, { status: [400], field });
        if (problem)
          failures.push(`override ${field}=${showValue(value)}: ${problem}`);
      }
      expect(failures).toEqual([]);
      expect(deploymentCases.length + overrideCases.length).toBeGreaterThan(80);
    });

    it('refuses a history from 60,000 BC quickly, naming from', async () => {
      const started = performance.now();
      const res = await request(backend.server)
        .get(`${HISTORY}?from=-060000-01-01T00:00:00Z`)
        .set('Authorization', AUTH);
      const elapsed = performance.now() - started;
      expect(checkRefusal(res, { status: [400], field: 'from' })).toBe(
        undefined,
      );
      expect(elapsed).toBeLessThan(1000);
    });

    it('refuses a bad range before looking for the SLO, so an SLO not yet computed still gets the 400', async () => {
      const res = await request(backend.server)
        .get(
          `${ENTITY}/slos/not-computed-yet/history?from=-060000-01-01T00:00:00Z`,
        )
        .set('Authorization', AUTH);
      expect(checkRefusal(res, { status: [400], field: 'from' })).toBe(
        undefined,
      );
    });

    it('refuses to=99999999999999999 with a 400, not a 500', async () => {
      const res = await request(backend.server)
        .get(`${HISTORY}?to=99999999999999999`)
        .set('Authorization', AUTH);
      expect(checkRefusal(res, { status: [400], field: 'to' })).toBe(undefined);
    });

    it('serves the longest range at the smallest step within the point and bucket bounds', async () => {
      const now = Date.now();
      const res = await request(backend.server)
        .get(`${HISTORY}?from=${now - 400 * 86_400_000}&to=${now}&step=1m`)
        .set('Authorization', AUTH);
      expect(res.status).toBe(200);
      expect(res.body.step).toBe('1d');
      expect(res.body.points.length).toBeLessThanOrEqual(401);
      expect(res.body.points.length).toBeGreaterThanOrEqual(400);
      const tooLong = await request(backend.server)
        .get(`${HISTORY}?from=${now - 401 * 86_400_000}&to=${now}&step=1d`)
        .set('Authorization', AUTH);
      expect(checkRefusal(tooLong, { status: [400], field: 'from' })).toBe(
        undefined,
      );
      expect(tooLong.body.error.message).toContain('at most 400 days');
    });

    it('answers a database failure with a plain 500 that quotes no SQL', async () => {
      const logged = await request(backend.server)
        .get('/api/slo/overview')
        .set('Authorization', AUTH);
      expect(logged.status).toBe(200);
      await knex.schema.renameTable('slo_meta', 'slo_meta_gone');
      try {
        const res = await request(backend.server)
          .get('/api/slo/overview?state=freeze')
          .set('Authorization', AUTH);
        expect(res.status).toBe(500);
        expect(findLeak(res.text)).toBe(undefined);
        expect(res.text).not.toMatch(/slo_meta|select/i);
        expect(res.body.error.message).toBe(
          'The server could not complete the request; the error is in its log.',
        );
      } finally {
        await knex.schema.renameTable('slo_meta_gone', 'slo_meta');
      }
    });
  },
);

describe.each(databases.eachSupportedId())(
  'Prometheus errors as served on %p',
  databaseId => {
    it('name the data source, never its URL, credentials or header values', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-prom-error-'));
      // A Prometheus that fails and quotes its own address, as proxies do.
      const prometheus = http.createServer((_req, res) => {
        const { port } = prometheus.address() as AddressInfo;
        res.statusCode = 502;
        res.end(`upstream http://127.0.0.1:${port}/api/v1/query_range failed`);
      });
      await new Promise<void>(r => prometheus.listen(0, '127.0.0.1', r));
      const { port } = prometheus.address() as AddressInfo;
      const knex = await databases.init(databaseId);
      const backend = await startBackend(knex, dir, {
        type: 'prometheus',
        url: `http://admin:pa55word-secret@127.0.0.1:${port}/`,
        headers: { 'X-Scope-OrgID': 'tenant-secret-value' },
        retries: 0,
      });
      try {
        const server = backend.server;
        const entity = await waitFor(
          server,
          ENTITY,
          res =>
            res.status === 503 &&
            /data source failed/.test(res.body?.error?.message ?? ''),
        );
        const overview = await request(server)
          .get('/api/slo/overview')
          .set('Authorization', AUTH);
        const health = await request(server)
          .get('/api/slo/data-sources')
          .set('Authorization', AUTH);
        expect(entity.body.error.message).toContain(
          'Prometheus `metrics` answered 502',
        );
        expect(entity.headers['retry-after']).toBeDefined();
        expect(overview.body.items[0].error).toContain(
          'Prometheus `metrics` answered 502',
        );
        expect(health.body.items[0]).toMatchObject({
          name: 'metrics',
          healthy: false,
          message: expect.stringContaining('Prometheus `metrics`'),
        });
        for (const res of [entity, overview, health]) {
          expect(res.text).not.toContain(`127.0.0.1`);
          expect(res.text).not.toContain(String(port));
          expect(res.text).not.toMatch(/https?:\/\//);
          expect(res.text).not.toContain('pa55word-secret');
          expect(res.text).not.toContain('tenant-secret-value');
          expect(findLeak(res.text)).toBe(undefined);
        }

        // Errors stored before errors named their source are scrubbed when served.
        await knex('slo_targets').update({
          last_error: `metrics at http://admin:pa55word-secret@127.0.0.1:${port} could not be reached (fetch failed for http://10.1.2.3:9090/api/v1/query: connect ECONNREFUSED 10.1.2.3:9090)`,
        });
        // A filter the cached overview has not answered yet reads the store.
        const old = await request(server)
          .get('/api/slo/overview?owner=team-a')
          .set('Authorization', AUTH);
        const oldEntity = await request(server)
          .get(ENTITY)
          .set('Authorization', AUTH);
        for (const res of [old, oldEntity]) {
          expect(res.text).toContain('metrics could not be reached');
          expect(res.text).not.toMatch(/https?:\/\/|10\.1\.2\.3|127\.0\.0\.1/);
          expect(res.text).not.toContain('pa55word-secret');
        }
      } finally {
        await backend.stop();
        await new Promise(r => prometheus.close(r));
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

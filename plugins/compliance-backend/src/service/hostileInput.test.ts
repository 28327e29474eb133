import fs from 'node:fs';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  HOSTILE_DATES,
  HOSTILE_NUMBERS,
  HOSTILE_REFS,
  asQueryValues,
  checkRefusal,
  createVitalsTestDatabases,
  findLeak,
  hostileTexts,
} from '@vitals/backend-test-utils';
import { createAzureInventoryServiceFactory } from '@vitals/azure-inventory';
import { Knex } from 'knex';
import request from 'supertest';
import { compliancePlugin } from '../plugin';
import { ftpSite, testEntities, writeSnapshot } from '../testing/estate';
import { FIELD_LIMITS } from './validation';

// Hundreds of requests through a real backend, on a machine running other suites too.
jest.setTimeout(180_000);

/**
 * The bad-input corpus of the compliance routes: for every field of every
 * route, the values a hostile or careless client sends, each of which must
 * be refused with the right status, a message naming the field, and a body
 * that quotes no SQL, path, stack or internal URL.
 */

const databases = createVitalsTestDatabases();

const OFFICER = 'user:default/grace.whitfield';
const ENGINEER = 'user:default/amara.okafor';
const DAY = 86_400_000;

interface Case {
  name: string;
  method: 'get' | 'post' | 'delete';
  path: string;
  /** A raw query string, so repeated and nested parameters can be sent. */
  query?: string;
  body?: unknown;
  /** A body sent as is, with this content type. */
  raw?: { type: string; text: string };
  user?: string;
  status: number[];
  field?: string;
}

const enc = encodeURIComponent;

/**
 * What a successful answer must not quote. The remediation texts of the
 * rules name Azure CLI commands ("az storage account update --https-only
 * true"), which the SQL pattern of findLeak reads as a statement; a data
 * answer is checked for every other leak.
 */
const leakInData = (text: string) =>
  findLeak(text.replace(/\b(select|insert into|update|delete from)\b/gi, '…'));
const describeValue = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…(${text.length})` : text;
};

/** The query fields of each GET route, by the kind of value they take. */
type QueryKind = 'date' | 'ref' | 'enum' | 'number';
const FILTERS: Record<string, QueryKind> = {
  owner: 'ref',
  system: 'ref',
  status: 'enum',
  control: 'enum',
  classification: 'enum',
};
const QUERY_ROUTES: Array<{ path: string; fields: Record<string, QueryKind> }> =
  [
    { path: '/overview', fields: { asOf: 'date', ...FILTERS } },
    { path: '/report', fields: { asOf: 'date', format: 'enum', ...FILTERS } },
    { path: '/unowned', fields: { asOf: 'date' } },
    {
      path: '/history',
      fields: { from: 'date', to: 'date', points: 'number', ...FILTERS },
    },
    { path: '/history', fields: { entityRef: 'ref' } },
    {
      path: '/entities/default/component/secure-api',
      fields: { asOf: 'date' },
    },
    { path: '/exemptions', fields: { entityRef: 'ref' } },
    { path: '/attestations', fields: { entityRef: 'ref' } },
  ];

function queryValues(kind: QueryKind): string[] {
  switch (kind) {
    case 'date':
      return [...asQueryValues(HOSTILE_DATES), '2027-W10-1', '2027-060'];
    case 'ref':
      // A number in a query string is text, and a valid name.
      return asQueryValues(HOSTILE_REFS.filter(v => typeof v === 'string'));
    case 'enum':
      return [...asQueryValues(hostileTexts(64)), 'bogus'];
    default:
      return asQueryValues(HOSTILE_NUMBERS);
  }
}

const exemptionBody = () => ({
  entityRef: 'component:default/ftp-app',
  controlId: '164.312(e)(1)',
  resourceId: ftpSite.id,
  category: 'mitigated',
  reason: 'FTP is blocked at the App Service access restrictions',
  ticketUrl: 'https://tickets.example/SEC-42',
  requester: 'user:default/amara.okafor',
  expiresAt: new Date(Date.now() + 180 * DAY).toISOString(),
});

const attestationBody = () => ({
  entityRef: 'component:default/secure-api',
  controlId: '164.308(a)(7)(ii)(D)',
  link: 'https://docs.example/dr/tabletop-2026.pdf',
  note: 'Tabletop exercise\nheld with the on-call team',
  reviewBy: new Date(Date.now() + 300 * DAY).toISOString(),
});

const BAD_URLS = [
  'not a url',
  ['javascript', 'alert(1)'].join(':'),
  'ftp://files.example/evidence',
  'https://user:secret@docs.example/evidence',
];

/** The body fields of each POST route, with the values each must refuse. */
const BODY_ROUTES: Array<{
  path: string;
  base: () => Record<string, unknown>;
  fields: Record<string, readonly unknown[]>;
}> = [
  {
    path: '/exemptions',
    base: exemptionBody,
    fields: {
      entityRef: [...HOSTILE_REFS, ...hostileTexts(FIELD_LIMITS.entityRef)],
      controlId: [...hostileTexts(FIELD_LIMITS.controlId), '164.999', ''],
      resourceId: [...hostileTexts(FIELD_LIMITS.resourceId), 'not-an-arm-id'],
      category: [...hostileTexts(32), 'bogus', null],
      reason: [
        ...hostileTexts(FIELD_LIMITS.reason),
        'x'.repeat(60 * 1024),
        '   ',
        null,
      ],
      alternativeMeasure: hostileTexts(FIELD_LIMITS.alternativeMeasure),
      ticketUrl: [...hostileTexts(FIELD_LIMITS.url), ...BAD_URLS],
      requester: [
        ...HOSTILE_REFS,
        ...hostileTexts(FIELD_LIMITS.entityRef),
        `user:default/${'r'.repeat(287)}`,
        'user:default/nobody',
        'group:default/team-a',
        'component:default/secure-api',
        `${OFFICER}\u200b`,
        OFFICER,
        'Grace.Whitfield',
        '',
      ],
      expiresAt: [
        ...HOSTILE_DATES,
        new Date(Date.now() - DAY).toISOString(),
        new Date(Date.now() + 400 * DAY).toISOString(),
        '',
      ],
      approver: ['user:default/someone', OFFICER],
      createdAt: [new Date().toISOString()],
      id: ['my-own-id'],
      revokedAt: [new Date().toISOString()],
      state: ['active'],
      unexpected: ['x'],
    },
  },
  {
    path: '/attestations',
    base: attestationBody,
    fields: {
      entityRef: [...HOSTILE_REFS, ...hostileTexts(FIELD_LIMITS.entityRef)],
      controlId: [...hostileTexts(FIELD_LIMITS.controlId), '164.999'],
      link: [...hostileTexts(FIELD_LIMITS.url), ...BAD_URLS, null],
      note: [...hostileTexts(FIELD_LIMITS.note), 'x'.repeat(60 * 1024)],
      reviewBy: [
        ...HOSTILE_DATES,
        new Date(Date.now() - DAY).toISOString(),
        new Date(Date.now() + 400 * DAY).toISOString(),
        '',
      ],
      attestedBy: ['user:default/someone', OFFICER],
      attestedAt: [new Date().toISOString()],
      id: ['my-own-id'],
      unexpected: ['x'],
    },
  },
];

/** Fields a client may leave out. */
const OPTIONAL = new Set([
  'resourceId',
  'ticketUrl',
  'alternativeMeasure',
  'note',
]);

function generateCases(): Case[] {
  const cases: Case[] = [];
  for (const route of QUERY_ROUTES) {
    for (const [field, kind] of Object.entries(route.fields)) {
      for (const value of queryValues(kind)) {
        cases.push({
          name: `GET ${route.path} ${field}=${describeValue(value)}`,
          method: 'get',
          path: route.path,
          query: `${field}=${enc(value)}`,
          status: [400],
          field,
        });
      }
      cases.push(
        {
          name: `GET ${route.path} ${field} given twice`,
          method: 'get',
          path: route.path,
          query: `${field}=a&${field}=b`,
          status: [400],
          field,
        },
        {
          name: `GET ${route.path} ${field} as an object`,
          method: 'get',
          path: route.path,
          query: `${field}[$gt]=a`,
          status: [400],
          field,
        },
      );
    }
  }
  for (const route of BODY_ROUTES) {
    for (const [field, values] of Object.entries(route.fields)) {
      for (const value of values) {
        cases.push({
          name: `POST ${route.path} ${field}=${describeValue(value)}`,
          method: 'post',
          path: route.path,
          body: { ...route.base(), [field]: value },
          status: [400],
          field,
        });
      }
      if (field in route.base()) {
        cases.push({
          name: `POST ${route.path} without ${field}`,
          method: 'post',
          path: route.path,
          body: Object.fromEntries(
            Object.entries(route.base()).filter(([k]) => k !== field),
          ),
          status: OPTIONAL.has(field) ? [201] : [400],
          field: OPTIONAL.has(field) ? undefined : field,
        });
      }
    }
    for (const [what, raw, field, status] of [
      ['malformed JSON', { type: 'application/json', text: '{"a":' }, 'body'],
      ['JSON null', { type: 'application/json', text: 'null' }, 'body'],
      ['a JSON list', { type: 'application/json', text: '[]' }, 'body'],
      ['a JSON string', { type: 'application/json', text: '"x"' }, 'body'],
      ['plain text', { type: 'text/plain', text: 'entityRef=x' }, 'entityRef'],
      [
        'a form',
        {
          type: 'application/x-www-form-urlencoded',
          text: 'entityRef=component:default/ftp-app',
        },
        'entityRef',
      ],
      [
        'a body over the limit',
        {
          type: 'application/json',
          text: JSON.stringify({ reason: 'x'.repeat(70_000) }),
        },
        'body',
        413,
      ],
    ] as Array<[string, { type: string; text: string }, string, number?]>) {
      cases.push({
        name: `POST ${route.path} with ${what}`,
        method: 'post',
        path: route.path,
        raw,
        status: [status ?? 400],
        field,
      });
    }
    cases.push({
      name: `POST ${route.path} by a user without the permission`,
      method: 'post',
      path: route.path,
      body: { ...route.base(), reason: 'x'.repeat(60 * 1024) },
      user: ENGINEER,
      status: [403],
    });
  }
  for (const path of ['/exemptions', '/attestations']) {
    for (const [id, status, field] of [
      ['no-such-id', 404, 'no-such-id'],
      ['x'.repeat(37), 400, 'id'],
      ['%00', 400, 'id'],
      ['%E2%80%8Bid', 400, 'id'],
    ] as Array<[string, number, string]>) {
      cases.push({
        name: `DELETE ${path}/${id.slice(0, 40)}`,
        method: 'delete',
        path: `${path}/${id}`,
        status: [status],
        field,
      });
    }
    cases.push({
      name: `DELETE ${path} by a user without the permission`,
      method: 'delete',
      path: `${path}/no-such-id`,
      user: ENGINEER,
      status: [403],
    });
  }
  for (const [segment, field] of [
    ['namespace', 'namespace'],
    ['kind', 'kind'],
    ['name', 'name'],
  ]) {
    for (const value of ['%E2%80%8Bx', 'x'.repeat(300), '.x', '%00', '-x']) {
      const parts: Record<string, string> = {
        namespace: 'default',
        kind: 'component',
        name: 'secure-api',
        [segment]: value,
      };
      cases.push({
        name: `GET /entities with ${segment}=${value.slice(0, 20)}`,
        method: 'get',
        path: `/entities/${parts.namespace}/${parts.kind}/${parts.name}`,
        status: [400],
        field,
      });
    }
  }
  // The cases of the report, each named.
  const specific: Case[] = [
    {
      name: 'self-approval under a zero-width space',
      method: 'post',
      path: '/exemptions',
      body: { ...exemptionBody(), requester: `${OFFICER}\u200b` },
      status: [400],
      field: 'requester',
    },
    {
      name: 'self-approval by a bare name',
      method: 'post',
      path: '/exemptions',
      body: { ...exemptionBody(), requester: 'grace.whitfield' },
      status: [400],
      field: 'requester',
    },
    {
      name: 'a requester who is not in the catalog',
      method: 'post',
      path: '/exemptions',
      body: { ...exemptionBody(), requester: 'user:default/nobody' },
      status: [400],
      field: 'requester',
    },
    {
      name: 'a week date',
      method: 'post',
      path: '/exemptions',
      body: { ...exemptionBody(), expiresAt: '2027-W10-1' },
      status: [400],
      field: 'expiresAt',
    },
    {
      name: 'an ordinal date',
      method: 'post',
      path: '/exemptions',
      body: { ...exemptionBody(), expiresAt: '2027-060' },
      status: [400],
      field: 'expiresAt',
    },
    {
      name: 'a history ending in the year 3 million',
      method: 'get',
      path: '/history',
      query: 'to=99999999999999999',
      status: [400],
      field: 'to',
    },
    {
      name: 'a history longer than the retention period',
      method: 'get',
      path: '/history',
      query: 'from=2000-01-01',
      status: [400],
      field: 'from',
    },
    {
      name: 'a history ending before it starts',
      method: 'get',
      path: '/history',
      query: `from=${new Date(Date.now() - DAY).toISOString()}&to=${new Date(
        Date.now() - 2 * DAY,
      ).toISOString()}`,
      status: [400],
      field: 'from',
    },
    {
      name: 'an overview as of garbage',
      method: 'get',
      path: '/overview',
      query: 'asOf=garbage',
      status: [400],
      field: 'asOf',
    },
    {
      name: 'a 60 KB reason',
      method: 'post',
      path: '/exemptions',
      body: { ...exemptionBody(), reason: 'x'.repeat(60 * 1024) },
      status: [400],
      field: 'reason',
    },
    {
      name: 'a 300-character requester',
      method: 'post',
      path: '/exemptions',
      body: {
        ...exemptionBody(),
        requester: `user:default/${'r'.repeat(287)}`,
      },
      status: [400],
      field: 'requester',
    },
  ];
  return [...cases, ...specific];
}

const cases = generateCases();

describe.each(databases.eachSupportedId())(
  'the compliance routes refuse bad input on %p',
  databaseId => {
    let snapshot: { dir: string; file: string };
    let server: any;
    let knex: Knex;

    beforeAll(async () => {
      snapshot = writeSnapshot();
      knex = await databases.init(databaseId);
      const permissions = mockServices.permissions.mock({
        authorize: jest.fn(async (requests, { credentials }) =>
          requests.map(() => ({
            result:
              (credentials.principal as any).userEntityRef === OFFICER
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        ) as any,
      });
      const backend = await startTestBackend({
        features: [
          compliancePlugin,
          mockServices.database.factory({ knex }),
          createAzureInventoryServiceFactory({
            database: mockServices.database({ knex }),
          }),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          catalogServiceMock.factory({ entities: testEntities }),
          permissions.factory,
          mockServices.rootConfig.factory({
            data: {
              vitals: {
                azure: { source: 'snapshot', snapshotPath: snapshot.file },
              },
            },
          }),
        ],
      });
      server = backend.server;
      for (let i = 0; i < 200; i++) {
        const res = await request(server)
          .get('/api/compliance/overview')
          .set('Authorization', mockCredentials.user.header());
        if (res.status === 200) return;
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the first compliance evaluation did not finish');
    });
    afterAll(() => fs.rmSync(snapshot.dir, { recursive: true, force: true }));

    const send = (c: Case) => {
      const url = `/api/compliance${c.path}${c.query ? `?${c.query}` : ''}`;
      const auth = mockCredentials.user.header(c.user ?? OFFICER);
      if (c.method === 'get') {
        return request(server).get(url).set('Authorization', auth);
      }
      if (c.method === 'delete') {
        return request(server).delete(url).set('Authorization', auth);
      }
      const post = request(server).post(url).set('Authorization', auth);
      if (c.raw) return post.set('Content-Type', c.raw.type).send(c.raw.text);
      return post.send(c.body as object);
    };

    it(`generates a corpus of several hundred requests (${cases.length})`, () => {
      expect(cases.length).toBeGreaterThan(400);
    });

    it('refuses every request of the corpus, naming the field and quoting nothing internal', async () => {
      const failures: string[] = [];
      let refused = 0;
      for (const c of cases) {
        const res = await send(c);
        if (res.status === 201) {
          if (!c.status.includes(201)) {
            failures.push(`${c.name}: accepted (201)`);
          }
          const leak = leakInData(res.text);
          if (leak) failures.push(`${c.name}: the answer quotes ${leak}`);
          continue;
        }
        refused++;
        const problem = checkRefusal(res, {
          status: c.status.filter(s => s !== 201),
          field: c.field,
        });
        if (problem) failures.push(`${c.name}: ${problem}`);
      }
      // eslint-disable-next-line no-console
      console.log(
        `compliance bad-input corpus on ${databaseId}: ${cases.length} requests, ${refused} refused`,
      );
      expect(failures).toEqual([]);
    });

    it('accepts the valid forms the corpus varies', async () => {
      const created = await send({
        name: 'a valid exemption with a bare requester name',
        method: 'post',
        path: '/exemptions',
        body: {
          ...exemptionBody(),
          requester: 'Priya.Raman',
          expiresAt: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
        },
        status: [201],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        requester: 'user:default/priya.raman',
        approver: OFFICER,
        state: 'active',
      });
      // A date alone is the end of that day, exactly as stored.
      expect(created.body.expiresAt).toMatch(/T23:59:59\.999Z$/);
      const attested = await send({
        name: 'a valid attestation',
        method: 'post',
        path: '/attestations',
        body: attestationBody(),
        status: [201],
      });
      expect(attested.status).toBe(201);
      expect(attested.body.attestedBy).toBe(OFFICER);
      expect(attested.body.note).toBe(attestationBody().note);
      for (const query of [
        '/overview?owner=team-a&status=non-compliant',
        `/overview?asOf=${new Date().toISOString().slice(0, 10)}`,
        `/history?points=2&from=${new Date(Date.now() - DAY).toISOString()}`,
        '/history?entityRef=ftp-app',
        '/exemptions?entityRef=component:default/ftp-app',
      ]) {
        const res = await request(server)
          .get(`/api/compliance${query}`)
          .set('Authorization', mockCredentials.user.header(ENGINEER));
        expect([query, res.status]).toEqual([query, 200]);
      }
    });

    it('ignores whatever query a parameterless route is sent', async () => {
      // GET /coverage takes no parameters: the corpus's hostile values, sent
      // under its names and under others, repeated and nested, change
      // nothing and are quoted nowhere.
      const baseline = await send({
        name: 'GET /coverage',
        method: 'get',
        path: '/coverage',
        status: [200],
      });
      expect(baseline.status).toBe(200);
      const queries = [
        ...['asOf', 'format', 'type', '__proto__', 'constructor'].flatMap(
          field =>
            [
              ...queryValues('date'),
              ...queryValues('enum'),
              ...queryValues('number'),
            ].map(value => `${field}=${enc(value)}`),
        ),
        'asOf=a&asOf=b',
        'type[$gt]=a',
        'a[b][c][d][e][f]=1',
        `${'k'.repeat(2000)}=v`,
      ];
      const failures: string[] = [];
      for (const query of queries) {
        const res = await send({
          name: `GET /coverage?${query}`,
          method: 'get',
          path: '/coverage',
          query,
          status: [200],
        });
        if (res.status !== 200) {
          failures.push(`${query.slice(0, 60)}: ${res.status}`);
        } else if (res.text !== baseline.text) {
          failures.push(`${query.slice(0, 60)}: a different answer`);
        }
      }
      expect(queries.length).toBeGreaterThan(100);
      expect(failures).toEqual([]);
    });

    it('never applies a stored exemption its approver requested under a look-alike name', async () => {
      await knex('compliance_exemptions').insert({
        id: 'ex-look-alike',
        entity_ref: 'component:default/leaky-store',
        control_id: '164.312(a)(1)',
        resource_id: null,
        category: 'risk-accepted',
        reason: 'Stored before requesters were checked',
        alternative_measure: null,
        ticket_url: null,
        requester: `User:default/Grace.Whitfield\u200b`,
        approver: OFFICER,
        created_at: Date.now() - DAY,
        expires_at: Date.now() + 30 * DAY,
        revoked_at: null,
        revoked_by: null,
      });
      const listed = await request(server)
        .get('/api/compliance/exemptions?entityRef=leaky-store')
        .set('Authorization', mockCredentials.user.header(ENGINEER));
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: 'ex-look-alike', state: 'invalid' }),
      ]);
    });

    it('never serves a stored machine path, in the API or the evidence export', async () => {
      const stored = `${snapshot.dir}/estate.json`;
      await knex('compliance_runs').update({
        inventory_origin: stored,
        dr_error: 'GET http://127.0.0.1:7007/api/dr-readiness/overview failed',
      });
      await knex('vitals_inventory_snapshot').update({ origin: stored });
      await knex('vitals_inventory_attempt').update({
        error: `ENOENT: no such file or directory, open '${stored}'`,
        attempted_at: Date.now() + 1000,
      });
      const paths = [
        '/overview?classification=phi',
        `/overview?asOf=${new Date(Date.now() - 1000).toISOString()}`,
        '/entities/default/component/secure-api',
        `/entities/default/component/secure-api?asOf=${new Date(
          Date.now() - 1000,
        ).toISOString()}`,
        '/report?format=csv',
        '/report?format=json',
      ];
      for (const path of paths) {
        const res = await request(server)
          .get(`/api/compliance${path}`)
          .set('Authorization', mockCredentials.user.header(ENGINEER));
        expect([path, res.status]).toEqual([path, 200]);
        expect([path, leakInData(res.text) ?? null]).toEqual([path, null]);
        expect(res.text).not.toContain(snapshot.dir);
        expect(res.text).toContain('snapshot file estate.json');
      }
    });
  },
);

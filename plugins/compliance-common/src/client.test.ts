import { ResponseError } from '@backstage/errors';
import { ComplianceClient } from './client';

const BASE = 'http://portal.test/api/compliance';

type Answer = { status?: number; body?: unknown; headers?: HeadersInit };

/** A client whose fetch records each request and answers `answer` (JSON unless the body is a string). */
function clientAnswering(answer: Answer = {}) {
  const { status = 200, body = {}, headers = {} } = answer;
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(
        status === 204 || typeof body === 'string'
          ? (body as string | null)
          : JSON.stringify(body),
        {
          status,
          headers:
            typeof body === 'string'
              ? headers
              : { 'content-type': 'application/json', ...headers },
        },
      ),
  );
  const getBaseUrl = jest.fn(
    async (id: string) => `http://portal.test/api/${id}`,
  );
  const client = new ComplianceClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  /** The one request the client sent: its URL, method and parsed body. */
  const sent = () => {
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    return {
      url,
      method: init?.method ?? 'GET',
      body:
        init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      headers: init?.headers,
    };
  };
  return { client, fetch, getBaseUrl, sent };
}

async function rejectionOf(call: Promise<unknown>): Promise<ResponseError> {
  const outcome = await call.then(
    value => ({ resolved: value }),
    error => ({ error }),
  );
  if (!('error' in outcome)) {
    throw new Error(
      `expected a rejection, got ${JSON.stringify(outcome.resolved)}`,
    );
  }
  expect(outcome.error).toBeInstanceOf(ResponseError);
  return outcome.error;
}

const errorBody = (name: string, message: string, statusCode: number) => ({
  error: { name, message },
  request: { method: 'GET', url: '/x' },
  response: { statusCode },
});

const entity = {
  kind: 'Component',
  namespace: 'Default',
  name: 'FHIR-Gateway',
};

const exemptionInput = {
  entityRef: 'component:default/fhir-gateway',
  controlId: '164.312(e)(1)',
  resourceId:
    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app',
  category: 'mitigated' as const,
  reason: 'FTP is blocked at the access restrictions',
  ticketUrl: 'https://tickets.example/SEC-42',
  requester: 'user:default/amara.okafor',
  expiresAt: '2027-06-01T00:00:00.000Z',
};

const attestationInput = {
  entityRef: 'component:default/fhir-gateway',
  controlId: '164.308(a)(7)(ii)(D)',
  link: 'https://docs.example/dr/tabletop.pdf',
  note: 'Tabletop with on-call',
  reviewBy: '2027-03-01T00:00:00.000Z',
};

describe('ComplianceClient', () => {
  it('reads an entity by its lower-case path, asOf only when given', async () => {
    const answer = { entityRef: 'component:default/fhir-gateway', score: 80 };
    const { client, fetch, getBaseUrl } = clientAnswering({ body: answer });
    await expect(client.getEntityCompliance(entity)).resolves.toEqual(answer);
    await client.getEntityCompliance(entity, { asOf: '2026-06-30' });
    expect(getBaseUrl).toHaveBeenCalledWith('compliance');
    expect(fetch.mock.calls.map(([url, init]) => [url, init?.method])).toEqual([
      [`${BASE}/entities/default/component/fhir-gateway`, 'GET'],
      [
        `${BASE}/entities/default/component/fhir-gateway?asOf=2026-06-30`,
        'GET',
      ],
    ]);
    expect(fetch.mock.calls.every(([, init]) => init?.body === undefined)).toBe(
      true,
    );
  });

  it('encodes an entity name so it cannot reach another route', async () => {
    const { client, sent } = clientAnswering();
    await client.getEntityCompliance({ ...entity, name: 'a/../overview?x' });
    expect(sent().url).toBe(
      `${BASE}/entities/default/component/a%2F..%2Foverview%3Fx`,
    );
  });

  it('sends only the overview filters that are set', async () => {
    const { client, fetch } = clientAnswering({ body: { items: [] } });
    await client.getOverview();
    await client.getOverview({
      owner: 'group:default/team-a',
      system: 'system:default/portal',
      status: 'non-compliant',
      control: '164.312(e)(1)',
      classification: 'phi',
      asOf: '2026-06-30T12:00:00.000Z',
    });
    await client.getOverview({ owner: '', status: undefined, control: 'x' });
    expect(fetch.mock.calls.map(c => [c[0], c[1]?.method])).toEqual([
      [`${BASE}/overview`, 'GET'],
      [
        `${BASE}/overview?owner=group%3Adefault%2Fteam-a&system=system%3Adefault%2Fportal&status=non-compliant&control=164.312%28e%29%281%29&classification=phi&asOf=2026-06-30T12%3A00%3A00.000Z`,
        'GET',
      ],
      [`${BASE}/overview?control=x`, 'GET'],
    ]);
  });

  it('reads the unowned resources', async () => {
    const answer = { items: [], total: 0, evaluatedAt: null };
    const { client, sent } = clientAnswering({ body: answer });
    await expect(client.getUnowned()).resolves.toEqual(answer);
    expect(sent()).toMatchObject({ url: `${BASE}/unowned`, method: 'GET' });
  });

  it('reads the estate coverage', async () => {
    const answer = {
      types: [
        {
          type: 'microsoft.synapse/workspaces',
          resources: 2,
          judged: false,
          checks: [],
          judgement: 'not-judged',
        },
      ],
    };
    const { client, sent } = clientAnswering({ body: answer });
    await expect(client.getCoverage()).resolves.toEqual(answer);
    expect(sent()).toMatchObject({
      url: `${BASE}/coverage`,
      method: 'GET',
      body: undefined,
    });
  });

  it("asks for an entity's history by ref, with the range in ISO-8601 when given", async () => {
    const { client, fetch } = clientAnswering({ body: { spans: [] } });
    await client.getEntityHistory('component:default/fhir-gateway');
    await client.getEntityHistory('component:default/fhir-gateway', {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/history?entityRef=component%3Adefault%2Ffhir-gateway`,
      `${BASE}/history?entityRef=component%3Adefault%2Ffhir-gateway&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z`,
    ]);
  });

  it('asks for the estate trend with the filters it takes and the number of points', async () => {
    const { client, fetch } = clientAnswering({ body: { points: [] } });
    await client.getEstateHistory({});
    await client.getEstateHistory(
      {
        owner: 'team-a',
        system: 'portal',
        classification: 'none',
        status: 'compliant',
        control: '164.312(b)',
        asOf: '2026-06-30',
      },
      {
        from: new Date('2026-08-01T00:00:00Z'),
        to: new Date('2026-11-01T00:00:00Z'),
        points: 30,
      },
    );
    // The trend counts every status, at every point: status, control and
    // asOf are not its filters.
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/history`,
      `${BASE}/history?owner=team-a&system=portal&classification=none&from=2026-08-01T00%3A00%3A00.000Z&to=2026-11-01T00%3A00%3A00.000Z&points=30`,
    ]);
  });

  it('downloads the CSV report with the filters, its file name and no digest', async () => {
    const csv = 'entityRef,controlId\r\ncomponent:default/a,164.312(b)\r\n';
    const { client, sent } = clientAnswering({
      body: csv,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition':
          'attachment; filename="hipaa-evidence-2026-11-23-101500.csv"',
      },
    });
    const download = await client.downloadReport('csv', {
      status: 'non-compliant',
      classification: 'phi',
    });
    expect(sent()).toMatchObject({
      url: `${BASE}/report?format=csv&status=non-compliant&classification=phi`,
      method: 'GET',
      body: undefined,
    });
    expect(download.filename).toBe('hipaa-evidence-2026-11-23-101500.csv');
    expect(download.digest).toBeNull();
    expect(download.blob).toBeInstanceOf(Blob);
    expect(await download.blob.text()).toBe(csv);
  });

  it('downloads the JSON pack with its digest, naming it when the server does not', async () => {
    const pack = { content: { rows: [] }, digest: { value: 'ab12' } };
    const { client, sent } = clientAnswering({
      body: pack,
      headers: { 'x-evidence-digest': 'sha-256=ab12' },
    });
    const download = await client.downloadReport('json');
    expect(sent().url).toBe(`${BASE}/report?format=json`);
    expect(download.filename).toBe('hipaa-evidence.json');
    expect(download.digest).toBe('sha-256=ab12');
    expect(JSON.parse(await download.blob.text())).toEqual(pack);
  });

  it('lists the exemptions and attestations of an entity', async () => {
    const exemptions = clientAnswering({ body: { items: [{ id: 'ex-1' }] } });
    await expect(
      exemptions.client.listExemptions('component:default/fhir-gateway'),
    ).resolves.toEqual([{ id: 'ex-1' }]);
    expect(exemptions.sent()).toMatchObject({
      url: `${BASE}/exemptions?entityRef=component%3Adefault%2Ffhir-gateway`,
      method: 'GET',
      body: undefined,
    });

    const attestations = clientAnswering({ body: { items: [{ id: 'at-1' }] } });
    await expect(
      attestations.client.listAttestations('component:default/fhir-gateway'),
    ).resolves.toEqual([{ id: 'at-1' }]);
    expect(attestations.sent()).toMatchObject({
      url: `${BASE}/attestations?entityRef=component%3Adefault%2Ffhir-gateway`,
      method: 'GET',
      body: undefined,
    });
  });

  it('creates an exemption by POSTing the input as JSON', async () => {
    const record = { id: 'ex-1', state: 'active' };
    const { client, sent } = clientAnswering({ status: 201, body: record });
    await expect(client.createExemption(exemptionInput)).resolves.toEqual(
      record,
    );
    expect(sent()).toEqual({
      url: `${BASE}/exemptions`,
      method: 'POST',
      body: exemptionInput,
      headers: { 'content-type': 'application/json' },
    });
  });

  it('creates an attestation by POSTing the input as JSON', async () => {
    const record = { id: 'at-1', state: 'active' };
    const { client, sent } = clientAnswering({ status: 201, body: record });
    await expect(client.createAttestation(attestationInput)).resolves.toEqual(
      record,
    );
    expect(sent()).toEqual({
      url: `${BASE}/attestations`,
      method: 'POST',
      body: attestationInput,
      headers: { 'content-type': 'application/json' },
    });
  });

  it('revokes by DELETE on the encoded id, without a body', async () => {
    const exemption = clientAnswering({
      body: { id: 'a/b', state: 'revoked' },
    });
    await expect(exemption.client.revokeExemption('a/b')).resolves.toEqual({
      id: 'a/b',
      state: 'revoked',
    });
    expect(exemption.sent()).toMatchObject({
      url: `${BASE}/exemptions/a%2Fb`,
      method: 'DELETE',
      body: undefined,
      headers: undefined,
    });

    const attestation = clientAnswering({ body: { id: 'at-1' } });
    await attestation.client.revokeAttestation('at-1');
    expect(attestation.sent()).toMatchObject({
      url: `${BASE}/attestations/at-1`,
      method: 'DELETE',
      body: undefined,
    });
  });

  it('turns an error answer into a ResponseError carrying the server message', async () => {
    const { client } = clientAnswering({
      status: 400,
      body: errorBody(
        'InputError',
        'approver: the approver must be someone other than the requester',
        400,
      ),
    });
    const error = await rejectionOf(client.createExemption(exemptionInput));
    expect(error.statusCode).toBe(400);
    expect(error.body.error).toEqual({
      name: 'InputError',
      message:
        'approver: the approver must be someone other than the requester',
    });
  });

  it('maps errors of every method, the download included', async () => {
    const { client } = clientAnswering({
      status: 403,
      body: errorBody('NotAllowedError', 'may not manage exemptions', 403),
    });
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['getEntityCompliance', () => client.getEntityCompliance(entity)],
      ['getOverview', () => client.getOverview()],
      ['getUnowned', () => client.getUnowned()],
      ['getCoverage', () => client.getCoverage()],
      [
        'getEntityHistory',
        () => client.getEntityHistory('component:default/a'),
      ],
      ['getEstateHistory', () => client.getEstateHistory({})],
      ['downloadReport', () => client.downloadReport('csv')],
      ['listExemptions', () => client.listExemptions('component:default/a')],
      ['createExemption', () => client.createExemption(exemptionInput)],
      ['revokeExemption', () => client.revokeExemption('ex-1')],
      [
        'listAttestations',
        () => client.listAttestations('component:default/a'),
      ],
      ['createAttestation', () => client.createAttestation(attestationInput)],
      ['revokeAttestation', () => client.revokeAttestation('at-1')],
    ];
    const clientMethods = Object.getOwnPropertyNames(
      ComplianceClient.prototype,
    ).filter(name => name !== 'constructor');
    expect(calls.map(([name]) => name).sort()).toEqual(clientMethods.sort());
    for (const [method, call] of calls) {
      const error = await rejectionOf(call());
      expect([method, error.statusCode, error.body.error.message]).toEqual([
        method,
        403,
        'may not manage exemptions',
      ]);
    }
  });

  it('keeps a 503 and its Retry-After for the screens to show', async () => {
    const answer = {
      status: 503,
      body: errorBody(
        'ServiceUnavailableError',
        'Compliance has not been evaluated yet: snapshot not found',
        503,
      ),
      headers: { 'retry-after': '900' },
    };
    for (const call of [
      (c: ComplianceClient) => c.getOverview(),
      (c: ComplianceClient) => c.downloadReport('json'),
    ]) {
      const error = await rejectionOf(call(clientAnswering(answer).client));
      expect(error.statusCode).toBe(503);
      expect(error.response.headers.get('retry-after')).toBe('900');
      expect(error.body.error).toEqual({
        name: 'ServiceUnavailableError',
        message: 'Compliance has not been evaluated yet: snapshot not found',
      });
    }
  });
});

import { DrReadinessClient } from './DrReadinessApi';

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'FHIR-gateway',
};
const BASE = 'http://backstage/api/dr-readiness';
const DRILLS = `${BASE}/entities/default/component/fhir-gateway/drills`;

function client(answer: { status: number; body: unknown }) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  return {
    fetch,
    api: new DrReadinessClient({
      discoveryApi: { getBaseUrl: async () => BASE },
      fetchApi: { fetch: fetch as any },
    }),
  };
}

const drill = {
  region: 'eastus2',
  performedAt: '2026-11-01T10:00:00.000Z',
  outcome: 'partial' as const,
  rtoAchieved: 'PT50M',
  notes: '',
};

describe('DrReadinessClient', () => {
  it('records, lists, corrects and withdraws drills on the entity path', async () => {
    const { api, fetch } = client({ status: 200, body: { id: 'd-1' } });
    await api.recordDrill(entity, drill);
    await api.listDrills(entity);
    await api.correctDrill(entity, 'd-1', {
      ...drill,
      reason: 'wrong RTO',
    });
    await api.withdrawDrill(entity, 'seed-1/2', 'tabletop only');
    const calls = fetch.mock.calls.map(([url, init]) => [
      url,
      init?.method ?? 'GET',
      init?.body ? JSON.parse(String(init.body)) : undefined,
    ]);
    expect(calls).toEqual([
      [DRILLS, 'POST', drill],
      [DRILLS, 'GET', undefined],
      [`${DRILLS}/d-1`, 'PUT', { ...drill, reason: 'wrong RTO' }],
      [`${DRILLS}/seed-1%2F2/withdraw`, 'POST', { reason: 'tabletop only' }],
    ]);
    for (const [, init] of fetch.mock.calls.filter(([, i]) => i?.body)) {
      expect(new Headers(init!.headers).get('Content-Type')).toBe(
        'application/json',
      );
    }
  });

  it.each([
    [
      409,
      'ConflictError',
      'drill d-1 was withdrawn and can no longer be corrected',
    ],
    [400, 'InputError', 'reason: reason is required'],
    [
      403,
      'NotAllowedError',
      'Withdrawing a DR drill requires the permission dr-readiness.drill.create',
    ],
  ])(
    'rejects with the backend error of a %s',
    async (status, name, message) => {
      const { api } = client({
        status,
        body: { error: { name, message }, response: { statusCode: status } },
      });
      const attempt =
        status === 403
          ? api.withdrawDrill(entity, 'd-1', 'because')
          : api.correctDrill(entity, 'd-1', { ...drill, reason: '' });
      await expect(attempt).rejects.toMatchObject({
        name: 'ResponseError',
        body: { error: { name, message } },
        response: { status },
      });
    },
  );
});

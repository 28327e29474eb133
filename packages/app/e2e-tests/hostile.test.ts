import { APIRequestContext, expect, test } from '@playwright/test';
import { findLeak } from '@vitals/backend-test-utils';

/**
 * The hostile requests that once got through, replayed against the real
 * portal backend (embedded defaults, signed in as the demo guest): each is
 * refused with a 4xx whose message names the field, or by the permission
 * policy, and no answer, refused or not, carries SQL, a stack or a path.
 */

function expectNoLeak(text: string, what: string, inData = false) {
  const leak = findLeak(text, { inData });
  expect(leak, `${what} quotes ${leak}: ${text.slice(0, 300)}`).toBeUndefined();
}

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/auth/guest/refresh?env=development', {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  return body.backstageIdentity.token;
}

test.describe('hostile requests against the portal', () => {
  let headers: Record<string, string>;

  test.beforeAll(async ({ request }) => {
    headers = { authorization: `Bearer ${await guestToken(request)}` };
  });

  const refused = async (
    response: Awaited<ReturnType<APIRequestContext['get']>>,
    field: string,
    statuses: number[] = [400],
  ) => {
    const text = await response.text();
    expect(statuses, text.slice(0, 300)).toContain(response.status());
    expectNoLeak(text, `${response.url()}`);
    expect(JSON.parse(text).error.message).toContain(field);
  };

  const exemption = (overrides: Record<string, unknown>) => ({
    entityRef: 'component:default/patient-messaging',
    controlId: '164.312(e)(1)',
    category: 'risk-accepted',
    reason: 'Legacy partner integration; replaced by Q3.',
    requester: 'user:default/amara.okafor',
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    ...overrides,
  });

  test('1. an exemption is never approved by its own requester, nor requested by nobody', async ({
    request,
  }) => {
    for (const requester of [
      'user:default/guest\u200b',
      'user:default/guest',
      'user:default/nobody-in-the-catalog',
    ]) {
      await refused(
        await request.post('/api/compliance/exemptions', {
          headers,
          data: exemption({ requester }),
        }),
        'requester',
      );
    }
  });

  test('2. an SLO history from year -60000 is refused at once', async ({
    request,
  }) => {
    const started = Date.now();
    await refused(
      await request.get(
        '/api/slo/entities/default/component/fhir-gateway/slos/availability/history?from=-060000-01-01T00:00:00Z',
        { headers },
      ),
      'from',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('3. week and ordinal dates are refused, not stored', async ({
    request,
  }) => {
    for (const expiresAt of ['2027-W10-1', '2027-060']) {
      await refused(
        await request.post('/api/compliance/exemptions', {
          headers,
          data: exemption({ expiresAt }),
        }),
        'expiresAt',
      );
    }
  });

  test('4. out-of-range history dates are a 400, not a 500', async ({
    request,
  }) => {
    await refused(
      await request.get('/api/compliance/history?to=99999999999999999', {
        headers,
      }),
      'to',
    );
    await refused(
      await request.get(
        '/api/slo/entities/default/component/fhir-gateway/slos/availability/history?to=99999999999999999',
        { headers },
      ),
      'to',
    );
  });

  test('5. no SQL, path or internal URL in any answer', async ({ request }) => {
    await refused(
      await request.get('/api/compliance/overview?asOf=garbage', { headers }),
      'asOf',
    );
    for (const path of [
      '/api/compliance/overview',
      '/api/compliance/entities/default/component/fhir-gateway',
      '/api/compliance/report?format=csv',
      '/api/compliance/report?format=json',
      '/api/dr-readiness/overview',
      '/api/dr-readiness/entities/default/component/fhir-gateway',
      '/api/slo/overview',
      '/api/slo/entities/default/component/fhir-gateway',
    ]) {
      const res = await request.get(path, { headers });
      expect([200, 503], path).toContain(res.status());
      expectNoLeak(await res.text(), path, res.status() === 200);
    }
  });

  test('6. the scaffolder refuses a repository host the template does not allow', async ({
    request,
  }) => {
    const values = {
      name: 'evil-intake',
      description: 'A service whose repository would live elsewhere',
      owner: 'group:default/care-experience',
      system: 'system:default/patient-portal',
      dataClassification: 'phi',
      primaryRegion: 'eastus2',
      secondaryRegion: 'pair',
      drTier: 'high',
      availabilityTarget: 99.9,
      latencyThresholdMs: 300,
      latencyTarget: 99,
      runtime: 'node',
      hosting: 'app-service',
      globalRouting: 'front-door',
      pipelineProvider: 'github-actions',
      repoUrl: 'evil.example?owner=a&repo=b',
    };
    const task = await request.post('/api/scaffolder/v2/tasks', {
      headers,
      data: {
        templateRef: 'template:default/hipaa-service',
        values,
      },
    });
    // The scaffolder answers a parameter that fails the template's schema
    // with its own body ({ errors: [...] }), naming the parameter.
    const scaffolderRefused = async (res: typeof task) => {
      const text = await res.text();
      expect(res.status(), text.slice(0, 300)).toBe(400);
      // Only the host is wrong: the one parameter refused is repoUrl.
      expect(
        JSON.parse(text).errors.map((e: { property: string }) => e.property),
      ).toEqual(['instance.repoUrl']);
      expectNoLeak(text, res.url());
    };
    await scaffolderRefused(task);
    const dryRun = await request.post('/api/scaffolder/v2/dry-run', {
      headers,
      data: {
        template: await (
          await request.get(
            '/api/catalog/entities/by-name/template/default/hipaa-service',
            { headers },
          )
        ).json(),
        values,
        secrets: {},
        directoryContents: [],
      },
    });
    await scaffolderRefused(dryRun);
  });

  test('7. over-long reasons and requesters are refused by name', async ({
    request,
  }) => {
    await refused(
      await request.post('/api/compliance/exemptions', {
        headers,
        data: exemption({ reason: 'r'.repeat(60_000) }),
      }),
      'reason',
    );
    await refused(
      await request.post('/api/compliance/exemptions', {
        headers,
        data: exemption({ requester: `user:default/${'q'.repeat(300)}` }),
      }),
      'requester',
    );
  });

  test('8. drills refuse control characters and impossible dates', async ({
    request,
  }) => {
    const drill = (overrides: Record<string, unknown>) => ({
      region: 'centralus',
      performedAt: new Date(Date.now() - 86_400_000).toISOString(),
      outcome: 'passed',
      rtoAchieved: 'PT30M',
      ...overrides,
    });
    const path =
      '/api/dr-readiness/entities/default/component/records-service/drills';
    for (const region of ['central\u0000us', 'centralus\u202E']) {
      await refused(
        await request.post(path, { headers, data: drill({ region }) }),
        'region',
      );
    }
    await refused(
      await request.post(path, {
        headers,
        data: drill({ performedAt: '0001-01-01T00:00:00Z' }),
      }),
      'performedAt',
    );
  });

  test('9. writes outside the Vitals grants are denied, catalog deletes included', async ({
    request,
  }) => {
    const entity = await (
      await request.get(
        '/api/catalog/entities/by-name/component/default/fhir-gateway',
        { headers },
      )
    ).json();
    const res = await request.delete(
      `/api/catalog/entities/by-uid/${entity.metadata.uid}`,
      { headers },
    );
    expect(res.status()).toBe(403);
    expectNoLeak(await res.text(), 'the catalog refusal');
    const still = await request.get(
      '/api/catalog/entities/by-name/component/default/fhir-gateway',
      { headers },
    );
    expect(still.status()).toBe(200);
  });
});

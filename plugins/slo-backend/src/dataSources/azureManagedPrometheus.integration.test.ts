import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DAY, HOUR, MINUTE } from '@vitals/plugin-slo-common';
import { SliDataSource, SliFetchRequest } from '@vitals/plugin-slo-node';
import { SloStore } from '../database/SloStore';
import { SloRefresher } from '../service/refresher';
import { FakeEntraCredential, startFakeWorkspace } from '../testing/fakeEntra';
import {
  HistorySeries,
  prometheusBinaries,
  PrometheusServer,
  startPrometheus,
  toOpenMetrics,
} from '../testing/prometheusServer';
import { AzureManagedPrometheusDataSource } from './azureManagedPrometheus';
import { PrometheusDataSource } from './prometheus';

/**
 * The azure-managed-prometheus source against a real Prometheus (Debian's
 * package) behind a local stand-in for the Azure Monitor workspace endpoint,
 * which accepts only unexpired tokens of the test's credential. Figures
 * through it must equal those read from the same Prometheus directly.
 */
const binaries = prometheusBinaries();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const describeWithPrometheus = binaries ? describe : describe.skip;

const STEP = 5 * MINUTE;
// A day of history ending two hours before the test runs, on 5-minute boundaries.
const END = Math.floor((Date.now() - 2 * HOUR) / STEP) * STEP;
const START = END - DAY;
const INCIDENT = [END - 5 * HOUR, END - 4 * HOUR];

function counter(
  labels: Record<string, string>,
  perMinute: (t: number) => number,
): HistorySeries {
  let value = 1000;
  const samples: Array<[number, number]> = [];
  for (let t = START; t <= END; t += MINUTE) {
    if (t !== START) value += perMinute(t);
    samples.push([t, value]);
  }
  return { name: 'http_requests_total', type: 'counter', labels, samples };
}

const errorsPerMinute = (t: number) => {
  if (t > INCIDENT[0] && t <= INCIDENT[1]) return 40;
  return (t / MINUTE) % 13 === 0 ? 1 : 0;
};
const history: HistorySeries[] = [
  counter({ service: 'api', code: '200' }, t => 500 - errorsPerMinute(t)),
  counter({ service: 'api', code: '500' }, errorsPerMinute),
];

const ratio: SliFetchRequest = {
  indicator: {
    kind: 'ratio',
    counter: true,
    good: { query: 'http_requests_total{service="api",code!~"5.."}' },
    total: { query: 'http_requests_total{service="api"}' },
  },
  objective: { key: '0', target: 0.999 },
  budgetingMethod: 'Occurrences',
  from: START + HOUR,
  to: END,
  step: STEP,
  context: {
    entityRef: 'component:default/api',
    slo: 'availability',
    service: 'api',
  },
};

describeWithPrometheus(
  'AzureManagedPrometheusDataSource against a real Prometheus behind a workspace endpoint',
  () => {
    let prometheus: PrometheusServer;
    let direct: PrometheusDataSource;
    let clock: number;
    let credential: FakeEntraCredential;
    let workspace: Awaited<ReturnType<typeof startFakeWorkspace>>;
    let source: AzureManagedPrometheusDataSource;
    /** Called before each request the workspace forwards. */
    let beforeForward: (token: string, index: number) => void;

    beforeAll(async () => {
      prometheus = await startPrometheus(toOpenMetrics(history));
      direct = new PrometheusDataSource({
        name: 'prometheus',
        url: prometheus.url,
      });
    }, 60_000);

    beforeEach(async () => {
      clock = Date.now();
      credential = new FakeEntraCredential(() => clock);
      beforeForward = () => {};
      workspace = await startFakeWorkspace({
        credential,
        upstream: prometheus.url,
        beforeForward: (token, index) => beforeForward(token, index),
      });
      source = new AzureManagedPrometheusDataSource({
        name: 'workspace',
        url: workspace.url,
        credential,
        now: () => clock,
        retries: 0,
      });
    });

    afterEach(async () => {
      await workspace?.close();
    });

    afterAll(async () => {
      await prometheus?.stop();
    });

    it('computes the same SLI points through the workspace endpoint as from Prometheus directly', async () => {
      const expected = await direct.fetch(ratio);
      const result = await source.fetch(ratio);
      expect(result.points).toEqual(expected.points);
      expect(result.queries).toBe(2);
      // The incident shows, so the points are real data and not zeros.
      const points = result.points as { good: number[]; total: number[] };
      expect(Math.min(...points.good.map((g, i) => g / points.total[i]))).toBe(
        (500 - 40) / 500,
      );
      // One token for both queries, and every request carried it.
      expect(credential.calls).toHaveLength(1);
      expect(workspace.seen).toEqual([
        { authorized: true, authorization: `Bearer ${credential.issued[0]}` },
        { authorized: true, authorization: `Bearer ${credential.issued[0]}` },
      ]);
    });

    it('renews exactly once when the token expires mid-run, and the renewed token is accepted', async () => {
      // The first token stops being accepted after the first query it served.
      beforeForward = (token, index) => {
        if (index === 0) credential.expire(token);
      };
      const expected = await direct.fetch(ratio);
      const result = await source.fetch(ratio);
      expect(result.points).toEqual(expected.points);
      expect(credential.calls).toHaveLength(2);
      expect(workspace.seen.map(s => s.authorized)).toEqual([
        true,
        false,
        true,
      ]);
      expect(workspace.seen[2].authorization).toBe(
        `Bearer ${credential.issued[1]}`,
      );
    });

    it('computes the SLO end to end like plain Prometheus, and keeps its figures when the credential fails', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-amp-'));
      try {
        fs.writeFileSync(
          path.join(dir, 'slo.yaml'),
          `apiVersion: openslo/v1
kind: DataSource
metadata:
  name: workspace
spec:
  type: azure-managed-prometheus
  connectionDetails: {}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: api
  indicator:
    metadata:
      name: api-ok
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: workspace
            type: azure-managed-prometheus
            spec:
              query: http_requests_total{service="api",code!~"5.."}
        total:
          metricSource:
            metricSourceRef: workspace
            type: azure-managed-prometheus
            spec:
              query: http_requests_total{service="api"}
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`,
        );
        const entity: Entity = {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'api',
            namespace: 'default',
            annotations: {
              'vitals.dev/slo-ref': './slo.yaml',
              'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
            },
          },
          spec: { type: 'service', owner: 'team', lifecycle: 'production' },
        };
        let now = END + 2 * MINUTE;
        const refresherOn = async (dataSource: SliDataSource) => {
          const store = await SloStore.create(
            mockServices.database({ knex: await databases.init('SQLITE_3') }),
          );
          const logger = mockServices.logger.mock();
          const refresher = new SloRefresher({
            store,
            catalog: catalogServiceMock({ entities: [entity] }),
            auth: mockServices.auth(),
            urlReader: mockServices.urlReader.mock(),
            logger,
            dataSources: new Map([['workspace', dataSource]]),
            defaultDataSource: 'workspace',
            now: () => now,
          });
          return { store, refresher, logger };
        };

        // The figures from plain Prometheus, in a database of their own.
        const plain = await refresherOn(direct);
        expect(await plain.refresher.refreshAll()).toMatchObject({
          computed: 1,
          failed: 0,
        });
        const [reference] = await plain.store.listTargets();

        const amp = await refresherOn(source);
        expect(await amp.refresher.refreshAll()).toMatchObject({
          computed: 1,
          failed: 0,
        });
        const [computed] = await amp.store.listTargets();
        expect(computed.status!.sli).toEqual(reference.status!.sli);
        expect(computed.status!.errorBudget).toEqual(
          reference.status!.errorBudget,
        );
        expect(computed.status!.burnRates).toEqual(reference.status!.burnRates);
        expect(computed.status!.sli.ratio).toBeLessThan(1);

        // An hour later the token has expired and the credential cannot sign in.
        const failure = new Error(
          'ManagedIdentityCredential: no managed identity endpoint found',
        );
        failure.name = 'CredentialUnavailableError';
        credential.failWith = failure;
        clock += 2 * HOUR;
        now += 10 * MINUTE;
        const stats = await amp.refresher.refreshAll();
        expect(stats).toMatchObject({ computed: 0, failed: 1 });
        const [kept] = await amp.store.listTargets();
        expect(kept.status).toEqual(computed.status);
        expect(kept.computedAt).toBe(END + 2 * MINUTE);
        expect(kept.lastAttemptAt).toBe(now);
        expect(kept.lastError).toBe(
          'Azure Monitor managed Prometheus `workspace` could not get an Entra token: CredentialUnavailableError: ManagedIdentityCredential: no managed identity endpoint found',
        );
        const logged = JSON.stringify(
          (amp.logger.warn as jest.Mock).mock.calls,
        );
        for (const token of credential.issued) {
          expect(logged).not.toContain(token);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  },
);

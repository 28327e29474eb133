import { mockServices } from '@backstage/backend-test-utils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { ComplianceStore, EntityVerdictInput } from './ComplianceStore';

const databases = createVitalsTestDatabases();

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function verdict(
  entityRef: string,
  status: EntityVerdictInput['status'],
  controls: Record<string, 'pass' | 'fail' | 'exempt'>,
): EntityVerdictInput {
  const fp = JSON.stringify({ status, controls });
  return {
    entityRef,
    owner: 'group:default/team-a',
    system: 'system:default/portal',
    classification: 'phi',
    status,
    score: status === 'compliant' ? 100 : 50,
    controlStatuses: controls,
    header: { status, counts: {} },
    fingerprint: fp,
    controls: Object.entries(controls).map(([controlId, s]) => ({
      controlId,
      status: s,
      ruleVersion: 'hipaa@1.0.0+test',
      result: { id: controlId, status: s, findings: [] },
      fingerprint: `${controlId}:${s}`,
    })),
  };
}

describe.each(databases.eachSupportedId())(
  'ComplianceStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return {
        knex,
        store: await ComplianceStore.create(mockServices.database({ knex })),
      };
    }

    async function run(store: ComplianceStore, at: number, scope = null) {
      return store.startRun({
        scope,
        trigger: 'test',
        startedAt: at,
        ruleVersion: 'hipaa@1.0.0+test',
        frameworkVersion: '1.0.0',
      });
    }

    async function finish(store: ComplianceStore, id: number, at: number) {
      await store.finishRun(id, at + 1000, {
        inventorySource: 'snapshot',
        inventoryOrigin: 'estate.json',
        inventoryFetchedAt: at - 3600_000,
        inventoryRefreshedAt: at,
        inventoryError: null,
        drEvaluatedAt: at - 60_000,
        drError: null,
        entities: 2,
        changed: 0,
        summary: { compliant: 1 },
      });
    }

    it('migrates up and down cleanly', async () => {
      const { knex } = await createStore();
      const tables = [
        'compliance_runs',
        'compliance_entity_verdicts',
        'compliance_control_verdicts',
        'compliance_exemptions',
        'compliance_attestations',
      ];
      for (const table of tables) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      // The inventory is the shared inventory service's, not the plugin's.
      expect(await knex.schema.hasTable('compliance_inventory')).toBe(false);
      await knex.migrate.rollback(
        { directory: ComplianceStore.migrationsDirectory() },
        true,
      );
      for (const table of tables) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await knex.migrate.latest({
        directory: ComplianceStore.migrationsDirectory(),
      });
      expect(await knex.schema.hasTable('compliance_runs')).toBe(true);
    });

    it('stores only changes as spans and answers what held at any past instant', async () => {
      const { store, knex } = await createStore();
      const a = 'component:default/a';
      const b = 'component:default/b';
      const first = [
        verdict(a, 'compliant', { c1: 'pass', c2: 'pass' }),
        verdict(b, 'non-compliant', { c1: 'fail', c2: 'pass' }),
      ];
      expect(
        await store.applyVerdicts({
          runId: await run(store, T0),
          at: T0,
          verdicts: first,
          closeMissing: true,
        }),
      ).toBe(2);
      // The same verdicts a day later write nothing.
      expect(
        await store.applyVerdicts({
          runId: await run(store, T0 + DAY),
          at: T0 + DAY,
          verdicts: first,
          closeMissing: true,
        }),
      ).toBe(0);
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('compliance_entity_verdicts')).toBe(2);
      expect(await count('compliance_control_verdicts')).toBe(4);

      // b gets exempted on day 2; a disappears from the catalog on day 3.
      expect(
        await store.applyVerdicts({
          runId: await run(store, T0 + 2 * DAY),
          at: T0 + 2 * DAY,
          verdicts: [
            verdict(a, 'compliant', { c1: 'pass', c2: 'pass' }),
            verdict(b, 'exempt', { c1: 'exempt', c2: 'pass' }),
          ],
          closeMissing: true,
        }),
      ).toBe(1);
      expect(await count('compliance_control_verdicts')).toBe(5);
      await store.applyVerdicts({
        runId: await run(store, T0 + 3 * DAY),
        at: T0 + 3 * DAY,
        verdicts: [verdict(b, 'exempt', { c1: 'exempt', c2: 'pass' })],
        closeMissing: true,
      });

      const statusAt = async (at: number | null) =>
        Object.fromEntries(
          (await store.entityVerdicts(at)).map(v => [v.entityRef, v.status]),
        );
      expect(await statusAt(T0 - 1)).toEqual({});
      expect(await statusAt(T0 + DAY + 5)).toEqual({
        [a]: 'compliant',
        [b]: 'non-compliant',
      });
      expect(await statusAt(T0 + 2 * DAY)).toEqual({
        [a]: 'compliant',
        [b]: 'exempt',
      });
      expect(await statusAt(null)).toEqual({ [b]: 'exempt' });
      expect(
        (await store.controlVerdicts(T0 + DAY, [b])).map(c => [
          c.controlId,
          c.status,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['c1', 'fail'],
          ['c2', 'pass'],
        ]),
      );
      expect(
        await store.entityVerdicts(null, { status: 'non-compliant' }),
      ).toEqual([]);

      const history = await store.entityHistory(b, T0, T0 + 10 * DAY);
      expect(
        history.entity.map(e => [e.status, e.validFrom, e.validTo]),
      ).toEqual([
        ['non-compliant', T0, T0 + 2 * DAY],
        ['exempt', T0 + 2 * DAY, null],
      ]);
      expect(
        history.controls.filter(c => c.controlId === 'c1').map(c => c.status),
      ).toEqual(['fail', 'exempt']);
    });

    it('evaluating one entity leaves the others alone, and heals duplicate open spans', async () => {
      const { store, knex } = await createStore();
      const a = 'component:default/a';
      const b = 'component:default/b';
      await store.applyVerdicts({
        runId: await run(store, T0),
        at: T0,
        verdicts: [
          verdict(a, 'compliant', { c1: 'pass' }),
          verdict(b, 'compliant', { c1: 'pass' }),
        ],
        closeMissing: true,
      });
      // A second replica opened a span for a at the same time.
      await knex('compliance_entity_verdicts').insert({
        entity_ref: a,
        valid_from: T0,
        valid_to: null,
        run_id: 99,
        status: 'compliant',
        score: 100,
        control_statuses: '{}',
        header: '{}',
        fingerprint: 'other',
      });
      await store.applyVerdicts({
        runId: await run(store, T0 + DAY, null),
        at: T0 + DAY,
        verdicts: [verdict(a, 'non-compliant', { c1: 'fail' })],
        closeMissing: false,
      });
      const open = await store.entityVerdicts(null);
      expect(open.map(v => [v.entityRef, v.status])).toEqual([
        [a, 'non-compliant'],
        [b, 'compliant'],
      ]);
    });

    it('prunes runs and ended spans older than the retention, never what still holds', async () => {
      const { store, knex } = await createStore();
      const a = 'component:default/a';
      const b = 'component:default/b';
      const old = T0 - 7 * 365 * DAY;
      await finish(store, await run(store, old), old);
      await store.applyVerdicts({
        runId: 1,
        at: old,
        verdicts: [
          verdict(a, 'non-compliant', { c1: 'fail' }),
          verdict(b, 'compliant', { c1: 'pass' }),
        ],
        closeMissing: true,
      });
      const later = old + 30 * DAY;
      await finish(store, await run(store, later), later);
      await store.applyVerdicts({
        runId: 2,
        at: later,
        verdicts: [
          verdict(a, 'compliant', { c1: 'pass' }),
          verdict(b, 'compliant', { c1: 'pass' }),
        ],
        closeMissing: true,
      });
      await finish(store, await run(store, T0), T0);
      const pruned = await store.prune(T0 - 6 * 365 * DAY);
      expect(pruned).toEqual({
        runs: 2,
        entityVerdicts: 1,
        controlVerdicts: 1,
      });
      // b's verdict from seven years ago still holds, so it stays.
      expect(
        (await store.entityVerdicts(null)).map(v => [v.entityRef, v.validFrom]),
      ).toEqual([
        [a, later],
        [b, old],
      ]);
      expect(
        Number((await knex('compliance_runs').count({ n: '*' }))[0].n),
      ).toBe(1);
      expect(await store.latestEstateRun()).toMatchObject({ startedAt: T0 });
    });

    it('finds the run that last confirmed an entity, estate-wide or scoped to it', async () => {
      const { store } = await createStore();
      const estate = await run(store, T0);
      await finish(store, estate, T0);
      const scoped = await store.startRun({
        scope: 'component:default/a',
        trigger: 'exemption',
        startedAt: T0 + 1000,
        ruleVersion: 'v',
        frameworkVersion: '1',
      });
      await finish(store, scoped, T0 + 1000);
      const failed = await run(store, T0 + 2000);
      await store.failRun(failed, T0 + 3000, 'snapshot missing');
      expect((await store.latestRunFor('component:default/a'))!.id).toBe(
        scoped,
      );
      expect((await store.latestRunFor('component:default/b'))!.id).toBe(
        estate,
      );
      expect((await store.latestRunFor('component:default/a', T0))!.id).toBe(
        estate,
      );
      expect(await store.latestEstateRun()).toMatchObject({
        status: 'failed',
        error: 'snapshot missing',
      });
      expect((await store.latestEstateRun({ okOnly: true }))!.id).toBe(estate);
      const runs = await store.getRuns([estate, scoped]);
      expect(runs.get(estate)).toMatchObject({
        inventorySource: 'snapshot',
        inventoryFetchedAt: T0 - 3600_000,
        summary: { compliant: 1 },
      });
    });

    it('keeps revoked exemptions and attestations as records', async () => {
      const { store } = await createStore();
      await store.insertExemption({
        id: 'e1',
        entityRef: 'component:default/a',
        controlId: '164.312(e)(1)',
        resourceId: null,
        category: 'mitigated',
        reason: 'blocked upstream',
        alternativeMeasure: null,
        ticketUrl: 'https://tickets.example/1',
        requester: 'user:default/x',
        approver: 'user:default/y',
        createdAt: T0,
        expiresAt: T0 + 100 * DAY,
        revokedAt: null,
        revokedBy: null,
      });
      await store.insertAttestation({
        id: 'a1',
        entityRef: 'component:default/a',
        controlId: '164.308(a)(7)(ii)(D)',
        link: 'https://docs.example/test.pdf',
        note: null,
        attestedBy: 'user:default/y',
        attestedAt: T0,
        reviewBy: T0 + 300 * DAY,
        revokedAt: null,
        revokedBy: null,
      });
      expect(await store.countExemptions()).toBe(1);
      const revoked = await store.revokeExemption('e1', 'user:default/y', T0);
      expect(revoked).toMatchObject({
        revokedAt: T0,
        revokedBy: 'user:default/y',
      });
      expect(await store.listExemptions()).toEqual([]);
      expect(await store.listExemptions({ includeRevoked: true })).toHaveLength(
        1,
      );
      await store.revokeAttestation('a1', 'user:default/y', T0 + 1);
      expect(
        await store.listAttestations({ entityRef: 'component:default/a' }),
      ).toEqual([]);
      expect(await store.countAttestations()).toBe(1);
    });
  },
);

import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import {
  buildInventoryIndex,
  SnapshotInventorySource,
} from '@vitals/azure-inventory';
import { estateCoverage } from '@vitals/azure-inventory-common';
import { DR_JUDGED_TYPES } from '@vitals/plugin-dr-readiness-common';
import { parseAllDocuments } from 'yaml';
import { evaluateEntity } from './evaluation';
import { readSeedDrills } from './seedDrills';

const examples = path.resolve(__dirname, '../../../../examples');

/** What the demo estate must show: every DR state, for the reasons in examples/azure/README.md. */
const EXPECTED: Record<
  string,
  { status: string; cells: Record<string, string>; required?: boolean }
> = {
  'patient-portal-web': {
    status: 'ready',
    cells: { eastus2: 'ready', centralus: 'ready' },
  },
  'appointments-service': {
    status: 'at-risk',
    cells: { eastus2: 'at-risk', centralus: 'ready' },
  },
  'patient-messaging': {
    status: 'at-risk',
    cells: { westus3: 'at-risk', eastus: 'ready' },
  },
  'billing-service': {
    status: 'not-ready',
    cells: { eastus2: 'not-ready', westus2: 'ready' },
  },
  'identity-gateway': {
    status: 'ready',
    cells: { eastus2: 'ready', centralus: 'ready' },
  },
  'fhir-gateway': {
    status: 'not-ready',
    cells: { eastus2: 'not-ready', centralus: 'ready' },
  },
  'records-service': {
    status: 'ready',
    cells: { eastus2: 'ready', centralus: 'ready' },
  },
  'lab-results-service': {
    status: 'not-ready',
    cells: { qatarcentral: 'not-ready' },
  },
  // Its Log Analytics workspace replicates to West Europe.
  'imaging-archive': {
    status: 'ready',
    cells: { northeurope: 'ready', westeurope: 'ready' },
  },
  'audit-trail': {
    status: 'at-risk',
    cells: { eastus2: 'at-risk', centralus: 'ready' },
  },
  'clinic-finder': {
    status: 'not-ready',
    cells: { eastus2: 'not-ready', centralus: 'at-risk' },
    required: false,
  },
};

describe('the demo estate', () => {
  const now = new Date('2026-11-23T12:00:00.000Z');

  async function evaluateDemo() {
    const { inventory, warnings } = await new SnapshotInventorySource({
      path: path.join(examples, 'azure/estate.json'),
    }).load();
    expect(warnings).toEqual([]);
    const drills = await readSeedDrills(
      path.join(examples, 'azure/drills.yaml'),
      examples,
      now,
    );
    const entities = parseAllDocuments(
      fs.readFileSync(path.join(examples, 'components.yaml'), 'utf8'),
    ).map(d => d.toJSON() as Entity);
    const index = buildInventoryIndex(inventory);
    return {
      inventory,
      results: entities.map(entity =>
        evaluateEntity({
          entity,
          index,
          drills: drills.filter(
            d => d.entityRef === `component:default/${entity.metadata.name}`,
          ),
          now,
          inventoryRefreshedAt: now.getTime(),
        }),
      ),
    };
  }

  it('yields exactly the DR status of every demo service', async () => {
    const { results } = await evaluateDemo();
    const actual = Object.fromEntries(
      results.map(r => [
        r.entityRef.replace('component:default/', ''),
        {
          status: r.status,
          cells: Object.fromEntries(
            Object.entries(r.cells).map(([region, cell]) => [
              region,
              cell.status,
            ]),
          ),
          ...(r.required ? {} : { required: false }),
        },
      ]),
    );
    expect(actual).toEqual(EXPECTED);
  });

  it('fails for the reasons the demo tells', async () => {
    const { results } = await evaluateDemo();
    const failing = (name: string) =>
      results
        .find(r => r.entityRef === `component:default/${name}`)!
        .evaluation!.regions.flatMap(region =>
          region.checks
            .filter(c => c.status !== 'pass')
            .map(c => `${region.role} ${c.id} ${c.status}`),
        );
    expect(failing('billing-service')).toContain(
      'primary storage-geo-replication fail',
    );
    expect(failing('fhir-gateway')).toEqual(
      expect.arrayContaining([
        'primary sql-failover-group fail',
        'primary sql-failover-policy fail',
      ]),
    );
    expect(failing('patient-messaging')).toEqual([
      'primary secondary-region warn',
    ]);
    expect(failing('appointments-service')).toContain('primary dr-drill warn');
    expect(failing('audit-trail')).toEqual(['primary zone-redundancy warn']);
    expect(failing('lab-results-service')).toContain(
      'primary secondary-region fail',
    );
    expect(failing('records-service')).toEqual([]);
  });

  it('names what the DR checks leave unjudged, service by service and over the estate', async () => {
    const { inventory, results } = await evaluateDemo();
    const blocking = Object.fromEntries(
      results.map(r => [
        r.entityRef.replace('component:default/', ''),
        [
          ...new Set(
            r
              .evaluation!.coverage.notEvaluated.filter(g => g.blocking)
              .map(g => g.type),
          ),
        ].sort(),
      ]),
    );
    // Every demo service is judged whole: its servers, vaults and
    // workspaces, and their children with them.
    expect(
      Object.entries(blocking).filter(([, types]) => types.length > 0),
    ).toEqual([]);
    const records = results.find(
      r => r.entityRef === 'component:default/records-service',
    )!;
    const groupCheck = records.evaluation!.regions[0].checks.find(
      c => c.id === 'sql-failover-group',
    )!;
    expect(groupCheck.status).toBe('pass');
    expect(groupCheck.resources).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/servers\/sql-records-eastus2$/),
      ]),
    );

    const types = Object.fromEntries(
      estateCoverage(inventory.resources, DR_JUDGED_TYPES).types.map(t => [
        t.type,
        t.judgement,
      ]),
    );
    expect(types).toMatchObject({
      // vm-hl7-test belongs to no service, but the estate view judges it.
      'microsoft.compute/virtualmachines': 'checked',
      'microsoft.compute/disks': 'checked',
      'microsoft.web/serverfarms': 'checked',
      'microsoft.sql/servers': 'checked',
      'microsoft.sql/servers/auditingsettings': 'parent',
      'microsoft.operationalinsights/workspaces': 'checked',
      'microsoft.operationalinsights/workspaces/tables': 'parent',
      'microsoft.network/publicipaddresses': 'inert',
      'microsoft.insights/diagnosticsettings': 'parent',
    });
    expect(Object.values(types)).not.toContain('not-judged');
  });

  it('shows every pairing and every region-loss outcome', async () => {
    const { results } = await evaluateDemo();
    expect(new Set(results.map(r => r.pairing))).toEqual(
      new Set(['paired', 'one-way', 'custom', 'unpaired']),
    );
    const eastus2 = results.flatMap(r =>
      r.impacts.filter(i => i.region === 'eastus2').map(i => i.impact.outcome),
    );
    // Every demo service in East US 2 is judged whole, so none is unknown.
    expect(new Set(eastus2)).toEqual(
      new Set(['fails-over', 'degrades', 'goes-down']),
    );
  });

  it('has unowned resources for the blind-spot list, and a real-shaped size', async () => {
    const { inventory } = await evaluateDemo();
    const untagged = inventory.resources.filter(
      r =>
        !r.id.includes('/providers/microsoft.insights/') &&
        r.id.split('/providers/').length === 2 &&
        r.id.split('/').length === 9 &&
        !r.tags['vitals-entity'] &&
        // The behavioral-health services claim their resource groups instead of tags.
        !/^rg-bhp-/.test(r.resourceGroup.toLowerCase()),
    );
    expect(untagged.map(r => r.name).sort()).toEqual([
      'stportalexport2023',
      'vm-hl7-test',
      'vm-hl7-test-ip',
      'vm-hl7-test_OsDisk_1',
    ]);
    expect(inventory.resources.length).toBeGreaterThanOrEqual(600);
    expect(inventory.resources.length).toBeLessThanOrEqual(800);
  });
});

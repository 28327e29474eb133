import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import {
  buildInventoryIndex,
  SnapshotInventorySource,
} from '@vitals/azure-inventory';
import { parseAllDocuments } from 'yaml';
import { evaluateEntity } from './evaluation';
import { readSeedDrills } from './seedDrills';

/**
 * The reference systems (examples/reference-systems.yaml): what DR readiness
 * says about each of their services, per system, with the checks and
 * resources behind each verdict (examples/azure/README.md tells the story).
 *
 * Behind some of them:
 * - clinician-workspace: the object-replication policy makes the East US 2
 *   notes account pass; its West US 2 destination (itself the copy) is still
 *   judged as a primary copy when West US 2 is lost.
 * - partner-api-gateway: API Management also serves from Central US, but its
 *   only Application Insights component is in East US 2, so the gateway there
 *   is unobserved after a failover; device-telemetry-ingest has a component
 *   in each region.
 * - population-health-web: its WAF policy, like its gateway, exists in East
 *   US 2 only.
 */
const examples = path.resolve(__dirname, '../../../../examples');
const now = new Date('2026-11-23T12:00:00.000Z');

type Expected = Record<
  string,
  Record<
    string,
    {
      status: string;
      cells: Record<string, string>;
      /** `<role> <check> <status> <resources>` of every check that does not pass. */
      notPassing: string[];
      /** `<type> <name>` of resources no DR check judges. */
      blockingGaps: string[];
    }
  >
>;

const EXPECTED: Expected = {
  'contact-centre': {
    'contact-centre-portal': {
      status: 'ready',
      cells: {
        eastus2: 'ready',
        centralus: 'ready',
      },
      notPassing: [],
      blockingGaps: [],
    },
    'adverse-event-intake': {
      status: 'not-ready',
      cells: {
        eastus2: 'not-ready',
        centralus: 'ready',
      },
      notPassing: [
        'primary sql-failover-policy fail fg-ae-intake',
        'primary dr-drill fail',
      ],
      blockingGaps: [],
    },
  },
  'care-platform': {
    'clinician-workspace': {
      status: 'not-ready',
      cells: {
        eastus2: 'at-risk',
        westus2: 'not-ready',
      },
      notPassing: [
        'primary dr-drill fail',
        'secondary storage-geo-replication fail stclinwsnoteswus2',
      ],
      blockingGaps: [],
    },
    'care-orchestration': {
      status: 'not-ready',
      cells: {
        eastus2: 'not-ready',
        westus2: 'ready',
      },
      notPassing: [
        'primary storage-geo-replication fail stcareorchexports',
        'primary key-vault-in-surviving-region fail kv-care-orch',
        'primary zone-redundancy warn stcareorchexports,care_plans,care_tasks,aks-care-orch-eastus2',
      ],
      blockingGaps: [],
    },
    'hl7-interface-engine': {
      status: 'not-ready',
      cells: {
        eastus2: 'not-ready',
        westus2: 'not-ready',
      },
      notPassing: [
        'primary vm-site-recovery fail vm-hl7-eastus2-01,vm-hl7-eastus2-02,vmss-hl7-eastus2',
        'primary backup-vault warn rsv-hl7-backup-eastus2',
        'secondary backup-vault fail rsv-hl7-asr-westus2',
      ],
      blockingGaps: [],
    },
    'care-network-hub': {
      status: 'at-risk',
      cells: {
        eastus2: 'at-risk',
        westus2: 'ready',
      },
      notPassing: ['primary dr-drill fail'],
      blockingGaps: [],
    },
  },
  'remote-monitoring': {
    'device-telemetry-ingest': {
      status: 'at-risk',
      cells: {
        eastus2: 'at-risk',
        centralus: 'ready',
      },
      notPassing: ['primary dr-drill fail'],
      blockingGaps: [],
    },
    'vitals-stream-processor': {
      status: 'not-ready',
      cells: {
        eastus2: 'not-ready',
        centralus: 'not-ready',
      },
      notPassing: [
        'primary storage-geo-replication fail strpmfunceus2',
        'primary redis-geo-replication fail redis-rpm-eastus2',
        'primary dr-drill fail',
        'secondary storage-geo-replication fail strpmfunccus',
      ],
      blockingGaps: [],
    },
    'partner-api-gateway': {
      status: 'at-risk',
      cells: {
        eastus2: 'at-risk',
        centralus: 'ready',
      },
      notPassing: [
        'primary application-insights-in-surviving-region warn appi-rpm-partners',
        'primary dr-drill fail',
      ],
      blockingGaps: [],
    },
  },
  'behavioral-health-portal': {
    'behavioral-health-web': {
      status: 'not-ready',
      cells: {
        eastus: 'not-ready',
        westus: 'not-ready',
      },
      notPassing: [
        'primary compute-in-surviving-region fail app-bhp-web-prod',
        'primary api-management-regions fail apim-bhp-prod',
        'primary application-insights-in-surviving-region warn appi-bhp-prod',
        'primary global-routing fail',
        'primary zone-redundancy warn asp-bhp-web-prod,apim-bhp-prod',
        'primary dr-drill fail',
        'secondary global-routing fail',
      ],
      blockingGaps: [],
    },
    'behavioral-health-services': {
      status: 'not-ready',
      cells: {
        eastus: 'not-ready',
        westus: 'not-ready',
      },
      notPassing: [
        'primary sql-failover-group fail bhp-patients,sql-bhp-prod',
        'primary key-vault-recovery fail kv-bhp-prod',
        'primary compute-in-surviving-region fail ci-bhp-appointments,ci-bhp-ehr-connector,ci-bhp-patient-data',
        'primary global-routing fail',
        'primary zone-redundancy warn stbhpdocsprod,bhp-patients,ci-bhp-appointments,ci-bhp-ehr-connector,ci-bhp-patient-data',
        'primary dr-drill fail',
        'secondary global-routing fail',
      ],
      blockingGaps: [],
    },
    'behavioral-health-network': {
      status: 'not-ready',
      cells: {
        eastus: 'not-ready',
        westus: 'unknown',
      },
      notPassing: [
        'primary firewall-in-surviving-region fail afw-bhp-prod',
        'primary dr-drill fail',
      ],
      blockingGaps: [],
    },
  },
  'population-health': {
    'population-health-web': {
      status: 'not-ready',
      cells: {
        eastus2: 'not-ready',
        centralus: 'at-risk',
      },
      notPassing: [
        'primary compute-in-surviving-region fail app-poph-web',
        'primary application-gateway-in-surviving-region fail agw-poph',
        'primary waf-policy-in-surviving-region warn wafp-poph',
        'primary application-insights-in-surviving-region warn appi-poph-web',
        'primary global-routing warn',
        'primary dr-drill warn',
        'secondary global-routing warn',
      ],
      blockingGaps: [],
    },
    'cohort-registry': {
      status: 'not-ready',
      cells: {
        eastus2: 'not-ready',
        centralus: 'unknown',
      },
      notPassing: [
        'primary sql-mi-failover-group fail sqlmi-poph-registry',
        'primary zone-redundancy warn sqlmi-poph-registry',
        'primary dr-drill fail',
      ],
      blockingGaps: [],
    },
    'clinical-documents': {
      status: 'unknown',
      cells: {
        eastus2: 'at-risk',
        centralus: 'unknown',
      },
      notPassing: ['primary dr-drill warn'],
      blockingGaps: [],
    },
  },
};
async function evaluateReferenceSystems() {
  const { inventory, warnings } = await new SnapshotInventorySource({
    path: path.join(examples, 'azure/estate.json'),
  }).load();
  expect(warnings).toEqual([]);
  const drills = await readSeedDrills(
    path.join(examples, 'azure/drills.yaml'),
    examples,
    now,
  );
  const components = parseAllDocuments(
    fs.readFileSync(path.join(examples, 'reference-systems.yaml'), 'utf8'),
  )
    .map(d => d.toJSON() as Entity)
    .filter(e => e.kind === 'Component');
  const index = buildInventoryIndex(inventory);
  const name = (id: string) => id.split('/').pop();
  return new Map(
    components.map(entity => {
      const record = evaluateEntity({
        entity,
        index,
        drills: drills.filter(
          d => d.entityRef === `component:default/${entity.metadata.name}`,
        ),
        now,
        inventoryRefreshedAt: now.getTime(),
      });
      const gaps = record.evaluation?.coverage.notEvaluated ?? [];
      return [
        entity.metadata.name,
        {
          system: entity.spec?.system as string,
          status: record.status,
          cells: Object.fromEntries(
            Object.entries(record.cells).map(([r, c]) => [r, c.status]),
          ),
          notPassing: (record.evaluation?.regions ?? []).flatMap(region =>
            region.checks
              .filter(c => c.status !== 'pass')
              .map(c =>
                `${region.role} ${c.id} ${c.status} ${c.resources
                  .map(name)
                  .join(',')}`.trimEnd(),
              ),
          ),
          blockingGaps: [
            ...new Set(
              gaps
                .filter(g => g.blocking)
                .map(g => `${g.type} ${name(g.resourceId)}`),
            ),
          ].sort(),
        },
      ];
    }),
  );
}

const results: Awaited<ReturnType<typeof evaluateReferenceSystems>> = new Map();
beforeAll(async () => {
  for (const [service, result] of await evaluateReferenceSystems()) {
    results.set(service, result);
  }
});

it('evaluates every service of the reference systems', () => {
  expect([...results.keys()].sort()).toEqual(
    Object.values(EXPECTED)
      .flatMap(s => Object.keys(s))
      .sort(),
  );
});

for (const [system, services] of Object.entries(EXPECTED)) {
  describe(`reference system ${system}`, () => {
    for (const [service, expected] of Object.entries(services)) {
      it(`${service} is ${expected.status}`, () => {
        const { system: actualSystem, ...actual } = results.get(service)!;
        expect(actualSystem).toBe(system);
        expect(actual).toEqual(expected);
      });
    }
  });
}

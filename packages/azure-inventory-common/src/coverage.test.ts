import {
  blockingGaps,
  entityCoverage,
  estateCoverage,
  inertReason,
  INERT_RESOURCE_TYPES,
  judgedTypesOf,
  notJudgedResourcesOf,
  type TypeCoverage,
} from './coverage';
import type { AzureResource } from './model';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';

function resource(id: string, type: string): AzureResource {
  return {
    id: `${SUB}/resourceGroups/rg-app/providers/${id}`,
    name: id.split('/').pop()!,
    type,
    location: 'eastus2',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    resourceGroup: 'rg-app',
    tags: {},
    properties: {},
  };
}

const server = resource('Microsoft.Sql/servers/sql-a', 'microsoft.sql/servers');
const database = resource(
  'Microsoft.Sql/servers/sql-a/databases/patients',
  'microsoft.sql/servers/databases',
);
const diagnostics = resource(
  'Microsoft.Sql/servers/sql-a/providers/Microsoft.Insights/diagnosticSettings/to-law',
  'microsoft.insights/diagnosticsettings',
);
const publicIp = resource(
  'Microsoft.Network/publicIPAddresses/pip-a',
  'microsoft.network/publicipaddresses',
);
const synapse = resource(
  'Microsoft.Synapse/workspaces/syn-a',
  'microsoft.synapse/workspaces',
);
const orphanDiagnostics = resource(
  'Microsoft.Synapse/workspaces/syn-a/providers/Microsoft.Insights/diagnosticSettings/x',
  'microsoft.insights/diagnosticsettings',
);

const judged = judgedTypesOf([
  { id: 'sql.auditing', resourceTypes: ['Microsoft.Sql/servers'] },
  { id: 'sql.tls', resourceTypes: ['microsoft.sql/servers'] },
  { id: 'sql.auditing', resourceTypes: ['microsoft.sql/servers'] },
]);

describe('judgedTypesOf', () => {
  it('keys types in lower case and lists each id once', () => {
    expect([...judged]).toEqual([
      ['microsoft.sql/servers', ['sql.auditing', 'sql.tls']],
    ]);
  });
});

describe('inertReason', () => {
  it.each([
    ['microsoft.network/publicipaddresses', true],
    ['Microsoft.Network/PrivateDnsZones', true],
    ['microsoft.authorization/roleassignments', true],
    ['microsoft.sql/managedinstances', false],
    ['microsoft.synapse/workspaces', false],
    ['microsoft.compute/disks', false],
  ])('%s is inert: %s', (type, inert) => {
    expect(inertReason(type) !== undefined).toBe(inert);
  });

  it('gives every inert type a reason and a lower-case key', () => {
    for (const [type, reason] of Object.entries(INERT_RESOURCE_TYPES)) {
      expect(type).toBe(type.toLowerCase());
      expect(reason.length).toBeGreaterThan(5);
    }
  });
});

describe('entityCoverage', () => {
  it.each<{
    name: string;
    resources: AzureResource[];
    evaluated: number;
    gaps: Array<[string, boolean]>;
  }>([
    {
      name: 'a judged server with its children',
      resources: [server, database, diagnostics],
      evaluated: 3,
      gaps: [],
    },
    {
      name: 'an inert public IP beside the server',
      resources: [server, publicIp],
      evaluated: 1,
      gaps: [['microsoft.network/publicipaddresses', false]],
    },
    {
      name: 'an unknown type and its diagnostic setting',
      resources: [server, synapse, orphanDiagnostics],
      evaluated: 1,
      gaps: [
        ['microsoft.synapse/workspaces', true],
        ['microsoft.insights/diagnosticsettings', true],
      ],
    },
    {
      name: 'a database whose server is not in scope',
      resources: [database],
      evaluated: 0,
      gaps: [['microsoft.sql/servers/databases', true]],
    },
    { name: 'nothing', resources: [], evaluated: 0, gaps: [] },
  ])('$name', ({ resources, evaluated, gaps }) => {
    const coverage = entityCoverage(resources, judged, 'HIPAA rule');
    expect(coverage.evaluated).toBe(evaluated);
    expect(
      coverage.notEvaluated
        .map(g => [g.type, g.blocking])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      [...gaps].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(blockingGaps(coverage).length).toBe(
      gaps.filter(([, blocking]) => blocking).length,
    );
  });

  it('names the resource and what would judge it', () => {
    const [gap] = entityCoverage([synapse], judged, 'DR check').notEvaluated;
    expect(gap).toEqual({
      resourceId: synapse.id,
      type: 'microsoft.synapse/workspaces',
      reason: expect.stringContaining(
        'No DR check judges microsoft.synapse/workspaces',
      ),
      blocking: true,
    });
  });

  it('lists blocking gaps before inert ones', () => {
    const coverage = entityCoverage([publicIp, synapse], judged, 'DR check');
    expect(coverage.notEvaluated.map(g => g.blocking)).toEqual([true, false]);
  });
});

describe('estateCoverage', () => {
  it('rows each type, blind spots first, children judged through parents', () => {
    const { types } = estateCoverage(
      [server, database, diagnostics, publicIp, synapse, orphanDiagnostics],
      judged,
    );
    expect(
      types.map(t => [
        t.type,
        t.resources,
        t.judgement,
        t.judged,
        t.judgedResources,
        t.notJudgedResources,
      ]),
    ).toEqual([
      ['microsoft.insights/diagnosticsettings', 2, 'not-judged', false, 1, 1],
      ['microsoft.synapse/workspaces', 1, 'not-judged', false, 0, 1],
      ['microsoft.network/publicipaddresses', 1, 'inert', false, 0, 1],
      ['microsoft.sql/servers/databases', 1, 'parent', true, 1, 0],
      ['microsoft.sql/servers', 1, 'checked', true, 1, 0],
    ]);
    expect(types[4].checks).toEqual(['sql.auditing', 'sql.tls']);
    expect(types[2].inertReason).toBe(
      INERT_RESOURCE_TYPES['microsoft.network/publicipaddresses'],
    );
  });

  it('counts only the orphans of a child type as not judged', () => {
    const settings = Array.from({ length: 5 }, (_, i) =>
      resource(
        `Microsoft.Sql/servers/sql-a/providers/Microsoft.Insights/diagnosticSettings/to-law-${i}`,
        'microsoft.insights/diagnosticsettings',
      ),
    );
    const [row] = estateCoverage(
      [server, ...settings, synapse, orphanDiagnostics],
      judged,
    ).types.filter(t => t.type === 'microsoft.insights/diagnosticsettings');
    expect(row).toEqual({
      type: 'microsoft.insights/diagnosticsettings',
      resources: 6,
      judged: false,
      checks: [],
      judgement: 'not-judged',
      judgedResources: 5,
      notJudgedResources: 1,
    });
    expect(notJudgedResourcesOf(row)).toBe(1);
  });

  it('orders blind spots by how many resources nothing judges', () => {
    const twoSynapse = [
      synapse,
      resource(
        'Microsoft.Synapse/workspaces/syn-b',
        'microsoft.synapse/workspaces',
      ),
    ];
    const settings = Array.from({ length: 4 }, (_, i) =>
      resource(
        `Microsoft.Sql/servers/sql-a/providers/Microsoft.Insights/diagnosticSettings/s-${i}`,
        'microsoft.insights/diagnosticsettings',
      ),
    );
    const { types } = estateCoverage(
      [server, ...settings, ...twoSynapse, orphanDiagnostics],
      judged,
    );
    expect(
      types
        .filter(t => t.judgement === 'not-judged')
        .map(t => [t.type, t.resources, t.notJudgedResources]),
    ).toEqual([
      ['microsoft.synapse/workspaces', 2, 2],
      ['microsoft.insights/diagnosticsettings', 5, 1],
    ]);
  });

  it('is empty for an empty estate', () => {
    expect(estateCoverage([], judged)).toEqual({ types: [] });
  });
});

describe('notJudgedResourcesOf', () => {
  it.each<[string, TypeCoverage, number]>([
    [
      'counts when the answer has them',
      {
        type: 't',
        resources: 9,
        judged: false,
        checks: [],
        judgement: 'not-judged',
        judgedResources: 7,
        notJudgedResources: 2,
      },
      2,
    ],
    [
      'every resource of an unjudged type without counts',
      {
        type: 't',
        resources: 9,
        judged: false,
        checks: [],
        judgement: 'not-judged',
      },
      9,
    ],
    [
      'none of a judged type without counts',
      {
        type: 't',
        resources: 9,
        judged: true,
        checks: [],
        judgement: 'parent',
      },
      0,
    ],
  ])('%s', (_, row, expected) => {
    expect(notJudgedResourcesOf(row)).toBe(expected);
  });
});

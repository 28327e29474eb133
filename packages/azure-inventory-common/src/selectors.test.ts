import type { AzureResource } from './model';
import {
  AZURE_SELECTOR_ANNOTATION,
  AzureSelectorErrorReason,
  AzureSelectorTerm,
  VITALS_ENTITY_TAG,
  matchesAzureSelector,
  matchesAzureSelectorTerm,
  parseAzureSelectorTerms,
  resolveAzureSelector,
  resourceMatchKeys,
  termMatchKey,
} from './selectors';

const SUB = '6a1f4c2e-2b4d-4e7a-9c1b-3f2e8d7c5a10';

const tag = (name: string, value: string): AzureSelectorTerm => ({
  kind: 'tag',
  name,
  value,
});
const group = (
  subscriptionId: string,
  resourceGroup: string,
): AzureSelectorTerm => ({
  kind: 'resourceGroup',
  subscriptionId,
  resourceGroup,
});

type Bad = [term: string, reason: AzureSelectorErrorReason];

/** input → the terms it parses to, or the bad terms (and the terms that did parse). */
const rows: Array<
  [
    string,
    AzureSelectorTerm[] | { errors: Bad[]; validTerms: AzureSelectorTerm[] },
  ]
> = [
  // Tags
  [
    'tag:vitals-entity=component:default/patient-portal',
    [tag('vitals-entity', 'component:default/patient-portal')],
  ],
  ['tag:app=claims', [tag('app', 'claims')]],
  ['tag:expr=a=b', [tag('expr', 'a=b')]],
  ['tag:a:b=c', [tag('a:b', 'c')]],
  [
    'tag:cost center = shared services',
    [tag('cost center', 'shared services')],
  ],
  ['TAG:a=b', [tag('a', 'b')]],
  ['tag : a = b', [tag('a', 'b')]],
  ['tag:empty=', { errors: [['tag:empty=', 'malformed-tag']], validTerms: [] }],
  [
    'tag:empty=  ',
    { errors: [['tag:empty=', 'malformed-tag']], validTerms: [] },
  ],
  [
    'tag:nameonly',
    { errors: [['tag:nameonly', 'malformed-tag']], validTerms: [] },
  ],
  ['tag:=value', { errors: [['tag:=value', 'malformed-tag']], validTerms: [] }],
  ['tag:', { errors: [['tag:', 'malformed-tag']], validTerms: [] }],
  // Resource groups
  [
    `resourceGroup:${SUB}/rg-patient-records-eus2`,
    [group(SUB, 'rg-patient-records-eus2')],
  ],
  ['ResourceGroup:sub-2/RG-B', [group('sub-2', 'RG-B')]],
  ['RESOURCEGROUP:s/rg', [group('s', 'rg')]],
  ['resourceGroup: sub / rg ', [group('sub', 'rg')]],
  [
    'resourceGroup:rg-only',
    {
      errors: [['resourceGroup:rg-only', 'malformed-resource-group']],
      validTerms: [],
    },
  ],
  [
    'resourceGroup:/rg',
    {
      errors: [['resourceGroup:/rg', 'malformed-resource-group']],
      validTerms: [],
    },
  ],
  [
    'resourceGroup:sub/',
    {
      errors: [['resourceGroup:sub/', 'malformed-resource-group']],
      validTerms: [],
    },
  ],
  [
    'resourceGroup:sub/rg/extra',
    {
      errors: [['resourceGroup:sub/rg/extra', 'malformed-resource-group']],
      validTerms: [],
    },
  ],
  [
    'resourceGroup:sub/rg/',
    {
      errors: [['resourceGroup:sub/rg/', 'malformed-resource-group']],
      validTerms: [],
    },
  ],
  [
    'resourceGroup:sub/rg-a resourceGroup:sub/rg-b',
    {
      errors: [
        [
          'resourceGroup:sub/rg-a resourceGroup:sub/rg-b',
          'malformed-resource-group',
        ],
      ],
      validTerms: [],
    },
  ],
  [
    'resourceGroup:my sub/rg',
    {
      errors: [['resourceGroup:my sub/rg', 'malformed-resource-group']],
      validTerms: [],
    },
  ],
  // Other kinds
  [
    'subscription:sub-1',
    { errors: [['subscription:sub-1', 'unknown-kind']], validTerms: [] },
  ],
  [
    'label:app=x',
    { errors: [['label:app=x', 'unknown-kind']], validTerms: [] },
  ],
  [
    'vitals-entity=x',
    { errors: [['vitals-entity=x', 'unknown-kind']], validTerms: [] },
  ],
  ['*', { errors: [['*', 'unknown-kind']], validTerms: [] }],
  ['rg:sub/rg', { errors: [['rg:sub/rg', 'unknown-kind']], validTerms: [] }],
  // Lists
  [
    ' tag:app = patient-portal , resourceGroup:sub-1/rg-a ',
    [tag('app', 'patient-portal'), group('sub-1', 'rg-a')],
  ],
  [
    `tag:cost-center=42=a, resourceGroup:${SUB}/RG-Shared`,
    [tag('cost-center', '42=a'), group(SUB, 'RG-Shared')],
  ],
  ['ResourceGroup:sub/rg, TAG:a=b', [group('sub', 'rg'), tag('a', 'b')]],
  ['ResourceGroup:sub-2/RG-B,', [group('sub-2', 'RG-B')]],
  ['tag:a=b,,', [tag('a', 'b')]],
  [',tag:a=b, ,tag:c=d', [tag('a', 'b'), tag('c', 'd')]],
  ['tag:a=b,tag:a=b', [tag('a', 'b'), tag('a', 'b')]],
  [
    'ResourceGroup:sub/rg,tag:=x,label:y,tag:a',
    {
      errors: [
        ['tag:=x', 'malformed-tag'],
        ['label:y', 'unknown-kind'],
        ['tag:a', 'malformed-tag'],
      ],
      validTerms: [group('sub', 'rg')],
    },
  ],
  // Nothing to select by
  ['', { errors: [['', 'no-terms']], validTerms: [] }],
  [',', { errors: [[',', 'no-terms']], validTerms: [] }],
  ['  , , ', { errors: [[', ,', 'no-terms']], validTerms: [] }],
];

describe('parseAzureSelectorTerms', () => {
  it.each(rows)('%j', (input, expected) => {
    const result = parseAzureSelectorTerms(input);
    const outcome = result.ok
      ? { ok: true, terms: result.terms }
      : {
          ok: false,
          errors: result.errors.map(e => [e.term, e.reason]),
          validTerms: result.validTerms,
        };
    expect(outcome).toEqual(
      Array.isArray(expected)
        ? { ok: true, terms: expected }
        : { ok: false, ...expected },
    );
    // Every error names the annotation and the bad term as written.
    const errors = result.ok ? [] : result.errors;
    expect(
      errors.filter(
        e =>
          !e.message.startsWith(AZURE_SELECTOR_ANNOTATION) ||
          !e.message.includes(`"${e.term}"`),
      ),
    ).toEqual([]);
  });

  it.each<[AzureSelectorErrorReason, string, string]>([
    [
      'malformed-tag',
      'tag:a',
      'vitals.dev/azure-selector term "tag:a" must be tag:<name>=<value> with a non-empty name and value',
    ],
    [
      'malformed-resource-group',
      'resourceGroup:a/b/c',
      'vitals.dev/azure-selector term "resourceGroup:a/b/c" must be resourceGroup:<subscriptionId>/<name>; neither part may be empty or contain "/" or spaces',
    ],
    [
      'unknown-kind',
      'label:app=x',
      'vitals.dev/azure-selector term "label:app=x" is neither tag:<name>=<value> nor resourceGroup:<subscriptionId>/<name>',
    ],
    [
      'no-terms',
      ',',
      'vitals.dev/azure-selector "," names no term; use tag:<name>=<value> or resourceGroup:<subscriptionId>/<name>, comma-separated',
    ],
  ])('explains %s', (reason, input, message) => {
    expect(parseAzureSelectorTerms(input)).toEqual({
      ok: false,
      errors: [{ term: input, reason, message }],
      validTerms: [],
    });
  });
});

describe('resolveAzureSelector', () => {
  const ref = 'component:default/patient-records';
  const byDefault = {
    ok: true,
    selector: { terms: [tag(VITALS_ENTITY_TAG, ref)], source: 'default' },
  };

  it.each<[string | undefined, unknown]>([
    [undefined, byDefault],
    ['', byDefault],
    ['  ', byDefault],
    [
      'resourceGroup:s/rg',
      {
        ok: true,
        selector: { terms: [group('s', 'rg')], source: 'annotation' },
      },
    ],
    [
      'tag:a=b, label:c',
      {
        ok: false,
        errors: [
          expect.objectContaining({ term: 'label:c', reason: 'unknown-kind' }),
        ],
        validTerms: [tag('a', 'b')],
      },
    ],
    [
      ',',
      {
        ok: false,
        errors: [expect.objectContaining({ term: ',', reason: 'no-terms' })],
        validTerms: [],
      },
    ],
  ])('%j', (annotation, expected) => {
    expect(resolveAzureSelector(annotation, ref)).toEqual(expected);
  });

  it('names the annotation and the tag the design fixes', () => {
    expect([AZURE_SELECTOR_ANNOTATION, VITALS_ENTITY_TAG]).toEqual([
      'vitals.dev/azure-selector',
      'vitals-entity',
    ]);
  });
});

describe('matchesAzureSelectorTerm', () => {
  const rgId = `/subscriptions/${SUB}/resourceGroups/rg-patient-records-eus2`;
  const resource = (
    id: string,
    tags: Record<string, unknown> = {},
    fields: Partial<AzureResource> = {},
  ): AzureResource => ({
    id,
    name: id.split('/').pop()!,
    type: 'microsoft.sql/servers',
    location: 'eastus2',
    subscriptionId: SUB,
    resourceGroup: id.split('/')[4],
    tags: tags as Record<string, string>,
    properties: {},
    ...fields,
  });
  const server = resource(
    `${rgId}/providers/Microsoft.Sql/servers/sql-patient-records-eus2`,
    { 'Vitals-Entity': 'Component:default/Patient-Records' },
  );
  const failoverGroup = resource(`${server.id}/failoverGroups/fog`);
  const billing = resource(
    `/subscriptions/${SUB}/resourceGroups/rg-billing-eus/providers/Microsoft.Web/sites/app-billing-eus`,
    { 'vitals-entity': 'component:default/billing' },
  );
  const padded = resource(`${rgId}/providers/Microsoft.Web/sites/app`, {
    ' app ': ' Claims ',
  });
  const oddTags = resource(`${rgId}/providers/Microsoft.Web/sites/odd`, {
    count: 3,
    app: null,
  });
  const noGroupFields = resource(
    server.id,
    {},
    {
      subscriptionId: '',
      resourceGroup: '',
    },
  );
  const mine = tag('vitals-entity', 'component:default/patient-records');

  it.each<[string, AzureResource, AzureSelectorTerm, boolean]>([
    ['tag, any casing', server, mine, true],
    [
      'tag, other casing on the selector side',
      server,
      tag('VITALS-ENTITY', 'component:DEFAULT/PATIENT-records'),
      true,
    ],
    [
      'tag, other value',
      server,
      tag('vitals-entity', 'component:default/billing'),
      false,
    ],
    ['tag, other entity', billing, mine, false],
    [
      'tag, value that only starts the same',
      server,
      tag('vitals-entity', 'component:default/patient'),
      false,
    ],
    [
      'tag, name given as value',
      server,
      tag('component:default/patient-records', 'vitals-entity'),
      false,
    ],
    ['tag, untagged child of a tagged resource', failoverGroup, mine, false],
    [
      'tag, whitespace around the tag on the resource',
      padded,
      tag('app', 'claims'),
      true,
    ],
    [
      'tag, non-string tag values are ignored',
      oddTags,
      tag('count', '3'),
      false,
    ],
    [
      'resource group, exact',
      server,
      group(SUB, 'rg-patient-records-eus2'),
      true,
    ],
    [
      'resource group, any casing',
      server,
      group(SUB.toUpperCase(), 'RG-PATIENT-RECORDS-EUS2'),
      true,
    ],
    [
      'resource group, child in the group',
      failoverGroup,
      group(SUB, 'rg-patient-records-eus2'),
      true,
    ],
    [
      'resource group, other group',
      billing,
      group(SUB, 'rg-patient-records-eus2'),
      false,
    ],
    [
      'resource group, other subscription',
      server,
      group('other-sub', 'rg-patient-records-eus2'),
      false,
    ],
    [
      'resource group, read from the id when the fields are empty',
      noGroupFields,
      group(SUB, 'RG-Patient-Records-EUS2'),
      true,
    ],
  ])('%s', (_name, res, term, expected) => {
    expect(matchesAzureSelectorTerm(res, term)).toBe(expected);
    // Index lookups agree with the matcher.
    expect(resourceMatchKeys(res).includes(termMatchKey(term))).toBe(expected);
  });

  it('matches a selector when any term matches', () => {
    const terms = [tag('app', 'nothing'), group(SUB, 'rg-billing-eus')];
    expect(matchesAzureSelector(billing, terms)).toBe(true);
    expect(matchesAzureSelector(server, terms)).toBe(false);
    expect(matchesAzureSelector(server, [])).toBe(false);
  });
});

import { createHash } from 'crypto';
import { knownGroups, service } from './__fixtures__/entities';
import {
  claimsResources,
  drReady,
  estate,
  NOW,
  provenance,
} from './__fixtures__/estate';
import { evaluateCompliance } from './evaluate';
import { hipaaFramework } from './frameworks/hipaa';
import {
  buildEvidencePack,
  buildEvidenceRows,
  canonicalJson,
  EVIDENCE_COLUMNS,
  evidenceRowsToCsv,
  toCsv,
  verifyEvidencePack,
  type CsvCell,
} from './report';
import { indexResources } from './resourceIndex';

const result = evaluateCompliance({
  framework: hipaaFramework,
  entity: service('claims-api'),
  resources: claimsResources,
  inventory: indexResources(estate),
  provenance,
  drSummary: drReady,
  knownGroups,
  now: NOW,
  ruleVersion: '1.0.0',
});

/** A strict RFC 4180 reader, to prove the writer round-trips. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\r' || c === '\n' || c === '"') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) {
    throw new Error('last record not terminated by CRLF');
  }
  return records;
}

describe('toCsv', () => {
  it.each<[string, CsvCell, string, boolean?]>([
    ['plain text', 'storage.minimum-tls', 'storage.minimum-tls'],
    ['a comma', 'Allow, Deny', '"Allow, Deny"'],
    ['quotes', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a carriage return', 'a\rb', '"a\rb"'],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['zero', 0, '0'],
    ['a negative number', -1, '-1', true],
    ['a boolean', false, 'false'],
    [
      'a formula, unguarded',
      '=HYPERLINK("http://x")',
      '"=HYPERLINK(""http://x"")"',
    ],
    [
      'a formula, guarded',
      '=HYPERLINK("http://x")',
      `"'=HYPERLINK(""http://x"")"`,
      true,
    ],
    ['a leading minus in text, guarded', '-1', "'-1", true],
    ['an at sign, guarded', '@SUM(1)', "'@SUM(1)", true],
    [
      'a resource id, guarded',
      '/subscriptions/s/resourceGroups/rg',
      '/subscriptions/s/resourceGroups/rg',
      true,
    ],
  ])('writes %s', (_name, cell, expected, formulaGuard = false) => {
    expect(toCsv(['h'], [[cell]], { formulaGuard })).toBe(
      `h\r\n${expected}\r\n`,
    );
  });

  it('round-trips through a strict RFC 4180 reader', () => {
    const rows = [
      ['a,b', 'c"d', 'e\r\nf', ''],
      ['', ' spaced ', 'ünïcødé', '""'],
    ];
    expect(parseCsv(toCsv(['one', 'two', 'three', 'four'], rows))).toEqual([
      ['one', 'two', 'three', 'four'],
      ...rows,
    ]);
  });
});

describe('evidence rows', () => {
  const rows = buildEvidenceRows([result]);

  it('has one row per finding, and one per control without findings', () => {
    const findings = result.controls.reduce(
      (n, c) => n + Math.max(1, c.findings.length),
      0,
    );
    expect(rows).toHaveLength(findings);
    expect(new Set(rows.map(r => r.controlId)).size).toBe(15);
  });

  it('carries what an auditor needs for a failing finding', () => {
    const row = rows.find(
      r => r.controlId === '164.312(b)' && r.findingStatus === 'fail',
    );
    expect(row).toEqual({
      entityRef: 'component:default/claims-api',
      owner: 'group:default/claims-team',
      system: 'system:default/claims',
      classification: 'phi',
      entityStatus: 'non-compliant',
      framework: 'hipaa@1.0.0',
      controlId: '164.312(b)',
      controlTitle: 'Audit controls',
      citation: '45 CFR 164.312(b)',
      implementation: 'required',
      controlStatus: 'fail',
      controlExemptionId: '',
      findingStatus: 'fail',
      attested: false,
      exemptionId: '',
      rule: 'sql.auditing',
      resourceId: claimsResources[0].id,
      evidenceResourceId: `${claimsResources[0].id}/auditingSettings/default`,
      property: 'auditingSettings/default.properties.state',
      expected: 'Enabled',
      actual: 'Disabled',
      message:
        'Server auditing is disabled, so database activity is not recorded.',
      remediation: expect.stringContaining('auditing'),
      policyName: 'Auditing on SQL server should be enabled',
      policyDefinitionId: 'a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9',
      policyInitiative: 'HIPAA HITRUST',
      evaluatedAt: '2026-11-23T12:00:00.000Z',
      dataSource: 'azure snapshot: snapshot file estate.json',
      dataObservedAt: '2026-11-23T06:00:00Z',
      // 06:00 to 12:00.
      dataAgeSeconds: 21600,
      ruleVersion: '1.0.0',
    });
  });

  it.each([
    ['catalog.owner-group', 'catalog', 0],
    ['catalog.dr-secondary-ready', 'dr-readiness', 300],
  ])('dates %s evidence by its source', (rule, dataSource, age) => {
    const row = rows.find(r => r.rule === rule)!;
    expect(row.dataSource).toBe(dataSource);
    expect(row.dataAgeSeconds).toBe(age);
  });

  it('writes a CSV with the documented columns', () => {
    const csv = evidenceRowsToCsv(rows);
    const records = parseCsv(csv);
    expect(records[0]).toEqual([...EVIDENCE_COLUMNS]);
    expect(records).toHaveLength(rows.length + 1);
    const failing = records.find(
      r => r[EVIDENCE_COLUMNS.indexOf('rule')] === 'sql.auditing',
    )!;
    expect(failing[EVIDENCE_COLUMNS.indexOf('dataAgeSeconds')]).toBe('21600');
    expect(failing[EVIDENCE_COLUMNS.indexOf('attested')]).toBe('false');
  });
});

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    [
      'sorted keys, no whitespace',
      { b: 1, a: [true, null, 'x'] },
      '{"a":[true,null,"x"],"b":1}',
    ],
    [
      'nested objects',
      { z: { y: 1, x: { w: 2, v: 3 } } },
      '{"z":{"x":{"v":3,"w":2},"y":1}}',
    ],
    [
      'UTF-16 code unit order',
      { é: 1, z: 2, A: 3, a: 4, '10': 5, '9': 6 },
      '{"10":5,"9":6,"A":3,"a":4,"z":2,"é":1}',
    ],
    [
      'undefined members dropped, undefined items null',
      { a: undefined, b: [undefined, 1] },
      '{"b":[null,1]}',
    ],
    [
      'numbers as ECMAScript writes them',
      [1e21, -0, 0.1, 100, 1.5e-7],
      '[1e+21,0,0.1,100,1.5e-7]',
    ],
    ['escapes', { s: 'line\n"q"\u0001' }, '{"s":"line\\n\\"q\\"\\u0001"}'],
    [
      'dates via toJSON',
      { at: new Date('2026-11-23T12:00:00Z') },
      '{"at":"2026-11-23T12:00:00.000Z"}',
    ],
    [
      'a shared (not cyclic) object',
      (() => {
        const o = { k: 1 };
        return { a: o, b: o };
      })(),
      '{"a":{"k":1},"b":{"k":1}}',
    ],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['NaN', { n: NaN }],
    ['Infinity', [Infinity]],
    ['a bigint', { n: BigInt(1) }],
    [
      'a cycle',
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
    ],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('does not depend on key insertion order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(
      canonicalJson({ b: { d: 3, c: 2 }, a: 1 }),
    );
  });
});

describe('evidence pack', () => {
  const pack = buildEvidencePack({
    framework: hipaaFramework,
    results: [result],
    generatedAt: NOW,
  });

  it('digests the canonical JSON of its content with SHA-256', () => {
    expect(pack.digest.algorithm).toBe('SHA-256');
    expect(pack.digest.value).toBe(
      createHash('sha256')
        .update(canonicalJson(pack.content), 'utf8')
        .digest('hex'),
    );
    expect(pack.content.entities).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/claims-api',
        status: 'non-compliant',
        score: 80,
      }),
    ]);
    expect(pack.content.rows).toEqual(buildEvidenceRows([result]));
  });

  it('verifies, and detects tampering', () => {
    expect(verifyEvidencePack(pack)).toBe(true);
    const tampered = JSON.parse(JSON.stringify(pack));
    expect(tampered.content.rows[0].findingStatus).toBe('pass');
    tampered.content.rows[0].findingStatus = 'fail';
    expect(verifyEvidencePack(tampered)).toBe(false);
  });

  it('survives a JSON round trip with keys in another order', () => {
    const reordered = JSON.parse(JSON.stringify(pack), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    );
    expect(verifyEvidencePack(reordered)).toBe(true);
  });

  it('accepts an injected hash function', () => {
    const hash = (text: string) =>
      createHash('sha256').update(text).digest('hex');
    const injected = buildEvidencePack(
      { framework: hipaaFramework, results: [result], generatedAt: NOW },
      hash,
    );
    expect(injected.digest.value).toBe(pack.digest.value);
    expect(verifyEvidencePack(injected, () => 'different')).toBe(false);
  });
});

import { catalogChecks } from '../catalogChecks';
import { resourceRules } from '../rules';
import { hipaaFramework } from './hipaa';
import type { Framework } from './types';
import { validateFramework } from './validateFramework';

const knownCheckIds = [
  ...resourceRules.map(r => r.id),
  ...catalogChecks.map(c => c.id),
];

describe('hipaaFramework', () => {
  // Required/Addressable per the implementation specifications of 45 CFR
  // 164.308, 164.312 and 164.316; standards without specifications are required.
  it.each<[string, string, 'required' | 'addressable', string]>([
    ['164.308(a)(1)(ii)(A)', 'administrative', 'required', 'Risk analysis'],
    [
      '164.308(a)(1)(ii)(D)',
      'administrative',
      'required',
      'Information system activity review',
    ],
    [
      '164.308(a)(2)',
      'administrative',
      'required',
      'Assigned security responsibility',
    ],
    ['164.308(a)(7)(i)', 'administrative', 'required', 'Contingency plan'],
    ['164.308(a)(7)(ii)(A)', 'administrative', 'required', 'Data backup plan'],
    [
      '164.308(a)(7)(ii)(B)',
      'administrative',
      'required',
      'Disaster recovery plan',
    ],
    [
      '164.308(a)(7)(ii)(D)',
      'administrative',
      'addressable',
      'Testing and revision procedures',
    ],
    ['164.312(a)(1)', 'technical', 'required', 'Access control'],
    [
      '164.312(a)(2)(iv)',
      'technical',
      'addressable',
      'Encryption and decryption',
    ],
    ['164.312(b)', 'technical', 'required', 'Audit controls'],
    ['164.312(c)(1)', 'technical', 'required', 'Integrity'],
    ['164.312(d)', 'technical', 'required', 'Person or entity authentication'],
    ['164.312(e)(1)', 'technical', 'required', 'Transmission security'],
    [
      '164.312(e)(2)(ii)',
      'technical',
      'addressable',
      'Encryption (transmission)',
    ],
    [
      '164.316(b)(2)(i)',
      'documentation',
      'required',
      'Time limit (documentation retention)',
    ],
  ])('%s is %s, %s: %s', (id, safeguard, implementation, title) => {
    const control = hipaaFramework.controls.find(c => c.id === id);
    expect(control).toEqual(
      expect.objectContaining({
        id,
        safeguard,
        implementation,
        title,
        citation: `45 CFR ${id}`,
      }),
    );
    expect(control!.checks.length).toBeGreaterThan(0);
  });

  it('has exactly the controls listed above, in order', () => {
    expect(hipaaFramework.controls).toHaveLength(15);
    expect(hipaaFramework.id).toBe('hipaa');
    expect(hipaaFramework.enforcedFor).toEqual(['phi']);
  });

  it('passes its own validation', () => {
    expect(validateFramework(hipaaFramework, knownCheckIds)).toEqual([]);
  });

  it('uses every built-in rule and catalog check', () => {
    const used = new Set(hipaaFramework.controls.flatMap(c => c.checks));
    expect(knownCheckIds.filter(id => !used.has(id))).toEqual([]);
  });

  it.each<[string, string[]]>([
    [
      '164.312(e)(1)',
      ['storage.secure-transfer', 'appservice.https-only', 'appservice.ftps'],
    ],
    [
      '164.312(e)(2)(ii)',
      ['storage.minimum-tls', 'sql.minimum-tls', 'appservice.minimum-tls'],
    ],
    ['164.316(b)(2)(i)', ['monitor.log-retention']],
    ['164.308(a)(7)(ii)(D)', ['catalog.dr-drill-recent']],
  ])('maps %s to concrete rules', (id, checks) => {
    expect(hipaaFramework.controls.find(c => c.id === id)?.checks).toEqual(
      checks,
    );
  });
});

describe('validateFramework', () => {
  const control = hipaaFramework.controls[0];
  it.each<[string, Framework, Array<{ controlId?: string; field: string }>]>([
    [
      'duplicate ids and unknown checks',
      {
        id: 'x',
        title: 'X',
        version: '1',
        controls: [control, { ...control, checks: ['nope.rule'] }],
      },
      [
        { controlId: control.id, field: 'id' },
        { controlId: control.id, field: 'checks' },
      ],
    ],
    [
      'bad flags',
      {
        id: 'x',
        title: 'X',
        version: '1',
        controls: [
          {
            ...control,
            implementation: 'optional' as never,
            severity: 'critical' as never,
            safeguard: 'legal' as never,
          },
        ],
      },
      [
        { controlId: control.id, field: 'safeguard' },
        { controlId: control.id, field: 'implementation' },
        { controlId: control.id, field: 'severity' },
      ],
    ],
    [
      'no controls',
      { id: '', title: 'X', version: '1', controls: [] },
      [{ field: 'id' }, { field: 'controls' }],
    ],
  ])('%s', (_name, framework, expected) => {
    expect(
      validateFramework(framework, knownCheckIds).map(p => ({
        ...(p.controlId ? { controlId: p.controlId } : {}),
        field: p.field,
      })),
    ).toEqual(expected);
  });
});

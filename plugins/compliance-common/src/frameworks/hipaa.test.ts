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

  it('maps every resource rule to at least one control, and maps only rules that exist', () => {
    const controlsOf = (id: string) =>
      hipaaFramework.controls.filter(c => c.checks.includes(id)).map(c => c.id);
    const unmapped = resourceRules
      .map(r => r.id)
      .filter(id => controlsOf(id).length === 0);
    expect(unmapped).toEqual([]);
    const known = new Set(knownCheckIds);
    const dangling = hipaaFramework.controls.flatMap(c =>
      c.checks.filter(id => !known.has(id)).map(id => `${c.id}: ${id}`),
    );
    expect(dangling).toEqual([]);
  });

  it('gives every resource rule a unique id', () => {
    const ids = resourceRules.map(r => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  // Where each family's rules land: encryption at rest, in transit, audit,
  // access, integrity and contingency, as the existing rules are mapped.
  it.each<[string, string[]]>([
    ['sqlmi.public-data-endpoint-disabled', ['164.312(a)(1)']],
    ['sqlmi.entra-only-authentication', ['164.312(d)']],
    ['sqlmi.customer-managed-key', ['164.312(a)(2)(iv)']],
    ['sqlmi.minimum-tls', ['164.312(e)(2)(ii)']],
    ['sqlmi.geo-redundant-backups', ['164.308(a)(7)(ii)(A)']],
    ['sqlmi.long-term-backup-retention', ['164.308(a)(7)(ii)(A)']],
    ['sqlmi.auditing', ['164.308(a)(1)(ii)(D)', '164.312(b)']],
    ['sqlmi.vulnerability-assessment', ['164.308(a)(1)(ii)(A)']],
    ['appgateway.waf-enabled', ['164.312(c)(1)']],
    ['appgateway.waf-prevention-mode', ['164.312(c)(1)']],
    ['appgateway.waf-managed-rules', ['164.312(c)(1)']],
    ['appgateway.v2-sku', ['164.312(e)(1)']],
    ['appgateway.minimum-tls', ['164.312(e)(2)(ii)']],
    ['appgateway.https-only', ['164.312(e)(1)']],
    ['appgateway.resource-logs', ['164.308(a)(1)(ii)(D)', '164.312(b)']],
    ['frontdoor.waf-prevention-mode', ['164.312(c)(1)']],
    ['frontdoor.waf-attached', ['164.312(c)(1)']],
    ['frontdoor.https-only', ['164.312(e)(1)']],
    ['frontdoor.minimum-tls', ['164.312(e)(2)(ii)']],
    ['trafficmanager.https-probes', ['164.312(e)(1)']],
    ['firewall.threat-intel-deny', ['164.312(c)(1)']],
    ['apim.private-access', ['164.312(a)(1)']],
    ['eventhub.local-auth-disabled', ['164.312(d)']],
    ['servicebus.private-access', ['164.312(a)(1)']],
    ['iothub.resource-logs', ['164.308(a)(1)(ii)(D)', '164.312(b)']],
    ['vm.encryption-at-host', ['164.312(a)(2)(iv)']],
    ['vm.backup', ['164.308(a)(7)(ii)(A)']],
    ['vm.disaster-recovery', ['164.308(a)(7)(ii)(B)']],
    ['containerapp.ingress-tls', ['164.312(e)(1)']],
    ['containerinstance.private-network', ['164.312(a)(1)']],
    [
      'appinsights.workspace-based',
      ['164.308(a)(1)(ii)(D)', '164.312(b)', '164.316(b)(2)(i)'],
    ],
    ['appinsights.local-auth-disabled', ['164.312(c)(1)', '164.312(d)']],
    ['redis.non-tls-port-disabled', ['164.312(e)(1)']],
    ['redis.private-access', ['164.312(a)(1)']],
    ['monitor.platform-log-retention', ['164.316(b)(2)(i)']],
    ['recoveryvault.soft-delete', ['164.308(a)(7)(ii)(A)', '164.312(c)(1)']],
    ['recoveryvault.immutability', ['164.308(a)(7)(ii)(A)', '164.312(c)(1)']],
    ['recoveryvault.public-network-disabled', ['164.312(a)(1)']],
    ['disk.public-network-disabled', ['164.312(a)(1)']],
    ['disk.encryption', ['164.312(a)(2)(iv)']],
    ['loganalytics.retention', ['164.316(b)(2)(i)']],
    ['loganalytics.local-auth-disabled', ['164.312(c)(1)', '164.312(d)']],
    ['loganalytics.private-access', ['164.312(a)(1)']],
  ])('maps %s to %j', (id, controls) => {
    expect(
      hipaaFramework.controls.filter(c => c.checks.includes(id)).map(c => c.id),
    ).toEqual(controls);
  });

  it('uses every built-in rule and catalog check', () => {
    const used = new Set(hipaaFramework.controls.flatMap(c => c.checks));
    expect(knownCheckIds.filter(id => !used.has(id))).toEqual([]);
  });

  it.each<[string, string[]]>([
    [
      '164.312(e)(1)',
      [
        'storage.secure-transfer',
        'appservice.https-only',
        'appservice.ftps',
        'redis.non-tls-port-disabled',
        'frontdoor.https-only',
        'appgateway.https-only',
        'trafficmanager.https-probes',
        'appgateway.v2-sku',
        'containerapp.ingress-tls',
      ],
    ],
    [
      '164.312(e)(2)(ii)',
      [
        'storage.minimum-tls',
        'sql.minimum-tls',
        'appservice.minimum-tls',
        'sqlmi.minimum-tls',
        'redis.minimum-tls',
        'eventhub.minimum-tls',
        'servicebus.minimum-tls',
        'appgateway.minimum-tls',
        'frontdoor.minimum-tls',
        'apim.legacy-tls-disabled',
        'apim.weak-ciphers-disabled',
      ],
    ],
    [
      '164.316(b)(2)(i)',
      [
        'monitor.log-retention',
        'monitor.platform-log-retention',
        'appinsights.workspace-based',
        'loganalytics.retention',
      ],
    ],
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

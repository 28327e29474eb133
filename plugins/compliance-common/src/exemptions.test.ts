import { DateTime } from 'luxon';
import { hipaaFramework } from './frameworks/hipaa';
import {
  exemptionState,
  validateExemption,
  type ComplianceExemption,
  type ExemptionRequest,
} from './exemptions';

const now = '2026-11-23T12:00:00Z';
const valid: ExemptionRequest = {
  entityRef: 'component:default/claims-api',
  controlId: '164.312(e)(2)(ii)',
  category: 'alternative-measure',
  reason:
    'The legacy partner endpoint only speaks TLS 1.1; traffic runs inside an IPsec tunnel.',
  alternativeMeasure:
    'Site-to-site VPN with AES-256 IPsec between the partner and the VNet.',
  ticketUrl: 'https://tickets.example.com/SEC-1234',
  requester: 'user:default/jane.doe',
  approver: 'user:default/compliance.lead',
  createdAt: '2026-11-20T09:00:00Z',
  expiresAt: '2027-05-20T09:00:00Z',
};

describe('validateExemption', () => {
  it('accepts a complete request', () => {
    expect(validateExemption(valid, now)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Array<{ field: string }>]>([
    ['reason required', { reason: '  ' }, [{ field: 'reason' }]],
    [
      'expiry beyond one year',
      { expiresAt: '2027-11-20T09:00:01Z' },
      [{ field: 'expiresAt' }],
    ],
    [
      'expiry exactly one year is allowed',
      { expiresAt: '2027-11-20T09:00:00Z' },
      [],
    ],
    [
      'expiry before creation',
      { expiresAt: '2026-11-19T09:00:00Z' },
      [{ field: 'expiresAt' }, { field: 'expiresAt' }],
    ],
    [
      'already expired',
      { createdAt: '2026-01-01T00:00:00Z', expiresAt: '2026-06-01T00:00:00Z' },
      [{ field: 'expiresAt' }],
    ],
    [
      'created in the future',
      { createdAt: '2026-12-01T00:00:00Z', expiresAt: '2027-01-01T00:00:00Z' },
      [{ field: 'createdAt' }],
    ],
    [
      'approver is the requester, case aside',
      { approver: 'User:Default/Jane.Doe' },
      [{ field: 'approver' }],
    ],
    [
      'alternative measure on a required control',
      { controlId: '164.312(b)' },
      [{ field: 'category' }],
    ],
    [
      'alternative measure not documented',
      { alternativeMeasure: '' },
      [{ field: 'alternativeMeasure' }],
    ],
    [
      'risk accepted on a required control is allowed',
      {
        controlId: '164.312(b)',
        category: 'risk-accepted',
        alternativeMeasure: undefined,
      },
      [],
    ],
    ['unknown category', { category: 'waived' }, [{ field: 'category' }]],
    ['unknown control', { controlId: '164.999' }, [{ field: 'controlId' }]],
    ['bad entity ref', { entityRef: 'a:b:c/d/e' }, [{ field: 'entityRef' }]],
    ['ticket not a URL', { ticketUrl: 'SEC-1234' }, [{ field: 'ticketUrl' }]],
    [
      'ticket with another scheme',
      { ticketUrl: 'ftp://tickets.example.com/SEC-1234' },
      [{ field: 'ticketUrl' }],
    ],
    [
      'resource id not an ARM id',
      { resourceId: 'sto4445' },
      [{ field: 'resourceId' }],
    ],
    [
      'resource id scoped',
      {
        resourceId:
          '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sto4445',
      },
      [],
    ],
    [
      'missing timestamps',
      { createdAt: undefined, expiresAt: 'soon' },
      [{ field: 'createdAt' }, { field: 'expiresAt' }],
    ],
    [
      'missing people',
      { requester: '', approver: undefined },
      [{ field: 'requester' }, { field: 'approver' }],
    ],
  ])('%s', (_name, change, expected) => {
    const errors = validateExemption({ ...valid, ...change }, now);
    expect(errors.map(e => ({ field: e.field }))).toEqual(expected);
    for (const error of errors) {
      expect(error.message).not.toBe('');
    }
  });

  it('rejects a body that is not an object', () => {
    expect(validateExemption('nope', now)).toEqual([
      { field: 'body', message: 'an exemption must be an object' },
    ]);
  });

  it('validates against the framework it is given', () => {
    const framework = {
      ...hipaaFramework,
      controls: hipaaFramework.controls.map(c => ({
        ...c,
        implementation: 'required' as const,
      })),
    };
    expect(validateExemption(valid, now, framework).map(e => e.field)).toEqual([
      'category',
    ]);
  });
});

describe('exemptionState', () => {
  const control = hipaaFramework.controls.find(
    c => c.id === '164.312(e)(2)(ii)',
  )!;
  const required = hipaaFramework.controls.find(c => c.id === '164.312(b)')!;
  const stored: ComplianceExemption = { ...valid, id: 'ex-1' };
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

  it.each<[string, ComplianceExemption, string, string]>([
    ['active', stored, '2026-11-23T12:00:00Z', 'active'],
    [
      'expires at its expiry instant',
      stored,
      '2027-05-20T09:00:00Z',
      'expired',
    ],
    ['expired later', stored, '2027-06-01T00:00:00Z', 'expired'],
    ['not started', stored, '2026-11-19T00:00:00Z', 'pending'],
    [
      'stored for longer than a year',
      { ...stored, expiresAt: '2028-01-01T00:00:00Z' },
      '2026-11-23T12:00:00Z',
      'invalid',
    ],
    [
      'self-approved',
      { ...stored, approver: 'user:default/jane.doe' },
      '2026-11-23T12:00:00Z',
      'invalid',
    ],
    ['no reason', { ...stored, reason: '' }, '2026-11-23T12:00:00Z', 'invalid'],
  ])('%s', (_name, exemption, when, state) => {
    expect(exemptionState(exemption, control, at(when)).state).toBe(state);
  });

  it('never applies an alternative measure to a required control', () => {
    expect(
      exemptionState({ ...stored, controlId: required.id }, required, at(now))
        .state,
    ).toBe('invalid');
  });
});

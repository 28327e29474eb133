import { parseEntityRef } from '@backstage/catalog-model';
import type {
  ComplianceStatus,
  ControlStatus,
  Safeguard,
} from '@vitals/plugin-compliance-common';
import { DateTime } from 'luxon';

export const COMPLIANCE_STATUS_LABELS: Record<ComplianceStatus, string> = {
  compliant: 'Compliant',
  'non-compliant': 'Non-compliant',
  exempt: 'Exempt',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
};

export const COMPLIANCE_STATUS_HINTS: Record<ComplianceStatus, string> = {
  compliant: 'Every applicable HIPAA control passes.',
  'non-compliant': 'At least one HIPAA control fails.',
  exempt:
    'No control fails; failing evidence is covered by approved exemptions.',
  unknown: 'No control fails, but some lack the evidence to tell.',
  'not-applicable':
    'HIPAA is enforced for PHI only: the controls are reported, not enforced.',
};

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  exempt: 'Exempt',
  unknown: 'Unknown',
  'not-applicable': 'N/A',
};

/** Worst first, the order tables and tiles use. */
export const COMPLIANCE_STATUS_ORDER: ComplianceStatus[] = [
  'non-compliant',
  'unknown',
  'exempt',
  'compliant',
  'not-applicable',
];

export const SAFEGUARD_LABELS: Record<Safeguard, string> = {
  administrative: 'Administrative safeguards (164.308)',
  physical: 'Physical safeguards (164.310)',
  technical: 'Technical safeguards (164.312)',
  organizational: 'Organizational requirements (164.314)',
  documentation: 'Policies, procedures and documentation (164.316)',
};

export const SAFEGUARD_ORDER: Safeguard[] = [
  'administrative',
  'physical',
  'technical',
  'organizational',
  'documentation',
];

export function formatRelative(
  iso: string | null | undefined,
  now = Date.now(),
): string {
  if (!iso) return 'never';
  return (
    DateTime.fromISO(iso).toRelative({
      base: DateTime.fromMillis(now),
      style: 'short',
    }) ?? iso
  );
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATE_MED);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED);
}

/** An age in seconds as people say it: `45 s`, `12 min`, `3 h`, `2 d`. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return 'unknown age';
  }
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

/** `group:default/care-experience` → `care-experience`; other namespaces keep theirs. */
export function humanizeRef(ref: string | null | undefined): string {
  if (!ref) return '—';
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** The last segments of an Azure resource id that say what it is: `storageAccounts/stpatients`. */
export function shortResourceId(id: string | null | undefined): string {
  if (!id) return '—';
  const parts = id.split('/').filter(Boolean);
  const providers = parts
    .map(p => p.toLocaleLowerCase('en-US'))
    .lastIndexOf('providers');
  if (providers < 0) return id;
  return parts.slice(providers + 2).join('/');
}

/** The Azure portal page of a resource. */
export function portalUrl(resourceId: string): string {
  return `https://portal.azure.com/#@/resource${resourceId}`;
}

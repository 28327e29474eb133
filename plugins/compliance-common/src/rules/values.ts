import {
  keyIgnoringCase,
  type AzureResource,
} from '@vitals/azure-inventory-common';
import { Duration } from 'luxon';
import type { RuleContext, RuleOutcome } from './types';

const lower = (s: string) => s.toLowerCase();

const pathSegments = new Map<string, readonly string[]>();

/**
 * Walks a dotted path, matching each key exactly first and case-insensitively
 * otherwise (Resource Graph and older API versions vary the casing). Paths
 * are split once; the rules read the same few dozen paths from every
 * resource.
 */
function walk(node: unknown, path: string): unknown {
  let segments = pathSegments.get(path);
  if (!segments) {
    segments = path.split('.');
    pathSegments.set(path, segments);
  }
  let current = node;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    const record = current as Record<string, unknown>;
    if (segment in record) {
      current = record[segment];
      continue;
    }
    const key = keyIgnoringCase(record, lower(segment));
    current = key === undefined ? undefined : record[key];
  }
  return current;
}

/** Reads a property path case-insensitively; `null` counts as not reported. */
export function read(resource: AzureResource, path: string): unknown {
  const value = walk(resource, path);
  return value === null ? undefined : value;
}

/** Reads a path inside any JSON value (an array element, a nested profile) case-insensitively. */
export function readPath(node: unknown, path: string): unknown {
  if (node === null || typeof node !== 'object') {
    return undefined;
  }
  const value = walk(node, path);
  return value === null ? undefined : value;
}

/**
 * Resource Manager returns booleans, but Resource Graph exports and some
 * older API versions carry them as strings.
 */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string') {
    const v = lower(value.trim());
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.trim() === '' ? undefined : value;
  }
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function sameText(a: unknown, b: string): boolean {
  return typeof a === 'string' && lower(a.trim()) === lower(b);
}

/** Renders an observed value for evidence: strings as-is, everything else as JSON. */
export function display(value: unknown): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * TLS versions as each service spells them: Storage `TLS1_2`, Application
 * Gateway `TLSv1_2`, SQL and App
 * Service `1.2`, Cosmos DB `Tls12` (and `Tls` for 1.0). SQL's `None` means no
 * minimum is enforced, which is as weak as 1.0.
 */
export function tlsVersion(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  // Application Gateway and Front Door (classic) spell it `TLSv1_2`.
  const v = lower(value.trim())
    .replace(/^tlsv?/, '')
    .replace(/[_\s]/g, '.');
  if (v === '' || v === 'none' || v === '.') {
    return v === 'none' ? 0 : 1.0;
  }
  if (/^\d\d$/.test(v)) {
    return Number(`${v[0]}.${v[1]}`);
  }
  const n = Number(v.replace(/^\./, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** An ISO-8601 duration in days, with years as 365 days and months as 30; `PT0S` is 0. */
const durationCache = new Map<string, number | undefined>();

export function durationDays(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  // Retention policies repeat a handful of values (P6Y, P10Y, PT0S) across
  // thousands of databases; parse each once.
  if (durationCache.has(value)) {
    return durationCache.get(value);
  }
  const duration = Duration.fromISO(value.trim());
  const days = duration.isValid ? duration.as('days') : undefined;
  if (durationCache.size < 1000) {
    durationCache.set(value, days);
  }
  return days;
}

export function childTypeCollected(
  context: RuleContext,
  childType: string,
): boolean {
  return (
    !context.collectedChildTypes || context.collectedChildTypes.has(childType)
  );
}

/**
 * The inventory listed the resource but could not read it: `propertiesError`
 * is set, or it came without any properties (Resource Graph rows of
 * resources Reader cannot see carry `properties: null`). Its child resources
 * were not read either, so their absence is no evidence.
 */
export function propertiesUnread(resource: AzureResource): boolean {
  return (
    Boolean(resource.propertiesError) ||
    !resource.properties ||
    Object.keys(resource.properties).length === 0
  );
}

export function unreadResource(
  resource: AzureResource,
  property: string,
  expected: string,
  what: string,
): RuleOutcome {
  return {
    status: 'unknown',
    property,
    expected,
    actual: null,
    message: `Resource Manager returned no properties for this resource${
      resource.propertiesError ? ` (${resource.propertiesError})` : ''
    }, so the absence of ${what} is no evidence either way.`,
  };
}

export function notReported(
  property: string,
  expected: string,
  what: string,
  extra = '',
): RuleOutcome {
  return {
    status: 'unknown',
    property,
    expected,
    actual: null,
    message: `Resource Manager did not report ${what}${
      extra ? `; ${extra}` : ''
    }.`,
  };
}

/**
 * Judges one property: `unknown` when it is not reported or holds a value the
 * judge does not recognise, never `pass` by default.
 */
export function judgeProperty(
  resource: AzureResource,
  path: string,
  expected: string,
  judge: (value: unknown) => boolean | undefined,
  messages: { pass: string; fail: string; unknown?: string },
): RuleOutcome {
  const value = read(resource, path);
  if (value === undefined) {
    return notReported(
      path,
      expected,
      path.replace(/^properties\./, ''),
      messages.unknown,
    );
  }
  const verdict = judge(value);
  if (verdict === undefined) {
    return {
      status: 'unknown',
      property: path,
      expected,
      actual: display(value),
      message: `Unrecognised value ${display(value)} for ${path}.`,
    };
  }
  return {
    status: verdict ? 'pass' : 'fail',
    property: path,
    expected,
    actual: display(value),
    message: verdict ? messages.pass : messages.fail,
  };
}

/**
 * Child resources of a type under a resource, or the outcome to report when
 * there are none: `fail` when the inventory collects that type (Azure Policy's
 * auditIfNotExists semantics), `unknown` when it does not.
 */
export function childrenOrAbsence(
  resource: AzureResource,
  context: RuleContext,
  childType: string,
  property: string,
  expected: string,
  absentMessage: string,
): AzureResource[] | RuleOutcome {
  const children = context.inventory.descendants(resource.id, childType);
  if (children.length > 0) {
    return [...children];
  }
  if (!childTypeCollected(context, childType)) {
    return {
      status: 'unknown',
      property,
      expected,
      actual: null,
      message: `The inventory does not collect ${childType}; no evidence either way.`,
    };
  }
  if (propertiesUnread(resource)) {
    return unreadResource(resource, property, expected, childType);
  }
  return {
    status: 'fail',
    property,
    expected,
    actual: 'none',
    message: absentMessage,
  };
}

/** Judges a boolean flag that must hold `wanted`; string booleans count. */
export function judgeFlag(
  resource: AzureResource,
  path: string,
  wanted: boolean,
  messages: { pass: string; fail: string; unknown?: string },
): RuleOutcome {
  return judgeProperty(
    resource,
    path,
    String(wanted),
    value => {
      const b = asBoolean(value);
      return b === undefined ? undefined : b === wanted;
    },
    messages,
  );
}

/**
 * Judges a string property against the values that pass; any other string
 * fails, a non-string is unrecognised.
 */
export function judgeText(
  resource: AzureResource,
  path: string,
  passing: readonly string[],
  messages: { pass: string; fail: string; unknown?: string },
): RuleOutcome {
  return judgeProperty(
    resource,
    path,
    passing.join(' or '),
    value =>
      typeof value === 'string'
        ? passing.some(p => sameText(value, p))
        : undefined,
    messages,
  );
}

/** Judges a minimum-TLS property in any of the spellings `tlsVersion` reads. */
export function judgeMinimumTls(
  resource: AzureResource,
  path: string,
  messages: { pass: string; fail: string; unknown?: string },
  minimum = 1.2,
): RuleOutcome {
  return judgeProperty(
    resource,
    path,
    `${minimum.toFixed(1)} or newer`,
    value => {
      const v = tlsVersion(value);
      return v === undefined ? undefined : v >= minimum;
    },
    messages,
  );
}

const byTypeCache = new WeakMap<object, Map<string, AzureResource[]>>();

/**
 * Resources of a type anywhere in the inventory, for evidence that lives
 * outside the judged resource's tree (backup items in a vault, a WAF policy
 * in another resource group).
 */
export function resourcesOfType(
  context: RuleContext,
  type: string,
): readonly AzureResource[] {
  let byType = byTypeCache.get(context.inventory);
  if (!byType) {
    byType = new Map();
    for (const r of context.inventory.all()) {
      const t = lower(r.type);
      const list = byType.get(t);
      if (list) {
        list.push(r);
      } else {
        byType.set(t, [r]);
      }
    }
    byTypeCache.set(context.inventory, byType);
  }
  return byType.get(lower(type)) ?? [];
}

/** Case-insensitive resource id equality (ARM ids vary in casing across APIs). */
export function sameResourceId(a: unknown, b: string): boolean {
  return (
    typeof a === 'string' &&
    lower(a.trim()).replace(/\/+$/, '') === lower(b.trim()).replace(/\/+$/, '')
  );
}

/**
 * The longest of a long-term retention policy's weekly, monthly and yearly
 * retentions, in days; `undefined` when none is a readable duration.
 */
export function longestRetention(
  policy: AzureResource,
): { name: string; days: number; reported: string | null } | undefined {
  let longest: { name: string; days: number } | undefined;
  const reported: string[] = [];
  for (const name of [
    'weeklyRetention',
    'monthlyRetention',
    'yearlyRetention',
  ]) {
    const value = read(policy, `properties.${name}`);
    if (value === undefined) continue;
    reported.push(`${name}=${display(value)}`);
    const days = durationDays(value);
    if (days !== undefined && (!longest || days > longest.days)) {
      longest = { name, days };
    }
  }
  return longest
    ? { ...longest, reported: reported.join(', ') || null }
    : undefined;
}

import { parseResourceId, type AzureResource } from './model';

/**
 * The `vitals.dev/azure-selector` annotation: which Azure resources belong to
 * an entity. This module is its only parser; DR readiness, compliance and the
 * inventory all read it through here so that one value means the same thing
 * everywhere.
 *
 * Grammar: comma-separated terms, each `tag:<name>=<value>` or
 * `resourceGroup:<subscriptionId>/<name>`.
 * - The kind prefix is case-insensitive (`ResourceGroup:`, `TAG:`).
 * - Whitespace around terms and around each part is ignored; a tag name or
 *   value keeps its inner spaces (Azure allows them).
 * - Empty terms (`a,,b`, a trailing comma) are ignored: they carry no
 *   meaning and are a common editing leftover. A value with no term at all
 *   (`,`) is an error rather than "select nothing", so that an entity never
 *   silently owns nothing.
 * - A tag term needs a name and a value; the value runs to the end of the
 *   term, so it may contain `=` but not `,`. An empty value is rejected: it
 *   is far more often an unrendered template variable than a real claim.
 * - A resource-group term needs a subscription id and a name with no `/` and
 *   no whitespace: Azure resource group names contain neither, so such a term
 *   could never match and is most likely two terms missing a comma.
 * - An absent or blank annotation means the default: resources tagged
 *   `vitals-entity=<entity ref>`.
 *
 * Matching: tag names, tag values, subscription ids and resource group names
 * are compared trimmed and case-insensitively. Azure treats tag names,
 * subscription ids and resource group names case-insensitively; tag values
 * are compared the same way because the default value is an entity ref,
 * which Backstage compares case-insensitively.
 */

/** Which Azure resources belong to an entity (see the design's annotation table). */
export const AZURE_SELECTOR_ANNOTATION = 'vitals.dev/azure-selector';

/** The tag the service template's Terraform stamps on every resource: `vitals-entity=<entity ref>`. */
export const VITALS_ENTITY_TAG = 'vitals-entity';

/** One term of `vitals.dev/azure-selector`; a resource matches a selector when any term matches. */
export type AzureSelectorTerm =
  | { kind: 'tag'; name: string; value: string }
  | { kind: 'resourceGroup'; subscriptionId: string; resourceGroup: string };

/** An entity's selector and whether it came from the annotation or the default tag. */
export interface AzureSelector {
  terms: AzureSelectorTerm[];
  source: 'annotation' | 'default';
}

/** Why a selector term was rejected. */
export type AzureSelectorErrorReason =
  | 'unknown-kind'
  | 'malformed-tag'
  | 'malformed-resource-group'
  | 'no-terms';

/** A rejected term, named as written so a caller can show it to the entity's owner. */
export interface AzureSelectorError {
  /** The term as written (trimmed); for `no-terms`, the whole value. */
  term: string;
  reason: AzureSelectorErrorReason;
  /** Names the annotation and the term; fit for a 400 answer or an empty state. */
  message: string;
}

/**
 * A selector that could not be read. `validTerms` are the terms that did
 * parse, for callers that still select with them while reporting the rest.
 */
export interface AzureSelectorFailure {
  ok: false;
  errors: AzureSelectorError[];
  validTerms: AzureSelectorTerm[];
}

export type AzureSelectorParseResult =
  | { ok: true; terms: AzureSelectorTerm[] }
  | AzureSelectorFailure;

export type AzureSelectorResult =
  | { ok: true; selector: AzureSelector }
  | AzureSelectorFailure;

const TAG_FORM = 'tag:<name>=<value>';
const GROUP_FORM = 'resourceGroup:<subscriptionId>/<name>';

function termError(
  term: string,
  reason: AzureSelectorErrorReason,
): AzureSelectorError {
  let message: string;
  switch (reason) {
    case 'malformed-tag':
      message = `${AZURE_SELECTOR_ANNOTATION} term "${term}" must be ${TAG_FORM} with a non-empty name and value`;
      break;
    case 'malformed-resource-group':
      message = `${AZURE_SELECTOR_ANNOTATION} term "${term}" must be ${GROUP_FORM}; neither part may be empty or contain "/" or spaces`;
      break;
    case 'no-terms':
      message = `${AZURE_SELECTOR_ANNOTATION} "${term}" names no term; use ${TAG_FORM} or ${GROUP_FORM}, comma-separated`;
      break;
    default:
      message = `${AZURE_SELECTOR_ANNOTATION} term "${term}" is neither ${TAG_FORM} nor ${GROUP_FORM}`;
  }
  return { term, reason, message };
}

const hasSlashOrSpace = /[\s/]/;

function parseTerm(term: string): AzureSelectorTerm | AzureSelectorError {
  const colon = term.indexOf(':');
  const kind = colon < 0 ? '' : term.slice(0, colon).trim().toLowerCase();
  const body = colon < 0 ? '' : term.slice(colon + 1).trim();
  if (kind === 'tag') {
    const equals = body.indexOf('=');
    const name = equals < 0 ? '' : body.slice(0, equals).trim();
    const value = equals < 0 ? '' : body.slice(equals + 1).trim();
    return name && value
      ? { kind: 'tag', name, value }
      : termError(term, 'malformed-tag');
  }
  if (kind === 'resourcegroup') {
    const slash = body.indexOf('/');
    const subscriptionId = slash < 0 ? '' : body.slice(0, slash).trim();
    const resourceGroup = slash < 0 ? '' : body.slice(slash + 1).trim();
    return subscriptionId &&
      resourceGroup &&
      !hasSlashOrSpace.test(subscriptionId) &&
      !hasSlashOrSpace.test(resourceGroup)
      ? { kind: 'resourceGroup', subscriptionId, resourceGroup }
      : termError(term, 'malformed-resource-group');
  }
  return termError(term, 'unknown-kind');
}

/**
 * Parses a `vitals.dev/azure-selector` value. Every bad term is reported,
 * in order; the value is rejected as a whole when any term is bad.
 */
export function parseAzureSelectorTerms(
  value: string,
): AzureSelectorParseResult {
  const terms: AzureSelectorTerm[] = [];
  const errors: AzureSelectorError[] = [];
  for (const raw of value.split(',')) {
    const term = raw.trim();
    if (term === '') {
      continue;
    }
    const parsed = parseTerm(term);
    if ('reason' in parsed) {
      errors.push(parsed);
    } else {
      terms.push(parsed);
    }
  }
  if (terms.length === 0 && errors.length === 0) {
    errors.push(termError(value.trim(), 'no-terms'));
  }
  return errors.length > 0
    ? { ok: false, errors, validTerms: terms }
    : { ok: true, terms };
}

/** The selector of an entity without the annotation: `vitals-entity=<entity ref>`. */
export function defaultAzureSelectorTerms(
  entityRef: string,
): AzureSelectorTerm[] {
  return [{ kind: 'tag', name: VITALS_ENTITY_TAG, value: entityRef }];
}

/**
 * An entity's selector from its annotation value (`undefined` when absent);
 * absent or blank means the default tag with `entityRef`.
 */
export function resolveAzureSelector(
  annotation: string | undefined,
  entityRef: string,
): AzureSelectorResult {
  if (annotation === undefined || annotation.trim() === '') {
    return {
      ok: true,
      selector: {
        terms: defaultAzureSelectorTerms(entityRef),
        source: 'default',
      },
    };
  }
  const parsed = parseAzureSelectorTerms(annotation);
  return parsed.ok
    ? { ok: true, selector: { terms: parsed.terms, source: 'annotation' } }
    : parsed;
}

/** Trimmed and lower-cased: the form every selector comparison uses. */
export function normalizeSelectorText(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * Lookup keys: a resource and a term match exactly when they share a key, so
 * indexes over many resources agree with {@link matchesAzureSelectorTerm}.
 */
export function tagMatchKey(name: string, value: string): string {
  return `tag\u0000${normalizeSelectorText(name)}\u0000${normalizeSelectorText(
    value,
  )}`;
}

export function resourceGroupMatchKey(
  subscriptionId: string,
  resourceGroup: string,
): string {
  return `rg\u0000${normalizeSelectorText(
    subscriptionId,
  )}\u0000${normalizeSelectorText(resourceGroup)}`;
}

export function termMatchKey(term: AzureSelectorTerm): string {
  return term.kind === 'tag'
    ? tagMatchKey(term.name, term.value)
    : resourceGroupMatchKey(term.subscriptionId, term.resourceGroup);
}

type SelectableResource = Pick<
  AzureResource,
  'id' | 'subscriptionId' | 'resourceGroup'
> & { tags?: Record<string, unknown> };

/** The resource-group key of a resource; falls back to its id when the fields are empty. */
export function resourceGroupMatchKeyOf(resource: SelectableResource): string {
  let { subscriptionId, resourceGroup } = resource;
  if (!subscriptionId || !resourceGroup) {
    const parsed = parseResourceId(resource.id);
    subscriptionId = subscriptionId || parsed?.subscriptionId || '';
    resourceGroup = resourceGroup || parsed?.resourceGroup || '';
  }
  return resourceGroupMatchKey(subscriptionId, resourceGroup);
}

/** Every key a resource can be selected by: one per string-valued tag, and its resource group. */
export function resourceMatchKeys(resource: SelectableResource): string[] {
  const keys: string[] = [];
  const tags = resource.tags ?? {};
  for (const name of Object.keys(tags)) {
    const value = tags[name];
    if (typeof value === 'string') {
      keys.push(tagMatchKey(name, value));
    }
  }
  keys.push(resourceGroupMatchKeyOf(resource));
  return keys;
}

/** Whether one term selects the resource. */
export function matchesAzureSelectorTerm(
  resource: SelectableResource,
  term: AzureSelectorTerm,
): boolean {
  if (term.kind === 'resourceGroup') {
    return resourceGroupMatchKeyOf(resource) === termMatchKey(term);
  }
  const wanted = termMatchKey(term);
  const tags = resource.tags ?? {};
  return Object.keys(tags).some(name => {
    const value = tags[name];
    return typeof value === 'string' && tagMatchKey(name, value) === wanted;
  });
}

/** Whether any term of the selector selects the resource. */
export function matchesAzureSelector(
  resource: SelectableResource,
  terms: readonly AzureSelectorTerm[],
): boolean {
  return terms.some(term => matchesAzureSelectorTerm(resource, term));
}

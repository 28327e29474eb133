import type { ComplianceCoverage, EntityComplianceResult } from './evaluate';
import type { Framework } from './frameworks/types';
import { sha256Hex } from './sha256';
import { toDateTime } from './time';

/** One line of the evidence export: a finding with the context an auditor needs. */
export interface EvidenceRow {
  entityRef: string;
  owner: string;
  system: string;
  classification: string;
  entityStatus: string;
  framework: string;
  controlId: string;
  controlTitle: string;
  citation: string;
  implementation: string;
  controlStatus: string;
  controlExemptionId: string;
  /** The finding's own status (`pass`, `fail`, `unknown`); empty for a control without findings. */
  findingStatus: string;
  attested: boolean;
  exemptionId: string;
  rule: string;
  resourceId: string;
  evidenceResourceId: string;
  property: string;
  expected: string;
  actual: string;
  message: string;
  remediation: string;
  policyName: string;
  policyDefinitionId: string;
  policyInitiative: string;
  evaluatedAt: string;
  dataSource: string;
  dataObservedAt: string;
  /** Seconds between the data being read and the evaluation; null when unknown. */
  dataAgeSeconds: number | null;
  ruleVersion: string;
}

/** Column order of the CSV export. */
export const EVIDENCE_COLUMNS: readonly (keyof EvidenceRow)[] = [
  'entityRef',
  'owner',
  'system',
  'classification',
  'entityStatus',
  'framework',
  'controlId',
  'controlTitle',
  'citation',
  'implementation',
  'controlStatus',
  'controlExemptionId',
  'findingStatus',
  'attested',
  'exemptionId',
  'rule',
  'resourceId',
  'evidenceResourceId',
  'property',
  'expected',
  'actual',
  'message',
  'remediation',
  'policyName',
  'policyDefinitionId',
  'policyInitiative',
  'evaluatedAt',
  'dataSource',
  'dataObservedAt',
  'dataAgeSeconds',
  'ruleVersion',
];

function ageSeconds(
  evaluatedAt: string,
  observedAt: string | null,
): number | null {
  if (!observedAt) {
    return null;
  }
  const from = toDateTime(observedAt);
  const to = toDateTime(evaluatedAt);
  if (!from.isValid || !to.isValid) {
    return null;
  }
  return Math.max(0, Math.floor(to.diff(from, 'seconds').seconds));
}

/**
 * Flattens evaluation results into evidence rows: one per finding, and one
 * per control that produced no finding, so every control of every entity
 * appears in the export.
 */
export function buildEvidenceRows(
  results: readonly EntityComplianceResult[],
): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  for (const result of results) {
    const azureSource = result.inventory
      ? // The origin is served as the backend named it: a source, never a path.
        `azure ${result.inventory.source}: ${result.inventory.origin}`
      : 'azure';
    for (const control of result.controls) {
      const base = {
        entityRef: result.entityRef,
        owner: result.owner ?? '',
        system: result.system ?? '',
        classification: result.classification ?? '',
        entityStatus: result.status,
        framework: `${result.framework}@${result.frameworkVersion}`,
        controlId: control.id,
        controlTitle: control.title,
        citation: control.citation,
        implementation: control.implementation,
        controlStatus: control.status,
        controlExemptionId: control.exemption?.id ?? '',
        evaluatedAt: result.evaluatedAt,
        ruleVersion: result.ruleVersion,
      };
      if (control.findings.length === 0) {
        rows.push({
          ...base,
          findingStatus: '',
          attested: false,
          exemptionId: '',
          rule: '',
          resourceId: '',
          evidenceResourceId: '',
          property: '',
          expected: '',
          actual: '',
          message: control.summary,
          remediation: '',
          policyName: '',
          policyDefinitionId: '',
          policyInitiative: '',
          dataSource: '',
          dataObservedAt: '',
          dataAgeSeconds: null,
        });
        continue;
      }
      for (const finding of control.findings) {
        rows.push({
          ...base,
          findingStatus: finding.status,
          attested: finding.attested,
          exemptionId: finding.exemptionId ?? '',
          rule: finding.rule,
          resourceId: finding.resourceId ?? '',
          evidenceResourceId: finding.evidenceResourceId ?? '',
          property: finding.property,
          expected: finding.expected,
          actual: finding.actual ?? '',
          message: finding.message,
          remediation: finding.remediation ?? '',
          policyName: finding.mirrors?.policyName ?? '',
          policyDefinitionId: finding.mirrors?.definitionId ?? '',
          policyInitiative: finding.mirrors?.initiative ?? '',
          dataSource: finding.source === 'azure' ? azureSource : finding.source,
          dataObservedAt: finding.observedAt ?? '',
          dataAgeSeconds: ageSeconds(result.evaluatedAt, finding.observedAt),
        });
      }
    }
  }
  return rows;
}

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /**
   * Prefix text cells that a spreadsheet would run as a formula (`=`, `+`,
   * `-`, `@`, tab, carriage return) with `'`. Catalog text is user input and
   * auditors open these files in spreadsheet software.
   */
  formulaGuard?: boolean;
}

function csvCell(value: CsvCell, options: CsvOptions): string {
  if (value === null || value === undefined) {
    return '';
  }
  let text = typeof value === 'string' ? value : String(value);
  if (
    options.formulaGuard &&
    typeof value === 'string' &&
    /^[=+\-@\t\r]/.test(text)
  ) {
    text = `'${text}`;
  }
  // RFC 4180 2.6/2.7: fields with commas, quotes or line breaks are quoted
  // and embedded quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: a header record, CRLF line endings, quoting where needed. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  const lines = [header, ...rows].map(row =>
    row.map(cell => csvCell(cell, options)).join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}

export function evidenceRowsToCsv(rows: readonly EvidenceRow[]): string {
  return toCsv(
    EVIDENCE_COLUMNS,
    rows.map(row => EVIDENCE_COLUMNS.map(column => row[column])),
    { formulaGuard: true },
  );
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no insignificant
 * whitespace, numbers and strings as ECMAScript JSON.stringify writes them
 * (the serialisation RFC 8785 builds on). `undefined` members are dropped and
 * `undefined` array items become null, as in JSON.stringify; non-finite
 * numbers, bigints and cycles are rejected because they have no JSON form.
 */
export function canonicalJson(value: unknown): string {
  const stack = new Set<object>();
  const write = (node: unknown): string => {
    if (node === null) return 'null';
    switch (typeof node) {
      case 'boolean':
        return node ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(node)) {
          throw new TypeError(`cannot serialise ${node} as JSON`);
        }
        return JSON.stringify(node);
      case 'string':
        return JSON.stringify(node);
      case 'bigint':
        throw new TypeError('cannot serialise a bigint as JSON');
      case 'object':
        break;
      default:
        return 'null';
    }
    const object = node as Record<string, unknown> & { toJSON?: () => unknown };
    if (typeof object.toJSON === 'function') {
      return write(object.toJSON());
    }
    if (stack.has(object)) {
      throw new TypeError('cannot serialise a cyclic structure as JSON');
    }
    stack.add(object);
    let out: string;
    if (Array.isArray(object)) {
      out = `[${object
        .map(item =>
          item === undefined ||
          typeof item === 'function' ||
          typeof item === 'symbol'
            ? 'null'
            : write(item),
        )
        .join(',')}]`;
    } else {
      const members = Object.keys(object)
        .filter(key => {
          const v = object[key];
          return (
            v !== undefined && typeof v !== 'function' && typeof v !== 'symbol'
          );
        })
        .sort()
        .map(key => `${JSON.stringify(key)}:${write(object[key])}`);
      out = `{${members.join(',')}}`;
    }
    stack.delete(object);
    return out;
  };
  return write(value);
}

export interface EvidencePackContent {
  generatedAt: string;
  framework: { id: string; title: string; version: string };
  entities: Array<{
    entityRef: string;
    owner: string | null;
    system: string | null;
    classification: string | null;
    status: string;
    statusReason: string;
    score: number | null;
    evaluatedAt: string;
    ruleVersion: string;
    /** The resources no rule judged, so the evidence shows what it does not cover (`recorded: false` on verdicts stored before coverage was). */
    coverage: ComplianceCoverage;
  }>;
  rows: EvidenceRow[];
}

export interface EvidencePackDigest {
  algorithm: 'SHA-256';
  canonicalization: string;
  /** Lower-case hex digest of the canonical JSON of `content`. */
  value: string;
}

export interface EvidencePack {
  content: EvidencePackContent;
  digest: EvidencePackDigest;
}

export const EVIDENCE_CANONICALIZATION =
  'JSON, object keys sorted by UTF-16 code units, no whitespace, UTF-8';

/** Hashes canonical JSON to lower-case hex; inject Web Crypto or node:crypto where preferred. */
export type CanonicalHash = (canonical: string) => string;

export function buildEvidencePack(
  input: {
    framework: Framework;
    results: readonly EntityComplianceResult[];
    generatedAt: string;
  },
  hash: CanonicalHash = sha256Hex,
): EvidencePack {
  const content: EvidencePackContent = {
    generatedAt: input.generatedAt,
    framework: {
      id: input.framework.id,
      title: input.framework.title,
      version: input.framework.version,
    },
    entities: input.results.map(r => ({
      entityRef: r.entityRef,
      owner: r.owner,
      system: r.system,
      classification: r.classification,
      status: r.status,
      statusReason: r.statusReason,
      score: r.score,
      evaluatedAt: r.evaluatedAt,
      ruleVersion: r.ruleVersion,
      coverage: r.coverage,
    })),
    rows: buildEvidenceRows(input.results),
  };
  return {
    content,
    digest: {
      algorithm: 'SHA-256',
      canonicalization: EVIDENCE_CANONICALIZATION,
      value: hash(canonicalJson(content)),
    },
  };
}

/** True when the pack's content still matches its digest. */
export function verifyEvidencePack(
  pack: EvidencePack,
  hash: CanonicalHash = sha256Hex,
): boolean {
  return (
    pack.digest?.algorithm === 'SHA-256' &&
    hash(canonicalJson(pack.content)) === pack.digest.value
  );
}

import { SloDefinition } from '../model';
import { FieldReader } from './fields';
import { SloDocumentIssue } from './issues';
import {
  checkAlertPolicy,
  OPENSLO_KINDS,
  OpenSloIndex,
  readOpenSloV1,
  readOpenSloV1Alpha,
} from './openslo';
import { readPyrraObjective } from './pyrra';
import { RawObject, readRawObjects } from './rawObjects';
import {
  AlertWindowSet,
  readSlothAlertWindows,
  readSlothServiceLevel,
} from './sloth';

export type { SloDocumentIssue } from './issues';
export { formatIssue } from './issues';
export type { AlertWindowSet } from './sloth';

/** An OpenSLO `DataSource` object found in the documents. */
export interface SloDataSourceDocument {
  name: string;
  type?: string;
}

export interface ParsedSloDocuments {
  /** Every SLO that parsed, validated and resolved. */
  slos: SloDefinition[];
  /** Errors (an object could not be used) and warnings, with file, index and path. */
  issues: SloDocumentIssue[];
  dataSources: SloDataSourceDocument[];
  alertWindows: AlertWindowSet[];
}

/**
 * Parses the SLO files of one entity together, so an `indicatorRef` in one
 * file resolves to an SLI in another. A bad document never hides the good
 * ones next to it: every problem becomes an issue and parsing goes on.
 */
export function parseSloDocuments(
  files: Array<{ file: string; text: string }>,
): ParsedSloDocuments {
  const issues: SloDocumentIssue[] = [];
  const objects: RawObject[] = files.flatMap(({ file, text }) =>
    readRawObjects(file, text, issues),
  );
  const index = new OpenSloIndex();
  for (const object of objects) {
    if (
      typeof object.value.apiVersion === 'string' &&
      object.value.apiVersion.startsWith('openslo/')
    ) {
      index.add(object);
    }
  }

  const slos: SloDefinition[] = [];
  const dataSources: SloDataSourceDocument[] = [];
  const alertWindows: AlertWindowSet[] = [];

  for (const object of objects) {
    const { value } = object;
    const reader = new FieldReader(object.location, issues);
    const apiVersion =
      typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
    const kind = typeof value.kind === 'string' ? value.kind : undefined;

    if (apiVersion === 'openslo/v1') {
      if (kind === 'SLO') {
        const slo = readOpenSloV1(object, index, issues);
        if (slo) slos.push(slo);
      } else if (kind === 'DataSource') {
        const name = reader.string(value, 'metadata.name', { required: true });
        if (name) {
          dataSources.push({ name, type: reader.string(value, 'spec.type') });
        }
      } else if (kind === 'AlertPolicy') {
        const name = reader.string(value, 'metadata.name') ?? '(unnamed)';
        checkAlertPolicy(
          reader.named(`AlertPolicy ${name}`),
          index,
          value.spec,
          'spec',
          'warning',
        );
      } else if (!kind || !OPENSLO_KINDS.includes(kind)) {
        reader.error(
          'kind',
          `must be one of ${OPENSLO_KINDS.join(', ')}, got ${JSON.stringify(
            kind,
          )}`,
        );
      }
    } else if (apiVersion === 'openslo/v1alpha') {
      if (kind === 'SLO') {
        const slo = readOpenSloV1Alpha(object, issues);
        if (slo) slos.push(slo);
      }
    } else if (value.version === 'prometheus/v1') {
      slos.push(
        ...readSlothServiceLevel(object, issues, 'sloth/prometheus-v1'),
      );
    } else if (apiVersion === 'sloth.slok.dev/v1') {
      if (kind === 'PrometheusServiceLevel') {
        slos.push(...readSlothServiceLevel(object, issues, 'sloth/kubernetes'));
      } else if (kind === 'AlertWindows') {
        const set = readSlothAlertWindows(object, issues);
        if (set) alertWindows.push(set);
      } else {
        reader.error(
          'kind',
          `must be PrometheusServiceLevel or AlertWindows, got ${JSON.stringify(
            kind,
          )}`,
        );
      }
    } else if (apiVersion?.startsWith('pyrra.dev/')) {
      if (kind === 'ServiceLevelObjective') {
        const slo = readPyrraObjective(object, issues);
        if (slo) slos.push(slo);
      } else {
        reader.error(
          'kind',
          `must be ServiceLevelObjective, got ${JSON.stringify(kind)}`,
        );
      }
    } else if (Array.isArray(value.groups)) {
      reader.warn(
        'groups',
        'is a Prometheus rule file (for example one Sloth generated), not an SLO definition; skipped',
      );
    } else {
      reader.error(
        apiVersion === undefined ? 'apiVersion' : 'apiVersion',
        `is not an SLO document: expected apiVersion openslo/v1 (or openslo/v1alpha, sloth.slok.dev/v1, pyrra.dev/v1alpha1) or version prometheus/v1, got ${JSON.stringify(
          apiVersion ?? value.version ?? null,
        )}`,
      );
    }
  }

  const seen = new Map<string, SloDefinition>();
  const unique: SloDefinition[] = [];
  for (const slo of slos) {
    const first = seen.get(slo.name);
    if (first) {
      issues.push({
        severity: 'error',
        ...slo.source,
        path: 'metadata.name',
        object: `SLO ${slo.name}`,
        message: `duplicates the SLO of the same name in ${first.source.file}#${first.source.documentIndex}; this one is ignored`,
      });
      continue;
    }
    seen.set(slo.name, slo);
    const custom = alertWindows.find(
      set => set.sloPeriodMs === slo.timeWindow.durationMs,
    );
    unique.push(custom ? { ...slo, alertWindows: custom.windows } : slo);
  }
  return { slos: unique, issues, dataSources, alertWindows };
}

export { indicatorQueries } from './common';

import { promises as fs } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { AzureResource } from '@vitals/azure-inventory-common';
import { isResourceRowProblem, normalizeResourceRow } from './resourceRow';
import { InventoryLoadResult, InventorySource } from './source';

/** The snapshot the embedded configuration reads when `vitals.azure.snapshotPath` is absent. */
export const DEFAULT_SNAPSHOT_PATH = 'examples/azure/estate.json';

/**
 * Which shape an export had:
 * - `resource-graph-response`: the Resource Graph REST response, `{ totalRecords, count, data: [...], $skipToken? }`;
 * - `resource-graph-table`: the same with `resultFormat: table`, `data: { columns, rows }`;
 * - `az-cli`: `az graph query` output, `{ count, data, skip_token, total_records }`;
 * - `array`: a bare JSON array of rows (older `az graph query`, Resource Graph Explorer downloads).
 */
export type ResourceGraphExportFormat =
  | 'resource-graph-response'
  | 'resource-graph-table'
  | 'az-cli'
  | 'array';

export interface ParsedResourceGraphExport {
  format: ResourceGraphExportFormat;
  resources: AzureResource[];
  /** The optional top-level `exportedAt` timestamp a Vitals export carries. */
  exportedAt?: string;
  warnings: string[];
}

const MAX_LISTED_PROBLEMS = 10;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tableToRows(
  table: Record<string, unknown>,
  origin: string,
): unknown[] {
  const columns = table.columns;
  const rows = table.rows;
  if (!Array.isArray(columns) || !Array.isArray(rows)) {
    throw new InputError(
      `${origin}: "data" is an object but not a Resource Graph table (expected "columns" and "rows" arrays)`,
    );
  }
  const names = columns.map((column, index) => {
    if (!isRecord(column) || typeof column.name !== 'string') {
      throw new InputError(`${origin}: column ${index} has no "name"`);
    }
    return column.name;
  });
  return rows.map(row => {
    if (!Array.isArray(row)) {
      return row;
    }
    const record: Record<string, unknown> = {};
    names.forEach((name, index) => {
      record[name] = row[index];
    });
    return record;
  });
}

function locateRows(
  document: unknown,
  origin: string,
): {
  format: ResourceGraphExportFormat;
  rows: unknown[];
  warnings: string[];
} {
  if (Array.isArray(document)) {
    return { format: 'array', rows: document, warnings: [] };
  }
  if (!isRecord(document) || !('data' in document)) {
    const got = isRecord(document)
      ? `an object with keys ${
          Object.keys(document)
            .slice(0, 8)
            .map(k => `"${k}"`)
            .join(', ') || '(none)'
        }`
      : `${document === null ? 'null' : typeof document}`;
    throw new InputError(
      `${origin}: expected a Resource Graph response ({ "data": [...] }), "az graph query" output, or a JSON array of resources; got ${got}`,
    );
  }
  const warnings: string[] = [];
  const isCli = 'skip_token' in document || 'total_records' in document;
  const data = document.data;
  let rows: unknown[];
  let format: ResourceGraphExportFormat = isCli
    ? 'az-cli'
    : 'resource-graph-response';
  if (Array.isArray(data)) {
    rows = data;
  } else if (isRecord(data)) {
    rows = tableToRows(data, origin);
    format = 'resource-graph-table';
  } else {
    throw new InputError(
      `${origin}: "data" must be an array of rows or a Resource Graph table, got ${
        data === null ? 'null' : typeof data
      }`,
    );
  }

  const skipToken = isCli ? document.skip_token : document.$skipToken;
  const total = isCli ? document.total_records : document.totalRecords;
  if (typeof skipToken === 'string' && skipToken !== '') {
    warnings.push(
      `${origin} holds one page of a paged Resource Graph result (${
        rows.length
      } of ${
        typeof total === 'number' ? total : 'more'
      } rows); resources on later pages are missing. Export every page (follow $skipToken) into one file.`,
    );
  } else if (typeof total === 'number' && total > rows.length) {
    warnings.push(
      `${origin} holds ${rows.length} of ${total} rows; the export was truncated.`,
    );
  }
  if (
    document.resultTruncated === 'true' ||
    document.resultTruncated === true
  ) {
    warnings.push(
      `${origin}: Resource Graph marked the result as truncated (resultTruncated); some resources are missing.`,
    );
  }
  return { format, rows, warnings };
}

/**
 * Parses an Azure Resource Graph export. Every row must be an object with an
 * `id`; all malformed rows are reported together, by index, in one
 * {@link InputError} that names `origin` (the file).
 */
export function parseResourceGraphExport(
  text: string,
  origin: string,
): ParsedResourceGraphExport {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(
      `${origin} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const { format, rows, warnings } = locateRows(document, origin);

  const problems: string[] = [];
  const resources: AzureResource[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  rows.forEach((row, index) => {
    const normalized = normalizeResourceRow(row);
    if (isResourceRowProblem(normalized)) {
      problems.push(`row ${index} ${normalized.problem}`);
      return;
    }
    const key = normalized.id.toLowerCase();
    if (seen.has(key)) {
      duplicates += 1;
      return;
    }
    seen.add(key);
    resources.push(normalized);
  });

  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
    const more =
      problems.length > MAX_LISTED_PROBLEMS
        ? `; and ${problems.length - MAX_LISTED_PROBLEMS} more`
        : '';
    throw new InputError(
      `${origin}: ${problems.length} of ${rows.length} rows are not resources: ${listed}${more}`,
    );
  }
  if (duplicates > 0) {
    warnings.push(
      `${origin}: ${duplicates} duplicate rows (same id) ignored; the first occurrence was kept.`,
    );
  }
  const exportedAt =
    isRecord(document) && typeof document.exportedAt === 'string'
      ? document.exportedAt
      : undefined;
  return { format, resources, exportedAt, warnings };
}

export interface SnapshotInventorySourceOptions {
  /** The export file; relative paths are resolved against `rootDir`. */
  path: string;
  /** Defaults to the working directory. */
  rootDir?: string;
  /** When non-empty, only resources of these subscriptions are kept. */
  subscriptions?: string[];
}

/** Reads the inventory from a Resource Graph export file (`vitals.azure.source: snapshot`). */
export class SnapshotInventorySource implements InventorySource {
  readonly kind = 'snapshot';
  /** The absolute path of the export file. */
  readonly path: string;
  /**
   * How responses and errors name the file: its base name only, since the
   * inventory's provenance reaches HTTP answers and a machine path must not.
   */
  readonly displayName: string;
  private readonly subscriptions: string[];

  static fromConfig(
    config: Config,
    options: { rootDir?: string } = {},
  ): SnapshotInventorySource {
    return new SnapshotInventorySource({
      path:
        config.getOptionalString('vitals.azure.snapshotPath') ??
        DEFAULT_SNAPSHOT_PATH,
      rootDir: options.rootDir,
      subscriptions:
        config.getOptionalStringArray('vitals.azure.subscriptions') ?? [],
    });
  }

  constructor(options: SnapshotInventorySourceOptions) {
    this.path = isAbsolute(options.path)
      ? options.path
      : resolve(options.rootDir ?? process.cwd(), options.path);
    this.displayName = `snapshot file ${basename(this.path)}`;
    this.subscriptions = options.subscriptions ?? [];
  }

  async load(): Promise<InventoryLoadResult> {
    const started = Date.now();
    let text: string;
    let modifiedAt: Date;
    try {
      const [content, stat] = await Promise.all([
        fs.readFile(this.path, 'utf8'),
        fs.stat(this.path),
      ]);
      text = content;
      modifiedAt = stat.mtime;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(
          `Azure ${this.displayName} does not exist (set vitals.azure.snapshotPath)`,
        );
      }
      throw new Error(
        `Cannot read Azure ${this.displayName}: ${
          (error as NodeJS.ErrnoException).code ?? 'read failed'
        }`,
      );
    }
    const parsed = parseResourceGraphExport(text, this.displayName);

    const wanted = new Set(this.subscriptions.map(s => s.toLowerCase()));
    const resources =
      wanted.size === 0
        ? parsed.resources
        : parsed.resources.filter(r =>
            wanted.has(r.subscriptionId.toLowerCase()),
          );
    const subscriptions =
      this.subscriptions.length > 0
        ? [...this.subscriptions]
        : [...new Set(resources.map(r => r.subscriptionId))]
            .filter(Boolean)
            .sort();

    return {
      inventory: {
        provenance: {
          source: 'snapshot',
          fetchedAt: parsed.exportedAt ?? modifiedAt.toISOString(),
          subscriptions,
          origin: this.displayName,
        },
        resources,
      },
      stats: {
        requests: 0,
        retries: 0,
        throttled: 0,
        failedResources: 0,
        durationMs: Date.now() - started,
        strategy: 'snapshot',
      },
      errors: [],
      warnings: parsed.warnings,
    };
  }
}

import { SloDocumentIssue } from './issues';

/** Where an object came from, for issues. */
export interface DocumentLocation {
  file: string;
  documentIndex: number;
  line?: number;
}

/**
 * Reads fields of one YAML object while recording precise issues: the path of
 * the field, and what was expected versus what was found.
 */
export class FieldReader {
  constructor(
    readonly location: DocumentLocation,
    readonly issues: SloDocumentIssue[],
    readonly object?: string,
  ) {}

  named(object: string): FieldReader {
    return new FieldReader(this.location, this.issues, object);
  }

  error(path: string, message: string) {
    this.issues.push({
      severity: 'error',
      ...this.location,
      path,
      object: this.object,
      message,
    });
  }

  warn(path: string, message: string) {
    this.issues.push({
      severity: 'warning',
      ...this.location,
      path,
      object: this.object,
      message,
    });
  }

  get(root: unknown, path: string): unknown {
    let node: unknown = root;
    for (const segment of path.split('.')) {
      if (!isRecord(node)) {
        return undefined;
      }
      node = node[segment];
    }
    return node;
  }

  string(
    root: unknown,
    path: string,
    options: { required?: boolean; base?: string } = {},
  ): string | undefined {
    const value = this.get(root, path);
    const at = join(options.base, path);
    if (value === undefined || value === null || value === '') {
      if (options.required) {
        this.error(at, 'is required');
      }
      return undefined;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    if (typeof value !== 'string') {
      this.error(at, `must be a string, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  number(
    root: unknown,
    path: string,
    options: { required?: boolean; base?: string } = {},
  ): number | undefined {
    const value = this.get(root, path);
    const at = join(options.base, path);
    if (value === undefined || value === null) {
      if (options.required) {
        this.error(at, 'is required');
      }
      return undefined;
    }
    const n = typeof value === 'string' ? Number(value.trim()) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      this.error(at, `must be a number, got ${describe(value)}`);
      return undefined;
    }
    return n;
  }

  boolean(
    root: unknown,
    path: string,
    options: { base?: string } = {},
  ): boolean | undefined {
    const value = this.get(root, path);
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value === 'boolean') {
      return value;
    }
    if (value === 'true' || value === 'false') {
      return value === 'true';
    }
    this.error(
      join(options.base, path),
      `must be true or false, got ${describe(value)}`,
    );
    return undefined;
  }

  array(
    root: unknown,
    path: string,
    options: { required?: boolean; base?: string } = {},
  ): unknown[] | undefined {
    const value = this.get(root, path);
    const at = join(options.base, path);
    if (value === undefined || value === null) {
      if (options.required) {
        this.error(at, 'is required (a list)');
      }
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.error(at, `must be a list, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  record(
    root: unknown,
    path: string,
    options: { required?: boolean; base?: string } = {},
  ): Record<string, unknown> | undefined {
    const value = this.get(root, path);
    const at = join(options.base, path);
    if (value === undefined || value === null) {
      if (options.required) {
        this.error(at, 'is required');
      }
      return undefined;
    }
    if (!isRecord(value)) {
      this.error(at, `must be a mapping, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function join(base: string | undefined, path: string): string {
  if (!base) return path;
  if (!path) return base;
  return path.startsWith('[') ? `${base}${path}` : `${base}.${path}`;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Labels as a flat string map; OpenSLO allows a list of values per label. */
export function flattenLabels(value: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!isRecord(value)) {
    return labels;
  }
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      labels[key] = v.map(String).join(',');
    } else if (v !== null && v !== undefined) {
      labels[key] = String(v);
    }
  }
  return labels;
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { getSloRefs } from '@vitals/plugin-slo-common';

/** SLO files are small; anything bigger is a wrong reference. */
const MAX_BYTES = 1024 * 1024;

export interface ReadDocuments {
  refs: string[];
  files: Array<{ file: string; text: string }>;
  errors: string[];
}

function stripPrefix(
  location: string,
): { type: 'url' | 'file'; target: string } | undefined {
  const match = /^(url|file):(.*)$/.exec(location.trim());
  if (!match) return undefined;
  return { type: match[1] as 'url' | 'file', target: match[2] };
}

/**
 * Where relative `vitals.dev/slo-ref` paths start: the entity's source
 * location, else the directory of the file that declared it.
 */
export function baseLocation(entity: Entity) {
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  if (source) {
    const parsed = stripPrefix(source);
    if (parsed) return { ...parsed, isDirectory: parsed.target.endsWith('/') };
  }
  const managed = annotations[ANNOTATION_LOCATION];
  if (managed) {
    const parsed = stripPrefix(managed);
    if (parsed) return { ...parsed, isDirectory: false };
  }
  return undefined;
}

/**
 * Resolves each `vitals.dev/slo-ref` entry against the entity's location and
 * reads it: URLs through the backend's UrlReader (so integrations' auth and
 * allow-lists apply), files from disk for entities registered from files. A
 * file reference may not leave the directory of its entity's location.
 */
export async function readSloDocuments(
  entity: Entity,
  urlReader: UrlReaderService,
): Promise<ReadDocuments> {
  const result: ReadDocuments = { refs: [], files: [], errors: [] };
  const base = baseLocation(entity);
  for (const ref of getSloRefs(entity)) {
    try {
      if (/^https?:\/\//i.test(ref)) {
        result.refs.push(ref);
        result.files.push({ file: ref, text: await readUrl(urlReader, ref) });
        continue;
      }
      if (!base) {
        throw new Error(
          `cannot resolve the relative reference ${ref}: the entity has no source or managed-by location`,
        );
      }
      if (base.type === 'url') {
        const baseUrl = base.isDirectory
          ? base.target
          : base.target.replace(/[^/]*$/, '');
        const url = new URL(ref, baseUrl).toString();
        result.refs.push(url);
        result.files.push({ file: ref, text: await readUrl(urlReader, url) });
        continue;
      }
      const root = base.isDirectory ? base.target : path.dirname(base.target);
      const file = path.resolve(root, ref);
      const relative = path.relative(root, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        throw new Error(
          `${ref} points outside the directory of the entity's location; SLO files must live next to the entity`,
        );
      }
      // Named as the annotation names it: the resolved path is the
      // portal host's, and the entity's readers see this list.
      result.refs.push(ref);
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat?.isFile()) {
        throw new Error(
          `${ref} does not exist next to the entity's catalog-info.yaml`,
        );
      }
      if (stat.size > MAX_BYTES) {
        throw new Error(
          `${ref} is ${stat.size} bytes; SLO files are limited to ${MAX_BYTES}`,
        );
      }
      result.files.push({ file: ref, text: await fs.readFile(file, 'utf8') });
    } catch (e) {
      result.errors.push(`could not read ${ref}: ${(e as Error).message}`);
    }
  }
  return result;
}

async function readUrl(
  urlReader: UrlReaderService,
  url: string,
): Promise<string> {
  const response = await urlReader.readUrl(url);
  const buffer = await response.buffer();
  if (buffer.length > MAX_BYTES) {
    throw new Error(
      `${url} is ${buffer.length} bytes; SLO files are limited to ${MAX_BYTES}`,
    );
  }
  return buffer.toString('utf8');
}

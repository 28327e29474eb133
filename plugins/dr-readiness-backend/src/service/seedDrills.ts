import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { InputError } from '@backstage/errors';
import { readEntityRef } from '@vitals/backend-http';
import {
  DrillRecord,
  DrillValues,
  isoDurationToSeconds,
} from '@vitals/plugin-dr-readiness-common';
import { parse } from 'yaml';
import { readDrillValues } from './drillInput';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readRef(value: unknown, kind: string): string | undefined {
  try {
    return readEntityRef(value, 'ref', { defaultKind: kind, required: true });
  } catch {
    return undefined;
  }
}

/**
 * Parses a seed file of DR drills (`drills: [...]`), as the demo ships in
 * `examples/azure/drills.yaml`. Each entry is a drill request plus
 * `entityRef` and `recordedBy`; `performedAgo` (an ISO-8601 duration before
 * `now`) may stand in for `performedAt`, so a demo stays current. Ids are
 * derived from the file and the entry, so seeding twice yields the same ids.
 * Throws an InputError naming the entry and field of every problem.
 */
export function parseSeedDrills(
  text: string,
  origin: string,
  now: Date,
): DrillRecord[] {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new InputError(
      `${origin} is not valid YAML: ${(error as Error).message}`,
    );
  }
  const entries = isRecord(document) ? document.drills : undefined;
  if (!Array.isArray(entries)) {
    throw new InputError(`${origin} must have a top-level "drills" list`);
  }
  const problems: string[] = [];
  const drills: DrillRecord[] = [];
  entries.forEach((entry, index) => {
    const where = `${origin} drills[${index}]`;
    if (!isRecord(entry)) {
      problems.push(`${where} is not a mapping`);
      return;
    }
    const entityRef = readRef(entry.entityRef, 'component');
    const recordedBy = readRef(entry.recordedBy, 'user');
    if (!entityRef) problems.push(`${where}.entityRef must be an entity ref`);
    if (!recordedBy) problems.push(`${where}.recordedBy must be a user ref`);
    let performedAt = entry.performedAt;
    if (entry.performedAgo !== undefined) {
      const seconds = isoDurationToSeconds(String(entry.performedAgo), {
        allowZero: true,
      });
      if (seconds === undefined) {
        problems.push(
          `${where}.performedAgo must be an ISO-8601 duration such as P30D`,
        );
        return;
      }
      performedAt = new Date(now.getTime() - seconds * 1000).toISOString();
    }
    let values: DrillValues;
    try {
      // The same validation as a drill recorded through the API.
      values = readDrillValues({ ...entry, performedAt }, now.getTime());
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(`${where}: ${error.message}`);
      return;
    }
    if (!entityRef || !recordedBy) return;
    const id = `seed-${createHash('sha256')
      .update(`${basename(origin)}\u0000${index}\u0000${entityRef}`)
      .digest('hex')
      .slice(0, 24)}`;
    drills.push({
      ...values,
      id,
      entityRef,
      recordedBy,
      recordedAt: now.toISOString(),
    });
  });
  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }
  return drills;
}

/** Reads a seed file; relative paths are resolved against `rootDir`. */
export async function readSeedDrills(
  path: string,
  rootDir: string,
  now: Date,
): Promise<DrillRecord[]> {
  const file = isAbsolute(path) ? path : resolve(rootDir, path);
  const text = await fs.readFile(file, 'utf8');
  return parseSeedDrills(text, file, now);
}

import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

/** The repository root, from this package's src/testing folder. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const TEMPLATE_DIR = path.join(REPO_ROOT, 'templates/hipaa-service');
export const MODULE_SET_DIR = path.join(
  REPO_ROOT,
  'templates/terraform-modules',
);

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? walk(full, base)
      : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** The template as the dry-run API takes it: the entity and every file next to it, base64. */
export function readTemplateForDryRun() {
  const template = yaml.parse(
    fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  const directoryContents = walk(TEMPLATE_DIR).map(file => ({
    path: file,
    base64Content: fs
      .readFileSync(path.join(TEMPLATE_DIR, file))
      .toString('base64'),
  }));
  return { template, directoryContents };
}

/** Files of a dry-run response, decoded, keyed by path. */
export function decodeDirectoryContents(
  files: Array<{ path: string; base64Content: string }>,
): Map<string, string> {
  return new Map(
    files.map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
}

/** Writes decoded files to a folder (to run the generated service's own checks). */
export function writeFiles(dir: string, files: Map<string, string>) {
  for (const [file, content] of files) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

export function listFiles(dir: string): string[] {
  return walk(dir);
}

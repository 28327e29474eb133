import fs from 'node:fs';
import path from 'node:path';
import { HclDocument, parseHcl } from './hcl';
import { MODULE_SET_DIR, REPO_ROOT } from './templateFiles';

/** Arguments of a module block that Terraform reads itself rather than passing as inputs. */
export const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  'source',
  'version',
  'providers',
  'depends_on',
  'count',
  'for_each',
]);

export interface ModuleCall {
  file: string;
  /** The block's label: `module.<key>` in the caller. */
  key: string;
  source: string;
  /** Every argument of the block, meta-arguments included. */
  arguments: string[];
}

/** One Terraform module: the .tf files of one folder, and what they declare. */
export interface TerraformModule {
  /** The folder, absolute or relative to the repository root; it names the module in problems. */
  dir: string;
  /** Parsed files keyed by file name. */
  files: Map<string, HclDocument>;
  /** Variable name → whether a caller must pass it (no default). */
  variables: Map<string, { required: boolean }>;
  outputs: Set<string>;
  locals: Set<string>;
  resourceTypes: Set<string>;
  calls: ModuleCall[];
  /** Names declared twice across the folder's files, which Terraform refuses. */
  duplicates: string[];
}

/** Finds the module a call's source names, as seen from the calling module. */
export type ResolveModule = (
  source: string,
  caller: TerraformModule,
) => TerraformModule | undefined;

function blocks(doc: HclDocument, type: string): Array<[string, any]> {
  return Object.entries<any[]>(doc[type] ?? {}).map(([name, [block]]) => [
    name,
    block,
  ]);
}

export function describeModule(
  dir: string,
  files: Map<string, HclDocument>,
): TerraformModule {
  const module: TerraformModule = {
    dir,
    files,
    variables: new Map(),
    outputs: new Set(),
    locals: new Set(),
    resourceTypes: new Set(),
    calls: [],
    duplicates: [],
  };
  const declare = (kind: string, names: Set<string>, name: string) => {
    if (names.has(name)) module.duplicates.push(`${kind} "${name}"`);
    names.add(name);
  };
  const variableNames = new Set<string>();
  const callKeys = new Set<string>();
  for (const [file, doc] of files) {
    for (const [name, block] of blocks(doc, 'variable')) {
      declare('variable', variableNames, name);
      module.variables.set(name, { required: !('default' in block) });
    }
    for (const [name] of blocks(doc, 'output')) {
      declare('output', module.outputs, name);
    }
    for (const localsBlock of doc.locals ?? []) {
      for (const name of Object.keys(localsBlock)) {
        declare('local', module.locals, name);
      }
    }
    for (const type of Object.keys(doc.resource ?? {})) {
      module.resourceTypes.add(type);
    }
    for (const [key, block] of blocks(doc, 'module')) {
      declare('module', callKeys, key);
      module.calls.push({
        file,
        key,
        source: block.source,
        arguments: Object.keys(block),
      });
    }
  }
  return module;
}

/** Reads the .tf files of one folder (not its subfolders, which are other modules). */
export async function readModule(dir: string): Promise<TerraformModule> {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.tf'))
    .map(entry => entry.name)
    .sort();
  const files = new Map<string, HclDocument>();
  for (const name of names) {
    const file = path.join(dir, name);
    files.set(name, await parseHcl(file, fs.readFileSync(file, 'utf8')));
  }
  return describeModule(dir, files);
}

/**
 * The ```hcl blocks of a Markdown file as one configuration, each block a file named after its
 * position, so that usage documented for people is checked like the examples.
 */
export async function readMarkdownUsage(
  file: string,
): Promise<TerraformModule> {
  const markdown = fs.readFileSync(file, 'utf8');
  const files = new Map<string, HclDocument>();
  for (const [, code] of markdown.matchAll(/^```hcl\n([\s\S]*?)^```/gm)) {
    const name = `${path.basename(file)} (block ${files.size + 1})`;
    files.set(name, await parseHcl(name, code));
  }
  return describeModule(path.dirname(file), files);
}

/** The folders of templates/terraform-modules holding Terraform: the modules and their examples. */
export interface ModuleSetLayout {
  /** Module name → its folder. */
  modules: Map<string, string>;
  /** Example folder → the name of the module it demonstrates. */
  examples: Map<string, string>;
}

export function moduleSetLayout(): ModuleSetLayout {
  const modulesDir = path.join(MODULE_SET_DIR, 'modules');
  const subfolders = (dir: string) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .filter(entry => entry.isDirectory() && entry.name !== '.terraform')
          .map(entry => path.join(dir, entry.name))
          .sort()
      : [];
  const modules = new Map<string, string>();
  const examples = new Map<string, string>();
  for (const dir of subfolders(modulesDir)) {
    const name = path.basename(dir);
    modules.set(name, dir);
    for (const example of subfolders(path.join(dir, 'examples'))) {
      examples.set(example, name);
    }
  }
  return { modules, examples };
}

/** Every module of templates/terraform-modules, keyed by name. */
export async function readSharedModules(): Promise<
  Map<string, TerraformModule>
> {
  const result = new Map<string, TerraformModule>();
  for (const [name, dir] of moduleSetLayout().modules) {
    result.set(name, await readModule(dir));
  }
  return result;
}

/** Resolves a module set source (`<repository>//modules/<name>?ref=<version>`) to the module. */
export function resolveModuleSetSource(
  modules: Map<string, TerraformModule>,
): ResolveModule {
  return source => {
    const name = /\/\/modules\/([a-z0-9-]+)(?:\?|$)/.exec(source)?.[1];
    return name === undefined ? undefined : modules.get(name);
  };
}

/** Resolves local sources (./ and ../) against the caller's folder, among the modules given. */
export function resolveLocalSource(
  modules: Iterable<TerraformModule>,
): ResolveModule {
  const byDir = new Map([...modules].map(m => [path.resolve(m.dir), m]));
  return (source, caller) =>
    /^\.\.?\//.test(source) || source === '..' || source === '.'
      ? byDir.get(path.resolve(caller.dir, source))
      : undefined;
}

export function displayPath(dir: string, file?: string): string {
  const full = file ? path.join(dir, file) : dir;
  return (path.isAbsolute(full) ? path.relative(REPO_ROOT, full) : full)
    .split(path.sep)
    .join('/');
}

/**
 * The text of every interpolation (`${…}`) and directive (`%{…}`) of a parsed file: where
 * references live. Literal text around them, such as error messages, is left out.
 */
function expressions(value: unknown): string[] {
  if (typeof value === 'string') {
    const found: string[] = [];
    for (let i = 0; i < value.length - 1; i++) {
      if (
        (value[i] === '$' || value[i] === '%') &&
        value[i + 1] === '{' &&
        value[i - 1] !== value[i]
      ) {
        let depth = 0;
        let end = i + 1;
        for (; end < value.length; end++) {
          if (value[end] === '{') depth++;
          else if (value[end] === '}' && --depth === 0) break;
        }
        found.push(value.slice(i + 2, end));
        i = end;
      }
    }
    return found;
  }
  if (Array.isArray(value)) return value.flatMap(expressions);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...expressions(key),
      ...expressions(item),
    ]);
  }
  return [];
}

const REFERENCE =
  /(?<![\w.])(var|local|module)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][\w-]*))?/g;

interface Reference {
  file: string;
  kind: 'var' | 'local' | 'module';
  name: string;
  /** For module references, the output read, if any (`module.x` alone reads none). */
  attribute?: string;
}

function references(module: TerraformModule): Reference[] {
  const found: Reference[] = [];
  for (const [file, doc] of module.files) {
    for (const expression of expressions(doc)) {
      for (const [, kind, name, attribute] of expression.matchAll(REFERENCE)) {
        found.push({
          file,
          kind: kind as Reference['kind'],
          name,
          attribute,
        });
      }
    }
  }
  return found;
}

/**
 * Module calls passing an input the called module does not declare, or leaving out one it
 * requires, or whose source names no known module.
 */
export function inputProblems(
  caller: TerraformModule,
  resolve: ResolveModule,
): string[] {
  const problems: string[] = [];
  for (const call of caller.calls) {
    const where = `${displayPath(caller.dir, call.file)}: module "${call.key}"`;
    const called = resolve(call.source, caller);
    if (!called) {
      problems.push(`${where} calls ${call.source}, which is no known module`);
      continue;
    }
    const target = displayPath(called.dir);
    for (const argument of call.arguments) {
      if (
        !MODULE_META_ARGUMENTS.has(argument) &&
        !called.variables.has(argument)
      ) {
        problems.push(
          `${where} passes "${argument}", which ${target} does not declare`,
        );
      }
    }
    for (const [name, { required }] of called.variables) {
      if (required && !call.arguments.includes(name)) {
        problems.push(
          `${where} leaves out "${name}", which ${target} requires`,
        );
      }
    }
  }
  return problems;
}

/**
 * `module.<key>.<output>` references to a module the caller does not call, or to an output it
 * lacks. A usage snippet reads modules of the configuration around it without calling them:
 * `surrounding` names the module such a key stands for.
 */
export function outputProblems(
  caller: TerraformModule,
  resolve: ResolveModule,
  surrounding?: (key: string) => TerraformModule | undefined,
): string[] {
  const calls = new Map(caller.calls.map(call => [call.key, call]));
  const problems: string[] = [];
  for (const ref of references(caller)) {
    if (ref.kind !== 'module') continue;
    const where = `${displayPath(caller.dir, ref.file)}: module.${ref.name}${
      ref.attribute ? `.${ref.attribute}` : ''
    }`;
    const call = calls.get(ref.name);
    const called = call
      ? resolve(call.source, caller)
      : surrounding?.(ref.name);
    if (!call && !called) {
      problems.push(`${where} reads a module block "${ref.name}" not declared`);
      continue;
    }
    if (called && ref.attribute && !called.outputs.has(ref.attribute)) {
      problems.push(
        `${where} reads "${ref.attribute}", which ${displayPath(
          called.dir,
        )} does not output`,
      );
    }
  }
  return problems;
}

/** `var.x` and `local.x` references to undeclared names, and names declared twice. */
export function referenceProblems(module: TerraformModule): string[] {
  const problems = module.duplicates.map(
    name => `${displayPath(module.dir)}: ${name} is declared twice`,
  );
  for (const ref of references(module)) {
    const where = `${displayPath(module.dir, ref.file)}: ${ref.kind}.${
      ref.name
    }`;
    if (ref.kind === 'var' && !module.variables.has(ref.name)) {
      problems.push(`${where} names no declared variable`);
    }
    if (ref.kind === 'local' && !module.locals.has(ref.name)) {
      problems.push(`${where} names no declared local`);
    }
  }
  return problems;
}

/** Everything a caller can get wrong about the modules it calls and its own declarations. */
export function interfaceProblems(
  caller: TerraformModule,
  resolve: ResolveModule,
): string[] {
  return [
    ...inputProblems(caller, resolve),
    ...outputProblems(caller, resolve),
    ...referenceProblems(caller),
  ];
}

import fs from 'node:fs';
import path from 'node:path';
import {
  displayPath,
  inputProblems,
  interfaceProblems,
  moduleSetLayout,
  outputProblems,
  readMarkdownUsage,
  readModule,
  readSharedModules,
  referenceProblems,
  resolveLocalSource,
  resolveModuleSetSource,
  ResolveModule,
  TerraformModule,
} from '../__testUtils__/terraformInterfaces';
import { listFiles, MODULE_SET_DIR } from '../__testUtils__/templateFiles';
import { SHARED_TERRAFORM_MODULES } from '../domain/terraformModules';

const layout = moduleSetLayout();

/** Modules whose own files call other modules, found before parsing so each gets its own test. */
const callingModules = [...layout.modules]
  .filter(([, dir]) =>
    fs
      .readdirSync(dir)
      .filter(file => file.endsWith('.tf'))
      .some(file =>
        /^module\s+"/m.test(fs.readFileSync(path.join(dir, file), 'utf8')),
      ),
  )
  .map(([name]) => name);

/** Markdown files showing how to call the modules, as people copy it. */
const usageDocs = [
  path.join(MODULE_SET_DIR, 'README.md'),
  ...[...layout.modules.values()].map(dir => path.join(dir, 'README.md')),
].filter(
  file =>
    fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('```hcl'),
);

describe('the shared Terraform modules', () => {
  let modules: Map<string, TerraformModule>;
  let examples: Map<string, TerraformModule>;
  let resolve: ResolveModule;

  beforeAll(async () => {
    modules = await readSharedModules();
    examples = new Map();
    for (const dir of layout.examples.keys()) {
      examples.set(dir, await readModule(dir));
    }
    resolve = resolveLocalSource(modules.values());
  });

  it('keep Terraform only in modules and their examples, which every module has', () => {
    const checked = new Set([
      ...layout.modules.values(),
      ...layout.examples.keys(),
    ]);
    const unchecked = listFiles(MODULE_SET_DIR)
      .filter(file => file.endsWith('.tf') && !file.includes('.terraform/'))
      .map(file => path.join(MODULE_SET_DIR, file))
      .filter(file => !checked.has(path.dirname(file)))
      .map(file => displayPath(file));
    expect(unchecked).toEqual([]);
    const withoutExample = [...layout.modules.keys()].filter(
      name => ![...layout.examples.values()].includes(name),
    );
    expect(withoutExample).toEqual([]);
  });

  it('are the modules the vitals:terraform:modules action hands to the template', () => {
    expect([...layout.modules.keys()].sort()).toEqual(
      [...SHARED_TERRAFORM_MODULES].sort(),
    );
  });

  it.each([...layout.modules.keys()])(
    '%s has the standard files and references only variables and locals it declares',
    name => {
      const module = modules.get(name)!;
      expect([...module.files.keys()]).toEqual(
        expect.arrayContaining([
          'main.tf',
          'variables.tf',
          'outputs.tf',
          'versions.tf',
        ]),
      );
      expect(module.variables.size).toBeGreaterThan(0);
      expect(module.outputs.size).toBeGreaterThan(0);
      expect(referenceProblems(module)).toEqual([]);
    },
  );

  it.each(callingModules)(
    '%s calls other modules with declared inputs only, every required one, reading only declared outputs',
    name => {
      const module = modules.get(name)!;
      expect(module.calls.length).toBeGreaterThan(0);
      expect([
        ...inputProblems(module, resolve),
        ...outputProblems(module, resolve),
      ]).toEqual([]);
    },
  );

  it.each(
    [...layout.examples].map(([dir, name]) => [
      displayPath(path.relative(path.join(MODULE_SET_DIR, 'modules'), dir)),
      dir,
      name,
    ]),
  )(
    'example %s calls its module with declared inputs only, every required one, reading only declared outputs and its own variables and locals',
    (_label, dir, name) => {
      const example = examples.get(dir)!;
      expect(
        example.calls.map(call => resolve(call.source, example)?.dir),
      ).toContain(layout.modules.get(name));
      expect(interfaceProblems(example, resolve)).toEqual([]);
    },
  );

  it('document their usage in every module README', () => {
    expect(usageDocs).toEqual(
      expect.arrayContaining(
        [...layout.modules.values()].map(dir => path.join(dir, 'README.md')),
      ),
    );
  });

  it.each(usageDocs.map(file => [displayPath(file), file]))(
    'the usage in %s calls the modules with declared inputs only, every required one, reading only declared outputs',
    async (_label, file) => {
      const usage = await readMarkdownUsage(file);
      expect(usage.calls.length).toBeGreaterThan(0);
      const resolveSource = resolveModuleSetSource(modules);
      // The modules a snippet reads without calling them are named after the module, as the
      // template names them: network_primary is a network module, log_analytics log-analytics.
      const surrounding = (key: string) =>
        modules.get(
          key.replace(/_(primary|secondary)$/, '').replace(/_/g, '-'),
        );
      expect([
        ...inputProblems(usage, resolveSource),
        ...outputProblems(usage, resolveSource, surrounding),
      ]).toEqual([]);
    },
  );
});

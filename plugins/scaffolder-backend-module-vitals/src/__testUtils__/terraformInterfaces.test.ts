import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHcl } from './hcl';
import {
  describeModule,
  inputProblems,
  interfaceProblems,
  outputProblems,
  readMarkdownUsage,
  referenceProblems,
  resolveLocalSource,
  resolveModuleSetSource,
  TerraformModule,
} from './terraformInterfaces';

async function moduleOf(
  dir: string,
  files: Record<string, string>,
): Promise<TerraformModule> {
  const parsed = new Map();
  for (const [name, content] of Object.entries(files)) {
    parsed.set(name, await parseHcl(name, content));
  }
  return describeModule(dir, parsed);
}

const calledFiles = {
  'variables.tf': `
variable "name" {
  type = string
  validation {
    condition     = length(var.name) > 0
    error_message = "var.name must not be empty."
  }
}
variable "tags" {
  type    = map(string)
  default = {}
}
`,
  'outputs.tf': `
output "id" {
  value = local.id
}
`,
  'main.tf': `
locals {
  id = "\${var.name}-\${lookup(var.tags, "env", "prod")}"
}
`,
};

describe('the Terraform interface checks', () => {
  let called: TerraformModule;
  beforeAll(async () => {
    called = await moduleOf('lib/modules/thing', calledFiles);
  });

  it('read what a module declares from all of its files', () => {
    expect([...called.variables]).toEqual([
      ['name', { required: true }],
      ['tags', { required: false }],
    ]);
    expect([...called.outputs]).toEqual(['id']);
    expect([...called.locals]).toEqual(['id']);
    expect(referenceProblems(called)).toEqual([]);
  });

  it('accept a caller that passes declared inputs, meta-arguments, and reads declared outputs', async () => {
    const caller = await moduleOf('lib/modules/thing/examples/basic', {
      'main.tf': `
variable "names" {
  type = set(string)
}
locals {
  tags = { "vitals-entity" = "component:default/x" }
}
module "thing" {
  source     = "../.."
  for_each   = var.names
  name       = each.key
  tags       = local.tags
  depends_on = [terraform_data.first]
}
resource "terraform_data" "first" {}
output "ids" {
  value = [for key, thing in module.thing : "\${thing.id}"]
}
output "one" {
  value = module.thing["a"].id
}
`,
    });
    expect(
      interfaceProblems(caller, resolveLocalSource([called, caller])),
    ).toEqual([]);
  });

  it('name every undeclared input, missing required input, unknown output and unknown module', async () => {
    const caller = await moduleOf('lib/modules/thing/examples/basic', {
      'main.tf': `
module "thing" {
  source = "../.."
  nmae   = "typo"
}
module "elsewhere" {
  source = "../../../other"
}
output "id" {
  value = module.thing.identifier
}
output "ghost" {
  value = module.ghost.id
}
`,
    });
    const resolve = resolveLocalSource([called]);
    // The parser orders blocks by name, so the order of problems says nothing.
    expect(inputProblems(caller, resolve).sort()).toEqual(
      [
        'lib/modules/thing/examples/basic/main.tf: module "thing" passes "nmae", which lib/modules/thing does not declare',
        'lib/modules/thing/examples/basic/main.tf: module "thing" leaves out "name", which lib/modules/thing requires',
        'lib/modules/thing/examples/basic/main.tf: module "elsewhere" calls ../../../other, which is no known module',
      ].sort(),
    );
    expect(outputProblems(caller, resolve).sort()).toEqual(
      [
        'lib/modules/thing/examples/basic/main.tf: module.thing.identifier reads "identifier", which lib/modules/thing does not output',
        'lib/modules/thing/examples/basic/main.tf: module.ghost.id reads a module block "ghost" not declared',
      ].sort(),
    );
  });

  it('name references to undeclared variables and locals, and names declared twice, but not words in messages', async () => {
    const broken = await moduleOf('lib/modules/broken', {
      'variables.tf': `
variable "name" {
  type = string
}
`,
      'main.tf': `
variable "name" {
  type = string
}
locals {
  label = upper(var.nmae)
}
resource "terraform_data" "this" {
  input = "\${local.lable}-\${var.name}"
  lifecycle {
    precondition {
      condition     = var.name != ""
      error_message = "Set var.missing and local.missing to something."
    }
  }
}
`,
    });
    expect(referenceProblems(broken)).toEqual([
      'lib/modules/broken: variable "name" is declared twice',
      'lib/modules/broken/main.tf: var.nmae names no declared variable',
      'lib/modules/broken/main.tf: local.lable names no declared local',
    ]);
  });

  it('resolve module set sources by module name, and snippet reads by the surrounding configuration', async () => {
    const resolve = resolveModuleSetSource(new Map([['thing', called]]));
    expect(
      resolve(
        'git::https://example.invalid/modules.git//modules/thing?ref=v1.0.0',
        called,
      ),
    ).toBe(called);
    expect(resolve('../thing', called)).toBeUndefined();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-usage-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'README.md'),
        [
          '# Thing',
          '',
          '```hcl',
          'module "thing" {',
          '  source = "git::https://example.invalid/modules.git//modules/thing?ref=v1.0.0"',
          '  name   = module.thing_primary.id',
          '  colour = "blue"',
          '}',
          '```',
          '',
          '```hcl',
          'output "x" {',
          '  value = module.thing_primary.missing',
          '}',
          '```',
        ].join('\n'),
      );
      const usage = await readMarkdownUsage(path.join(dir, 'README.md'));
      expect([...usage.files.keys()]).toEqual([
        'README.md (block 1)',
        'README.md (block 2)',
      ]);
      expect(
        inputProblems(usage, resolve).map(p => p.replace(`${dir}/`, '')),
      ).toEqual([
        expect.stringMatching(
          /README\.md \(block 1\): module "thing" passes "colour", which .* does not declare$/,
        ),
      ]);
      expect(
        outputProblems(usage, resolve, key =>
          key === 'thing_primary' ? called : undefined,
        ).map(p => p.replace(/^.*README/, 'README')),
      ).toEqual([
        'README.md (block 2): module.thing_primary.missing reads "missing", which lib/modules/thing does not output',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

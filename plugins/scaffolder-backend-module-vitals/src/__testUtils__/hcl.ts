import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { listFiles, MODULE_SET_DIR } from './templateFiles';

/** A parsed Terraform file as @cdktf/hcl2json returns it. */
export type HclDocument = Record<string, any>;

export async function parseHcl(
  file: string,
  content: string,
): Promise<HclDocument> {
  return parse(file, content);
}

/** What a shared module accepts and returns, and which resource types it owns. */
export interface SharedModuleInterface {
  name: string;
  /** Variable name → whether it must be passed (no default). */
  variables: Map<string, { required: boolean }>;
  outputs: Set<string>;
  resourceTypes: Set<string>;
}

/** Reads every module of templates/terraform-modules with the real HCL parser. */
export async function readSharedModules(): Promise<
  Map<string, SharedModuleInterface>
> {
  const modulesDir = path.join(MODULE_SET_DIR, 'modules');
  const result = new Map<string, SharedModuleInterface>();
  for (const name of fs.readdirSync(modulesDir)) {
    const read = async (file: string) =>
      parseHcl(
        file,
        fs.readFileSync(path.join(modulesDir, name, file), 'utf8'),
      );
    const [variables, outputs, main] = await Promise.all([
      read('variables.tf'),
      read('outputs.tf'),
      read('main.tf'),
    ]);
    result.set(name, {
      name,
      variables: new Map(
        Object.entries(variables.variable ?? {}).map(
          ([key, [block]]: [string, any]) => [
            key,
            { required: !('default' in block) },
          ],
        ),
      ),
      outputs: new Set(Object.keys(outputs.output ?? {})),
      resourceTypes: new Set(Object.keys(main.resource ?? {})),
    });
  }
  return result;
}

/** Every .tf file of the module set, for parse checks. */
export function sharedModuleFiles(): string[] {
  return listFiles(MODULE_SET_DIR)
    .filter(f => f.endsWith('.tf'))
    .map(f => path.join(MODULE_SET_DIR, f));
}

import { parse } from '@cdktf/hcl2json';

/** A parsed Terraform file as @cdktf/hcl2json returns it. */
export type HclDocument = Record<string, any>;

export async function parseHcl(
  file: string,
  content: string,
): Promise<HclDocument> {
  return parse(file, content);
}

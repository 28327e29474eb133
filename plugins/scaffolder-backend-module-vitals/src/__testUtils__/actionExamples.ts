import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export interface ExampleStep {
  id?: string;
  action: string;
  name?: string;
  input?: Record<string, any>;
}

/** The steps of an action's documentation examples that call `actionId`. */
export function exampleSteps(
  examples: TemplateExample[],
  actionId: string,
): Array<{ description: string; step: ExampleStep }> {
  return examples.flatMap(example =>
    (yaml.parse(example.example).steps as ExampleStep[])
      .filter(step => step.action === actionId)
      .map(step => ({ description: example.description, step })),
  );
}

/** Whether a value still holds template expressions (documentation of the wiring, not test input). */
export function isTemplated(input: unknown): boolean {
  return JSON.stringify(input ?? {}).includes('${{');
}

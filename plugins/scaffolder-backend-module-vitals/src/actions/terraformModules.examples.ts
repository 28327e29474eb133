import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Pin every module of the shared set to the configured release; a template then writes source = "${{ steps.modules.output.sources.key_vault }}".',
    example: yaml.stringify({
      steps: [
        {
          id: 'modules',
          action: 'vitals:terraform:modules',
          name: 'Resolve module versions',
        },
      ],
    }),
  },
  {
    description: 'Only the modules an App Service behind Front Door needs.',
    example: yaml.stringify({
      steps: [
        {
          id: 'modules',
          action: 'vitals:terraform:modules',
          name: 'Resolve module versions',
          input: {
            modules: [
              'log-analytics',
              'diagnostic-settings',
              'network',
              'key-vault',
              'storage',
              'sql',
              'app-service',
              'front-door',
            ],
          },
        },
      ],
    }),
  },
];

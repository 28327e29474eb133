import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

function step(input: Record<string, string>) {
  return yaml.stringify({
    steps: [
      {
        id: 'regions',
        action: 'vitals:azure:region-pair',
        name: 'Resolve the region pair',
        input,
      },
    ],
  });
}

export const examples: TemplateExample[] = [
  {
    description:
      'The Azure pair by default: East US 2 fails over to Central US (paired both ways).',
    example: step({ primaryRegion: 'eastus2', dataClassification: 'phi' }),
  },
  {
    description:
      'A one-way pair: West US 3 fails over to East US, which is itself paired with West US.',
    example: step({
      primaryRegion: 'westus3',
      secondaryRegion: 'pair',
      dataClassification: 'phi',
    }),
  },
  {
    description:
      'A nonpaired primary (Qatar Central) with a named secondary in another geography, allowed for internal data only.',
    example: step({
      primaryRegion: 'qatarcentral',
      secondaryRegion: 'uaenorth',
      dataClassification: 'internal',
    }),
  },
  {
    description:
      "A custom secondary in the primary's geography: East US 2 failing over to West US 2 instead of its pair.",
    example: step({
      primaryRegion: 'eastus2',
      secondaryRegion: 'westus2',
      dataClassification: 'phi',
    }),
  },
];

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace to <localPublish.root>/claims-intake and register its catalog-info.yaml.',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          action: 'vitals:publish:local',
          name: 'Publish to a local repository',
          input: {
            name: 'claims-intake',
            // The form's repository location: refused unless its host is allowed.
            repoUrl: 'github.com?owner=vitals-health&repo=claims-intake',
          },
        },
        {
          id: 'register',
          action: 'catalog:register',
          name: 'Register in the catalog',
          input: {
            catalogInfoUrl:
              "${{ steps['publish-local'].output.catalogInfoUrl }}",
          },
        },
      ],
    }),
  },
  {
    description:
      'Publish again over an existing local repository with other content, committing on top of its history.',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          action: 'vitals:publish:local',
          name: 'Publish to a local repository',
          input: {
            name: 'claims-intake',
            overwrite: true,
            commitMessage: 'Regenerate from the hipaa-service template',
          },
        },
      ],
    }),
  },
];

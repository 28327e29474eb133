import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** A complete, valid request: the claims-intake service of the Care Experience team. */
export const validRequest = {
  name: 'claims-intake',
  description: 'Receives insurance claims from the patient portal',
  owner: 'group:default/care-experience',
  system: 'system:default/patient-portal',
  dataClassification: 'phi',
  primaryRegion: 'eastus2',
  secondaryRegion: 'pair',
  drTier: 'high',
  availabilityTarget: 99.9,
  latencyThresholdMs: 300,
  latencyTarget: 99,
  sliSource: 'application-insights',
  runtime: 'node',
  hosting: 'app-service',
  globalRouting: 'front-door',
  pipelineProvider: 'github-actions',
  repoUrl: 'github.com?owner=vitals-health&repo=claims-intake',
};

export const examples: TemplateExample[] = [
  {
    description:
      'Validate the form values of the hipaa-service template (the form passes them through unchanged).',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'vitals:hipaa:validate',
          name: 'Validate the request',
          input: {
            name: '${{ parameters.name }}',
            description: '${{ parameters.description }}',
            owner: '${{ parameters.owner }}',
            system: '${{ parameters.system }}',
            dataClassification: '${{ parameters.dataClassification }}',
            primaryRegion: '${{ parameters.primaryRegion }}',
            secondaryRegion: '${{ parameters.secondaryRegion }}',
            drTier: '${{ parameters.drTier }}',
            availabilityTarget: '${{ parameters.availabilityTarget }}',
            latencyThresholdMs: '${{ parameters.latencyThresholdMs }}',
            latencyTarget: '${{ parameters.latencyTarget }}',
            sliSource: '${{ parameters.sliSource }}',
            runtime: '${{ parameters.runtime }}',
            hosting: '${{ parameters.hosting }}',
            globalRouting: '${{ parameters.globalRouting }}',
            pipelineProvider: '${{ parameters.pipelineProvider }}',
            repoUrl: '${{ parameters.repoUrl }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'A PHI service in East US 2 failing over to its pair, tier high (RTO 1 h, RPO 15 min), 99.9 % availability: outputs an error budget of 43.2 minutes per 30 days.',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'vitals:hipaa:validate',
          name: 'Validate the request',
          input: validRequest,
        },
      ],
    }),
  },
  {
    description:
      'An internal-data service in a nonpaired region (Qatar Central) names its secondary explicitly; for PHI this would be refused because Qatar has no second region.',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'vitals:hipaa:validate',
          name: 'Validate the request',
          input: {
            ...validRequest,
            name: 'doha-scheduling',
            dataClassification: 'internal',
            primaryRegion: 'qatarcentral',
            secondaryRegion: 'uaenorth',
            drTier: 'standard',
            sliSource: 'prometheus',
            runtime: 'java',
            hosting: 'aks',
            globalRouting: 'traffic-manager',
            repoUrl: 'github.com?owner=vitals-health&repo=doha-scheduling',
          },
        },
      ],
    }),
  },
];

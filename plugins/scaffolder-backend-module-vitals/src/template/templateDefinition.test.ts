import fs from 'node:fs';
import path from 'node:path';
import {
  AZURE_REGIONS,
  DATA_CLASSIFICATIONS,
  DR_TIERS,
} from '@vitals/plugin-dr-readiness-common';
import {
  AVAILABILITY_RANGE,
  GLOBAL_ROUTINGS,
  HOSTINGS,
  LATENCY_TARGET_RANGE,
  LATENCY_THRESHOLD_RANGE_MS,
  PIPELINE_PROVIDERS,
  RUNTIMES,
  SERVICE_NAME_PATTERN,
} from '../domain/serviceRequest';
import { PAIRED_REGION } from '../domain/regionPair';
import {
  readTemplateForDryRun,
  TEMPLATE_DIR,
} from '../__testUtils__/templateFiles';

const { template } = readTemplateForDryRun();
const properties: Record<string, any> = Object.assign(
  {},
  ...template.spec.parameters.map((page: any) => page.properties),
);

describe('the hipaa-service template definition', () => {
  it('is a v1beta3 Template named hipaa-service', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'hipaa-service' },
    });
  });

  it('asks for every parameter of the contract, on titled pages', () => {
    expect(Object.keys(properties).sort()).toEqual(
      [
        'name',
        'description',
        'owner',
        'system',
        'dataClassification',
        'primaryRegion',
        'secondaryRegion',
        'drTier',
        'availabilityTarget',
        'latencyThresholdMs',
        'latencyTarget',
        'sliSource',
        'runtime',
        'hosting',
        'globalRouting',
        'pipelineProvider',
        'repoUrl',
      ].sort(),
    );
    for (const page of template.spec.parameters) {
      expect(page.title).toBeTruthy();
      expect(
        page.required.every((field: string) => field in page.properties),
      ).toBe(true);
    }
  });

  it('uses the catalog pickers', () => {
    expect(properties.name['ui:field']).toBe('EntityNamePicker');
    expect(properties.owner['ui:field']).toBe('OwnerPicker');
    expect(properties.owner['ui:options'].catalogFilter.kind).toBe('Group');
    expect(properties.system['ui:field']).toBe('EntityPicker');
    expect(properties.system['ui:options'].catalogFilter.kind).toBe('System');
    expect(properties.repoUrl['ui:field']).toBe('RepoUrlPicker');
  });

  it('validates the name in the form exactly as the backend does', () => {
    expect(properties.name.pattern).toBe(SERVICE_NAME_PATTERN.source);
  });

  it('lists every Azure region of the region table, the pair first for the secondary', () => {
    const names = AZURE_REGIONS.map(r => r.name).sort();
    expect([...properties.primaryRegion.enum].sort()).toEqual(names);
    expect(properties.secondaryRegion.enum[0]).toBe(PAIRED_REGION);
    expect(properties.secondaryRegion.default).toBe(PAIRED_REGION);
    expect([...properties.secondaryRegion.enum.slice(1)].sort()).toEqual(names);
    for (const [i, region] of properties.primaryRegion.enum.entries()) {
      const known = AZURE_REGIONS.find(r => r.name === region)!;
      expect(properties.primaryRegion.enumNames[i]).toContain(
        `${known.displayName} (${known.name})`,
      );
      expect(
        properties.primaryRegion.enumNames[i].startsWith(known.geography),
      ).toBe(true);
    }
  });

  it('offers the backend enums and ranges', () => {
    expect(properties.dataClassification.enum).toEqual([
      ...DATA_CLASSIFICATIONS,
    ]);
    expect(properties.dataClassification.default).toBe('phi');
    expect(properties.drTier.enum).toEqual([...DR_TIERS]);
    expect(properties.drTier.enumNames).toEqual([
      'Critical — RTO 15 min, RPO 5 min',
      'High — RTO 1 h, RPO 15 min',
      'Standard — RTO 4 h, RPO 1 h',
      'None — no recovery objectives (manual failover only)',
    ]);
    expect(properties.runtime.enum).toEqual([...RUNTIMES]);
    expect(properties.hosting.enum).toEqual([...HOSTINGS]);
    expect(properties.globalRouting.enum).toEqual([...GLOBAL_ROUTINGS]);
    expect(properties.pipelineProvider.enum).toEqual([...PIPELINE_PROVIDERS]);
    expect([
      properties.availabilityTarget.minimum,
      properties.availabilityTarget.exclusiveMaximum,
    ]).toEqual([AVAILABILITY_RANGE.min, AVAILABILITY_RANGE.maxExclusive]);
    expect([
      properties.latencyTarget.minimum,
      properties.latencyTarget.exclusiveMaximum,
    ]).toEqual([LATENCY_TARGET_RANGE.min, LATENCY_TARGET_RANGE.maxExclusive]);
    expect([
      properties.latencyThresholdMs.minimum,
      properties.latencyThresholdMs.maximum,
    ]).toEqual([
      LATENCY_THRESHOLD_RANGE_MS.min,
      LATENCY_THRESHOLD_RANGE_MS.max,
    ]);
  });

  it('quotes the error budget of common targets in the form', () => {
    expect(properties.availabilityTarget['ui:help']).toContain(
      '99.9 → 43.2 min',
    );
  });

  it('runs the steps in the contract order, publishing behind a condition', () => {
    const steps = template.spec.steps.map((s: any) => [s.id, s.action]);
    expect(steps).toEqual([
      ['validate', 'vitals:hipaa:validate'],
      ['regions', 'vitals:azure:region-pair'],
      ['modules', 'vitals:terraform:modules'],
      ['fetch-base', 'fetch:template'],
      ['fetch-runtime', 'fetch:template'],
      ['fetch-kubernetes', 'fetch:template'],
      ['fetch-pipelines', 'fetch:template'],
      ['publish-local', 'vitals:publish:local'],
      ['publish-github', 'publish:github'],
      ['publish-azure', 'publish:azure'],
      ['register', 'catalog:register'],
    ]);
    const byId = Object.fromEntries(
      template.spec.steps.map((s: any) => [s.id, s]),
    );
    expect(byId['publish-local'].if).toContain("publishTarget === 'local'");
    expect(byId['publish-github'].if).toContain("publishTarget === 'github'");
    expect(byId['publish-azure'].if).toContain("publishTarget === 'azure'");
    expect(template.spec.output.links.map((l: any) => l.title)).toEqual([
      'Repository',
      'Open in catalog',
    ]);
  });

  it('has a skeleton for every runtime and pipeline provider it offers', () => {
    for (const runtime of RUNTIMES) {
      expect(fs.existsSync(path.join(TEMPLATE_DIR, 'runtimes', runtime))).toBe(
        true,
      );
    }
    for (const provider of PIPELINE_PROVIDERS) {
      expect(
        fs.existsSync(path.join(TEMPLATE_DIR, 'pipelines', provider)),
      ).toBe(true);
    }
  });
});

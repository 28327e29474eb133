import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { readDataClassification } from '@vitals/plugin-compliance-common';
import { readDrPolicy } from '@vitals/plugin-dr-readiness-common';
import { getSloRefs, parseSloDocuments } from '@vitals/plugin-slo-common';
import request from 'supertest';
import yaml from 'yaml';
import { SHARED_TERRAFORM_MODULES } from '../domain/terraformModules';
import { lintWorkflows } from '../__testUtils__/actionlint';
import { HclDocument, parseHcl } from '../__testUtils__/hcl';
import {
  describeModule,
  inputProblems,
  outputProblems,
  readSharedModules,
  referenceProblems,
  ResolveModule,
  resolveModuleSetSource,
  TerraformModule,
} from '../__testUtils__/terraformInterfaces';
import {
  MODULE_SOURCE,
  MODULE_VERSION,
  PIPELINES_REF,
  PIPELINES_REPO,
  startScaffolderBackend,
  TELEMETRY_DATA_SOURCE,
  TELEMETRY_WORKSPACE,
} from '../__testUtils__/scaffolderBackend';
import {
  probeJavaService,
  runNodeServiceTests,
  runPythonServiceTests,
} from '../__testUtils__/serviceSkeleton';
import {
  decodeDirectoryContents,
  readTemplateForDryRun,
  TEMPLATE_DIR,
  writeFiles,
} from '../__testUtils__/templateFiles';

jest.setTimeout(180_000);

const baseValues = {
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
  runtime: 'node',
  hosting: 'app-service',
  globalRouting: 'front-door',
  pipelineProvider: 'github-actions',
  repoUrl: 'github.com?owner=vitals-health&repo=claims-intake',
};
/** `sliSource` is left out unless a case names it: API callers get the default. */
type Values = typeof baseValues & { sliSource?: string };
const sliSourceOf = (c: Case) => c.values.sliSource ?? 'application-insights';

interface Case {
  title: string;
  values: Values;
  secondaryRegion: string;
  pairing: string;
  rto?: string;
  rpo?: string;
  errorBudget: string;
  /** What the SQL module gets: the tier's RPO, or the one-day ceiling for tier none. */
  sqlRpoMinutes: number;
  /** How the runbook describes the pairing. */
  runbookPairing: string;
}

/**
 * Who fails SQL over with the default tiers: Azure only where the automatic
 * policy's grace period (at least 60 minutes) still meets the RTO.
 */
const FAILOVER_MODE_BY_TIER: Record<string, 'Automatic' | 'Manual'> = {
  critical: 'Manual',
  high: 'Manual',
  standard: 'Automatic',
  none: 'Manual',
};

const cases: Case[] = [
  {
    title:
      'Node.js on App Service, GitHub Actions, East US 2 and its pair (paired)',
    values: baseValues,
    secondaryRegion: 'centralus',
    pairing: 'paired',
    rto: 'PT1H',
    rpo: 'PT15M',
    errorBudget: '43.2 minutes per 30 days',
    sqlRpoMinutes: 15,
    runbookPairing: 'Azure region pair',
  },
  {
    title:
      '.NET on App Service, Azure Pipelines, West US 3 and its one-way pair',
    values: {
      ...baseValues,
      name: 'lab-orders',
      repoUrl:
        'dev.azure.com?organization=vitals-health&project=clinical&repo=lab-orders',
      primaryRegion: 'westus3',
      drTier: 'critical',
      availabilityTarget: 99.95,
      runtime: 'dotnet',
      pipelineProvider: 'azure-pipelines',
    },
    secondaryRegion: 'eastus',
    pairing: 'one-way',
    rto: 'PT15M',
    rpo: 'PT5M',
    errorBudget: '21.6 minutes per 30 days',
    sqlRpoMinutes: 5,
    runbookPairing: 'One-way pair',
  },
  {
    title:
      'Java on AKS behind Traffic Manager, GitHub Actions, nonpaired Qatar Central',
    values: {
      ...baseValues,
      name: 'doha-scheduling',
      repoUrl: 'github.com?owner=vitals-health&repo=doha-scheduling',
      dataClassification: 'internal',
      primaryRegion: 'qatarcentral',
      secondaryRegion: 'uaenorth',
      drTier: 'standard',
      availabilityTarget: 99.5,
      latencyThresholdMs: 750,
      latencyTarget: 95,
      runtime: 'java',
      hosting: 'aks',
      globalRouting: 'traffic-manager',
    },
    secondaryRegion: 'uaenorth',
    pairing: 'unpaired',
    rto: 'PT4H',
    rpo: 'PT1H',
    errorBudget: '3.6 hours (216 minutes) per 30 days',
    sqlRpoMinutes: 60,
    runbookPairing: 'has no Azure pair',
  },
  {
    title:
      'Node.js on AKS behind Front Door, Azure Pipelines, a custom secondary, tier none',
    values: {
      ...baseValues,
      name: 'referral-intake',
      repoUrl: 'github.com?owner=vitals-health&repo=referral-intake',
      secondaryRegion: 'westus2',
      drTier: 'none',
      availabilityTarget: 99,
      hosting: 'aks',
      pipelineProvider: 'azure-pipelines',
      sliSource: 'prometheus',
    },
    secondaryRegion: 'westus2',
    pairing: 'custom',
    errorBudget: '7.2 hours (432 minutes) per 30 days',
    sqlRpoMinutes: 1440,
    runbookPairing: 'Custom secondary',
  },
  {
    title: 'Python on App Service, GitHub Actions, UK South and its pair',
    values: {
      ...baseValues,
      name: 'triage-notes',
      repoUrl: 'github.com?owner=vitals-health&repo=triage-notes',
      primaryRegion: 'uksouth',
      drTier: 'standard',
      latencyThresholdMs: 1000,
      runtime: 'python',
    },
    secondaryRegion: 'ukwest',
    pairing: 'paired',
    rto: 'PT4H',
    rpo: 'PT1H',
    errorBudget: '43.2 minutes per 30 days',
    sqlRpoMinutes: 60,
    runbookPairing: 'Azure region pair',
  },
];

interface Generated {
  response: request.Response;
  files: Map<string, string>;
  hcl: Map<string, HclDocument>;
  /** The generated repository written to disk, to run its own checks. */
  dir: string;
}

const environmentsOf = (c: Case) => [
  c.values.primaryRegion,
  c.secondaryRegion,
  'global',
];
/** The generated Terraform, one module per folder. */
const terraformRoots = (out: Generated): TerraformModule[] => {
  const byDir = new Map<string, Map<string, HclDocument>>();
  for (const [file, doc] of out.hcl) {
    const dir = path.posix.dirname(file);
    if (!byDir.has(dir)) byDir.set(dir, new Map());
    byDir.get(dir)!.set(path.posix.basename(file), doc);
  }
  return [...byDir].map(([dir, files]) => describeModule(dir, files));
};

describe('the hipaa-service template, run through the scaffolder dry-run API', () => {
  let env: Awaited<ReturnType<typeof startScaffolderBackend>>;
  let sharedModules: Map<string, TerraformModule>;
  let resolveShared: ResolveModule;
  const generated = new Map<string, Promise<Generated>>();

  beforeAll(async () => {
    [env, sharedModules] = await Promise.all([
      startScaffolderBackend(),
      readSharedModules(),
    ]);
    resolveShared = resolveModuleSetSource(sharedModules);
  });

  afterAll(async () => {
    await env?.stop();
    for (const result of generated.values()) {
      fs.rmSync((await result).dir, { recursive: true, force: true });
    }
  });

  function dryRun(values: Record<string, unknown>) {
    const { template, directoryContents } = readTemplateForDryRun();
    return request(env.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ template, values, directoryContents });
  }

  /** Runs the template once per case; every test of the case reads the same output. */
  function generate(c: Case): Promise<Generated> {
    if (!generated.has(c.title)) {
      generated.set(
        c.title,
        (async () => {
          const response = await dryRun(c.values);
          if (response.status !== 200) {
            throw new Error(
              `dry run answered ${response.status}: ${JSON.stringify(
                response.body,
              )}`,
            );
          }
          const files = decodeDirectoryContents(
            response.body.directoryContents,
          );
          const hcl = new Map<string, HclDocument>();
          for (const [file, content] of files) {
            if (file.endsWith('.tf'))
              hcl.set(file, await parseHcl(file, content));
          }
          const dir = fs.mkdtempSync(
            path.join(os.tmpdir(), `vitals-${c.values.name}-`),
          );
          writeFiles(dir, files);
          return { response, files, hcl, dir };
        })(),
      );
    }
    return generated.get(c.title)!;
  }

  describe.each(cases)('$title', c => {
    let out: Generated;
    beforeAll(async () => {
      out = await generate(c);
    });

    it('runs every step and reports the error budget and the repository', () => {
      const messages: string[] = out.response.body.log.map(
        (entry: any) => entry.body.message,
      );
      const names = Object.fromEntries(
        out.response.body.steps.map((s: any) => [s.id, s.name]),
      );
      for (const step of [
        'validate',
        'regions',
        'modules',
        'fetch-base',
        'fetch-runtime',
        'fetch-pipelines',
        'publish-local',
      ]) {
        expect(messages).toContain(`Finished step ${names[step]}`);
      }
      const [summary] = out.response.body.output.text;
      expect(summary.content).toContain(`error budget of ${c.errorBudget}`);
      expect(summary.content).toContain(
        `Repository: \`<vitals.scaffolder.localPublish.root>/${c.values.name}\` (on the portal's host, in the Vitals checkout; to be pushed to \``,
      );
      // Neither the result nor what the Vitals steps log names a folder of the portal's host.
      expect(JSON.stringify(out.response.body.output)).not.toContain(
        env.workDir,
      );
      const vitalsStepLog = out.response.body.log
        .filter((entry: any) =>
          ['validate', 'regions', 'modules', 'publish-local'].includes(
            entry.body.stepId,
          ),
        )
        .map((entry: any) => entry.body.message)
        .join('\n');
      expect(vitalsStepLog).toContain(
        `would write the repository to <vitals.scaffolder.localPublish.root>/${c.values.name}`,
      );
      expect(vitalsStepLog).not.toContain(env.workDir);
      // A local folder is no link a browser can open; the portal hides links without a URL.
      expect(out.response.body.output.links).toEqual([
        { title: 'Repository', url: '' },
        { title: 'Open in catalog', icon: 'catalog' },
      ]);
      // A dry run publishes nothing.
      expect(fs.existsSync(path.join(env.publishRoot, c.values.name))).toBe(
        false,
      );
    });

    it('lays out one Terraform root per region plus global', () => {
      for (const environment of environmentsOf(c)) {
        for (const file of [
          'main.tf',
          'backend.tf',
          'versions.tf',
          'providers.tf',
          'variables.tf',
          'outputs.tf',
        ]) {
          expect(
            out.files.has(`infra/environments/${environment}/${file}`),
          ).toBe(true);
        }
      }
      const roots = new Set(
        [...out.files.keys()]
          .filter(f => f.startsWith('infra/environments/'))
          .map(f => f.split('/')[2]),
      );
      expect([...roots].sort()).toEqual(environmentsOf(c).sort());
    });

    it('calls only shared modules, pinned to the configured source and version', () => {
      const calls = [...out.hcl].flatMap(([file, doc]) =>
        Object.entries<any>(doc.module ?? {}).map(([key, [block]]) => ({
          file,
          key,
          source: block.source,
        })),
      );
      expect(calls.length).toBeGreaterThanOrEqual(9);
      for (const call of calls) {
        expect(call).toEqual({
          ...call,
          source: expect.stringMatching(
            new RegExp(
              `^${MODULE_SOURCE.replace(
                /[.?*+^$()[\]\\/]/g,
                '\\$&',
              )}//modules/(${SHARED_TERRAFORM_MODULES.join(
                '|',
              )})\\?ref=${MODULE_VERSION}$`,
            ),
          ),
        });
      }
    });

    it('passes each module every required input and only inputs it declares', () => {
      const roots = terraformRoots(out);
      expect(roots.map(r => r.dir).sort()).toEqual(
        environmentsOf(c)
          .map(e => `infra/environments/${e}`)
          .sort(),
      );
      for (const root of roots) {
        expect(inputProblems(root, resolveShared)).toEqual([]);
      }
    });

    it('reads only outputs the shared modules declare', () => {
      for (const root of terraformRoots(out)) {
        expect(outputProblems(root, resolveShared)).toEqual([]);
      }
    });

    it('references only variables and locals each root declares', () => {
      for (const root of terraformRoots(out)) {
        expect(referenceProblems(root)).toEqual([]);
      }
    });

    it('declares no resource that a shared module owns', () => {
      const owned = new Set(
        [...sharedModules.values()].flatMap(m => [...m.resourceTypes]),
      );
      for (const [file, doc] of out.hcl) {
        const inline = Object.keys(doc.resource ?? {}).filter(type =>
          owned.has(type),
        );
        expect({ file, inline }).toEqual({ file, inline: [] });
      }
    });

    it('tags every module call and every taggable inline resource with vitals-entity', () => {
      for (const environment of environmentsOf(c)) {
        const doc = out.hcl.get(`infra/environments/${environment}/main.tf`)!;
        expect(doc.locals[0].tags['vitals-entity']).toBe(
          `component:default/${c.values.name}`,
        );
        const tagged = [
          ...Object.entries<any>(doc.module ?? {}).map(([key, [block]]) => ({
            key,
            tags: block.tags,
          })),
          ...[
            'azurerm_resource_group',
            'azurerm_user_assigned_identity',
          ].flatMap(type =>
            Object.entries<any>(doc.resource?.[type] ?? {}).map(
              ([name, [block]]) => ({
                key: `${type}.${name}`,
                tags: block.tags,
              }),
            ),
          ),
        ];
        expect(tagged.length).toBeGreaterThan(1);
        for (const entry of tagged) {
          expect(entry).toEqual({ key: entry.key, tags: '${local.tags}' });
        }
      }
    });

    it('keeps each root state in azurerm, with Entra ID and its own key', () => {
      for (const environment of environmentsOf(c)) {
        const backend = out.hcl.get(
          `infra/environments/${environment}/backend.tf`,
        )!.terraform[0].backend.azurerm[0];
        expect(backend).toEqual({
          key: `${c.values.name}/${environment}.tfstate`,
          use_azuread_auth: true,
        });
        const versions = out.hcl.get(
          `infra/environments/${environment}/versions.tf`,
        )!.terraform[0];
        expect(versions.required_version).toBe('>= 1.6');
        expect(versions.required_providers[0].azurerm.version).toBe('~> 4.42');
      }
    });

    it('sizes the SQL failover group from the tier and puts compute and routing where they belong', () => {
      const global = out.hcl.get('infra/environments/global/main.tf')!.module;
      expect(global.sql[0]).toMatchObject({
        location: c.values.primaryRegion,
        secondary_location: c.secondaryRegion,
        rpo_minutes: c.sqlRpoMinutes,
        failover_mode: FAILOVER_MODE_BY_TIER[c.values.drTier],
      });
      expect(Object.keys(global)).toContain(
        c.values.globalRouting.replace('-', '_'),
      );
      const compute = c.values.hosting.replace('-', '_');
      for (const region of [c.values.primaryRegion, c.secondaryRegion]) {
        expect(
          Object.keys(
            out.hcl.get(`infra/environments/${region}/main.tf`)!.module,
          ),
        ).toContain(compute);
      }
    });

    it('keeps secrets out of the pipelines: the only one they name is the Vitals token, held by the CI system', () => {
      const pipelines = [...out.files.keys()].filter(
        f => f.startsWith('.github/') || f.includes('azure-pipelines'),
      );
      expect(pipelines.length).toBeGreaterThan(0);
      for (const file of pipelines) {
        const named = out.files.get(file)!.match(/secrets\.[A-Za-z_]+/g) ?? [];
        expect({ file, secrets: [...new Set(named)] }).toEqual({
          file,
          secrets:
            file === '.github/workflows/service.yml'
              ? ['secrets.VITALS_TOKEN']
              : [],
        });
      }
    });

    it('stamps the deploy-gate script exactly as the repository holds it', () => {
      expect(out.files.get('ci/deploy-gate.mjs')).toBe(
        fs.readFileSync(
          path.join(TEMPLATE_DIR, 'skeleton/ci/deploy-gate.mjs'),
          'utf8',
        ),
      );
    });

    it('writes a catalog entity the catalog accepts, annotated for SLOs, DR readiness and compliance', async () => {
      const entity = yaml.parse(out.files.get('catalog-info.yaml')!) as Entity;
      const accepted = await EntityPolicies.allOf([
        new DefaultNamespaceEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new FieldFormatEntityPolicy(),
        new SchemaValidEntityPolicy(),
      ]).enforce(entity);
      expect(accepted).toBeDefined();
      expect(await componentEntityV1alpha1Validator.check(accepted!)).toBe(
        true,
      );
      expect(getSloRefs(accepted!)).toEqual(['./slo.yaml']);
      expect(accepted!.metadata.annotations!['backstage.io/techdocs-ref']).toBe(
        'dir:.',
      );
      expect(readDrPolicy(accepted!)).toMatchObject({
        ok: true,
        policy: {
          entityRef: `component:default/${c.values.name}`,
          tier: c.values.drTier,
          tierSource: 'annotation',
          rto: c.rto ?? null,
          rpo: c.rpo ?? null,
          primaryRegion: c.values.primaryRegion,
          secondaryRegion: c.secondaryRegion,
          secondarySource: 'annotation',
          pairing: c.pairing,
          dataClassification: c.values.dataClassification,
          selector: {
            source: 'annotation',
            clauses: [
              {
                kind: 'tag',
                name: 'vitals-entity',
                value: `component:default/${c.values.name}`,
              },
            ],
          },
        },
      });
      expect(readDataClassification(accepted!)).toEqual({
        raw: c.values.dataClassification,
        value: c.values.dataClassification,
      });
      // The repository annotation and link of its host.
      const repo = c.values.repoUrl.startsWith('dev.azure.com')
        ? {
            annotation: 'dev.azure.com/project-repo',
            value: `clinical/${c.values.name}`,
            url: `https://dev.azure.com/vitals-health/clinical/_git/${c.values.name}`,
          }
        : {
            annotation: 'github.com/project-slug',
            value: `vitals-health/${c.values.name}`,
            url: `https://github.com/vitals-health/${c.values.name}`,
          };
      expect(accepted!.metadata.annotations![repo.annotation]).toBe(repo.value);
      expect(accepted!.metadata.links![0]).toMatchObject({
        title: 'Repository',
        url: repo.url,
      });
    });

    it('writes SLOs the SLO plugin parses without errors, on the telemetry the service sends', () => {
      const parsed = parseSloDocuments([
        { file: 'slo.yaml', text: out.files.get('slo.yaml')! },
      ]);
      expect(parsed.issues.filter(i => i.severity === 'error')).toEqual([]);
      expect(parsed.slos.map(s => s.name)).toEqual(['availability', 'latency']);
      const [availability, latency] = parsed.slos;
      expect(availability.service).toBe(c.values.name);
      expect(availability.objectives[0].target).toBeCloseTo(
        c.values.availabilityTarget / 100,
        10,
      );
      expect(latency.budgetingMethod).toBe('Timeslices');
      const selection = `AppRequests | where AppRoleName == "${c.values.name}"`;
      const expected =
        sliSourceOf(c) === 'application-insights'
          ? {
              availability: {
                kind: 'ratio',
                counter: true,
                good: {
                  query: 'toint(ResultCode) < 500',
                  dataSourceRef: TELEMETRY_DATA_SOURCE,
                },
                total: {
                  query: selection,
                  dataSourceRef: TELEMETRY_DATA_SOURCE,
                },
              },
              // DurationMs: the threshold in milliseconds.
              threshold: c.values.latencyThresholdMs,
              latency: {
                kind: 'threshold',
                query: {
                  query: `${selection} | summarize percentile(DurationMs, 99)`,
                  dataSourceRef: TELEMETRY_DATA_SOURCE,
                },
              },
            }
          : {
              availability: {
                kind: 'ratio',
                counter: true,
                good: {
                  query: `http_requests_total{service="${c.values.name}",code!~"5.."}`,
                  dataSourceRef: 'prometheus',
                },
                total: {
                  query: `http_requests_total{service="${c.values.name}"}`,
                },
              },
              // Prometheus histograms: the threshold in seconds.
              threshold: c.values.latencyThresholdMs / 1000,
              latency: {
                kind: 'threshold',
                query: {
                  query: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="${c.values.name}"}[5m])))`,
                  dataSourceRef: 'prometheus',
                },
              },
            };
      expect({
        availability: availability.indicator,
        threshold: latency.objectives[0].value,
        latency: latency.indicator,
      }).toMatchObject(expected);
      expect(latency.objectives[0]).toMatchObject({
        op: 'lt',
        target: c.values.latencyTarget / 100,
        timeSliceWindowMs: 60_000,
      });
      expect(out.response.body.output.text[0].content).toContain(
        sliSourceOf(c) === 'application-insights'
          ? `SLIs from Application Insights (Azure Monitor OpenTelemetry), read through the portal's \`${TELEMETRY_DATA_SOURCE}\` data source.`
          : "SLIs from Prometheus (the /metrics endpoint), read through the portal's `prometheus` data source.",
      );
    });

    it('gives each region an Application Insights component on the configured workspace, that only the workload identity may write to', () => {
      for (const [region, role] of [
        [c.values.primaryRegion, 'primary'],
        [c.secondaryRegion, 'secondary'],
      ] as const) {
        const root = out.hcl.get(`infra/environments/${region}/main.tf`)!;
        const [component] = root.module.application_insights;
        expect(component).toMatchObject({
          name: `appi-${c.values.name}-${region}`,
          location: expect.stringContaining('azurerm_resource_group.this'),
          workspace_id: TELEMETRY_WORKSPACE,
          role_assignments: {
            [`workload-${role}`]: {
              role_definition_name: 'Monitoring Metrics Publisher',
            },
          },
        });
        expect(JSON.stringify(component.monitor_private_link)).toContain(
          role === 'primary'
            ? 'module.log_analytics.private_link_scope_id'
            : 'local.primary_monitor_private_link_scope_id',
        );
        const outputs = out.hcl.get(
          `infra/environments/${region}/outputs.tf`,
        )!.output;
        expect(outputs.application_insights_connection_string[0]).toMatchObject(
          { sensitive: true },
        );
        const settings =
          root.module.app_service?.[0].app_settings ?? ({} as any);
        expect({
          connectionString: settings.APPLICATIONINSIGHTS_CONNECTION_STRING,
          agent: Object.keys(settings).filter(k =>
            k.startsWith('ApplicationInsightsAgent'),
          ),
        }).toEqual(
          c.values.hosting === 'app-service'
            ? {
                connectionString:
                  '${module.application_insights.connection_string}',
                // Only Java uses App Service's agent; the others instrument themselves.
                agent:
                  c.values.runtime === 'java'
                    ? ['ApplicationInsightsAgent_EXTENSION_VERSION']
                    : [],
              }
            : { connectionString: undefined, agent: [] },
        );
      }
      const manifest = out.files.get('deploy/kubernetes/deployment.yaml');
      const container = manifest
        ? yaml.parse(manifest).spec.template.spec.containers[0]
        : { env: [] };
      expect(
        container.env.find(
          (e: any) => e.name === 'APPLICATIONINSIGHTS_CONNECTION_STRING',
        ),
      ).toEqual(
        c.values.hosting === 'aks'
          ? {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
              valueFrom: {
                configMapKeyRef: {
                  name: `${c.values.name}-telemetry`,
                  key: 'connection-string',
                  optional: true,
                },
              },
            }
          : undefined,
      );
    });

    it('writes a Dockerfile, and Kubernetes manifests with the probes only for AKS', () => {
      expect(out.files.has('Dockerfile')).toBe(true);
      const manifest = out.files.get('deploy/kubernetes/deployment.yaml');
      const container = manifest
        ? yaml.parse(manifest).spec.template.spec.containers[0]
        : undefined;
      expect(
        container && {
          liveness: container.livenessProbe.httpGet.path,
          readiness: container.readinessProbe.httpGet.path,
        },
      ).toEqual(
        c.values.hosting === 'aks'
          ? { liveness: '/healthz', readiness: '/readyz' }
          : undefined,
      );
    });

    it('writes TechDocs with a DR runbook for the tier, the regions and the owner', () => {
      const mkdocs = yaml.parse(out.files.get('mkdocs.yml')!);
      for (const page of mkdocs.nav.flatMap((entry: Record<string, string>) =>
        Object.values(entry),
      )) {
        expect(out.files.has(`docs/${page}`)).toBe(true);
      }
      const runbook = out.files.get('docs/dr-runbook.md')!;
      expect(runbook).toContain(`**Tier ${c.values.drTier}**`);
      expect(runbook).toContain(
        c.rto ? `(RTO ${c.rto})` : 'no recovery objectives',
      );
      expect(runbook).toContain(`(\`${c.secondaryRegion}\`)`);
      expect(runbook).toContain('Owner `group:default/care-experience`');
      expect(runbook).toContain(c.runbookPairing);
      expect(runbook).toContain(
        {
          Automatic: 'Automatic (Microsoft-managed) after a grace period',
          Manual: c.rto
            ? `Customer-managed (policy Manual): the automatic policy's grace period of at least 60 minutes would leave the databases unwritable beyond the ${
                c.rto === 'PT15M' ? 15 : 60
              }-minute RTO`
            : 'Manual only (tier none)',
        }[FAILOVER_MODE_BY_TIER[c.values.drTier]],
      );
      for (const file of out.files.keys()) {
        expect({
          file,
          unrendered: /\$\{\{ *values|\{%/.test(out.files.get(file)!),
        }).toEqual({ file, unrendered: false });
      }
    });
  });

  describe.each(
    cases.filter(c => c.values.pipelineProvider === 'github-actions'),
  )('GitHub Actions of $title', c => {
    let out: Generated;
    beforeAll(async () => {
      out = await generate(c);
    });

    it('lints clean with actionlint', async () => {
      const workflows = [...out.files.keys()]
        .filter(f => f.startsWith('.github/workflows/'))
        .map(file => ({ path: file, content: out.files.get(file)! }));
      expect(workflows.map(w => w.path).sort()).toEqual([
        '.github/workflows/dr-drill.yml',
        '.github/workflows/infrastructure.yml',
        '.github/workflows/service.yml',
      ]);
      expect(out.files.has('azure-pipelines.yml')).toBe(false);
      expect(await lintWorkflows(workflows)).toEqual([]);
    });

    it('plans, scans and applies with approval through the shared reusable workflows, signing in with OIDC', () => {
      const infrastructure = yaml.parse(
        out.files.get('.github/workflows/infrastructure.yml')!,
      );
      expect(infrastructure.jobs['security-scan'].uses).toBe(
        `${PIPELINES_REPO}/.github/workflows/terraform-security-scan.yml@${PIPELINES_REF}`,
      );
      for (const environment of environmentsOf(c)) {
        for (const command of ['plan', 'apply']) {
          const job = infrastructure.jobs[`${command}-${environment}`];
          expect(job).toMatchObject({
            uses: `${PIPELINES_REPO}/.github/workflows/terraform.yml@${PIPELINES_REF}`,
            permissions: { 'id-token': 'write', contents: 'read' },
            with: {
              command,
              'working-directory': `infra/environments/${environment}`,
              'azure-client-id': '${{ vars.AZURE_CLIENT_ID }}',
              'azure-tenant-id': '${{ vars.AZURE_TENANT_ID }}',
              'azure-subscription-id': '${{ vars.AZURE_SUBSCRIPTION_ID }}',
            },
          });
        }
        expect(
          infrastructure.jobs[`apply-${environment}`].with.environment,
        ).toBe(`production-${environment}`);
      }
      const login = infrastructure.jobs['verify-tags'].steps.find((s: any) =>
        String(s.uses).startsWith('azure/login@'),
      );
      expect(login.with).toEqual({
        'client-id': '${{ vars.AZURE_CLIENT_ID }}',
        'tenant-id': '${{ vars.AZURE_TENANT_ID }}',
        'subscription-id': '${{ vars.AZURE_SUBSCRIPTION_ID }}',
      });
    });

    it('stops releases at the error-budget gate and marks each deployment in Vitals', () => {
      const service = yaml.parse(
        out.files.get('.github/workflows/service.yml')!,
      );
      const gate = service.jobs['deploy-gate'];
      expect(gate.needs).toBe('build');
      expect(gate.steps[1]).toMatchObject({
        run: 'node ci/deploy-gate.mjs check',
        env: {
          VITALS_URL: '${{ vars.VITALS_URL }}',
          VITALS_TOKEN: '${{ secrets.VITALS_TOKEN }}',
          VITALS_ENTITY_REF: `component:default/${c.values.name}`,
        },
      });
      expect(service.jobs[`deploy-${c.values.primaryRegion}`].needs).toBe(
        'deploy-gate',
      );
      for (const region of [c.values.primaryRegion, c.secondaryRegion]) {
        const mark = service.jobs[`mark-${region}`];
        expect(mark.needs).toBe(`deploy-${region}`);
        expect(mark.steps[1].run).toBe(
          `node ci/deploy-gate.mjs record --environment production-${region} --version "\${{ github.sha }}" --url "\${{ github.server_url }}/\${{ github.repository }}/actions/runs/\${{ github.run_id }}"`,
        );
      }
    });

    it('runs a DR drill through the shared workflow and verifies the failback', () => {
      const drill = yaml.parse(
        out.files.get('.github/workflows/dr-drill.yml')!,
      );
      expect(drill.jobs.drill).toMatchObject({
        uses: `${PIPELINES_REPO}/.github/workflows/dr-drill.yml@${PIPELINES_REF}`,
        permissions: { 'id-token': 'write' },
        with: {
          'primary-region': c.values.primaryRegion,
          'secondary-region': c.secondaryRegion,
          'dr-tier': c.values.drTier,
        },
      });
      expect(drill.jobs.verify.steps[0].uses).toBe('azure/login@v2');
    });
  });

  describe.each(
    cases.filter(c => c.values.pipelineProvider === 'azure-pipelines'),
  )('Azure Pipelines of $title', c => {
    let out: Generated;
    beforeAll(async () => {
      out = await generate(c);
    });

    it('extends the shared template, pinned, with approval environments and an OIDC service connection', () => {
      expect([...out.files.keys()].some(f => f.startsWith('.github/'))).toBe(
        false,
      );
      const pipeline = yaml.parse(out.files.get('azure-pipelines.yml')!);
      expect(pipeline.resources.repositories[0]).toEqual({
        repository: 'pipelines',
        type: 'git',
        name: PIPELINES_REPO,
        ref: `refs/tags/${PIPELINES_REF}`,
      });
      expect(pipeline.extends.template).toBe(
        'templates/hipaa-service.yml@pipelines',
      );
      expect(pipeline.extends.parameters).toMatchObject({
        service: c.values.name,
        azureServiceConnection: `${c.values.name}-azure`,
        securityScan: { workingDirectory: 'infra' },
      });
      expect(
        pipeline.extends.parameters.terraform.map((t: any) => [
          t.workingDirectory,
          t.deploymentEnvironment,
        ]),
      ).toEqual(
        environmentsOf(c).map(e => [
          `infra/environments/${e}`,
          `production-${e}`,
        ]),
      );
    });

    it('passes the error-budget gate and the deployment markers to the shared template', () => {
      const pipeline = yaml.parse(out.files.get('azure-pipelines.yml')!);
      const { preDeploySteps, deploy } = pipeline.extends.parameters;
      expect(preDeploySteps).toEqual([
        {
          script: 'node ci/deploy-gate.mjs check',
          displayName: 'Error-budget gate (no SLO in freeze)',
          env: {
            VITALS_URL: '$(VITALS_URL)',
            VITALS_TOKEN: '$(VITALS_TOKEN)',
            VITALS_ENTITY_REF: `component:default/${c.values.name}`,
          },
        },
      ]);
      expect(
        deploy.map((d: any) => [d.region, d.postDeploySteps[0].script]),
      ).toEqual(
        [c.values.primaryRegion, c.secondaryRegion].map(region => [
          region,
          `node ci/deploy-gate.mjs record --environment production-${region} --version "$(Build.SourceVersion)" --url "$(System.CollectionUri)$(System.TeamProject)/_build/results?buildId=$(Build.BuildId)"`,
        ]),
      );
    });

    it('runs the DR drill from the shared stage template', () => {
      const drill = yaml.parse(out.files.get('.azure-pipelines/dr-drill.yml')!);
      expect(drill.stages[0]).toMatchObject({
        template: 'templates/dr-drill.yml@pipelines',
        parameters: {
          secondaryRegion: c.secondaryRegion,
          drTier: c.values.drTier,
        },
      });
    });
  });

  describe.each(cases.filter(c => c.values.runtime === 'node'))(
    'the Node.js service of $title',
    c => {
      it('passes its own tests: probes, and the request metrics the SLOs read', async () => {
        const result = await runNodeServiceTests((await generate(c)).dir);
        expect({
          code: result.code,
          output: result.code === 0 ? '' : result.output,
        }).toEqual({ code: 0, output: '' });
      });
    },
  );

  describe.each(cases.filter(c => c.values.runtime === 'python'))(
    'the Python service of $title',
    c => {
      it('passes its own tests with the machine’s python3: probes, and the request metrics the SLOs read', async () => {
        const result = await runPythonServiceTests((await generate(c)).dir);
        expect({
          code: result.code,
          ran: /^Ran (\d+) tests?/m.exec(result.output)?.[1],
          output: result.code === 0 ? '' : result.output,
        }).toEqual({ code: 0, ran: '3', output: '' });
      });

      it('starts Azure Monitor OpenTelemetry before Flask, keeping every request but the probes, on App Service’s Python stack', async () => {
        const { files, hcl } = await generate(c);
        const entry = files.get('app.py')!;
        expect(entry.indexOf('start_telemetry()')).toBeGreaterThan(-1);
        expect(entry.indexOf('start_telemetry()')).toBeLessThan(
          entry.indexOf('from service.web import create_app'),
        );
        const telemetry = files.get('service/telemetry.py')!;
        expect(telemetry).toContain('configure_azure_monitor(**options)');
        expect(telemetry).toContain(
          'environ.setdefault("OTEL_TRACES_SAMPLER", "microsoft.fixed_percentage")',
        );
        expect(telemetry).toContain('"enable_live_metrics": False');
        expect(files.get('requirements.txt')).toMatch(
          /^azure-monitor-opentelemetry[>=]/m,
        );
        for (const region of [c.values.primaryRegion, c.secondaryRegion]) {
          expect(
            hcl.get(`infra/environments/${region}/main.tf`)!.module
              .app_service[0].application_stack,
          ).toEqual({ python_version: '3.12' });
        }
      });
    },
  );

  describe.each(cases.filter(c => c.values.runtime === 'java'))(
    'the Java service of $title',
    c => {
      it('compiles, answers its probes and exposes the request metrics the SLOs read', async () => {
        const probe = await probeJavaService((await generate(c)).dir);
        expect(probe.compile).toMatchObject({ code: 0 });
        expect([probe.root, probe.healthz, probe.readyz]).toEqual([
          200, 200, 200,
        ]);
        expect(probe.metrics).toContain(
          `http_requests_total{service="${c.values.name}",method="GET",route="/",code="200"} 1`,
        );
        expect(probe.metrics).toContain(
          `http_request_duration_seconds_bucket{service="${
            c.values.name
          }",method="GET",route="/",code="200",le="${
            c.values.latencyThresholdMs / 1000
          }"} 1`,
        );
        expect(probe.metrics).not.toContain('route="/healthz"');
      });

      it('attaches the Application Insights agent, keeping every request but the probes under the service role name', async () => {
        const { files } = await generate(c);
        const config = JSON.parse(files.get('applicationinsights.json')!);
        expect(config.role.name).toBe(c.values.name);
        expect(config.sampling.percentage).toBe(100);
        expect(config.sampling.overrides).toEqual([
          expect.objectContaining({ telemetryType: 'request', percentage: 0 }),
        ]);
        const [probeFilter] = config.sampling.overrides[0].attributes;
        const probes = new RegExp(`^(?:${probeFilter.value})$`);
        expect(
          ['/healthz', '/readyz', '/metrics', '/', '/appointments'].filter(p =>
            probes.test(p),
          ),
        ).toEqual(['/healthz', '/readyz', '/metrics']);
        expect(config.preview.liveMetrics.enabled).toBe(false);
        const dockerfile = files.get('Dockerfile')!;
        expect(dockerfile).toContain(
          'ENV JAVA_TOOL_OPTIONS=-javaagent:/app/applicationinsights-agent.jar',
        );
        expect(dockerfile).toContain(
          'COPY applicationinsights.json /app/applicationinsights.json',
        );
        expect(files.get('pom.xml')).toMatch(
          /<artifactId>applicationinsights-agent<\/artifactId>\s*<version>\$\{applicationinsights\.agent\.version\}<\/version>/,
        );
        expect(files.get('pom.xml')).toMatch(
          /<applicationinsights\.agent\.version>\d+\.\d+\.\d+<\/applicationinsights\.agent\.version>/,
        );
      });
    },
  );

  describe.each(cases.filter(c => c.values.runtime === 'dotnet'))(
    'the .NET service of $title',
    c => {
      it('maps the probes and records the metrics the SLOs read', async () => {
        const { files } = await generate(c);
        const program = files.get('src/Service/Program.cs')!;
        expect(program).toContain('"http_requests_total"');
        expect(program).toContain('"http_request_duration_seconds"');
        expect(program).toContain(
          `const double LatencyThresholdSeconds = ${
            c.values.latencyThresholdMs / 1000
          };`,
        );
        expect(program).toMatch(/MapGet\("\/healthz"/);
        expect(program).toMatch(/MapGet\("\/readyz"/);
        expect(files.get('src/Service/Service.csproj')).toContain(
          `<AssemblyName>${c.values.name}</AssemblyName>`,
        );
      });

      it('sends every request but the probes to Application Insights, signed in with the workload identity', async () => {
        const { files } = await generate(c);
        const program = files.get('src/Service/Program.cs')!;
        const csproj = files.get('src/Service/Service.csproj')!;
        expect(csproj).toMatch(
          /<PackageReference Include="Azure\.Monitor\.OpenTelemetry\.AspNetCore" Version="\d+\.\d+\.\d+" \/>/,
        );
        expect(csproj).toMatch(
          /<PackageReference Include="Azure\.Identity" Version="\d+\.\d+\.\d+" \/>/,
        );
        expect(program).toContain('.UseAzureMonitor(options =>');
        expect(program).toContain('resource.AddService(serviceName)');
        // The distro's default rate limit would drop requests the SLIs count.
        expect(program).toContain('options.SamplingRatio = 1.0F;');
        expect(program).toContain('options.TracesPerSecond = null;');
        expect(program).toContain('options.EnableLiveMetrics = false;');
        expect(program).toContain(
          'options.Credential = new DefaultAzureCredential',
        );
        expect(program).toContain(
          'options.Filter = context => !unmeasuredPaths.Contains(',
        );
      });
    },
  );

  describe('refuses requests it cannot build, saying why', () => {
    async function refusal(values: Record<string, unknown>) {
      const res = await dryRun(values);
      expect(res.status).toBe(400);
      return res.body.error.message as string;
    }

    it('a PHI secondary in another geography', async () => {
      const message = await refusal({
        ...baseValues,
        secondaryRegion: 'westeurope',
      });
      expect(message).toContain(
        'secondaryRegion westeurope (West Europe) is in the Europe geography',
      );
      expect(message).toContain('PHI must stay in one geography');
      expect(message).toContain('Choose centralus, the Azure pair');
    });

    it('PHI in a nonpaired region whose geography has no second region', async () => {
      expect(
        await refusal({ ...baseValues, primaryRegion: 'qatarcentral' }),
      ).toContain('Qatar has no other Azure region');
    });

    it('a name already in the catalog', async () => {
      const message = await refusal({
        ...baseValues,
        name: 'appointments-service',
        repoUrl: 'github.com?owner=vitals-health&repo=appointments-service',
      });
      expect(message).toContain('name "appointments-service" is taken');
      expect(message).toContain('owned by care-experience');
    });

    it('an owner or system that is not in the catalog', async () => {
      const message = await refusal({
        ...baseValues,
        owner: 'group:default/nobody',
        system: 'system:default/nothing',
      });
      expect(message).toContain(
        'owner group:default/nobody is not in the catalog',
      );
      expect(message).toContain(
        'system system:default/nothing is not in the catalog',
      );
    });

    it('Traffic Manager in front of App Service', async () => {
      expect(
        await refusal({ ...baseValues, globalRouting: 'traffic-manager' }),
      ).toContain(
        'globalRouting traffic-manager cannot reach an App Service app',
      );
    });

    it.each([
      ['name', { name: 'Claims_Intake' }, 'does not match pattern'],
      ['name', { name: 'claims--intake' }, 'does not match pattern'],
      [
        'primaryRegion',
        { primaryRegion: 'eastus3' },
        'is not one of enum values',
      ],
      ['drTier', { drTier: 'gold' }, 'is not one of enum values'],
      [
        'availabilityTarget',
        { availabilityTarget: 100 },
        'must be strictly less than 100',
      ],
      [
        'availabilityTarget',
        { availabilityTarget: 89.9 },
        'must be greater than or equal to 90',
      ],
      [
        'latencyThresholdMs',
        { latencyThresholdMs: 0 },
        'must be greater than or equal to 1',
      ],
      [
        'latencyTarget',
        { latencyTarget: 100 },
        'must be strictly less than 100',
      ],
      ['runtime', { runtime: 'cobol' }, 'is not one of enum values'],
      ['sliSource', { sliSource: 'datadog' }, 'is not one of enum values'],
      [
        'repoUrl',
        { repoUrl: 'evil.example?owner=a&repo=b' },
        'does not match pattern',
      ],
      [
        'repoUrl',
        { repoUrl: 'github.com.evil.example?owner=a&repo=b' },
        'does not match pattern',
      ],
    ])(
      '%s outside the form schema, before any step runs (%j)',
      async (field, change, expected) => {
        const res = await dryRun({ ...baseValues, ...change });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              property: `instance.${field}`,
              message: expect.stringContaining(expected),
            }),
          ]),
        );
      },
    );
  });
});

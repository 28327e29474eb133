import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TierObjectivesConfig } from '@vitals/plugin-dr-readiness-common';
import { EntityLookup } from '../catalog/entityLookup';
import {
  DEFAULT_ALLOWED_HOSTS,
  DEFAULT_SLI_DATA_SOURCES,
  TelemetryConfig,
} from '../config';
import { describeErrorBudget, SLO_WINDOW_DAYS } from '../domain/errorBudget';
import {
  HipaaServicePlan,
  RequestProblem,
  validateHipaaServiceRequest,
} from '../domain/serviceRequest';
import { examples } from './hipaaValidate.examples';

export const HIPAA_VALIDATE_ACTION_ID = 'vitals:hipaa:validate';

/** Which publish step the template runs: local files (embedded default) or GitHub. */
export type PublishTarget = 'local' | 'github' | 'azure';

export interface HipaaValidateActionOptions {
  /** `vitals.drReadiness.tiers`: the RTO and RPO of each tier. */
  drTiers?: TierObjectivesConfig;
  /** `vitals.scaffolder.localPublish.enabled`. */
  localPublishEnabled: boolean;
  /** Without it the catalog checks (name free, owner and system exist) are skipped. */
  entityLookup?: EntityLookup;
  /**
   * Hosts `repoUrl` may name (`vitals.scaffolder.allowedHosts`, see
   * readAllowedHosts). Default github.com and dev.azure.com.
   */
  allowedHosts?: readonly string[];
  /** `vitals.scaffolder.telemetry`: the portal's data source per SLI source. */
  telemetry?: TelemetryConfig;
}

/** What the generated slo.yaml, services and Terraform need to report SLIs. */
export interface ServiceTelemetry {
  sliSource: HipaaServicePlan['sliSource'];
  /** The `vitals.slo.dataSources` entry slo.yaml names as metricSourceRef. */
  dataSource: string;
  /** The workspace the Application Insights components write to; '' for their own. */
  workspaceResourceId: string;
}

/** Where the service's SLIs come from, and what the owner must know about it. */
export function serviceTelemetry(
  plan: HipaaServicePlan,
  config?: TelemetryConfig,
): { telemetry: ServiceTelemetry; warnings: string[] } {
  const dataSources = config?.dataSources ?? DEFAULT_SLI_DATA_SOURCES;
  const workspaceResourceId = config?.workspaceResourceId ?? '';
  const warnings: string[] = [];
  if (plan.sliSource === 'application-insights' && !workspaceResourceId) {
    warnings.push(
      `vitals.scaffolder.telemetry.applicationInsights.workspaceResourceId is not set, so the service's Application Insights components write to its own Log Analytics workspace: point the portal's \`${dataSources['application-insights']}\` data source at that workspace (or set the key) before the SLOs can compute.`,
    );
  }
  return {
    telemetry: {
      sliSource: plan.sliSource,
      dataSource: dataSources[plan.sliSource],
      workspaceResourceId,
    },
    warnings,
  };
}

function formatProblems(problems: RequestProblem[]): string {
  return `The hipaa-service request was refused:\n${problems
    .map(p => `- ${p.field}: ${p.message}`)
    .join('\n')}`;
}

const SLI_SOURCE_NAMES: Record<HipaaServicePlan['sliSource'], string> = {
  'application-insights': 'Application Insights (Azure Monitor OpenTelemetry)',
  prometheus: 'Prometheus (the /metrics endpoint)',
};

/** Markdown shown on the result page: what the service committed to. */
export function summarizePlan(
  plan: HipaaServicePlan,
  telemetry?: ServiceTelemetry,
  extraWarnings: readonly string[] = [],
): string {
  const objectives =
    plan.drTier === 'none'
      ? 'no recovery objectives (tier none)'
      : `RTO ${plan.rto} (${plan.rtoMinutes} min), RPO ${plan.rpo} (${plan.rpoMinutes} min)`;
  return [
    `**${plan.entityRef}**: ${plan.dataClassification.toUpperCase()} data, ${
      plan.primaryRegion
    } → ${plan.secondaryRegion} (${plan.pairing}, ${plan.geography}).`,
    `DR tier **${plan.drTier}**: ${objectives}.`,
    `Availability ${
      plan.availabilityTarget
    }% leaves an error budget of ${describeErrorBudget(
      plan.availabilityTarget,
    )}; ${plan.latencyTarget}% of minutes with p99 latency under ${
      plan.latencyThresholdMs
    } ms.`,
    ...(telemetry
      ? [
          `SLIs from ${
            SLI_SOURCE_NAMES[telemetry.sliSource]
          }, read through the portal's \`${
            telemetry.dataSource
          }\` data source.`,
        ]
      : []),
    ...[...plan.warnings, ...extraWarnings].map(w => `⚠ ${w}`),
  ].join('\n\n');
}

/**
 * `vitals:hipaa:validate`: checks every value of the hipaa-service form on
 * the server, then in the catalog (the name is free, owner and system
 * exist), and outputs what the later steps need: recovery objectives,
 * error budget, region pair, resource names and the publish target.
 */
export function createHipaaValidateAction(options: HipaaValidateActionOptions) {
  return createTemplateAction({
    id: HIPAA_VALIDATE_ACTION_ID,
    description:
      'Validates a hipaa-service request again on the server (names, regions, data residency for PHI, DR tier, SLO targets) and derives recovery objectives, the error budget and Azure resource names.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Service name: 3-30 lowercase letters, digits and single hyphens, starting with a letter. Must be free in the catalog.',
          }),
        description: z =>
          z
            .string({
              description: 'One or two sentences, at most 280 characters.',
            })
            .optional(),
        owner: z =>
          z.string({
            description:
              'Owning group, an entity ref such as group:default/care-experience.',
          }),
        system: z =>
          z.string({
            description:
              'System the service belongs to, e.g. system:default/patient-portal.',
          }),
        dataClassification: z =>
          z
            .string({
              description:
                'phi, pii, confidential, internal or public (default phi). PHI keeps both regions in one geography.',
            })
            .optional(),
        primaryRegion: z =>
          z.string({
            description: 'Programmatic Azure region name, e.g. eastus2.',
          }),
        secondaryRegion: z =>
          z
            .string({
              description:
                'Region to fail over to; empty or "pair" for the Azure pair of the primary.',
            })
            .optional(),
        drTier: z =>
          z.string({ description: 'critical, high, standard or none.' }),
        availabilityTarget: z =>
          z.union([z.number(), z.string()], {
            description:
              'Availability objective in percent, at least 90 and below 100 (e.g. 99.9).',
          }),
        latencyThresholdMs: z =>
          z.union([z.number(), z.string()], {
            description: 'p99 latency threshold in milliseconds, 1-60000.',
          }),
        latencyTarget: z =>
          z.union([z.number(), z.string()], {
            description:
              'Percent of minutes whose p99 latency must stay under the threshold, at least 50 and below 100.',
          }),
        sliSource: z =>
          z
            .string({
              description:
                'Where slo.yaml reads SLIs: application-insights (default) or prometheus.',
            })
            .optional(),
        runtime: z =>
          z.string({ description: 'node, dotnet, java or python.' }),
        hosting: z =>
          z.string({ description: 'app-service (default) or aks.' }).optional(),
        globalRouting: z =>
          z
            .string({
              description:
                'front-door (default) or traffic-manager (AKS services with non-HTTP protocols only).',
            })
            .optional(),
        pipelineProvider: z =>
          z.string({ description: 'github-actions or azure-pipelines.' }),
        repoUrl: z =>
          z.string({
            description:
              'RepoUrlPicker value: host?owner=<owner>&repo=<repository>. The host must be one of vitals.scaffolder.allowedHosts, checked on the server in dry runs too.',
          }),
      },
      output: {
        entityRef: z => z.string({ description: 'component:default/<name>' }),
        owner: z => z.string({ description: 'Owner entity ref, normalised.' }),
        system: z =>
          z.string({ description: 'System entity ref, normalised.' }),
        hipaaApplies: z =>
          z.boolean({
            description: 'True for PHI: HIPAA controls are enforced.',
          }),
        primaryRegion: z => z.string({ description: 'Primary region.' }),
        secondaryRegion: z =>
          z.string({
            description: 'Secondary region (the pair unless named).',
          }),
        pairing: z =>
          z.string({ description: 'paired, one-way, unpaired or custom.' }),
        geography: z =>
          z.string({ description: 'Azure geography of the primary.' }),
        drTier: z => z.string({ description: 'The DR tier.' }),
        rto: z =>
          z.string({
            description: 'ISO-8601 RTO of the tier; empty for none.',
          }),
        rpo: z =>
          z.string({
            description: 'ISO-8601 RPO of the tier; empty for none.',
          }),
        rtoMinutes: z =>
          z.number({ description: 'RTO in minutes; 0 for none.' }),
        rpoMinutes: z =>
          z.number({ description: 'RPO in minutes; 0 for none.' }),
        sqlRpoMinutes: z =>
          z.number({
            description:
              'RPO handed to the sql module (sizes the failover grace period).',
          }),
        sqlFailoverMode: z =>
          z.string({
            description:
              'Automatic when the failover group is writable again within the RTO after the grace period (standard with the default tiers); Manual (customer-managed, run by the DR runbook) otherwise and for tier none.',
          }),
        availabilityRatio: z =>
          z.number({
            description: 'Availability target as a fraction (0.999).',
          }),
        errorBudgetMinutes: z =>
          z.number({
            description: `Minutes of unavailability the availability target allows per ${SLO_WINDOW_DAYS} days.`,
          }),
        errorBudget: z =>
          z.string({
            description:
              'The error budget in words, e.g. 43.2 minutes per 30 days.',
          }),
        latencyRatio: z =>
          z.number({ description: 'Latency target as a fraction (0.99).' }),
        latencyThresholdSeconds: z =>
          z.number({
            description:
              'Latency threshold in seconds, as Prometheus histograms measure.',
          }),
        hosting: z => z.string({ description: 'app-service or aks.' }),
        globalRouting: z =>
          z.string({ description: 'front-door or traffic-manager.' }),
        repository: z =>
          z.object(
            {
              host: z.string(),
              owner: z.string(),
              project: z.string().optional(),
              repo: z.string(),
              webUrl: z.string(),
              cloneUrl: z.string(),
              blobUrl: z.string(),
            },
            { description: 'Where the repository lives, and its URLs.' },
          ),
        names: z =>
          z.record(z.any(), {
            description: 'Azure resource names of the service.',
          }),
        publishTarget: z =>
          z.string({
            description:
              'local when vitals.scaffolder.localPublish.enabled (embedded default), else azure for dev.azure.com and github for any other host.',
          }),
        telemetry: z =>
          z.object(
            {
              sliSource: z.string(),
              dataSource: z.string(),
              workspaceResourceId: z.string(),
            },
            {
              description:
                'SLI source, the portal data source slo.yaml names, and the Log Analytics workspace of the Application Insights components ("" for the service\'s own).',
            },
          ),
        warnings: z =>
          z.array(z.string(), {
            description: 'What the owner should know; nothing blocking.',
          }),
        summary: z =>
          z.string({ description: 'Markdown summary for the result page.' }),
      },
    },
    async handler(ctx) {
      const result = validateHipaaServiceRequest(ctx.input, {
        tiers: options.drTiers,
        allowedHosts: options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS,
      });
      if (!result.ok) {
        throw new InputError(formatProblems(result.problems));
      }
      const { plan } = result;

      if (options.entityLookup) {
        const credentials = await ctx.getInitiatorCredentials();
        const lookup = options.entityLookup;
        const [existing, owner, system] = await Promise.all([
          lookup.getEntityByRef(plan.entityRef, credentials),
          lookup.getEntityByRef(plan.owner, credentials),
          lookup.getEntityByRef(plan.system, credentials),
        ]);
        const problems: RequestProblem[] = [];
        if (existing) {
          const existingOwner = (
            existing.spec as { owner?: string } | undefined
          )?.owner;
          problems.push({
            field: 'name',
            message: `name "${plan.name}" is taken: ${
              plan.entityRef
            } is already in the catalog${
              existingOwner ? ` (owned by ${existingOwner})` : ''
            }. Choose another name.`,
          });
        }
        if (!owner) {
          problems.push({
            field: 'owner',
            message: `owner ${plan.owner} is not in the catalog; pick an existing group`,
          });
        }
        if (!system) {
          problems.push({
            field: 'system',
            message: `system ${plan.system} is not in the catalog; pick an existing system`,
          });
        }
        if (problems.length > 0) {
          throw new InputError(formatProblems(problems));
        }
      }

      const { telemetry, warnings: telemetryWarnings } = serviceTelemetry(
        plan,
        options.telemetry,
      );
      const warnings = [...plan.warnings, ...telemetryWarnings];
      for (const warning of warnings) {
        ctx.logger.warn(warning);
      }
      ctx.logger.info(
        `${plan.entityRef}: ${plan.primaryRegion} → ${plan.secondaryRegion} (${
          plan.pairing
        }), tier ${plan.drTier}, error budget ${describeErrorBudget(
          plan.availabilityTarget,
        )}`,
      );

      ctx.output('entityRef', plan.entityRef);
      ctx.output('owner', plan.owner);
      ctx.output('system', plan.system);
      ctx.output('hipaaApplies', plan.hipaaApplies);
      ctx.output('primaryRegion', plan.primaryRegion);
      ctx.output('secondaryRegion', plan.secondaryRegion);
      ctx.output('pairing', plan.pairing);
      ctx.output('geography', plan.geography);
      ctx.output('drTier', plan.drTier);
      ctx.output('rto', plan.rto ?? '');
      ctx.output('rpo', plan.rpo ?? '');
      ctx.output('rtoMinutes', plan.rtoMinutes ?? 0);
      ctx.output('rpoMinutes', plan.rpoMinutes ?? 0);
      ctx.output('sqlRpoMinutes', plan.sqlRpoMinutes);
      ctx.output('sqlFailoverMode', plan.sqlFailoverMode);
      ctx.output('availabilityRatio', plan.availabilityRatio);
      ctx.output('errorBudgetMinutes', plan.errorBudgetMinutes);
      ctx.output('errorBudget', describeErrorBudget(plan.availabilityTarget));
      ctx.output('latencyRatio', plan.latencyRatio);
      ctx.output('latencyThresholdSeconds', plan.latencyThresholdSeconds);
      ctx.output('hosting', plan.hosting);
      ctx.output('globalRouting', plan.globalRouting);
      ctx.output('repository', { ...plan.repository });
      ctx.output('names', JSON.parse(JSON.stringify(plan.names)));
      ctx.output('publishTarget', publishTargetFor(plan.repository, options));
      ctx.output('telemetry', { ...telemetry });
      ctx.output('warnings', warnings);
      ctx.output('summary', summarizePlan(plan, telemetry, telemetryWarnings));
    },
  });
}

/** Where the publish step writes: locally when enabled, else the repository's host. */
export function publishTargetFor(
  repository: { host: string },
  options: { localPublishEnabled?: boolean },
): PublishTarget {
  if (options.localPublishEnabled) return 'local';
  return repository.host === 'dev.azure.com' ? 'azure' : 'github';
}

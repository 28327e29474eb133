import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { EntityLookup } from '../catalog/entityLookup';
import { TelemetryConfig } from '../config';
import { exampleSteps, isTemplated } from '../__testUtils__/actionExamples';
import {
  createHipaaValidateAction,
  HIPAA_VALIDATE_ACTION_ID,
} from './hipaaValidate';
import { examples, validRequest } from './hipaaValidate.examples';

/** The catalog as the action sees it: entities by ref, and which credentials asked. */
class InMemoryEntityLookup implements EntityLookup {
  readonly requests: Array<{ ref: string; principal: unknown }> = [];
  constructor(private readonly entities: Entity[]) {}
  async getEntityByRef(ref: string, credentials: any) {
    this.requests.push({ ref, principal: credentials.principal });
    return this.entities.find(
      e =>
        `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }` === ref,
    );
  }
}

const catalog = () =>
  new InMemoryEntityLookup([
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'care-experience' },
      spec: {},
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'patient-portal' },
      spec: {},
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'appointments-service' },
      spec: { owner: 'care-experience' },
    },
  ]);

function outputsOf(ctx: ReturnType<typeof createMockActionContext>) {
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

async function run(
  input: Record<string, unknown>,
  options: {
    lookup?: EntityLookup;
    local?: boolean;
    dryRun?: boolean;
    allowedHosts?: string[];
    telemetry?: TelemetryConfig;
  } = {},
) {
  const action = createHipaaValidateAction({
    localPublishEnabled: options.local ?? true,
    entityLookup: options.lookup,
    telemetry: options.telemetry,
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
  });
  const ctx = {
    ...createMockActionContext({ input: input as any }),
    isDryRun: options.dryRun,
  };
  await action.handler(ctx as any);
  return outputsOf(ctx);
}

describe('vitals:hipaa:validate', () => {
  it('outputs the error budget, recovery objectives, region pair and names', async () => {
    const outputs = await run(
      { ...validRequest, sliSource: 'prometheus' },
      { lookup: catalog() },
    );
    expect(outputs).toMatchObject({
      entityRef: 'component:default/claims-intake',
      owner: 'group:default/care-experience',
      system: 'system:default/patient-portal',
      hipaaApplies: true,
      primaryRegion: 'eastus2',
      secondaryRegion: 'centralus',
      pairing: 'paired',
      drTier: 'high',
      rto: 'PT1H',
      rpo: 'PT15M',
      rtoMinutes: 60,
      rpoMinutes: 15,
      errorBudgetMinutes: 43.2,
      errorBudget: '43.2 minutes per 30 days',
      publishTarget: 'local',
      warnings: [],
    });
    expect(outputs.summary).toContain(
      'error budget of 43.2 minutes per 30 days',
    );
    expect(outputs.names.resourceGroups.global).toBe('rg-claims-intake-global');
  });

  it('asks the catalog on behalf of the user who runs the template', async () => {
    const lookup = catalog();
    await run(validRequest, { lookup });
    expect(lookup.requests.map(r => r.ref).sort()).toEqual([
      'component:default/claims-intake',
      'group:default/care-experience',
      'system:default/patient-portal',
    ]);
    expect(lookup.requests[0].principal).toEqual(
      mockCredentials.user().principal,
    );
  });

  it('behaves the same in a dry run: it has no side effects', async () => {
    expect(
      await run(validRequest, { lookup: catalog(), dryRun: true }),
    ).toEqual(await run(validRequest, { lookup: catalog() }));
  });

  describe.each([false, true])('with dryRun %p', dryRun => {
    it.each([
      'evil.example?owner=a&repo=b',
      'EVIL.example?owner=a&repo=b',
      'github.com.evil.example?owner=a&repo=b',
      'github.com:8443?owner=a&repo=b',
    ])(
      'refuses the repository location %p: the host is not allowed',
      async repoUrl => {
        const lookup = catalog();
        const error = await run(
          { ...validRequest, repoUrl },
          { lookup, dryRun },
        ).catch(e => e);
        expect(error).toBeInstanceOf(InputError);
        const host = new URL(`https://${repoUrl}`).host;
        expect(error.message).toContain(
          `- repoUrl: repoUrl host "${host}" is not allowed on this portal; allowed hosts: github.com, dev.azure.com (vitals.scaffolder.allowedHosts)`,
        );
        // Refused before the catalog is asked.
        expect(lookup.requests).toEqual([]);
      },
    );

    it('takes the configured hosts instead of the defaults', async () => {
      const repoUrl =
        'ghe.vitals.example?owner=vitals-health&repo=claims-intake';
      const outputs = await run(
        { ...validRequest, repoUrl },
        { dryRun, allowedHosts: ['ghe.vitals.example'] },
      );
      expect(outputs.repository.webUrl).toBe(
        'https://ghe.vitals.example/vitals-health/claims-intake',
      );
      await expect(
        run(validRequest, { dryRun, allowedHosts: ['ghe.vitals.example'] }),
      ).rejects.toThrow(
        'repoUrl host "github.com" is not allowed on this portal; allowed hosts: ghe.vitals.example',
      );
    });
  });

  it('selects publish:github when local publishing is off', async () => {
    expect((await run(validRequest, { local: false })).publishTarget).toBe(
      'github',
    );
  });

  it('selects publish:azure for an Azure DevOps repository, with its URLs', async () => {
    const outputs = await run(
      {
        ...validRequest,
        repoUrl:
          'dev.azure.com?organization=vitals-health&project=clinical&repo=claims-intake',
      },
      { local: false },
    );
    expect(outputs.publishTarget).toBe('azure');
    expect(outputs.repository).toEqual({
      host: 'dev.azure.com',
      owner: 'vitals-health',
      project: 'clinical',
      repo: 'claims-intake',
      webUrl: 'https://dev.azure.com/vitals-health/clinical/_git/claims-intake',
      cloneUrl:
        'https://dev.azure.com/vitals-health/clinical/_git/claims-intake',
      blobUrl:
        'https://dev.azure.com/vitals-health/clinical/_git/claims-intake?version=GBmain&path=',
    });
  });

  it('refuses a name that is taken, naming the owner', async () => {
    await expect(
      run(
        { ...validRequest, name: 'appointments-service' },
        { lookup: catalog() },
      ),
    ).rejects.toThrow(
      /name "appointments-service" is taken: .* \(owned by care-experience\)/,
    );
  });

  it('refuses an owner or system the catalog does not know', async () => {
    const error = await run(
      {
        ...validRequest,
        owner: 'group:default/ghosts',
        system: 'system:default/nowhere',
      },
      { lookup: catalog() },
    ).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      '- owner: owner group:default/ghosts is not in the catalog',
    );
    expect(error.message).toContain(
      '- system: system system:default/nowhere is not in the catalog',
    );
  });

  it('refuses invalid values with one line per field', async () => {
    const error = await run({
      ...validRequest,
      name: 'Claims Intake',
      secondaryRegion: 'westeurope',
      availabilityTarget: 100,
      latencyThresholdMs: -5,
    }).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('The hipaa-service request was refused:');
    expect(lines.slice(1).map((l: string) => l.split(':')[0])).toEqual([
      '- name',
      '- secondaryRegion',
      '- availabilityTarget',
      '- latencyThresholdMs',
    ]);
  });

  it('names the data source of the chosen SLI source, and warns when Application Insights has no workspace configured', async () => {
    const telemetry = {
      dataSources: {
        'application-insights': 'app-insights',
        prometheus: 'thanos',
      },
      workspaceResourceId:
        '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-platform',
    };
    const configured = await run(validRequest, { telemetry });
    expect(configured.telemetry).toEqual({
      sliSource: 'application-insights',
      dataSource: 'app-insights',
      workspaceResourceId: telemetry.workspaceResourceId,
    });
    expect(configured.warnings).toEqual([]);
    expect(configured.summary).toContain(
      "SLIs from Application Insights (Azure Monitor OpenTelemetry), read through the portal's `app-insights` data source.",
    );

    const prometheus = await run(
      { ...validRequest, sliSource: 'prometheus' },
      { telemetry },
    );
    expect(prometheus.telemetry).toMatchObject({
      sliSource: 'prometheus',
      dataSource: 'thanos',
    });
    expect(prometheus.warnings).toEqual([]);

    const unconfigured = await run({ ...validRequest, sliSource: '' });
    expect(unconfigured.telemetry).toEqual({
      sliSource: 'application-insights',
      dataSource: 'application-insights',
      workspaceResourceId: '',
    });
    expect(unconfigured.warnings).toEqual([
      expect.stringContaining(
        'vitals.scaffolder.telemetry.applicationInsights.workspaceResourceId is not set',
      ),
    ]);
    expect(unconfigured.summary).toContain('⚠ vitals.scaffolder.telemetry');
  });

  it('reports warnings of one-way pairs on the result', async () => {
    const outputs = await run({ ...validRequest, primaryRegion: 'westus3' });
    expect(outputs.pairing).toBe('one-way');
    expect(outputs.warnings[0]).toContain('one-way pair');
    expect(outputs.summary).toContain('⚠');
  });

  describe('examples', () => {
    const steps = exampleSteps(examples, HIPAA_VALIDATE_ACTION_ID);

    it('document every input the action takes', () => {
      const action = createHipaaValidateAction({ localPublishEnabled: true });
      const wiring = steps.find(s => isTemplated(s.step.input))!;
      expect(Object.keys(wiring.step.input!).sort()).toEqual(
        Object.keys((action.schema!.input as any).properties).sort(),
      );
    });

    it.each(
      steps
        .filter(s => !isTemplated(s.step.input))
        .map(s => [s.description, s.step]),
    )('runs: %s', async (_description, step) => {
      const outputs = await run(step.input!, { lookup: catalog() });
      expect(outputs.entityRef).toBe(`component:default/${step.input!.name}`);
    });
  });
});

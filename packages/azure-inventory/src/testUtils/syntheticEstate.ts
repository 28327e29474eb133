import { FakeResourceAt, FakeResourceBody } from './fakeResourceManager';
import estateFixture from './fixtures/estate.json';
import familiesFixture from './fixtures/families.json';

export interface SyntheticEstateOptions {
  /** Top-level resources to generate (their child settings come on top). */
  count: number;
  /** Subscriptions the resources are spread over, round-robin. */
  subscriptions: string[];
  /** Entities the resources are tagged for (`vitals-entity=component:default/service-<n>`); default count / 10. */
  entities?: number;
  /** Region pairs to alternate between; default eastus2/centralus. */
  regions?: string[];
  /** Also generate each resource's child settings (diagnostic settings, TDE, config/web). Default true. */
  children?: boolean;
  /**
   * Give storage accounts the blob-service diagnostic setting a HIPAA estate
   * keeps (storage logs live on the services, not the account), except every
   * seventh account. Default false.
   */
  storageServiceLogs?: boolean;
  /**
   * Rotate through the newer families as well: SQL managed instances and
   * their databases, Event Hubs (Standard) and Service Bus (Premium)
   * namespaces, Premium Redis, Recovery Services vaults, API Management,
   * VMs and container apps. Default false (the five classic kinds only).
   */
  families?: boolean;
}

type Template = FakeResourceBody;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function fixtureBody(
  suffix: string,
  fixture: unknown[] = estateFixture,
): Template {
  const bodies = (fixture as Array<FakeResourceBody | FakeResourceAt>).map(
    entry =>
      typeof entry.at === 'string'
        ? (entry as FakeResourceAt).body
        : (entry as FakeResourceBody),
  );
  const body = bodies.find(b => String(b.id).endsWith(suffix));
  if (!body) {
    throw new Error(`No fixture ends with ${suffix}`);
  }
  return clone(body);
}

const TEMPLATES = {
  storage: fixtureBody('/storageAccounts/stpatientportal'),
  vault: fixtureBody('/vaults/kv-patient-portal'),
  site: fixtureBody('/sites/app-patient-portal'),
  siteConfig: fixtureBody('/sites/app-patient-portal/config/web'),
  server: fixtureBody('/servers/sql-patient-portal-eastus2'),
  database: fixtureBody(
    '/servers/sql-patient-portal-eastus2/databases/patients',
  ),
  diagnostic: fixtureBody(
    '/vaults/kv-patient-portal/providers/microsoft.insights/diagnosticSettings/kv-audit',
  ),
  blobDiagnostic: fixtureBody(
    '/stpatientportal/blobServices/default/providers/microsoft.insights/diagnosticSettings/blob-audit',
  ),
  managedInstance: fixtureBody(
    '/managedInstances/sqlmi-intake-eastus2',
    familiesFixture,
  ),
  managedDatabase: fixtureBody(
    '/managedInstances/sqlmi-intake-eastus2/databases/intake',
    familiesFixture,
  ),
  encryptionProtector: fixtureBody(
    '/managedInstances/sqlmi-intake-eastus2/encryptionProtector/current',
    familiesFixture,
  ),
  longTermRetention: fixtureBody(
    '/databases/intake/backupLongTermRetentionPolicies/default',
    familiesFixture,
  ),
  eventHubs: fixtureBody('/namespaces/evhns-intake-eastus2', familiesFixture),
  serviceBus: fixtureBody('/namespaces/sbns-intake-eastus2', familiesFixture),
  redis: fixtureBody('/Redis/redis-intake', familiesFixture),
  recoveryVault: fixtureBody('/vaults/rsv-intake', familiesFixture),
  apiManagement: fixtureBody('/service/apim-intake', familiesFixture),
  virtualMachine: fixtureBody('/virtualMachines/vm-intake', familiesFixture),
  containerApp: fixtureBody('/containerApps/ca-intake-api', familiesFixture),
};

/** The classic kinds in rotation: storage account, key vault, web app, SQL server, SQL database. */
const CLASSIC_KINDS = [
  'storage',
  'vault',
  'site',
  'server',
  'database',
] as const;

/** The newer families, after the classic kinds when `families` is set. */
const FAMILY_KINDS = [
  'managedInstance',
  'managedDatabase',
  'eventHubs',
  'serviceBus',
  'redis',
  'recoveryVault',
  'apiManagement',
  'virtualMachine',
  'containerApp',
] as const;

type Kind = (typeof CLASSIC_KINDS)[number] | (typeof FAMILY_KINDS)[number];

/** Where each newer kind lives below its resource group. */
const FAMILY_PATHS: Record<
  Exclude<(typeof FAMILY_KINDS)[number], 'managedDatabase'>,
  string
> = {
  managedInstance: 'Microsoft.Sql/managedInstances/sqlmi',
  eventHubs: 'Microsoft.EventHub/namespaces/evhns',
  serviceBus: 'Microsoft.ServiceBus/namespaces/sbns',
  redis: 'Microsoft.Cache/Redis/redis',
  recoveryVault: 'Microsoft.RecoveryServices/vaults/rsv',
  apiManagement: 'Microsoft.ApiManagement/service/apim',
  virtualMachine: 'Microsoft.Compute/virtualMachines/vm',
  containerApp: 'Microsoft.App/containerApps/ca',
};

/**
 * Deterministic synthetic resources, real-shaped (cloned from the fixtures):
 * storage accounts, key vaults, web apps, SQL servers and databases in
 * rotation (and the newer families with `families`), each tagged for one of
 * `entities` services. Serve them with {@link FakeResourceManager} and the
 * fixture providers.
 */
export function generateSyntheticEstate(
  options: SyntheticEstateOptions,
): Array<FakeResourceBody | FakeResourceAt> {
  const entities =
    options.entities ?? Math.max(1, Math.floor(options.count / 10));
  const regions = options.regions ?? ['eastus2', 'centralus'];
  const withChildren = options.children ?? true;
  const kinds: readonly Kind[] = options.families
    ? [...CLASSIC_KINDS, ...FAMILY_KINDS]
    : CLASSIC_KINDS;
  const out: Array<FakeResourceBody | FakeResourceAt> = [];
  let lastServer: { id: string; location: string } | undefined;
  let lastInstance: { id: string; location: string } | undefined;

  for (let i = 0; i < options.count; i++) {
    const subscriptionId =
      options.subscriptions[i % options.subscriptions.length];
    const service = i % entities;
    const location = regions[Math.floor(i / kinds.length) % regions.length];
    const group = `/subscriptions/${subscriptionId}/resourceGroups/rg-service-${service}-${location}`;
    const tags = {
      'vitals-entity': `component:default/service-${service}`,
      environment: 'production',
    };
    let kind: Kind = kinds[i % kinds.length];
    if (kind === 'database' && !lastServer) {
      kind = 'server';
    }
    if (kind === 'managedDatabase' && !lastInstance) {
      kind = 'managedInstance';
    }
    const name = `${kind}${i}`;
    let body: Template;
    switch (kind) {
      case 'storage':
        body = clone(TEMPLATES.storage);
        body.id = `${group}/providers/Microsoft.Storage/storageAccounts/st${i}`;
        break;
      case 'vault':
        body = clone(TEMPLATES.vault);
        body.id = `${group}/providers/Microsoft.KeyVault/vaults/kv-${name}`;
        break;
      case 'site':
        body = clone(TEMPLATES.site);
        body.id = `${group}/providers/Microsoft.Web/sites/app-${name}`;
        break;
      case 'server':
        body = clone(TEMPLATES.server);
        body.id = `${group}/providers/Microsoft.Sql/servers/sql-${name}`;
        lastServer = { id: String(body.id), location };
        break;
      case 'database':
        body = clone(TEMPLATES.database);
        body.id = `${lastServer!.id}/databases/db-${name}`;
        body.location = lastServer!.location;
        break;
      case 'managedDatabase':
        body = clone(TEMPLATES.managedDatabase);
        body.id = `${lastInstance!.id}/databases/db-${name}`;
        body.location = lastInstance!.location;
        break;
      default:
        body = clone(TEMPLATES[kind]);
        body.id = `${group}/providers/${FAMILY_PATHS[kind]}-${i}`;
        if (kind === 'managedInstance') {
          lastInstance = { id: String(body.id), location };
        }
        break;
    }
    body.name = String(body.id).split('/').pop();
    if (kind !== 'database' && kind !== 'managedDatabase') {
      body.location = location;
    }
    body.tags = tags;
    out.push(body);

    if (!withChildren) {
      continue;
    }
    const diagnostic = clone(TEMPLATES.diagnostic);
    diagnostic.id = `${body.id}/providers/microsoft.insights/diagnosticSettings/audit`;
    diagnostic.name = 'audit';
    if (
      kind === 'vault' ||
      kind === 'site' ||
      kind === 'database' ||
      kind === 'managedInstance' ||
      kind === 'eventHubs'
    ) {
      out.push(diagnostic);
    }
    if (kind === 'managedInstance') {
      out.push({
        ...clone(TEMPLATES.encryptionProtector),
        id: `${body.id}/encryptionProtector/current`,
      });
    }
    if (kind === 'managedDatabase') {
      out.push({
        ...clone(TEMPLATES.longTermRetention),
        id: `${body.id}/backupLongTermRetentionPolicies/default`,
      });
    }
    if (
      kind === 'storage' &&
      options.storageServiceLogs &&
      Math.floor(i / kinds.length) % 7 !== 0
    ) {
      out.push({
        ...clone(TEMPLATES.blobDiagnostic),
        id: `${body.id}/blobServices/default/providers/microsoft.insights/diagnosticSettings/blob-audit`,
      });
    }
    if (kind === 'site') {
      const config = clone(TEMPLATES.siteConfig);
      config.id = `${body.id}/config/web`;
      out.push(config);
    }
    if (kind === 'database') {
      out.push({
        id: `${body.id}/transparentDataEncryption/current`,
        name: 'current',
        type: 'Microsoft.Sql/servers/databases/transparentDataEncryption',
        properties: { state: i % 7 === 0 ? 'Disabled' : 'Enabled' },
      });
    }
  }
  return out;
}

import { FakeResourceAt, FakeResourceBody } from './fakeResourceManager';
import estateFixture from './fixtures/estate.json';

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
}

type Template = FakeResourceBody;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function fixtureBody(suffix: string): Template {
  const bodies = (
    estateFixture as Array<FakeResourceBody | FakeResourceAt>
  ).map(entry =>
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
};

/** Every synthetic kind in rotation: storage account, key vault, web app, SQL server, SQL database. */
const KINDS = ['storage', 'vault', 'site', 'server', 'database'] as const;

/**
 * Deterministic synthetic resources, real-shaped (cloned from the fixtures):
 * storage accounts, key vaults, web apps, SQL servers and databases in
 * rotation, each tagged for one of `entities` services. Serve them with
 * {@link FakeResourceManager} and the fixture providers.
 */
export function generateSyntheticEstate(
  options: SyntheticEstateOptions,
): Array<FakeResourceBody | FakeResourceAt> {
  const entities =
    options.entities ?? Math.max(1, Math.floor(options.count / 10));
  const regions = options.regions ?? ['eastus2', 'centralus'];
  const withChildren = options.children ?? true;
  const out: Array<FakeResourceBody | FakeResourceAt> = [];
  let lastServer: { id: string; location: string } | undefined;

  for (let i = 0; i < options.count; i++) {
    const subscriptionId =
      options.subscriptions[i % options.subscriptions.length];
    const service = i % entities;
    const location = regions[Math.floor(i / KINDS.length) % regions.length];
    const group = `/subscriptions/${subscriptionId}/resourceGroups/rg-service-${service}-${location}`;
    const tags = {
      'vitals-entity': `component:default/service-${service}`,
      environment: 'production',
    };
    let kind: (typeof KINDS)[number] = KINDS[i % KINDS.length];
    if (kind === 'database' && !lastServer) {
      kind = 'server';
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
      default:
        body = clone(TEMPLATES.database);
        body.id = `${lastServer!.id}/databases/db-${name}`;
        body.location = lastServer!.location;
        break;
    }
    body.name = String(body.id).split('/').pop();
    if (kind !== 'database') {
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
    if (kind === 'vault' || kind === 'site' || kind === 'database') {
      out.push(diagnostic);
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

import type {
  FakeProvider,
  FakeResourceAt,
  FakeResourceBody,
} from './fakeResourceManager';
import estate from './fixtures/estate.json';
import families from './fixtures/families.json';
import providers from './fixtures/providers.json';

/** The subscription of the fixture estate's primary region (East US 2). */
export const FIXTURE_SUBSCRIPTION_ID = '00000000-1111-2222-3333-444444444444';
/** The subscription of the secondary region (Central US): the SQL failover partner. */
export const FIXTURE_SECONDARY_SUBSCRIPTION_ID =
  '55555555-6666-7777-8888-999999999999';
/** The entity the fixture estate is tagged for (`vitals-entity`). */
export const FIXTURE_ENTITY_REF = 'component:default/patient-portal';

/**
 * A HIPAA-style service estate as Resource Manager GET bodies, modelled on
 * the Azure REST API specification examples: storage (RA-GRS), SQL server
 * with databases, failover group, auditing, TDE and long-term retention,
 * App Service plan, web app and its `config/web`, Key Vault, Cosmos DB,
 * Traffic Manager, Front Door (endpoint, origin group, origins), AKS,
 * Recovery Services vault and diagnostic settings; the SQL failover partner
 * in a second subscription; and one storage account of another entity.
 */
export const fixtureEstate = estate as Array<FakeResourceBody | FakeResourceAt>;

/**
 * A second estate, tagged for `component:default/intake`: the resource
 * families whose children the HIPAA rules and DR checks read beyond the
 * classic ones, modelled on the Azure REST API specification examples. SQL
 * managed instances (two in East US 2, one in West US 2) with a database,
 * encryption protector, administrators, Entra-only authentication, alert
 * policies, vulnerability assessment, retention policies and the instance
 * failover group seen from both regions; Event Hubs (Standard with geo-DR
 * and network rules, Basic without) and Service Bus (Premium with geo-DR,
 * Standard) namespaces; Redis (Premium with a linked server, Standard);
 * storage with an object replication policy and a Data Lake account; a
 * Recovery Services vault with a backup and a Site Recovery protected item;
 * API Management, Azure Firewall, IoT Hub, a container app, a container
 * group, Application Insights and a VM. Event Hubs, Service Bus and the
 * vault's vault-wide lists answer with ids that differ from the path read,
 * so those entries are served `at` that path.
 */
export const familiesEstate = families as Array<
  FakeResourceBody | FakeResourceAt
>;

/** The resource providers (types and api-versions) the fixture estates need. */
export const fixtureProviders = providers as FakeProvider[];

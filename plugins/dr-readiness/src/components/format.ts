import {
  getRegion,
  isoDurationToSeconds,
} from '@vitals/plugin-dr-readiness-common';
import { DateTime } from 'luxon';

/** An ISO-8601 duration as people say it: `PT1H5M` → "1 h 5 min", `PT0S` → "0 s". */
export function formatDuration(iso: string | null | undefined): string {
  if (!iso) return '—';
  const seconds = isoDurationToSeconds(iso, { allowZero: true });
  if (seconds === undefined) return iso;
  return formatSeconds(seconds);
}

/** ISO-8601 durations inside a sentence (`after about PT1H5M`), as people say them. */
export function humanizeDurations(text: string): string {
  return text.replace(
    /\bP(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?\b/g,
    match => (/\d/.test(match) ? formatDuration(match) : match),
  );
}

export function formatSeconds(total: number): string {
  const whole = Math.max(0, Math.round(total));
  if (whole === 0) return '0 s';
  const days = Math.floor(whole / 86400);
  const hours = Math.floor((whole % 86400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const parts = [
    days ? `${days} d` : '',
    hours ? `${hours} h` : '',
    minutes ? `${minutes} min` : '',
    seconds && !days && !hours ? `${seconds} s` : '',
  ].filter(Boolean);
  return parts.slice(0, 2).join(' ');
}

export function formatRelative(
  iso: string | null | undefined,
  now = Date.now(),
): string {
  if (!iso) return 'never';
  return (
    DateTime.fromISO(iso).toRelative({ base: DateTime.fromMillis(now) }) ?? iso
  );
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATE_MED);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED);
}

/** `Central US` for `centralus`; the name itself for unknown regions. */
export function regionLabel(name: string | null | undefined): string {
  if (!name) return '—';
  return getRegion(name)?.displayName ?? name;
}

/** `group:default/care-experience` → `care-experience`. */
export function humanizeRef(ref: string | null | undefined): string {
  if (!ref) return '—';
  return ref.replace(/^[a-z]+:(default\/)?/, '');
}

const TYPE_LABELS: Record<string, string> = {
  'microsoft.storage/storageaccounts': 'Storage account',
  'microsoft.sql/servers': 'SQL server',
  'microsoft.sql/servers/databases': 'SQL database',
  'microsoft.sql/servers/failovergroups': 'Failover group',
  'microsoft.documentdb/databaseaccounts': 'Cosmos DB account',
  'microsoft.web/sites': 'App Service app',
  'microsoft.web/serverfarms': 'App Service plan',
  'microsoft.containerservice/managedclusters': 'AKS cluster',
  'microsoft.app/containerapps': 'Container app',
  'microsoft.app/managedenvironments': 'Container Apps environment',
  'microsoft.network/trafficmanagerprofiles': 'Traffic Manager profile',
  'microsoft.cdn/profiles': 'Front Door profile',
  'microsoft.cdn/profiles/afdendpoints': 'Front Door endpoint',
  'microsoft.cdn/profiles/origingroups': 'Front Door origin group',
  'microsoft.cdn/profiles/origingroups/origins': 'Front Door origin',
  'microsoft.keyvault/vaults': 'Key vault',
  'microsoft.recoveryservices/vaults': 'Recovery Services vault',
  'microsoft.dbforpostgresql/flexibleservers': 'PostgreSQL flexible server',
  'microsoft.dbformysql/flexibleservers': 'MySQL flexible server',
};

/** What a Resource Manager id names: its name, a readable type and where it lives. */
export function describeResource(id: string): {
  name: string;
  type: string;
  resourceGroup: string | null;
} {
  const parts = id.split('/').filter(Boolean);
  const lower = parts.map(p => p.toLocaleLowerCase('en-US'));
  const providers = lower.lastIndexOf('providers');
  const group = lower.indexOf('resourcegroups');
  if (providers < 0 || parts.length - providers < 4) {
    return {
      name: parts[parts.length - 1] ?? id,
      type: '',
      resourceGroup: null,
    };
  }
  const rest = parts.slice(providers + 1);
  const types = [rest[0]];
  for (let i = 1; i < rest.length; i += 2) types.push(rest[i]);
  const type = types.join('/').toLocaleLowerCase('en-US');
  return {
    name: rest[rest.length - 1],
    type: TYPE_LABELS[type] ?? types[types.length - 1],
    resourceGroup: group >= 0 ? parts[group + 1] ?? null : null,
  };
}

/** The resource in the Azure portal. */
export function portalLink(id: string): string {
  return `https://portal.azure.com/#resource${id}`;
}

import { withoutProperties, withProperties } from '../__fixtures__/arm';
import {
  allLogsDiagnosticSetting,
  apiManagementService,
} from '../__fixtures__/families';
import {
  apimLegacyTlsDisabledRule,
  apimPrivateAccessRule,
  apimResourceLogsRule,
  apimWeakCiphersDisabledRule,
} from './apiManagement';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const apim = apiManagementService;
const SECURITY = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Security';
const custom = apim.properties.customProperties as Record<string, string>;
const withCustom = (changes: Record<string, string | undefined>) => {
  const next: Record<string, string> = { ...custom };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return withProperties(apim, { customProperties: next });
};

const cases: RuleCase[] = [
  {
    name: 'all legacy protocols off',
    rule: apimLegacyTlsDisabledRule,
    resource: apim,
    status: 'pass',
    actual: 'all False',
  },
  {
    name: 'client TLS 1.0 on',
    rule: apimLegacyTlsDisabledRule,
    resource: withCustom({ [`${SECURITY}.Protocols.Tls10`]: 'True' }),
    status: 'fail',
    actual: 'Protocols.Tls10=True',
  },
  {
    name: 'backend TLS 1.1 on (lower-case key)',
    rule: apimLegacyTlsDisabledRule,
    resource: withCustom({
      [`${SECURITY}.Backend.Protocols.Tls11`]: undefined,
      [`${SECURITY}.backend.protocols.tls11`.toLowerCase()]: 'true',
    }),
    status: 'fail',
    actual: 'Backend.Protocols.Tls11=true',
  },
  {
    name: 'switch not set',
    rule: apimLegacyTlsDisabledRule,
    resource: withCustom({ [`${SECURITY}.Protocols.Tls11`]: undefined }),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'no customProperties',
    rule: apimLegacyTlsDisabledRule,
    resource: withoutProperties(apim, 'customProperties'),
    status: 'unknown',
    actual: null,
  },

  {
    name: '3DES off',
    rule: apimWeakCiphersDisabledRule,
    resource: apim,
    status: 'pass',
    actual: 'all False',
  },
  {
    name: '3DES on',
    rule: apimWeakCiphersDisabledRule,
    resource: withCustom({ [`${SECURITY}.Ciphers.TripleDes168`]: 'True' }),
    status: 'fail',
    actual: 'Ciphers.TripleDes168=True',
  },
  {
    name: '3DES not set',
    rule: apimWeakCiphersDisabledRule,
    resource: withCustom({ [`${SECURITY}.Ciphers.TripleDes168`]: undefined }),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'Internal VNet',
    rule: apimPrivateAccessRule,
    resource: apim,
    status: 'pass',
    actual: 'Internal',
  },
  {
    name: 'private endpoint only',
    rule: apimPrivateAccessRule,
    resource: withProperties(apim, {
      virtualNetworkType: 'None',
      publicNetworkAccess: 'Disabled',
    }),
    status: 'pass',
    actual: 'Disabled',
  },
  {
    name: 'External VNet, public',
    rule: apimPrivateAccessRule,
    resource: withProperties(apim, { virtualNetworkType: 'External' }),
    status: 'fail',
    actual: 'virtualNetworkType=External, publicNetworkAccess=Enabled',
  },
  {
    name: 'no VNet, public',
    rule: apimPrivateAccessRule,
    resource: withProperties(apim, { virtualNetworkType: 'None' }),
    status: 'fail',
    actual: 'virtualNetworkType=None, publicNetworkAccess=Enabled',
  },
  {
    name: 'not reported',
    rule: apimPrivateAccessRule,
    resource: withoutProperties(
      apim,
      'virtualNetworkType',
      'publicNetworkAccess',
    ),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'logs to a workspace',
    rule: apimResourceLogsRule,
    resource: apim,
    inventory: [allLogsDiagnosticSetting(apim.id)],
    status: 'pass',
    actual: allLogsDiagnosticSetting(apim.id).properties.workspaceId as string,
  },
  {
    name: 'no diagnostic settings',
    rule: apimResourceLogsRule,
    resource: apim,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'settings not collected',
    rule: apimResourceLogsRule,
    resource: apim,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('API Management rules', () => {
  itJudgesEachCase(cases);
});

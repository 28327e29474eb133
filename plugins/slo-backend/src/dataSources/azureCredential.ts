import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { MetricsClient } from '@azure/monitor-query-metrics';
import { Config } from '@backstage/config';
import { EntraTokenAuthorization } from './entraToken';

// The Azure SDK clients share one pipeline type (@azure/core-rest-pipeline).
type Pipeline = MetricsClient['pipeline'];
type PipelinePolicy = Parameters<Pipeline['addPolicy']>[0];
type PipelineResponse = Awaited<ReturnType<PipelinePolicy['sendRequest']>>;

/** Who the default credential signs in as, from the data source's config. */
export interface AzureCredentialSettings {
  tenantId?: string;
  clientId?: string;
}

/** `DefaultAzureCredential`, pinned to the configured tenant and (managed or workload identity) client. */
export function defaultAzureCredential(
  settings: AzureCredentialSettings,
): TokenCredential {
  return new DefaultAzureCredential({
    tenantId: settings.tenantId,
    managedIdentityClientId: settings.clientId,
    workloadIdentityClientId: settings.clientId,
  });
}

const TENANT_ID = /^[0-9A-Za-z.-]+$/;
const CLIENT_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Entra's client-credential flows only accept `<resource>/.default` scopes.
const SCOPE = /^https:\/\/[^\s/?#]+(\/[^\s?#]*)?\/\.default$/;

/**
 * Reads and checks what every Azure SLI source takes to sign in: `scope`
 * (its example is the source's default), `tenantId`, `clientId`, and `ca`
 * (PEM certificates to trust for the endpoint). Each error names its key.
 */
export function readAzureSignInConfig(
  name: string,
  config: Config,
  defaultScope: string,
): { scope?: string; tenantId?: string; clientId?: string; ca?: string } {
  const key = (k: string) => `vitals.slo.dataSources[${name}].${k}`;
  const scope = config.getOptionalString('scope');
  if (scope !== undefined && !SCOPE.test(scope)) {
    throw new Error(
      `${key(
        'scope',
      )} must be an Entra scope ending in /.default, such as ${defaultScope}; got ${JSON.stringify(
        scope,
      )}`,
    );
  }
  const tenantId = config.getOptionalString('tenantId');
  if (tenantId !== undefined && !TENANT_ID.test(tenantId)) {
    throw new Error(
      `${key(
        'tenantId',
      )} must be a directory (tenant) id or domain, such as 00000000-0000-0000-0000-000000000000 or contoso.onmicrosoft.com`,
    );
  }
  const clientId = config.getOptionalString('clientId');
  if (clientId !== undefined && !CLIENT_ID.test(clientId)) {
    throw new Error(
      `${key(
        'clientId',
      )} must be the client (application) id of a managed or workload identity, a GUID`,
    );
  }
  const ca = config.getOptionalString('ca');
  if (ca !== undefined && !/-----BEGIN CERTIFICATE-----/.test(ca)) {
    throw new Error(
      `${key('ca')} must be PEM certificates (-----BEGIN CERTIFICATE-----…)`,
    );
  }
  return { scope, tenantId, clientId, ca };
}

/** Set on a response refused with 401 again after the token was renewed. */
export const TOKEN_RENEWED_HEADER = 'x-vitals-token-renewed';

/**
 * Replaces an Azure SDK client's bearer policy with one signing every
 * attempt through `authorization`: tokens renewed before they expire with
 * one renewal for concurrent requests (the SDK's renews only on a Continuous
 * Access Evaluation challenge and signs once for all retries), one renewal
 * and immediate retry after a 401, a second 401 marked with
 * {@link TOKEN_RENEWED_HEADER}, and never a token over plain http.
 */
export function signWithEntra(
  pipeline: Pipeline,
  authorization: EntraTokenAuthorization,
  options: { onRenew?: () => void } = {},
) {
  pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  const policy: PipelinePolicy = {
    name: 'vitalsEntraTokenPolicy',
    async sendRequest(request, next): Promise<PipelineResponse> {
      if (!request.url.toLowerCase().startsWith('https:')) {
        throw new Error(
          'refuses to send a bearer token to an endpoint that is not https',
        );
      }
      const header = await authorization.current();
      request.headers.set('Authorization', header);
      const response = await next(request);
      if (response.status !== 401) return response;
      // A token the service no longer accepts (revoked, expired early,
      // clock skew): one renewal and one immediate retry.
      discardBody(response);
      options.onRenew?.();
      request.headers.set('Authorization', await authorization.renew(header));
      const again = await next(request);
      if (again.status === 401) again.headers.set(TOKEN_RENEWED_HEADER, 'true');
      return again;
    },
  };
  pipeline.addPolicy(policy, { phase: 'Sign' });
}

/** Releases the socket of a response whose body will not be read. */
export function discardBody(response: { readableStreamBody?: unknown }) {
  (
    response.readableStreamBody as { destroy?: () => void } | undefined
  )?.destroy?.();
}

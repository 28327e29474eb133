import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ResourceManagementClient } from '@azure/arm-resources';
import {
  ResourceGraphClient,
  ResourceGraphModels,
} from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/identity';
import {
  RetrySettings,
  ThrottlingHeaders,
  isRetryableErrorCode,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
} from './retryPolicy';

/** Request counters shared by every client of one inventory load. */
export class RequestCounters {
  requests = 0;
  retries = 0;
  throttled = 0;
}

export interface AzureClientSettings {
  /** Resource Manager endpoint without a trailing slash. */
  endpoint: string;
  credential: TokenCredential;
  /** Carries extra trusted CAs for private or local endpoints. */
  httpsAgent?: HttpsAgent;
  retry: RetrySettings;
  counters: RequestCounters;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

interface HeaderLookup {
  get(name: string): string | null | undefined;
}

interface StatusResponse {
  status: number;
  headers: HeaderLookup;
}

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

function throttlingHeaders(headers: HeaderLookup): ThrottlingHeaders {
  return {
    'retry-after': headers.get('retry-after'),
    'retry-after-ms': headers.get('retry-after-ms'),
    'x-ms-retry-after-ms': headers.get('x-ms-retry-after-ms'),
  };
}

/**
 * Sends one logical request, repeating it on 408/429/5xx and network errors
 * as {@link retryDelayMs} decides. Each attempt is counted; the last
 * response (or error) is handed back to the SDK, which turns it into its
 * usual `RestError`.
 */
async function sendWithRetries<T extends StatusResponse>(
  send: (attempt: number) => Promise<T>,
  settings: AzureClientSettings,
  isAborted: () => boolean,
): Promise<T> {
  const sleep = settings.sleep ?? defaultSleep;
  const random = settings.random ?? Math.random;
  const now = settings.now ?? Date.now;
  for (let attempt = 1; ; attempt++) {
    settings.counters.requests += 1;
    if (attempt > 1) {
      settings.counters.retries += 1;
    }
    let response: T;
    try {
      response = await send(attempt);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const delay =
        isAborted() || !isRetryableErrorCode(code)
          ? undefined
          : retryDelayMs({ attempt, jitter: random() }, settings.retry);
      if (delay === undefined) {
        throw error;
      }
      await sleep(delay);
      continue;
    }
    if (response.status === 429) {
      settings.counters.throttled += 1;
    }
    if (!isRetryableStatus(response.status) || isAborted()) {
      return response;
    }
    const delay = retryDelayMs(
      {
        attempt,
        status: response.status,
        retryAfterMs: parseRetryAfter(
          throttlingHeaders(response.headers),
          now(),
        ),
        jitter: random(),
      },
      settings.retry,
    );
    if (delay === undefined) {
      return response;
    }
    await sleep(delay);
  }
}

type ArmPipelinePolicy = Parameters<
  ResourceManagementClient['pipeline']['addPolicy']
>[0];

/**
 * A Resource Manager client whose retry phase is ours: the SDK's default
 * retry policy would also retry, but uncounted and with its own limits.
 */
export function createResourceManagementClient(
  subscriptionId: string,
  settings: AzureClientSettings,
): ResourceManagementClient {
  // No client-level apiVersion: it would override getById's per-call api-version.
  const client = new ResourceManagementClient(
    settings.credential,
    subscriptionId,
    {
      endpoint: settings.endpoint,
      $host: settings.endpoint,
      agent: settings.httpsAgent,
      retryOptions: { maxRetries: 0 },
    },
  );
  const policy: ArmPipelinePolicy = {
    name: 'vitalsInventoryRetryPolicy',
    sendRequest: (request, next) =>
      sendWithRetries(
        () => next(request),
        settings,
        () => request.abortSignal?.aborted === true,
      ),
  };
  client.pipeline.removePolicy({ phase: 'Retry' });
  client.pipeline.addPolicy(policy, { phase: 'Retry' });
  return client;
}

type RequestPolicyFactory = Extract<
  NonNullable<
    ResourceGraphModels.ResourceGraphClientOptions['requestPolicyFactories']
  >,
  unknown[]
>[number];

/**
 * A Resource Graph client (the older `ms-rest-js` SDK) with its built-in
 * retries off and ours appended closest to the wire.
 */
export function createResourceGraphClient(
  settings: AzureClientSettings,
): ResourceGraphClient {
  const retryFactory: RequestPolicyFactory = {
    create: nextPolicy => ({
      sendRequest: request =>
        sendWithRetries(
          attempt =>
            nextPolicy.sendRequest(attempt === 1 ? request : request.clone()),
          settings,
          () => request.abortSignal?.aborted === true,
        ),
    }),
  };
  return new ResourceGraphClient(settings.credential, {
    baseUri: settings.endpoint,
    noRetryPolicy: true,
    agentSettings: settings.httpsAgent
      ? { http: new HttpAgent(), https: settings.httpsAgent }
      : undefined,
    requestPolicyFactories: defaults => [...defaults, retryFactory],
  });
}

import { ResponseError } from '@backstage/errors';

/**
 * What a plugin's HTTP client is built from in the app (discovery and an
 * authenticated fetch), pointed at a test backend's server: the client then
 * talks to the real router over real HTTP.
 */
export function clientOptionsFor(
  server: { port(): number },
  authorization: string,
) {
  const port = server.port();
  return {
    discoveryApi: {
      getBaseUrl: async (pluginId: string) =>
        `http://localhost:${port}/api/${pluginId}`,
    },
    fetchApi: {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', authorization);
        return fetch(input, { ...init, headers });
      },
    },
  };
}

/** What a client call rejected with; throws when it resolved or rejected with anything but a ResponseError. */
export async function rejectionOf(
  call: Promise<unknown>,
): Promise<ResponseError> {
  const outcome = await call.then(
    value => ({ resolved: value }),
    error => ({ error }),
  );
  if (!('error' in outcome)) {
    throw new Error(
      `expected a rejection, got ${JSON.stringify(outcome.resolved)}`,
    );
  }
  if (!(outcome.error instanceof ResponseError)) {
    throw new Error(`expected a ResponseError, got ${outcome.error}`);
  }
  return outcome.error;
}

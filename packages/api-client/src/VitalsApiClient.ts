import { ResponseError } from '@backstage/errors';

/** Where a plugin's backend lives: the shape of Backstage's `DiscoveryApi`. */
export interface ApiClientDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * How requests go out: the shape of Backstage's `FetchApi`, which adds the
 * user's credentials in the app; in Node any fetch that does the same.
 */
export interface ApiClientFetch {
  fetch: typeof fetch;
}

export interface VitalsApiClientOptions {
  discoveryApi: ApiClientDiscovery;
  fetchApi: ApiClientFetch;
}

/** The methods that carry a body. */
export type ApiClientMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The parts of an entity reference that name its backend path. */
export interface EntityPathRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * The path every Vitals backend serves an entity under:
 * `/entities/:namespace/:kind/:name`, lower-cased as the catalog compares
 * references, each part encoded so a name cannot reach another route.
 */
export function entityPath(ref: EntityPathRef): string {
  return `/${['entities', ref.namespace, ref.kind, ref.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

/**
 * A query string of the parameters that are set (`?a=1&b=x`), or `''` when
 * none is: an empty or undefined value means "not filtered", never "filter by
 * the empty string".
 */
export function queryString(
  params: Record<string, string | number | boolean | undefined | null>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The base of a Vitals plugin's HTTP client. Every answer that is not OK
 * becomes a `ResponseError`, so the screens show the server's message (a 400
 * names the bad field) and can read a 503's `Retry-After`.
 */
export abstract class VitalsApiClient {
  protected constructor(
    private readonly options: VitalsApiClientOptions,
    private readonly pluginId: string,
  ) {}

  /** `entityPath` for subclasses, which compose it with their routes. */
  protected entityPath(ref: EntityPathRef): string {
    return entityPath(ref);
  }

  /** Reads `path` (relative to the plugin's base URL, with its leading slash). */
  protected async get<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'GET' });
  }

  /** Sends `body` as JSON, if given; a 204 answer resolves to `undefined`. */
  protected async send<T>(
    method: ApiClientMethod,
    path: string,
    body?: unknown,
  ): Promise<T> {
    return this.request<T>(
      path,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl(this.pluginId);
    const response = await this.options.fetchApi.fetch(`${base}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}

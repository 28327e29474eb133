import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';

/** Reads single entities from the catalog on behalf of the user running a template. */
export interface EntityLookup {
  getEntityByRef(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined>;
}

/**
 * The catalog's `GET /entities/by-name/:kind/:namespace/:name`, called with
 * a token on behalf of the initiator, so the catalog's permissions apply to
 * what the template may see.
 */
export class CatalogApiEntityLookup implements EntityLookup {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  async getEntityByRef(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'catalog',
    });
    const baseUrl = await this.options.discovery.getBaseUrl('catalog');
    const url = `${baseUrl}/entities/by-name/${[kind, namespace, name]
      .map(encodeURIComponent)
      .join('/')}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${token}` },
      });
    } catch (e) {
      throw new ServiceUnavailableError(
        `The catalog could not be reached to look up ${entityRef}: ${
          (e as Error).message
        }`,
      );
    }
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw new ServiceUnavailableError(
        `The catalog answered ${response.status} when looking up ${entityRef}`,
      );
    }
    return (await response.json()) as Entity;
  }
}

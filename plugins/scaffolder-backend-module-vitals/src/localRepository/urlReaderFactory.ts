import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { LocalRepositoryUrlReader } from './LocalRepositoryUrlReader';

/**
 * Adds the local repository reader to the backend's URL reader, so
 * `catalog:register` can register what `vitals:publish:local` wrote and the
 * catalog, the SLO plugin and TechDocs can read it. Registers nothing when
 * `vitals.scaffolder.localPublish.enabled` is false.
 */
export const localRepositoryUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return LocalRepositoryUrlReader.factory;
  },
});

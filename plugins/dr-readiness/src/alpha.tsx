import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  convertLegacyRouteRef,
  compatWrapper,
} from '@backstage/core-compat-api';
import { Content } from '@backstage/core-components';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import PublicIcon from '@material-ui/icons/Public';
import { isDrReadinessAvailable } from '@vitals/plugin-dr-readiness-common';
import { DrReadinessClient, drReadinessApiRef } from './api/DrReadinessApi';
import { ENTITY_TAB_PATH } from './components/entityLinks';
import { rootRouteRef } from './routes';

const drReadinessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: drReadinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DrReadinessClient(deps),
    }),
});

const drReadinessPage = PageBlueprint.make({
  params: {
    path: '/dr-readiness',
    title: 'DR readiness',
    icon: <PublicIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/DrReadinessPage/DrReadinessPage').then(m =>
        compatWrapper(
          <Content>
            <m.DrReadinessContent />
          </Content>,
        ),
      ),
  },
});

/** Shown for every component: without DR annotations it names the ones to add. */
const entityDrReadinessContent = EntityContentBlueprint.make({
  params: {
    path: ENTITY_TAB_PATH,
    title: 'DR readiness',
    group: 'operation',
    filter: 'kind:component',
    loader: () =>
      import(
        './components/EntityDrReadinessContent/EntityDrReadinessContent'
      ).then(m => compatWrapper(<m.EntityDrReadinessContent />)),
  },
});

const entityDrReadinessCard = EntityCardBlueprint.make({
  params: {
    filter: isDrReadinessAvailable,
    loader: () =>
      import('./components/EntityDrReadinessCard').then(m =>
        compatWrapper(<m.EntityDrReadinessCard />),
      ),
  },
});

/** The DR-readiness plugin for the new frontend system: page, entity tab and card. */
export default createFrontendPlugin({
  pluginId: 'dr-readiness',
  title: 'DR readiness',
  icon: <PublicIcon fontSize="inherit" />,
  extensions: [
    drReadinessApi,
    drReadinessPage,
    entityDrReadinessContent,
    entityDrReadinessCard,
  ],
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
});

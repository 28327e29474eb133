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
import TrendingDownIcon from '@material-ui/icons/TrendingDown';
import {
  isJourneySloAvailable,
  isSloAvailable,
} from '@vitals/plugin-slo-common';
import { SloClient, sloApiRef } from './api/SloApi';
import { rootRouteRef } from './routes';

const sloApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SloClient(deps),
    }),
});

const errorBudgetsPage = PageBlueprint.make({
  params: {
    path: '/error-budgets',
    title: 'Error budgets',
    icon: <TrendingDownIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/ErrorBudgetsPage/ErrorBudgetsPage').then(m =>
        compatWrapper(
          <Content>
            <m.ErrorBudgetsContent />
          </Content>,
        ),
      ),
  },
});

const entitySlosContent = EntityContentBlueprint.make({
  params: {
    path: 'slos',
    title: 'SLOs',
    group: 'observability',
    // Every Component (with an empty state until it declares SLOs), and the
    // Systems that declare journeys.
    filter: entity =>
      entity.kind.toLocaleLowerCase('en-US') === 'component' ||
      isJourneySloAvailable(entity),
    loader: () =>
      import('./components/EntitySlosContent/EntitySlosContent').then(m =>
        compatWrapper(<m.EntitySlosContent />),
      ),
  },
});

const entitySloCard = EntityCardBlueprint.make({
  params: {
    // A System's page shows its journeys instead.
    filter: entity => isSloAvailable(entity) && !isJourneySloAvailable(entity),
    loader: () =>
      import('./components/EntitySloCard').then(m =>
        compatWrapper(<m.EntitySloCard />),
      ),
  },
});

const entityJourneySloCard = EntityCardBlueprint.make({
  name: 'journey',
  params: {
    filter: isJourneySloAvailable,
    loader: () =>
      import('./components/JourneySlos/EntityJourneySloCard').then(m =>
        compatWrapper(<m.EntityJourneySloCard />),
      ),
  },
});

/** The SLO plugin for the new frontend system: Error budgets page, entity SLOs tab, SLO card and a System's journey SLO card. */
export default createFrontendPlugin({
  pluginId: 'slo',
  title: 'Error budgets',
  icon: <TrendingDownIcon fontSize="inherit" />,
  extensions: [
    sloApi,
    errorBudgetsPage,
    entitySlosContent,
    entitySloCard,
    entityJourneySloCard,
  ],
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
});

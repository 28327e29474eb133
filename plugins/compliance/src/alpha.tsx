import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { Content } from '@backstage/core-components';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
  EntityContentBlueprint,
  EntityIconLinkBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { isComplianceAvailable } from '@vitals/plugin-compliance-common';
import { ComplianceClient, complianceApiRef } from './api/ComplianceApi';
import { useComplianceIconLinkProps } from './components/useComplianceIconLinkProps';
import { rootRouteRef } from './routes';

const complianceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: complianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ComplianceClient(deps),
    }),
});

const compliancePage = PageBlueprint.make({
  params: {
    path: '/compliance',
    title: 'Compliance',
    icon: <VerifiedUserIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/CompliancePage/CompliancePage').then(m =>
        compatWrapper(
          <Content>
            <m.ComplianceContent />
          </Content>,
        ),
      ),
  },
});

const entityComplianceContent = EntityContentBlueprint.make({
  params: {
    path: 'compliance',
    title: 'Compliance',
    filter: 'kind:component',
    loader: () =>
      import(
        './components/EntityComplianceContent/EntityComplianceContent'
      ).then(m => compatWrapper(<m.EntityComplianceContent />)),
  },
});

const entityComplianceCard = EntityCardBlueprint.make({
  params: {
    type: 'info',
    filter: isComplianceAvailable,
    loader: () =>
      import('./components/EntityComplianceCard').then(m =>
        compatWrapper(<m.EntityComplianceCard />),
      ),
  },
});

/** The HIPAA status in every entity's About card, linking to the tab. */
const entityComplianceIconLink = EntityIconLinkBlueprint.make({
  params: {
    filter: isComplianceAvailable,
    useProps: useComplianceIconLinkProps,
  },
});

const complianceCatalogFilter = CatalogFilterBlueprint.make({
  name: 'status',
  params: {
    loader: () =>
      import('./components/ComplianceCatalogFilter').then(m =>
        compatWrapper(<m.ComplianceCatalogFilter />),
      ),
  },
});

/** The compliance plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'compliance',
  title: 'Compliance',
  icon: <VerifiedUserIcon fontSize="inherit" />,
  extensions: [
    complianceApi,
    compliancePage,
    entityComplianceContent,
    entityComplianceCard,
    entityComplianceIconLink,
    complianceCatalogFilter,
  ],
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
});

import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import PageIcon from '@material-ui/icons/Description';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { navModule } from './index';

const fakeVitalsPlugin = (pluginId: string, title: string) =>
  createFrontendPlugin({
    pluginId,
    extensions: [
      PageBlueprint.make({
        params: {
          path: `/${pluginId}`,
          routeRef: createRouteRef(),
          title,
          icon: <PageIcon />,
          loader: async () => <div>{title} content</div>,
        },
      }),
    ],
  });

describe('the Vitals sidebar', () => {
  it('groups the Vitals plugin pages under a Vitals heading', async () => {
    renderTestApp({
      features: [
        navModule,
        fakeVitalsPlugin('compliance', 'Compliance'),
        fakeVitalsPlugin('slo', 'Error budgets'),
        fakeVitalsPlugin('dr-readiness', 'DR readiness'),
      ],
    });
    const section = await screen.findByRole('group', { name: 'Vitals' });
    const links = within(section)
      .getAllByRole('link')
      .map(link => link.textContent);
    expect(links).toEqual(['Error budgets', 'DR readiness', 'Compliance']);
  });

  it('leaves the Vitals heading out when no Vitals plugin is installed', async () => {
    renderTestApp({ features: [navModule] });
    expect(await screen.findByLabelText('Home')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Vitals' })).toBeNull();
  });
});

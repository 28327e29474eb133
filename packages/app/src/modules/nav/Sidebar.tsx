import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import FavoriteIcon from '@material-ui/icons/FavoriteBorder';
import { SidebarLogo } from './SidebarLogo';
import { SidebarSectionTitle } from './SidebarSectionTitle';

/**
 * The page extensions of the Vitals plugins, in the order the "Vitals" section
 * lists them. A plugin that is not installed is simply absent.
 */
export const VITALS_PAGES = [
  'page:slo',
  'page:dr-readiness',
  'page:compliance',
] as const;

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));

      nav.take('page:search'); // the search modal replaces the search page link

      const vitals = VITALS_PAGES.map(id => nav.take(id)).filter(Boolean);

      return (
        <Sidebar>
          <SidebarLogo />
          <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
            <SidebarSearchModal />
          </SidebarGroup>
          <SidebarDivider />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:catalog')}
            {nav.take('page:api-docs')}
            {nav.take('page:scaffolder')}
          </SidebarGroup>
          {vitals.length > 0 && (
            <>
              <SidebarDivider />
              <SidebarGroup label="Vitals" icon={<FavoriteIcon />}>
                <div role="group" aria-label="Vitals">
                  <SidebarSectionTitle>Vitals</SidebarSectionTitle>
                  {vitals}
                </div>
              </SidebarGroup>
            </>
          )}
          <SidebarDivider />
          <SidebarScrollWrapper>
            {nav.rest({ sortBy: 'title' })}
          </SidebarScrollWrapper>
          <SidebarSpace />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {nav.take('page:app-visualizer')}
            {nav.take('page:user-settings')}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});

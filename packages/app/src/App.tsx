import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { themeModule } from './modules/theme';
import { signInModule } from './modules/signIn';

/**
 * The Vitals portal. Plugin packages listed in this package's dependencies are
 * discovered through `app.packages: all`; the modules here give the portal its
 * navigation, theme and sign-in page.
 */
export default createApp({
  features: [navModule, themeModule, signInModule],
});

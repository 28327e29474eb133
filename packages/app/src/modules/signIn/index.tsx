import {
  configApiRef,
  createFrontendModule,
  microsoftAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';
import { SignInPage, SignInProviderConfig } from '@backstage/core-components';

const microsoftProvider: SignInProviderConfig = {
  id: 'microsoft-auth-provider',
  title: 'Microsoft Entra ID',
  message: 'Sign in with your organisation account',
  apiRef: microsoftAuthApiRef,
};

/**
 * The providers offered on the sign-in page come from
 * `vitals.signIn.providers`: guest locally, Microsoft Entra ID in production.
 */
export const VitalsSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const configured = config.getOptionalStringArray(
    'vitals.signIn.providers',
  ) ?? ['guest'];
  const providers = configured.map(id =>
    id === 'microsoft' ? microsoftProvider : ('guest' as const),
  );
  return (
    <SignInPage
      {...props}
      title="Sign in"
      align="center"
      auto
      providers={providers}
    />
  );
};

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => VitalsSignInPage,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});

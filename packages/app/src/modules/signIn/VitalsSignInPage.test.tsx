import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { VitalsSignInPage } from './index';

const baseConfig = {
  app: { title: 'Vitals', baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
};

describe('VitalsSignInPage', () => {
  it('offers guest sign-in when nothing is configured', async () => {
    renderInTestApp(<VitalsSignInPage onSignInSuccess={jest.fn()} />, {
      config: baseConfig,
    });
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('Microsoft Entra ID')).not.toBeInTheDocument();
  });

  it('offers the providers named in vitals.signIn.providers, in order', async () => {
    renderInTestApp(<VitalsSignInPage onSignInSuccess={jest.fn()} />, {
      config: {
        ...baseConfig,
        vitals: { signIn: { providers: ['microsoft'] } },
      },
    });
    expect(await screen.findByText('Microsoft Entra ID')).toBeInTheDocument();
    expect(
      screen.getByText('Sign in with your organisation account'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});

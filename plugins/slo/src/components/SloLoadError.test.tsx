import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { SloLoadError } from './SloLoadError';

const REASON =
  'The SLOs of component:default/patient-messaging are being computed for the first time';

function responseError(status: number, reason: string): Error {
  const error: any = new Error(`Request failed with ${status}`);
  error.response = { status };
  error.cause = { name: 'ServiceUnavailableError', message: reason };
  return error;
}

describe('SloLoadError', () => {
  it("shows the backend's reason in a card when it has no figures yet (503)", async () => {
    await renderInTestApp(
      <SloLoadError error={responseError(503, REASON)} variant="inline" />,
    );
    expect(
      screen.getByText(`No SLO figures yet: ${REASON}`),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Request failed with 503'),
    ).not.toBeInTheDocument();
  });

  it('shows the error panel for any other failure', async () => {
    await renderInTestApp(
      <SloLoadError error={responseError(500, 'boom')} variant="inline" />,
    );
    expect(screen.getByText('Request failed with 500')).toBeInTheDocument();
    expect(screen.queryByText(/No SLO figures yet/)).not.toBeInTheDocument();
  });

  it('offers to try again on a page', async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <SloLoadError
        error={responseError(503, REASON)}
        variant="page"
        onRetry={onRetry}
      />,
    );
    expect(screen.getByText('No SLO figures yet')).toBeInTheDocument();
    expect(screen.getByText(REASON)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

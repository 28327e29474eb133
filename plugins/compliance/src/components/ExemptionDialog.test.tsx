import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { api, renderEntity } from '../__testUtils__/testApp';
import { EntityComplianceContent } from './EntityComplianceContent/EntityComplianceContent';

// The pages render MUI tables and recharts: seconds, when the whole suite
// runs in parallel.
jest.setTimeout(30_000);

// usePermission caches answers per module, so the permitted user gets a file of its own.
describe('EntityComplianceContent for a compliance officer', () => {
  it('lets a permitted user record an exemption, with themselves as the approver', async () => {
    const complianceApi = api();
    await renderEntity(<EntityComplianceContent />, complianceApi, {
      allowed: true,
    });
    await screen.findByLabelText('Score');
    fireEvent.click(
      (await screen.findAllByRole('button', { name: 'Add exemption' }))[0],
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/recorded with you as the approver/),
    ).toHaveTextContent('grace.whitfield');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Partner VPN cut-over' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Requested by/), {
      target: { value: 'user:default/priya.raman' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record exemption' }),
    );
    await waitFor(() =>
      expect(complianceApi.createExemption).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/fhir-gateway',
          controlId: '164.308(a)(1)(ii)(D)',
          category: 'mitigated',
          reason: 'Partner VPN cut-over',
          requester: 'user:default/priya.raman',
        }),
      ),
    );
    expect(
      (complianceApi.createExemption as jest.Mock).mock.calls[0][0],
    ).not.toHaveProperty('approver');
    await waitFor(() =>
      expect(complianceApi.getEntityCompliance).toHaveBeenCalledTimes(2),
    );
  });
});

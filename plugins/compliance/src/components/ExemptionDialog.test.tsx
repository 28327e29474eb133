import { ResponseError } from '@backstage/errors';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
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

describe('the exemption dialog', () => {
  const users = ['grace.whitfield', 'priya.raman', 'amara.okafor'].map(
    name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name, namespace: 'default' },
      spec: { profile: { displayName: name.replace('.', ' ') } },
    }),
  );

  it('offers the catalog users other than the approver as requesters, and shows why the backend refused', async () => {
    const complianceApi = api({
      createExemption: jest.fn(async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'InputError',
                message:
                  'requester: user:default/nobody is not a User in the catalog',
              },
              request: { method: 'POST', url: '/api/compliance/exemptions' },
              response: { statusCode: 400 },
            }),
            {
              status: 400,
              statusText: 'Bad Request',
              headers: { 'Content-Type': 'application/json' },
            },
          ),
        );
      }),
    });
    await renderEntity(<EntityComplianceContent />, complianceApi, {
      allowed: true,
      apis: [[catalogApiRef, catalogApiMock({ entities: users })]],
    });
    await screen.findByLabelText('Score');
    fireEvent.click(
      (await screen.findAllByRole('button', { name: 'Add exemption' }))[0],
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/a User in the catalog, and not you/),
    ).toBeInTheDocument();
    const requester = within(dialog).getByLabelText(/Requested by/);
    fireEvent.mouseDown(requester);
    fireEvent.keyDown(requester, { key: 'ArrowDown' });
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'amara okafor (user:default/amara.okafor)',
      'priya raman (user:default/priya.raman)',
    ]);
    fireEvent.click(options[1]);
    await waitFor(() =>
      expect(requester).toHaveValue('user:default/priya.raman'),
    );
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Partner VPN cut-over' },
    });
    fireEvent.change(requester, { target: { value: 'user:default/nobody' } });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record exemption' }),
    );
    expect(
      await within(dialog).findByText(
        'requester: user:default/nobody is not a User in the catalog',
      ),
    ).toBeInTheDocument();
    expect(complianceApi.createExemption).toHaveBeenCalledWith(
      expect.objectContaining({ requester: 'user:default/nobody' }),
    );
  });
});

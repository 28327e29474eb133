import { identityApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SloDeployGateResponse } from '@vitals/plugin-slo-common';
import { SloApi, sloApiRef } from '../../api/SloApi';
import { DeployGatePanel } from './DeployGatePanel';

jest.setTimeout(30_000);

const ENTITY = {
  kind: 'Component',
  namespace: 'default',
  name: 'appointments-service',
};

const closed: SloDeployGateResponse = {
  entityRef: 'component:default/appointments-service',
  allow: false,
  policyState: 'freeze',
  reasons: [
    {
      slo: 'availability',
      displayName: 'Availability',
      remaining: -0.125,
      policyState: 'freeze',
      stale: true,
    },
  ],
  override: null,
  message: 'Deploy gate closed: …',
};

const override = {
  id: '0b6f7c1e-8a44-4c43-9b1a-7d1f3f1b2c3d',
  entityRef: closed.entityRef,
  requester: 'user:default/priya.raman',
  approver: 'user:default/grace.whitfield',
  reason: 'Hotfix for the failed bookings',
  createdAt: '2026-12-05T09:00:00.000Z',
  expiresAt: '2026-12-05T13:00:00.000Z',
  revokedAt: null,
  revokedBy: null,
  active: true,
};

// usePermission caches answers per module: this file is the permitted SRE lead.
describe('DeployGatePanel for an SRE lead', () => {
  it('records an override for someone else and shows the gate open by it, then revokes it', async () => {
    let gate: SloDeployGateResponse = closed;
    const sloApi = {
      getDeployGate: jest.fn(async () => gate),
      createDeployGateOverride: jest.fn(async () => {
        gate = { ...closed, allow: true, override };
        return override;
      }),
      revokeDeployGateOverride: jest.fn(async () => {
        gate = closed;
        return { ...override, active: false };
      }),
    } as unknown as SloApi;
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [sloApiRef, sloApi],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
          [
            identityApiRef,
            mockApis.identity({
              userEntityRef: 'user:default/grace.whitfield',
            }),
          ],
        ]}
      >
        <DeployGatePanel entityRef={ENTITY} />
      </TestApiProvider>,
    );
    const panel = await screen.findByTestId('deploy-gate');
    expect(panel).toHaveTextContent(
      'Availability: freeze, -12.5% of its error budget left (figures stale)',
    );
    fireEvent.click(
      await within(panel).findByRole('button', { name: 'Override the gate' }),
    );
    const dialog = await screen.findByRole('dialog');
    const record = within(dialog).getByRole('button', {
      name: 'Record override',
    });
    expect(record).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Requested by/), {
      target: { value: 'user:default/priya.raman' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Hotfix for the failed bookings' },
    });
    const before = Date.now();
    fireEvent.click(record);
    await waitFor(() =>
      expect(sloApi.createDeployGateOverride).toHaveBeenCalledTimes(1),
    );
    const [ref, input] = (sloApi.createDeployGateOverride as jest.Mock).mock
      .calls[0];
    expect(ref).toEqual(ENTITY);
    expect(input).toMatchObject({
      requester: 'user:default/priya.raman',
      reason: 'Hotfix for the failed bookings',
    });
    // Four hours by default.
    expect(input.expiresAt.getTime() - before).toBeGreaterThanOrEqual(
      4 * 3_600_000 - 1000,
    );
    expect(input.expiresAt.getTime() - before).toBeLessThan(
      4 * 3_600_000 + 60_000,
    );
    expect(
      await screen.findByText('Deploy gate open by override'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('deploy-gate')).toHaveTextContent(
      'Approved by user:default/grace.whitfield for user:default/priya.raman',
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Revoke the override' }),
    );
    expect(
      await screen.findByText('Deploy gate closed: error-budget freeze'),
    ).toBeInTheDocument();
    expect(sloApi.revokeDeployGateOverride).toHaveBeenCalledWith(
      ENTITY,
      override.id,
    );
  });
});

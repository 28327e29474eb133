import { checkApiManagementRegions } from './apiManagement';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { apiManagement } from '../__fixtures__/families';

describe('checkApiManagementRegions', () => {
  it.each([
    {
      name: 'Premium with an additional location in the secondary',
      resources: [
        apiManagement('apim-portal', 'eastus2', 'Premium', [
          {
            location: 'Central US',
            sku: { name: 'Premium', capacity: 1 },
            zones: ['1', '2'],
          },
        ]),
      ],
      status: 'pass',
    },
    {
      name: 'an additional location with its gateway disabled',
      resources: [
        apiManagement('apim-portal', 'eastus2', 'Premium', [
          {
            location: 'Central US',
            sku: { name: 'Premium', capacity: 1 },
            disableGateway: true,
          },
        ]),
      ],
      status: 'fail',
      remediation: 'additional_location { location = "centralus" }',
    },
    {
      name: 'a second Standard service in the secondary',
      resources: [
        apiManagement('apim-portal-eus2', 'eastus2', 'Standard'),
        apiManagement('apim-portal-cus', 'centralus', 'Standard'),
      ],
      status: 'pass',
    },
    {
      name: 'Standard in the primary only',
      resources: [apiManagement('apim-portal', 'eastus2', 'Standard')],
      status: 'fail',
      remediation: 'sku_name = "Premium_1"',
    },
    {
      name: 'a service read without properties',
      resources: withoutProperties([
        apiManagement('apim-portal', 'eastus2', 'Premium'),
      ]).map(r => ({ ...r, sku: undefined })),
      status: 'unknown',
    },
  ])('$name: $status', ({ resources, status, remediation }) => {
    const result = run(checkApiManagementRegions, input(resources));
    expect(result.status).toBe(status);
    expect(result.mirrors).toEqual({ aprl: ['af4f88cb'] });
    expect(result.remediation).toContain(remediation ?? '');
  });

  it('judges a service whose additional location is in the lost region', () => {
    const service = apiManagement('apim-portal', 'centralus', 'Premium', [
      { location: 'East US 2', sku: { name: 'Premium', capacity: 1 } },
    ]);
    expect(run(checkApiManagementRegions, input([service])).status).toBe(
      'pass',
    );
  });

  it.each([
    { sku: 'Premium', zones: ['1', '2'], status: 'pass' },
    { sku: 'Premium', zones: undefined, status: 'warn' },
    { sku: 'Standard', zones: undefined, status: 'warn' },
  ])('zones of $sku $zones: $status', ({ sku, zones, status }) => {
    const result = run(
      checkZoneRedundancy,
      input([apiManagement('apim-portal', 'eastus2', sku, [], zones)]),
    );
    expect(result.status).toBe(status);
  });
});

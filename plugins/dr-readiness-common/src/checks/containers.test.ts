import { checkComputeInSurvivingRegion } from './compute';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { containerGroup } from '../__fixtures__/families';

describe('container instances in compute-in-surviving-region and zone-redundancy', () => {
  it.each([
    {
      name: 'a running group in each region',
      resources: [
        containerGroup('ci-intake-eus2', 'eastus2', ['1']),
        containerGroup('ci-intake-cus', 'centralus', ['1']),
      ],
      status: 'pass',
    },
    {
      name: 'a group in the primary only',
      resources: [containerGroup('ci-intake-eus2', 'eastus2', ['1'])],
      status: 'fail',
    },
    {
      name: 'a stopped group in the secondary',
      resources: [
        containerGroup('ci-intake-eus2', 'eastus2', ['1']),
        containerGroup('ci-intake-cus', 'centralus', ['1'], 'Stopped'),
      ],
      status: 'warn',
    },
  ])('$name: $status', ({ resources, status }) => {
    const result = run(checkComputeInSurvivingRegion, input(resources));
    expect(result.status).toBe(status);
  });

  it.each([
    {
      name: 'groups in two zones',
      resources: [
        containerGroup('ci-intake-1', 'eastus2', ['1']),
        containerGroup('ci-intake-2', 'eastus2', ['2']),
      ],
      status: 'pass',
    },
    {
      name: 'one zonal group',
      resources: [containerGroup('ci-intake-1', 'eastus2', ['1'])],
      status: 'warn',
    },
    {
      name: 'a group read without properties',
      resources: withoutProperties([
        containerGroup('ci-intake-1', 'eastus2', ['1']),
      ]),
      status: 'unknown',
    },
  ])('zones: $name: $status', ({ resources, status }) => {
    const result = run(checkZoneRedundancy, input(resources));
    expect(result.status).toBe(status);
    expect(result.remediation.includes('azurerm_container_group zones')).toBe(
      status === 'warn',
    );
  });
});

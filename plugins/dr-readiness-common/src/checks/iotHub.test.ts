import { checkIotHubFailover } from './iotHub';
import { input, run } from '../__fixtures__/checkInput';
import { iotHub } from '../__fixtures__/families';

const pairLocations = [
  { location: 'East US 2', role: 'primary' },
  { location: 'Central US', role: 'secondary' },
];

describe('checkIotHubFailover', () => {
  it.each([
    {
      name: 'a hub failing over to the paired secondary',
      resources: [iotHub('iot-devices-eus2', 'eastus2', pairLocations)],
      secondaryRegion: 'centralus',
      status: 'pass',
    },
    {
      name: 'a hub whose pair is not the custom secondary',
      resources: [iotHub('iot-devices-eus2', 'eastus2', pairLocations)],
      secondaryRegion: 'westus2',
      status: 'fail',
      summary:
        'IoT hub iot-devices-eus2 fails over only to Central US, not to West US 2.',
    },
    {
      name: 'a hub of its own in the custom secondary',
      resources: [
        iotHub('iot-devices-eus2', 'eastus2', pairLocations),
        iotHub('iot-devices-wus2', 'westus2', [
          { location: 'West US 2', role: 'primary' },
          { location: 'West Central US', role: 'secondary' },
        ]),
      ],
      secondaryRegion: 'westus2',
      status: 'pass',
    },
    {
      name: 'a hub with data residency',
      resources: [
        iotHub('iot-devices-eus2', 'eastus2', pairLocations, {
          enableDataResidency: true,
        }),
      ],
      secondaryRegion: 'centralus',
      status: 'fail',
    },
    {
      name: 'a hub read without its locations',
      resources: [iotHub('iot-devices-eus2', 'eastus2', undefined)],
      secondaryRegion: 'centralus',
      status: 'unknown',
    },
  ])('$name: $status', ({ resources, secondaryRegion, status, summary }) => {
    const result = run(
      checkIotHubFailover,
      input(resources, { secondaryRegion }),
    );
    expect(result.status).toBe(status);
    expect(result.mirrors).toEqual({ aprl: ['02568a5d'] });
    expect(result.summary).toContain(summary ?? '');
    expect(result.remediation.includes('azurerm_iothub_dps linked_hub')).toBe(
      status === 'fail',
    );
  });
});

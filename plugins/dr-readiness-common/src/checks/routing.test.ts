import { checkGlobalRouting } from './routing';
import { arm, patchResource } from '../__fixtures__/arm';
import { RG, input, run, storage } from '../__fixtures__/checkInput';
import { patientRecordsResources } from '../__fixtures__/patientRecords';
import {
  billingPolicy,
  billingResources,
  claimsApiPolicy,
  claimsApiResources,
  schedulingPolicy,
  schedulingResources,
} from '../__fixtures__/services';

describe('checkGlobalRouting', () => {
  const tmId = 'Microsoft.Network/trafficManagerProfiles/tm-claims-api';
  function withProfile(patch: Record<string, unknown>) {
    return patchResource(claimsApiResources, tmId, r => ({
      ...r,
      properties: { ...r.properties, ...patch },
    }));
  }

  it('passes a Priority Traffic Manager profile with endpoints in both regions', () => {
    const result = run(
      checkGlobalRouting,
      input(claimsApiResources, claimsApiPolicy),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'tm-claims-api sends traffic to West US 2 when East US 2 fails its health probes.',
    );
    expect(Object.values(result.evidence)[0]).toMatchObject({
      'properties.trafficRoutingMethod': 'Priority',
      endpointRegions: ['eastus2', 'westus2'],
      switchTime: 'PT2M30S',
    });
  });

  it('places Azure endpoints by their target resource', () => {
    const result = run(
      checkGlobalRouting,
      input(billingResources, billingPolicy),
    );
    expect(result.status).toBe('pass');
    expect(Object.values(result.evidence)[0]).toMatchObject({
      endpointRegions: ['eastus', 'westus'],
    });
  });

  it.each([
    [
      'Performance routing',
      { trafficRoutingMethod: 'Performance' },
      'warn',
      'routes by Performance',
    ],
    [
      'a disabled profile',
      { profileStatus: 'Disabled' },
      'fail',
      'tm-claims-api is disabled',
    ],
    [
      'no health probe',
      { monitorConfig: {} },
      'fail',
      'has no health probe: it cannot tell that East US 2 is down.',
    ],
    [
      'the secondary endpoint disabled',
      {
        endpoints: [
          {
            name: 'eastus2',
            properties: {
              endpointStatus: 'Enabled',
              endpointLocation: 'East US 2',
              priority: 1,
            },
          },
          {
            name: 'westus2',
            properties: {
              endpointStatus: 'Disabled',
              endpointLocation: 'West US 2',
              priority: 2,
            },
          },
        ],
      },
      'fail',
      'has no enabled endpoint in West US 2.',
    ],
    [
      'an endpoint that cannot be placed',
      {
        endpoints: [
          {
            name: 'x',
            properties: {
              endpointStatus: 'Enabled',
              target: 'claims.example.org',
              priority: 1,
            },
          },
        ],
      },
      'unknown',
      'could not be placed in a region',
    ],
  ])('%s → %s', (_, patch, status, summary) => {
    const result = run(
      checkGlobalRouting,
      input(withProfile(patch), claimsApiPolicy),
    );
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
  });

  it('is unknown when the profile was read without properties', () => {
    const resources = patchResource(claimsApiResources, tmId, r => ({
      ...r,
      properties: {},
    }));
    expect(
      run(checkGlobalRouting, input(resources, claimsApiPolicy)).status,
    ).toBe('unknown');
  });

  describe('Front Door', () => {
    const profile = 'Microsoft.Cdn/profiles/afd-patient-records';
    it('passes origins in both regions with health probes, placed by id and by host name', () => {
      const result = run(checkGlobalRouting, input(patientRecordsResources));
      expect(result.status).toBe('pass');
      expect(Object.values(result.evidence)[0]).toEqual({
        'sku.name': 'Premium_AzureFrontDoor',
        endpoints: [{ name: 'patient-records', enabledState: 'Enabled' }],
        originGroups: [
          {
            name: 'og-patient-records',
            healthProbeSettings: {
              probePath: '/healthz',
              probeRequestType: 'HEAD',
              probeProtocol: 'Https',
              probeIntervalInSeconds: 30,
            },
            originRegions: ['eastus2', 'centralus'],
          },
        ],
        switchTime: 'PT1M',
      });
    });

    it.each([
      [
        'the secondary origin disabled',
        `${profile}/originGroups/og-patient-records/origins/centralus`,
        { enabledState: 'Disabled' },
        'fail',
        'has an enabled origin in Central US.',
      ],
      [
        'no health probe',
        `${profile}/originGroups/og-patient-records`,
        { healthProbeSettings: null },
        'fail',
        'has no health probe: Front Door keeps sending traffic to East US 2.',
      ],
      [
        'the endpoint disabled',
        `${profile}/afdEndpoints/patient-records`,
        { enabledState: 'Disabled' },
        'fail',
        'has no enabled endpoint',
      ],
      [
        'an origin host nobody serves',
        `${profile}/originGroups/og-patient-records/origins/centralus`,
        { hostName: 'legacy.example.org' },
        'unknown',
        'could not be placed in a region',
      ],
    ])('%s → %s', (_, suffix, patch, status, summary) => {
      const resources = patchResource(patientRecordsResources, suffix, r => ({
        ...r,
        properties: { ...r.properties, ...patch },
      }));
      const result = run(checkGlobalRouting, input(resources));
      expect(result.status).toBe(status);
      expect(result.summary).toContain(summary);
    });

    it('ignores classic CDN profiles', () => {
      const resources = patchResource(patientRecordsResources, profile, r => ({
        ...r,
        sku: { name: 'Standard_Microsoft' },
      }));
      const result = run(checkGlobalRouting, input(resources));
      expect(result.status).toBe('fail');
      expect(result.summary).toContain(
        'No Traffic Manager or Front Door profile routes the service',
      );
    });
  });

  it.each([
    ['critical', 'fail', true],
    ['high', 'fail', true],
    ['standard', 'warn', false],
  ] as const)('without any router, %s → %s', (tier, status, blocking) => {
    const result = run(
      checkGlobalRouting,
      input(schedulingResources, { ...schedulingPolicy, tier }),
    );
    expect(result.status).toBe(status);
    expect(result.blocking).toBe(blocking);
  });

  it('reports the best router when several exist', () => {
    const broken = arm({
      id: `${RG}/providers/Microsoft.Network/trafficManagerProfiles/tm-old`,
      type: 'Microsoft.Network/trafficManagerProfiles',
      location: 'global',
      properties: {
        profileStatus: 'Disabled',
        trafficRoutingMethod: 'Priority',
      },
    });
    const result = run(
      checkGlobalRouting,
      input([...claimsApiResources, broken], claimsApiPolicy),
    );
    expect(result.status).toBe('pass');
    expect(result.resources).toHaveLength(2);
  });

  it('does not apply to a service without compute', () => {
    expect(
      checkGlobalRouting(input([storage('st1', 'Standard_GRS', {})])),
    ).toBeUndefined();
  });
});

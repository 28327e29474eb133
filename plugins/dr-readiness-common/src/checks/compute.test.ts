import { checkComputeInSurvivingRegion } from './compute';
import { arm } from '../__fixtures__/arm';
import { RG, input, run, storage } from '../__fixtures__/checkInput';
import {
  claimsApiPolicy,
  claimsApiResources,
  schedulingPolicy,
  schedulingResources,
} from '../__fixtures__/services';

describe('checkComputeInSurvivingRegion', () => {
  function site(name: string, location: string, state = 'Running') {
    return arm({
      id: `${RG}/providers/Microsoft.Web/sites/${name}`,
      type: 'Microsoft.Web/sites',
      location,
      kind: 'app',
      properties: { state, defaultHostName: `${name}.azurewebsites.net` },
    });
  }

  it.each([
    [
      'a running site in each region',
      [site('a', 'eastus2'), site('b', 'Central US')],
      'pass',
      '1 compute resource of the service runs in Central US.',
    ],
    [
      'nothing in the secondary',
      [site('a', 'eastus2')],
      'fail',
      'No App Service site, AKS cluster or container app of the service runs in Central US: nothing serves after losing East US 2.',
    ],
    [
      'fewer sites in the secondary',
      [site('a', 'eastus2'), site('b', 'eastus2'), site('c', 'centralus')],
      'warn',
      'Central US runs 1 of the 2 App Service sites that run in East US 2.',
    ],
    [
      'a stopped standby',
      [site('a', 'eastus2'), site('b', 'centralus', 'Stopped')],
      'warn',
      'b in Central US is stopped (cold standby): it must be started during the failover.',
    ],
    [
      'compute only elsewhere',
      [site('a', 'westeurope')],
      'fail',
      'No App Service site, AKS cluster or container app of the service runs in Central US: nothing serves after losing East US 2.',
    ],
  ])('%s → %s', (_, resources, status, summary) => {
    const result = run(checkComputeInSurvivingRegion, input(resources));
    expect(result.status).toBe(status);
    expect(result.summary).toBe(summary);
    expect(result.blocking).toBe(status === 'fail');
  });

  it('finds a stopped AKS cold standby and a running container app', () => {
    expect(
      run(
        checkComputeInSurvivingRegion,
        input(schedulingResources, schedulingPolicy),
      ).summary,
    ).toBe(
      'aks-scheduling-eus in East US is stopped (cold standby): it must be started during the failover.',
    );
    expect(
      run(
        checkComputeInSurvivingRegion,
        input(claimsApiResources, claimsApiPolicy),
      ).status,
    ).toBe('pass');
  });

  it('looks at the primary when the secondary is lost', () => {
    const result = run(
      checkComputeInSurvivingRegion,
      input(schedulingResources, schedulingPolicy, { role: 'secondary' }),
    );
    expect(result.status).toBe('pass');
    expect(result.title).toBe('Compute runs in West US 3');
  });

  it('does not apply to a service without compute', () => {
    expect(
      checkComputeInSurvivingRegion(
        input([storage('st1', 'Standard_GRS', {})]),
      ),
    ).toBeUndefined();
  });
});

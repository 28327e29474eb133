import { recoveryComponents } from './recovery';
import { input } from '../__fixtures__/checkInput';
import {
  patientRecordsDrills,
  patientRecordsResources,
} from '../__fixtures__/patientRecords';
import {
  billingPolicy,
  billingResources,
  labResultsPolicy,
  labResultsResources,
  schedulingPolicy,
  schedulingResources,
} from '../__fixtures__/services';

describe('recoveryComponents', () => {
  it('estimates each part of losing the primary', () => {
    expect(
      recoveryComponents(
        input(
          patientRecordsResources,
          {},
          { lastDrill: patientRecordsDrills[1] },
        ),
      ),
    ).toEqual([
      {
        component: 'front-door',
        resourceId: patientRecordsResources.find(
          r => r.name === 'afd-patient-records',
        )?.id,
        duration: 'PT1M',
        basis:
          'probe interval × (sample size − successful samples required + 1)',
      },
      {
        component: 'sql-failover-group',
        resourceId: patientRecordsResources.find(r =>
          r.id.endsWith('eus2/failoverGroups/fog-patient-records'),
        )?.id,
        duration: 'PT11M',
        basis: 'customer-managed failover, as measured in the last drill',
      },
      {
        component: 'cosmos-db',
        resourceId: patientRecordsResources.find(
          r => r.name === 'cosmos-patient-events',
        )?.id,
        duration: 'PT15M',
        basis: 'service-managed failover (Azure Cosmos DB reliability guide)',
      },
      {
        component: 'drill',
        duration: 'PT11M',
        basis: 'measured in drill drill-pr-2025-04 on 2025-04-15',
      },
    ]);
  });

  it('cannot estimate manual failover without a drill or routing without a router', () => {
    expect(
      recoveryComponents(input(billingResources, billingPolicy)).map(c => [
        c.component,
        c.duration,
      ]),
    ).toEqual([
      ['traffic-manager', 'PT3M'],
      ['sql-failover-group', null],
    ]);
    expect(
      recoveryComponents(input(schedulingResources, schedulingPolicy)),
    ).toEqual([
      {
        component: 'routing',
        duration: null,
        basis: 'no global routing: clients are repointed by hand',
      },
    ]);
  });

  it('has nothing to estimate without a secondary', () => {
    expect(
      recoveryComponents(input(labResultsResources, labResultsPolicy)),
    ).toEqual([]);
  });
});

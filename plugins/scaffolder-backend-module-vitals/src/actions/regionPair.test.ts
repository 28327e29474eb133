import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleSteps } from '../__testUtils__/actionExamples';
import { createRegionPairAction, REGION_PAIR_ACTION_ID } from './regionPair';
import { examples } from './regionPair.examples';

async function run(input: Record<string, unknown>, isDryRun = false) {
  const ctx = { ...createMockActionContext({ input: input as any }), isDryRun };
  await createRegionPairAction().handler(ctx as any);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

describe('vitals:azure:region-pair', () => {
  it.each(
    exampleSteps(examples, REGION_PAIR_ACTION_ID).map(s => [
      s.description,
      s.step.input!,
    ]),
  )('example: %s', async (_description, input) => {
    const outputs = await run(input);
    expect(outputs.primaryRegion).toBe(input.primaryRegion);
    expect(outputs.regions.map((r: any) => r.role)).toEqual([
      'primary',
      'secondary',
    ]);
  });

  it.each([
    [{ primaryRegion: 'eastus2' }, 'centralus', 'paired', 'pair'],
    [
      { primaryRegion: 'westus3', secondaryRegion: 'pair' },
      'eastus',
      'one-way',
      'pair',
    ],
    [
      {
        primaryRegion: 'qatarcentral',
        secondaryRegion: 'uaenorth',
        dataClassification: 'internal',
      },
      'uaenorth',
      'unpaired',
      'requested',
    ],
    [
      { primaryRegion: 'eastus2', secondaryRegion: 'westus2' },
      'westus2',
      'custom',
      'requested',
    ],
  ])('%j → %s (%s, %s)', async (input, secondary, pairing, source) => {
    const outputs = await run(input);
    expect(outputs).toMatchObject({
      secondaryRegion: secondary,
      pairing,
      source,
    });
  });

  it('outputs display names, geography and zones of both regions', async () => {
    const outputs = await run({ primaryRegion: 'East US 2' });
    expect(outputs).toMatchObject({
      primaryRegion: 'eastus2',
      primaryDisplayName: 'East US 2',
      secondaryDisplayName: 'Central US',
      geography: 'United States',
      sameGeography: true,
      regions: [
        { name: 'eastus2', role: 'primary', availabilityZones: true },
        { name: 'centralus', role: 'secondary', geography: 'United States' },
      ],
    });
  });

  it('is the same in a dry run', async () => {
    expect(await run({ primaryRegion: 'westus3' }, true)).toEqual(
      await run({ primaryRegion: 'westus3' }),
    );
  });

  it('refuses unknown regions with suggestions', async () => {
    const error = await run({ primaryRegion: 'westus4' }).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /primaryRegion "westus4" is not an Azure region\. Did you mean westus/,
    );
  });

  it('refuses a PHI secondary outside the geography, saying why', async () => {
    const error = await run({
      primaryRegion: 'germanywestcentral',
      secondaryRegion: 'westeurope',
      dataClassification: 'phi',
    }).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('PHI must stay in one geography');
    expect(error.message).toContain('Choose germanynorth, the Azure pair');
  });
});

import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RegionChoiceError, resolveRegionPair } from '../domain/regionPair';
import { examples } from './regionPair.examples';

export const REGION_PAIR_ACTION_ID = 'vitals:azure:region-pair';

/**
 * `vitals:azure:region-pair`: the secondary region of a service. The Azure
 * pair by default; a named region is checked (known, not the primary, in
 * the same geography for PHI) and its pairing described.
 */
export function createRegionPairAction() {
  return createTemplateAction({
    id: REGION_PAIR_ACTION_ID,
    description:
      'Resolves the secondary Azure region of a service (the pair of the primary unless one is named), refuses unknown regions with suggestions and, for PHI, regions outside the primary geography.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        primaryRegion: z =>
          z.string({
            description:
              'Programmatic or display name of the primary region (eastus2, "East US 2").',
          }),
        secondaryRegion: z =>
          z
            .string({
              description:
                'Region to fail over to. Empty or "pair" resolves the Azure pair.',
            })
            .optional(),
        dataClassification: z =>
          z
            .string({
              description:
                'Data classification; phi (the default) requires both regions in one geography.',
            })
            .optional(),
      },
      output: {
        primaryRegion: z =>
          z.string({ description: 'Programmatic name of the primary.' }),
        primaryDisplayName: z => z.string({ description: 'e.g. East US 2' }),
        secondaryRegion: z =>
          z.string({ description: 'Programmatic name of the secondary.' }),
        secondaryDisplayName: z => z.string({ description: 'e.g. Central US' }),
        pairing: z =>
          z.enum(['paired', 'one-way', 'unpaired', 'custom'], {
            description:
              'paired: each is the other pair; one-way: the secondary is paired elsewhere; unpaired: the primary has no pair; custom: not the pair.',
          }),
        source: z =>
          z.enum(['pair', 'requested'], {
            description: 'pair when resolved by default, requested when named.',
          }),
        geography: z =>
          z.string({ description: 'Azure geography of the primary.' }),
        sameGeography: z =>
          z.boolean({ description: 'Both regions in one geography.' }),
        regions: z =>
          z.array(
            z.object({
              name: z.string(),
              displayName: z.string(),
              role: z.enum(['primary', 'secondary']),
              geography: z.string(),
              availabilityZones: z.boolean(),
            }),
            { description: 'Both regions with their role, primary first.' },
          ),
        warnings: z =>
          z.array(z.string(), {
            description:
              'One-way pairs, custom secondaries, access-restricted regions.',
          }),
      },
    },
    async handler(ctx) {
      let resolution;
      try {
        resolution = resolveRegionPair({
          primaryRegion: ctx.input.primaryRegion,
          secondaryRegion: ctx.input.secondaryRegion,
          dataClassification: ctx.input.dataClassification ?? 'phi',
        });
      } catch (e) {
        if (e instanceof RegionChoiceError) {
          throw new InputError(e.message);
        }
        throw e;
      }
      const { primary, secondary } = resolution;
      for (const warning of resolution.warnings) {
        ctx.logger.warn(warning);
      }
      ctx.logger.info(
        `${primary.name} → ${secondary.name}: ${resolution.pairing} (${resolution.source})`,
      );
      ctx.output('primaryRegion', primary.name);
      ctx.output('primaryDisplayName', primary.displayName);
      ctx.output('secondaryRegion', secondary.name);
      ctx.output('secondaryDisplayName', secondary.displayName);
      ctx.output('pairing', resolution.pairing);
      ctx.output('source', resolution.source);
      ctx.output('geography', primary.geography);
      ctx.output('sameGeography', resolution.sameGeography);
      ctx.output('regions', [
        {
          name: primary.name,
          displayName: primary.displayName,
          role: 'primary',
          geography: primary.geography,
          availabilityZones: primary.availabilityZones,
        },
        {
          name: secondary.name,
          displayName: secondary.displayName,
          role: 'secondary',
          geography: secondary.geography,
          availabilityZones: secondary.availabilityZones,
        },
      ]);
      ctx.output('warnings', resolution.warnings);
    },
  });
}

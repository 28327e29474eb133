import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import {
  ANNOTATION_DR_TIER,
  ANNOTATION_PRIMARY_REGION,
  ANNOTATION_SECONDARY_REGION,
} from '@vitals/plugin-dr-readiness-common';

export const ANNOTATION_SNIPPET = `metadata:
  annotations:
    # critical | high | standard | none: sets the RTO and RPO
    ${ANNOTATION_DR_TIER}: high
    # the Azure region the service runs in
    ${ANNOTATION_PRIMARY_REGION}: eastus2
    # optional: defaults to the primary's Azure pair
    # ${ANNOTATION_SECONDARY_REGION}: centralus`;

/** Shown when an entity declares no DR policy: the exact annotations to add. */
export function DrEmptyState() {
  return (
    <EmptyState
      missing="field"
      title="No DR policy declared for this entity"
      description={`Add the ${ANNOTATION_DR_TIER} and ${ANNOTATION_PRIMARY_REGION} annotations to catalog-info.yaml. The tier sets the RTO and RPO; the secondary region defaults to the primary's Azure pair. Resources are found by their vitals-entity tag, or by vitals.dev/azure-selector.`}
      action={
        <Box maxWidth={720}>
          <Typography variant="subtitle2" gutterBottom>
            catalog-info.yaml
          </Typography>
          <CodeSnippet
            text={ANNOTATION_SNIPPET}
            language="yaml"
            showCopyCodeButton
          />
        </Box>
      }
    />
  );
}

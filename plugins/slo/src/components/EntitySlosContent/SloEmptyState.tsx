import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import {
  ANNOTATION_SLO_REF,
  MINIMAL_SLO_YAML,
} from '@vitals/plugin-slo-common';

const ANNOTATION_YAML = `metadata:
  annotations:
    ${ANNOTATION_SLO_REF}: ./slo.yaml`;

/** Shown when an entity declares no SLOs: the exact annotation and a minimal slo.yaml to add. */
export function SloEmptyState() {
  return (
    <EmptyState
      missing="field"
      title="No SLOs declared for this entity"
      description={`Add the ${ANNOTATION_SLO_REF} annotation to catalog-info.yaml and an OpenSLO v1 file next to it. Sloth and Pyrra files are read as well.`}
      action={
        <Box maxWidth={720}>
          <Typography variant="subtitle2" gutterBottom>
            catalog-info.yaml
          </Typography>
          <CodeSnippet
            text={ANNOTATION_YAML}
            language="yaml"
            showCopyCodeButton
          />
          <Box mt={2}>
            <Typography variant="subtitle2" gutterBottom>
              slo.yaml
            </Typography>
            <CodeSnippet
              text={MINIMAL_SLO_YAML}
              language="yaml"
              showCopyCodeButton
              showLineNumbers
            />
          </Box>
        </Box>
      }
    />
  );
}

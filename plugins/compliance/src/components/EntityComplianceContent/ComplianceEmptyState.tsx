import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import {
  COMPLIANCE_AZURE_SELECTOR_ANNOTATION,
  COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION,
  DATA_CLASSIFICATIONS,
  VITALS_ENTITY_TAG,
} from '@vitals/plugin-compliance-common';

const ANNOTATION_YAML = `metadata:
  annotations:
    ${COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION}: phi   # ${DATA_CLASSIFICATIONS.join(
  ' | ',
)}`;

/** Shown when an entity declares no data classification: the exact annotation to add. */
export function ComplianceEmptyState(props: { invalidValue?: string | null }) {
  return (
    <EmptyState
      missing="field"
      title={
        props.invalidValue
          ? `${props.invalidValue} is not a data classification`
          : 'This service does not say what data it handles'
      }
      description={`HIPAA controls are enforced for services that handle PHI. Add the ${COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION} annotation to catalog-info.yaml with one of ${DATA_CLASSIFICATIONS.join(
        ', ',
      )}; the next evaluation judges the service.`}
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
        </Box>
      }
    />
  );
}

const tagSnippet = (
  entityRef: string,
) => `# Terraform: on every resource of the service
tags = {
  ${VITALS_ENTITY_TAG} = "${entityRef}"
}

# or, in catalog-info.yaml, claim resources by tag or resource group:
metadata:
  annotations:
    ${COMPLIANCE_AZURE_SELECTOR_ANNOTATION}: resourceGroup:<subscription-id>/<resource-group>`;

/** Shown beside the verdict when no Azure resource matched the service. */
export function NoAzureResources(props: {
  entityRef: string;
  selectorErrors: string[];
}) {
  return (
    <Box>
      <Typography paragraph>
        No Azure resource in the inventory carries the tag{' '}
        <code>
          {VITALS_ENTITY_TAG}={props.entityRef}
        </code>{' '}
        or matches <code>{COMPLIANCE_AZURE_SELECTOR_ANNOTATION}</code>, so the
        Azure controls cannot be checked and stay unknown.
      </Typography>
      {props.selectorErrors.length > 0 && (
        <Typography paragraph color="error">
          These {COMPLIANCE_AZURE_SELECTOR_ANNOTATION} clauses could not be
          read: {props.selectorErrors.join(', ')}. Write{' '}
          <code>tag:&lt;name&gt;=&lt;value&gt;</code> or{' '}
          <code>resourceGroup:&lt;subscription&gt;/&lt;name&gt;</code>.
        </Typography>
      )}
      <CodeSnippet
        text={tagSnippet(props.entityRef)}
        language="yaml"
        showCopyCodeButton
      />
    </Box>
  );
}

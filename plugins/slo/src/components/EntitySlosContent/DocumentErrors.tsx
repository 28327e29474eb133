import { WarningPanel } from '@backstage/core-components';
import { List, ListItem, ListItemText } from '@material-ui/core';
import { SloDocumentIssue } from '@vitals/plugin-slo-common';

/** Problems in the SLO documents, each with where it is and what was expected. */
export function DocumentErrors(props: {
  issues: SloDocumentIssue[];
  readError?: string;
}) {
  const errors = props.issues.filter(i => i.severity === 'error');
  const warnings = props.issues.filter(i => i.severity === 'warning');
  if (errors.length === 0 && warnings.length === 0 && !props.readError)
    return null;
  const title = props.readError
    ? 'The SLO documents could not be read; the last good definitions are shown'
    : `${errors.length} problem${
        errors.length === 1 ? '' : 's'
      } in the SLO documents${
        warnings.length
          ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`
          : ''
      }`;
  return (
    <WarningPanel
      severity={errors.length || props.readError ? 'error' : 'warning'}
      title={title}
      defaultExpanded={errors.length > 0}
    >
      <List dense disablePadding>
        {props.readError && (
          <ListItem disableGutters>
            <ListItemText primary={props.readError} />
          </ListItem>
        )}
        {[...errors, ...warnings].map((issue, i) => (
          <ListItem key={i} disableGutters>
            <ListItemText
              style={{ overflowWrap: 'anywhere' }}
              primary={`${issue.object ? `${issue.object}: ` : ''}${
                issue.path ? `${issue.path} ` : ''
              }${issue.message}`}
              secondary={`${
                issue.severity === 'error' ? 'Error' : 'Warning'
              } in ${issue.file}, document ${issue.documentIndex + 1}${
                issue.line ? `, line ${issue.line}` : ''
              }`}
            />
          </ListItem>
        ))}
      </List>
    </WarningPanel>
  );
}

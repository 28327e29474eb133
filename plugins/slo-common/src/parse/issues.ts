/** A problem found in an SLO document: where it is and what was expected. */
export interface SloDocumentIssue {
  severity: 'error' | 'warning';
  file: string;
  /** 0-based index of the object in the file (documents and list items, in order). */
  documentIndex: number;
  /** Line of the document in the file, 1-based, when known. */
  line?: number;
  /** Field path inside the document, e.g. `spec.objectives[0].target`. */
  path: string;
  /** The SLO (or other object) the issue belongs to, when it has a name. */
  object?: string;
  message: string;
}

export function formatIssue(issue: SloDocumentIssue): string {
  const where = `${issue.file}#${issue.documentIndex}${
    issue.line ? ` (line ${issue.line})` : ''
  }`;
  const what = issue.object ? ` ${issue.object}` : '';
  return `${where}${what}: ${issue.path ? `${issue.path}: ` : ''}${
    issue.message
  }`;
}

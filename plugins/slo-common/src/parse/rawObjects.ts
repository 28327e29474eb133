import { LineCounter, parseAllDocuments } from 'yaml';
import { DocumentLocation, isRecord } from './fields';
import { SloDocumentIssue } from './issues';

/** One YAML object of a file (a document, or an item of a top-level list). */
export interface RawObject {
  value: Record<string, unknown>;
  location: DocumentLocation;
}

/**
 * Splits a file into objects: `---` separated documents and documents that are
 * a YAML list of objects (as the OpenSLO Go SDK writes them). Syntax errors
 * are reported with their line and never hide the other documents.
 */
export function readRawObjects(
  file: string,
  text: string,
  issues: SloDocumentIssue[],
): RawObject[] {
  const lineCounter = new LineCounter();
  const objects: RawObject[] = [];
  let documentIndex = 0;
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  } catch (e) {
    issues.push({
      severity: 'error',
      file,
      documentIndex: 0,
      path: '',
      message: `is not valid YAML: ${(e as Error).message}`,
    });
    return [];
  }
  if (!Array.isArray(docs)) {
    docs = [docs];
  }
  for (const doc of docs) {
    const line = doc.range
      ? lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line
      : undefined;
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const at =
        first.linePos?.[0]?.line ??
        (first.pos ? lineCounter.linePos(first.pos[0]).line : line);
      issues.push({
        severity: 'error',
        file,
        documentIndex,
        line: at,
        path: '',
        message: `is not valid YAML: ${first.message.split('\n')[0]}`,
      });
      documentIndex += 1;
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) {
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      let itemLine = line;
      const node = Array.isArray(value)
        ? (doc.contents as any)?.items?.[i]
        : undefined;
      if (node?.range) {
        itemLine = lineCounter.linePos(node.range[0]).line;
      }
      if (!isRecord(item)) {
        issues.push({
          severity: 'error',
          file,
          documentIndex,
          line: itemLine,
          path: '',
          message: `must be a mapping (an SLO document), got ${
            Array.isArray(item) ? 'a list' : typeof item
          }`,
        });
      } else {
        objects.push({
          value: item,
          location: { file, documentIndex, line: itemLine },
        });
      }
      documentIndex += 1;
    }
  }
  return objects;
}

import type { EvidenceDownload } from '../api/ComplianceApi';

/** Hands a downloaded evidence file to the browser as a file save. */
export function saveDownload(download: EvidenceDownload) {
  const url = URL.createObjectURL(download.blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = download.filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

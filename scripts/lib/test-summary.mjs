// Prints what every test step did and the closing line "N passed, N failed".
// Tests count one each (Jest and Playwright); the other checks (tsc, lint,
// format, build) count one each. Exits non-zero when anything failed.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const read = file => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch {
    return undefined;
  }
};

const steps = fs
  .readFileSync(path.join(dir, 'steps.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(line => {
    const [name, outcome, seconds, reason] = line.split('\t');
    return { name, outcome, seconds: Number(seconds), reason };
  });

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];

const jest = read('jest.json');
const e2e = read('e2e/results.json');

for (const step of steps) {
  if (step.name.includes('(jest)') && jest) {
    passed += jest.numPassedTests;
    failed += jest.numFailedTests;
    // A suite that fails to load has no tests; count it as a failure.
    failed += jest.numRuntimeErrorTestSuites ?? 0;
    skipped += jest.numPendingTests + jest.numTodoTests;
    rows.push(
      `${step.name}: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ` +
        `${jest.numRuntimeErrorTestSuites ?? 0} suites failed to run, ` +
        `${jest.numPendingTests} skipped (${step.seconds}s)`,
    );
    if (
      step.outcome === 'failed' &&
      jest.numFailedTests === 0 &&
      !jest.numRuntimeErrorTestSuites
    ) {
      failed += 1;
      rows.push(`  jest exited with an error although no test failed`);
    }
    continue;
  }
  if (step.name.includes('(Playwright)') && step.outcome !== 'skipped') {
    const stats = e2e?.stats;
    if (stats) {
      passed += stats.expected;
      failed += stats.unexpected + stats.flaky;
      skipped += stats.skipped;
      rows.push(
        `${step.name}: ${stats.expected} passed, ${stats.unexpected} failed, ` +
          `${stats.flaky} flaky, ${stats.skipped} skipped (${step.seconds}s)`,
      );
      if (step.outcome === 'failed' && stats.unexpected === 0) {
        failed += 1;
        rows.push(`  playwright exited with an error although no test failed`);
      }
      continue;
    }
  }
  if (step.outcome === 'passed') passed += 1;
  if (step.outcome === 'failed') failed += 1;
  if (step.outcome === 'skipped') skipped += 1;
  rows.push(
    `${step.name}: ${step.outcome}${step.reason ? ` (${step.reason})` : ''}` +
      (step.outcome === 'skipped' ? '' : ` (${step.seconds}s)`),
  );
}

console.log('\n==== Vitals test summary ====');
for (const row of rows) console.log(row);
if (skipped > 0) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

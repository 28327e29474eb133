// Prints what every test step did and the closing line
// "N tests passed, N failed, N skipped; N steps passed". Tests (Jest and
// Playwright) and steps (config schema, tsc, lint, format, build) are counted
// apart; a suite that could not run here (no PostgreSQL, no Chromium) is
// reported as absent. Exits non-zero when anything failed, and in CI also when
// a suite was absent. A suite no machine of this kind can run is named too.
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

const tests = { passed: 0, failed: 0, skipped: 0 };
const stepCounts = { passed: 0, failed: 0 };
const absent = [];
// Suites no machine of this kind can run (nothing to install them from).
const unavailable = [];
const rows = [];

const jest = read('jest.json');
const e2e = read('e2e/results.json');

for (const step of steps) {
  if (step.outcome === 'unavailable') {
    unavailable.push(step);
    rows.push(`${step.name}: NOT AVAILABLE (${step.reason})`);
    continue;
  }
  if (step.outcome === 'absent') {
    absent.push(step);
    rows.push(`${step.name}: NOT RUN (${step.reason})`);
    continue;
  }
  if (step.name.includes('(jest)')) {
    if (!jest) {
      tests.failed += 1;
      rows.push(`${step.name}: no Jest report was written (${step.seconds}s)`);
      continue;
    }
    tests.passed += jest.numPassedTests;
    tests.failed += jest.numFailedTests;
    // A suite that fails to load has no tests; count it as a failure.
    tests.failed += jest.numRuntimeErrorTestSuites ?? 0;
    tests.skipped += jest.numPendingTests + jest.numTodoTests;
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
      tests.failed += 1;
      rows.push(`  jest exited with an error although no test failed`);
    }
    continue;
  }
  if (step.name.includes('(Playwright)')) {
    const stats = e2e?.stats;
    if (!stats) {
      tests.failed += 1;
      rows.push(
        `${step.name}: no Playwright report was written (${step.seconds}s)`,
      );
      continue;
    }
    tests.passed += stats.expected;
    tests.failed += stats.unexpected + stats.flaky;
    tests.skipped += stats.skipped;
    rows.push(
      `${step.name}: ${stats.expected} passed, ${stats.unexpected} failed, ` +
        `${stats.flaky} flaky, ${stats.skipped} skipped (${step.seconds}s)`,
    );
    if (step.outcome === 'failed' && stats.unexpected === 0) {
      tests.failed += 1;
      rows.push(`  playwright exited with an error although no test failed`);
    }
    continue;
  }
  if (step.outcome === 'passed') stepCounts.passed += 1;
  else stepCounts.failed += 1;
  rows.push(`${step.name}: ${step.outcome} (${step.seconds}s)`);
}

console.log('\n==== Vitals test summary ====');
for (const row of rows) console.log(row);
const ci = Boolean(process.env.CI);
if (absent.length > 0) {
  const names = absent.map(s => s.name).join(', ');
  console.log(
    ci
      ? `\x1b[1;31mCI requires every suite; not run here: ${names}\x1b[0m`
      : `\x1b[1;33m${absent.length} suite(s) did not run here: ${names}\x1b[0m`,
  );
}
for (const step of unavailable) {
  console.log(
    `\x1b[1;33mNOT AVAILABLE here: ${step.name} (${step.reason})\x1b[0m`,
  );
}
console.log(
  `${tests.passed} tests passed, ${tests.failed} failed, ${tests.skipped} skipped; ` +
    `${stepCounts.passed} steps passed` +
    (stepCounts.failed ? `, ${stepCounts.failed} failed` : '') +
    (absent.length ? `; ${absent.length} suites not run` : ''),
);
const failed =
  tests.failed > 0 || stepCounts.failed > 0 || (ci && absent.length > 0);
process.exit(failed ? 1 : 0);

// `yarn bench`: runs every benchmark and prints its figures (median and p95
// over repeated runs). `yarn bench <name>` runs the named ones only.
// VITALS_BENCH_RUNS (default 5) and VITALS_BENCH_REQUESTS (default 200) set
// the repetitions.
import * as portal from './portal.bench.mjs';

const benches = [portal];

const only = process.argv.slice(2);
const options = {
  runs: Number(process.env.VITALS_BENCH_RUNS ?? 5),
  requests: Number(process.env.VITALS_BENCH_REQUESTS ?? 200),
};

console.log(
  `Vitals benchmarks on Node ${process.version}, ${
    (await import('node:os')).cpus().length
  } CPUs (runs=${options.runs}, requests=${options.requests})`,
);
for (const bench of benches) {
  if (only.length && !only.includes(bench.name)) continue;
  console.log(`\n== ${bench.name}`);
  await bench.run(options);
}

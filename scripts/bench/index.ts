/**
 * `yarn bench`: runs every benchmark and prints its figures (median and p95
 * over repeated runs). `yarn bench slo` runs one group, `yarn bench
 * slo.overview` one benchmark.
 * VITALS_BENCH_RUNS (default 5) and VITALS_BENCH_REQUESTS (default 200) set
 * the repetitions.
 */
import os from 'node:os';
import * as portal from './portal.bench';
import * as slo from './slo.bench';
import * as sloAzure from './sloAzure.bench';
import * as dr from './dr.bench';
import * as scaffolder from './scaffolder.bench';
import * as compliance from './compliance.bench';
import * as estate from './estate.bench';

const benches: Array<{
  name: string;
  parts: Record<string, (options: BenchOptions) => Promise<void>>;
}> = [portal, slo, sloAzure, dr, compliance, estate, scaffolder];

export interface BenchOptions {
  runs: number;
  requests: number;
}

async function main() {
  const only = process.argv.slice(2);
  const options: BenchOptions = {
    runs: Number(process.env.VITALS_BENCH_RUNS ?? 5),
    requests: Number(process.env.VITALS_BENCH_REQUESTS ?? 200),
  };
  // eslint-disable-next-line no-console
  console.log(
    `Vitals benchmarks on Node ${process.version}, ${
      os.cpus().length
    } CPUs (runs=${options.runs}, requests=${options.requests})`,
  );
  for (const bench of benches) {
    for (const [part, run] of Object.entries(bench.parts)) {
      const id = `${bench.name}.${part}`;
      if (only.length && !only.includes(bench.name) && !only.includes(id))
        continue;
      // eslint-disable-next-line no-console
      console.log(`\n== ${id}`);
      await run(options);
    }
  }
}

main().catch(e => {
  // eslint-disable-next-line no-console
  console.error(e);
  process.exit(1);
});

/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so one's heap and JIT do not
 * colour another's figures) and fails if any missed its targets. Name benches to run only those:
 * npm run bench -- sla intake
 * A name that is a whole bench's name runs that bench only ("forecast" is not also
 * "forecast-backtest"); otherwise it runs every bench it begins.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = __dirname;
const wanted = process.argv.slice(2);
const all = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts'));
const named = (w: string) => (all.includes(`${w}.bench.ts`) ? [`${w}.bench.ts`] : all.filter((f) => f.startsWith(w)));
const benches = [...new Set(wanted.length === 0 ? all : wanted.flatMap(named))].sort();

const tsx = path.join(dir, '..', 'node_modules', '.bin', 'tsx');
const failed: string[] = [];
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync(tsx, [path.join(dir, bench)], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(bench);
}
console.log(failed.length ? `\nMissed targets: ${failed.join(', ')}` : `\nAll ${benches.length} benchmarks met their targets.`);
process.exitCode = failed.length ? 1 : 0;

// `npm run fuzz -- --cases N --seed S [--parallel P]`: a long differential campaign against real rsync.
import fc from 'fast-check';
import { caseArb } from './support/fuzz-gen.js';
import { formatCase, minimize, runMany } from './support/fuzz-run.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return v === undefined ? dflt : Number(v);
}

async function main(): Promise<void> {
  const cases = arg('cases', 1000);
  const seed = arg('seed', 1);
  const parallel = arg('parallel', 4);
  const batch = 2000;
  const started = Date.now();
  let ran = 0;
  for (let b = 0; ran < cases; b++) {
    const n = Math.min(batch, cases - ran);
    const list = fc.sample(caseArb(), { seed: seed * 1000003 + b, numRuns: n });
    const got = await runMany(list, parallel, { stopAtFirst: true });
    ran += got.ran;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (got.failures.length) {
      const f = got.failures[0];
      console.log(`DISAGREEMENT after ${ran} cases (seed ${seed}, batch ${b}, case ${f.index}), ${secs}s; minimizing...`);
      const small = await minimize(f.c);
      const { runCase } = await import('./support/fuzz-run.js');
      console.log(formatCase(small, await runCase(small)));
      process.exitCode = 1;
      return;
    }
    console.log(`${ran}/${cases} cases, 0 disagreements, ${secs}s`);
  }
  console.log(`done: ${ran} cases, seed ${seed}, 0 disagreements, ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

void main();

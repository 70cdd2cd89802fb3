// Differential fuzzing against the real rsync: a seeded, time-bounded slice of the campaign that
// `npm run fuzz` runs at length. A disagreement fails with a minimal reproducer.
import fc from 'fast-check';
import { caseArb } from './support/fuzz-gen.js';
import { formatCase, minimize, runCase, runMany } from './support/fuzz-run.js';
import { rsyncAvailable } from './support/rsync-real.js';

const HAVE_RSYNC = rsyncAvailable();
const itReal = HAVE_RSYNC ? it : it.skip;

const CASES = Number(process.env.FUZZ_CASES ?? 2100);
const SEED = Number(process.env.FUZZ_SEED ?? 20260813);
const PARALLEL = Number(process.env.FUZZ_PARALLEL ?? 4);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 240_000);

describe('differential fuzzing: explain agrees with real rsync', () => {
  itReal(`${CASES} random trees x rules x operand forms (seed ${SEED})`, async () => {
    const cases = fc.sample(caseArb(), { seed: SEED, numRuns: CASES });
    const started = Date.now();
    const { ran, failures } = await runMany(cases, PARALLEL, { stopAtFirst: true, deadline: started + BUDGET_MS });
    if (failures.length) {
      const small = await minimize(failures[0].c);
      throw new Error(`disagreement (case ${failures[0].index} of seed ${SEED}):\n${formatCase(small, await runCase(small))}`);
    }
    expect(ran).toBeGreaterThanOrEqual(Math.min(CASES, 2000));
  }, BUDGET_MS + 120_000);
});

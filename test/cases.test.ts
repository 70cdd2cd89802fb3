// Fixture tests: real-world cases (copied from the handed cases) with their expected findings.
// Each folder in test/fixtures/cases holds the inputs (and `argv.json` when the case names its
// arguments, e.g. `--tree tree.txt`); test/expected/cases/<folder>.out lists every
// finding as `file:line:col: severity: message [RSLnnn]`, so a missing or an extra finding fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findingLines, runCli } from './support/cli-run.js';

const root = path.resolve('test/fixtures/cases');
const expectedDir = path.resolve('test/expected/cases');

/** The arguments of a case: its `argv.json` (the handed case's argv), else its files, scripts first. */
function inputs(dir: string): string[] {
  const argvFile = path.join(dir, 'argv.json');
  if (fs.existsSync(argvFile)) return JSON.parse(fs.readFileSync(argvFile, 'utf8')) as string[];
  const files = fs.readdirSync(dir).sort();
  return [...files.filter((f) => /\.(sh|bash)$/.test(f)), ...files.filter((f) => !/\.(sh|bash)$/.test(f))];
}

describe('handed cases kept as fixtures', () => {
  for (const name of fs.readdirSync(root).sort()) {
    it(name, async () => {
      const dir = path.join(root, name);
      const { out } = await runCli(['--format', 'json', ...inputs(dir)], dir);
      const want = fs.readFileSync(path.join(expectedDir, `${name}.out`), 'utf8').split('\n').filter(Boolean);
      expect(findingLines(out)).toEqual(want);
    });
  }
});

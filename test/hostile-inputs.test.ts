// Hostile inputs that once made the model blow up: each must end quickly with a located message.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support/cli-run.js';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-hostile-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('merge files that merge themselves twice (2^32 reads if not stopped at the first overflow)', () => {
  it('lint: a filter file merging itself twice is RSL001 at its first merge line, and other files are still linted', async () => {
    fs.writeFileSync(path.join(tmp, 'loop.rsync-filter'), 'merge,n loop.rsync-filter\nmerge loop.rsync-filter\n- x\n');
    fs.writeFileSync(path.join(tmp, 'other.rsync-filter'), '- tmp # old\n');
    const started = Date.now();
    const r = await runCli(['--format', 'json', 'loop.rsync-filter', 'other.rsync-filter'], tmp);
    expect(Date.now() - started).toBeLessThan(20_000);
    const doc = JSON.parse(r.out) as { findings: { file: string; line: number; ruleId: string; message: string }[] };
    const loop = doc.findings.filter((f) => f.file === 'loop.rsync-filter' && f.ruleId === 'RSL001');
    expect(loop.map((f) => f.line)).toEqual([1]);
    expect(loop[0].message).toContain('merge-file include depth limit (32) exceeded');
    expect(doc.findings.some((f) => f.file === 'other.rsync-filter')).toBe(true);
    expect(r.code).toBe(1);
  });
  it('explain: rsync stops (exit 11), so explain exits 2 with the depth-limit error', async () => {
    fs.mkdirSync(path.join(tmp, 'src'));
    fs.writeFileSync(path.join(tmp, 'src', 'a'), '');
    fs.writeFileSync(path.join(tmp, 'm1'), '\n.,n m2\n');
    fs.writeFileSync(path.join(tmp, 'm2'), 'merge,n m2\n- *\nmerge m2\n');
    const r = await runCli(['explain', '--format', 'json', '--', 'rsync', '-r', '-f', '. m1', 'src/', 'dst/'], tmp);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { errors: { message: string; exitCode?: number }[] };
    expect(doc.errors.filter((e) => e.message.includes('depth limit'))).toHaveLength(1);
    expect(doc.errors[0].exitCode).toBe(11);
  });
});

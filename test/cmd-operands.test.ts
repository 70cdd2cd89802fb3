// `cmd` with fewer than two operands: rsync copies nothing, and the linter says so.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support/cli-run.js';

/** Run the CLI in a temp dir holding `files`; the dir is removed afterwards. */
async function inDir(files: Record<string, string>, args: string[]): Promise<{ code: number; out: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-ops-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return await runCli(args, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Doc { findings: { ruleId: string }[]; errors: { message: string }[]; notes: { message: string }[] }
async function cmd(words: string[]): Promise<{ code: number; doc: Doc }> {
  const r = await runCli(['cmd', '--format', 'json', '--', ...words], os.tmpdir());
  return { code: r.code, doc: JSON.parse(r.out) as Doc };
}

describe('cmd: operands', () => {
  it('no operand: rsync prints its usage and exits 1, an input error (exit 2)', async () => {
    for (const words of [['rsync'], ['rsync', '-a', '--exclude=tmp']]) {
      const { code, doc } = await cmd(words);
      expect(code).toBe(2);
      expect(doc.errors.map((e) => e.message)).toEqual(['the rsync command has no source and no destination: rsync prints its usage and exits 1']);
    }
  });
  it('one operand: a note says rsync only lists it (an option took the source as its value)', async () => {
    const { code, doc } = await cmd(['rsync', '-a', '--exclude', 'src/', 'dst/']);
    expect(code).toBe(1); // RSL101 on `src/` still fires
    expect(doc.notes.map((n) => n.message)).toEqual([
      'the rsync command has one operand, `dst/`: rsync only lists it and copies nothing (did an option take the source or destination as its value?)',
    ]);
  });
  it('stays quiet for two operands, --list-only and --version', async () => {
    for (const words of [['rsync', '-a', 'src/', 'dst/'], ['rsync', '--list-only', 'src/'], ['rsync', '--version']]) {
      const { code, doc } = await cmd(words);
      expect({ code, errors: doc.errors, notes: doc.notes }).toEqual({ code: 0, errors: [], notes: [] });
    }
  });
});

describe('cmd: wrappers before rsync', () => {
  it('sudo, nice and their options are skipped; columns still count them', async () => {
    const r = await runCli(['cmd', '--format', 'json', '--', 'sudo', '-u', 'backup', 'nice', '-n', '19', 'rsync', '-a', '--exclude=tmp', 'src/', 'dst/'], os.tmpdir());
    const doc = JSON.parse(r.out) as { findings: { ruleId: string; column: number; endColumn: number; line: number }[] };
    const line = 'sudo -u backup nice -n 19 rsync -a --exclude=tmp src/ dst/';
    expect(doc.findings.map((f) => [f.ruleId, f.line, f.column, f.endColumn])).toEqual([['RSL101', 1, line.indexOf('tmp') + 1, line.indexOf('tmp') + 4]]);
    expect(r.code).toBe(1);
  });
  it('a wrapper around another program is still a usage error', async () => {
    const r = await runCli(['cmd', '--', 'sudo', 'cp', '-a', 'x', 'y'], os.tmpdir());
    expect(r.code).toBe(2);
    expect(r.err).toContain('must be the rsync program');
  });
});

describe('cmd --scan: a source that cannot be read', () => {
  it('is an input error in words, naming the source', async () => {
    const r = await runCli(['cmd', '--scan', '--format', 'json', '--', 'rsync', '-a', '/nonexistent-rsync-lint-src/', 'x/'], os.tmpdir());
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).errors).toEqual([{ file: '<command line>: source /nonexistent-rsync-lint-src/', message: 'cannot read it: no such file or directory' }]);
  });
});

describe('cmd --scan --tree', () => {
  it('uses the listing and says the disk was not walked', async () => {
    const r = await inDir({ 't.txt': 'a/tmp/\n' }, ['cmd', '--scan', '--tree', 't.txt', '--format', 'json', '--', 'rsync', '-a', '--exclude=tmp', 'src/', 'd/']);
    const doc = JSON.parse(r.out) as { notes: { file: string; message: string }[]; findings: { evidence?: unknown }[] };
    expect(doc.notes).toContainEqual({ file: 't.txt', message: '--scan and --tree: the listing stands for the sources, the disk was not walked' });
    expect(doc.findings[0].evidence).toBeDefined();
  });
});

describe('scripts: commands with fewer than two operands', () => {
  it('no operand is RSL001 at the command (rsync refuses it), one operand a note at its line, when every word is known; "$@" keeps quiet', async () => {
    const r = await inDir({ 'ops.sh': '#!/bin/bash\nrsync -a --exclude=tmp\nrsync -a /srv/\nrsync -a "$@"\nrsync -a src/ dst/\n' }, ['--format', 'json', 'ops.sh']);
    const doc = JSON.parse(r.out) as Omit<Doc, 'findings'> & { findings: { ruleId: string; line: number }[] };
    expect(doc.notes.map((n) => n.message)).toEqual([
      'line 3: the rsync command has one operand, `/srv/`: rsync only lists it and copies nothing (did an option take the source or destination as its value?)',
    ]);
    expect(doc.findings.filter((f) => f.ruleId === 'RSL001').map((f) => f.line)).toEqual([2]);
  });
});

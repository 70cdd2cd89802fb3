// The CLI as a user meets it: help, version, exit codes, errors with locations, hostile inputs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findingLines, runCli } from './support/cli-run.js';
import { VERSION } from '../src/version.js';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-cli-'));
});
afterEach(() => {
  fs.chmodSync(tmp, 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
});
const write = (name: string, text: string | Buffer): void => {
  fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
  fs.writeFileSync(path.join(tmp, name), text);
};

describe('rsync-lint CLI', () => {
  it('--help lists the subcommands and exit codes', async () => {
    const r = await runCli(['--help'], tmp);
    expect(r.code).toBe(0);
    expect(r.out).toContain('cmd [options] -- rsync ARGS...');
    expect(r.out).toContain('explain [options] -- rsync ARGS...');
    expect(r.out).toContain('Exit status: 0');
  });
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    const r = await runCli(['--version'], tmp);
    expect(r.out.trim()).toBe(pkg.version);
  });
  it('-h is --help', async () => {
    const r = await runCli(['-h'], tmp);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Exit status: 0');
  });
  it('an option that takes a value, given none, is a usage error naming it (exit 2)', async () => {
    for (const o of ['--format', '--tree', '--dest-tree', '--tree-format']) {
      const r = await runCli(['x.sh', o], tmp);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`Not enough arguments following: ${o.slice(2)}`);
    }
  });
  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await runCli(['--bogus'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bogus');
  });
  it('no paths is a usage error', async () => {
    const r = await runCli([], tmp);
    expect(r.code).toBe(2);
  });
  it('exit 1 on a warning, 0 on info only or nothing', async () => {
    write('bad.sh', '#!/bin/sh\nrsync -a --exclude=tmp / nas:/mnt/x/\n');
    write('info.sh', '#!/bin/sh\nrsync -a --exclude=foo.bar src/ dst/\n');
    // (a local /mnt/x/ would lie inside the source /: dest-inside-source)
    write('good.sh', '#!/bin/sh\nrsync -a --exclude="/tmp/*" / nas:/mnt/x/\n');
    expect((await runCli(['bad.sh'], tmp)).code).toBe(1);
    expect((await runCli(['info.sh'], tmp)).code).toBe(0);
    const good = await runCli(['good.sh'], tmp);
    expect(good.code).toBe(0);
    expect(good.out).toContain('no findings');
  });
  it('stylish output groups by file and underlines the pattern', async () => {
    write('bad.sh', '#!/bin/sh\nrsync -a --exclude=tmp / /mnt/x/\n');
    const r = await runCli(['bad.sh'], tmp);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('bad.sh');
    expect(lines[1]).toMatch(/^ {2}2:20 {2}warning {2}`tmp` has no leading/);
    expect(lines[2]).toBe('      rsync -a --exclude=tmp / /mnt/x/');
    expect(lines[3]).toBe('                         ^^^');
  });
  it('cmd lints argv words with columns into the joined line', async () => {
    const r = await runCli(['--format', 'json', 'cmd', '--', 'rsync', '-aHAX', '--exclude=tmp', 'root@old:/', '/mnt/new/'], tmp);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.version).toBe(1);
    expect(doc.findings[0]).toMatchObject({ file: '<command line>', line: 1, column: 23, endLine: 1, endColumn: 26, ruleId: 'RSL101', ruleName: 'unanchored-pattern', severity: 'warning', pattern: 'tmp' });
    expect(doc.findings[0].suggestions[0]).toEqual({ message: 'anchor it and keep the directory itself: `/tmp/*`', replacement: '/tmp/*' });
  });
  it('cmd needs the rsync program after --', async () => {
    const r = await runCli(['cmd', '--', 'ls', '-l'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toContain('rsync program');
  });
  it('options may come after the subcommand or before it', async () => {
    const a = await runCli(['cmd', '--format', 'json', '--', 'rsync', '--exclude=tmp', 'a/', 'b/'], tmp);
    const b = await runCli(['--format', 'json', 'cmd', '--', 'rsync', '--exclude=tmp', 'a/', 'b/'], tmp);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).findings).toHaveLength(1);
  });
  it('a missing file is an input error (exit 2) and the other files are still linted, one JSON document', async () => {
    write('bad.sh', '#!/bin/sh\nrsync -a --exclude=tmp / nas:/mnt/x/\n');
    const r = await runCli(['--format', 'json', 'missing.sh', 'bad.sh'], tmp);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.errors).toEqual([{ file: 'missing.sh', message: 'cannot read: no such file or directory' }]);
    expect(findingLines(r.out)).toHaveLength(1);
  });
  it('a binary file gets a clear error with its location', async () => {
    write('blob.list', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
    const r = await runCli(['--format', 'json', 'blob.list'], tmp);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).errors[0]).toMatchObject({ file: 'blob.list', line: 1 });
  });
  it('skips carriers of a later issue with an info note', async () => {
    write('Makefile', 'deploy:\n\trsync -a --exclude=tmp src/ dst/\n');
    const r = await runCli(['--format', 'json', 'Makefile'], tmp);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).notes[0].file).toBe('Makefile');
    // stylish shows it as a note, not as an `info` finding the summary would count
    const text = await runCli(['Makefile'], tmp);
    expect(text.out).toMatch(/^note: Makefile: skipped: /m);
    expect(text.out).not.toMatch(/^info:/m);
  });
  it('searches directories, survives symlink loops and unreadable dirs, and keeps non-UTF-8 names', async () => {
    write('scripts/backup.sh', '#!/bin/sh\nrsync -a --exclude=tmp / /mnt/x/\n');
    write('scripts/nested/excludes.txt', 'cache\n');
    write('scripts/README.md', 'rsync --exclude=tmp\n');
    fs.symlinkSync('..', path.join(tmp, 'scripts', 'nested', 'loop'));
    fs.mkdirSync(path.join(tmp, 'scripts', 'locked'));
    fs.writeFileSync(Buffer.from(path.join(tmp, 'scripts') + '/caf\xe9-exclude.txt', 'latin1'), 'tmp\n');
    fs.chmodSync(path.join(tmp, 'scripts', 'locked'), 0);
    const r = await runCli(['--format', 'json', 'scripts'], tmp);
    fs.chmodSync(path.join(tmp, 'scripts', 'locked'), 0o755);
    const doc = JSON.parse(r.out);
    const files = new Set(doc.findings.map((f: { file: string }) => f.file));
    expect(files).toEqual(new Set(['scripts/backup.sh', 'scripts/nested/excludes.txt', 'scripts/caf\\#351-exclude.txt']));
    if (process.getuid?.() !== 0) {
      expect(doc.errors.some((e: { file: string }) => e.file === 'scripts/locked')).toBe(true);
      expect(r.code).toBe(2);
    }
  });
  it('a hostile pattern is matched in linear time', async () => {
    write('hostile.txt', `${'*a'.repeat(2000)}*b\n[[[[[[[[\n${'x'.repeat(6000)}\n`);
    const t0 = Date.now();
    const r = await runCli(['--format', 'json', 'hostile.txt'], tmp);
    expect(Date.now() - t0).toBeLessThan(20000);
    expect(JSON.parse(r.out).findings.some((f: { ruleId: string; line: number }) => f.ruleId === 'RSL105' && f.line === 2)).toBe(true);
  });
});

describe('npm start: the examples', () => {
  it('lints examples/ with the expected findings (the Maildir/tmp one first among them)', async () => {
    const r = await runCli(['--format', 'json', 'examples/'], process.cwd());
    expect(r.code).toBe(1);
    const want = fs.readFileSync('test/expected/examples.out', 'utf8').split('\n').filter(Boolean);
    expect(findingLines(r.out)).toEqual(want);
    expect(r.out).toContain('home/user/Maildir/tmp');
  });
});

// The pre-flight scan: listing formats, evidence and summaries, the disk walker, and agreement with rsync.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectFormat, parseListingLine } from '../src/scan/listing.js';
import { lintCommand, lintPaths } from '../src/lint/lint.js';
import { runCli } from './support/cli-run.js';
import { lintWithTree } from './support/tree-lint.js';
import { makeTree, realRsync, removeTree, rsyncAvailable, type SpecEntry } from './support/rsync-real.js';

const HAVE_RSYNC = rsyncAvailable();
const itReal = HAVE_RSYNC ? it : it.skip;

describe('tree listings', () => {
  it('detects each format only when every line fits it', () => {
    expect(detectFormat(['a/b', 'c/'])).toBe('paths');
    expect(detectFormat(['d dir', 'f dir/file', 'l link'])).toBe('find');
    expect(detectFormat(['drwxr-xr-x          4,096 2024/01/02 03:04:05 .', '-rw-r--r--             12 2024/01/02 03:04:05 a b'])).toBe('rsync');
    // a find-looking line among plain paths is ambiguous
    expect(detectFormat(['d dir', 'plain/path'])).toBeNull();
  });
  it('parses find and rsync lines, sizes and escapes', () => {
    expect(parseListingLine('f dir/file name', 'find', 3)).toEqual({ path: 'dir/file name', type: 'file', line: 3 });
    expect(parseListingLine('-rw-r--r--          1,234 2024/01/02 03:04:05 caf\\#351', 'rsync', 1)).toEqual({ path: 'caf\xe9', type: 'file', size: 1234, line: 1 });
    expect(parseListingLine('lrwxrwxrwx              4 2024/01/02 03:04:05 l -> x/y', 'rsync', 1)).toEqual({ path: 'l', type: 'symlink', size: 4, line: 1 });
    expect(parseListingLine('drwxr-xr-x          4,096 2024/01/02 03:04:05 .', 'rsync', 1)).toBeNull();
    expect(parseListingLine('../x', 'paths', 1)).toBe("a listing path must be relative and hold no '..'");
  });
});

const MAIL = 'tmp/sess_1\nhome/alice/Maildir/cur/1\nhome/alice/Maildir/new/\nhome/alice/Maildir/tmp/\nhome/bob/Maildir/tmp/t1\nhome/bob/Maildir/cur/\nhome/bob/Maildir/new/\n';

describe('scan evidence', () => {
  it('attaches what a rule drops to its finding, grouping the paths', () => {
    const r = lintWithTree(['rsync', '-a', '--exclude=tmp', 'src/', 'dst/'], MAIL);
    const f = r.findings.find((x) => x.ruleId === 'RSL101')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('in this tree 2 of its 3 matches are below the top level: it also drops `home/*/Maildir/tmp/` × 2 (for example `home/alice/Maildir/tmp/`)');
    expect(f.evidence).toEqual({
      excluded: { files: 2, dirs: 3 },
      depth: { 1: 1, 4: 2 },
      groups: [
        { pattern: 'home/*/Maildir/tmp/', count: 2, samples: ['home/alice/Maildir/tmp/', 'home/bob/Maildir/tmp/'] },
        { pattern: 'tmp/', count: 1, samples: ['tmp/'] },
      ],
    });
  });
  it('lists rules that drop things without a finding as summaries', () => {
    const r = lintWithTree(['rsync', '-a', '--exclude=/tmp/*', 'src/', 'dst/'], MAIL);
    expect(r.findings).toEqual([]);
    expect(r.summaries).toEqual([{ file: '<command line>', line: 1, column: 20, pattern: '/tmp/*', rule: '- /tmp/*', evidence: { excluded: { files: 1, dirs: 0 }, depth: { 2: 1 }, groups: [{ pattern: 'tmp/sess_1', count: 1, samples: ['tmp/sess_1'] }] } }]);
  });
  it('reads bytes from rsync listings', () => {
    const listing = [
      'drwxr-xr-x          4,096 2024/01/02 03:04:05 .',
      'drwxr-xr-x          4,096 2024/01/02 03:04:05 cache',
      '-rw-r--r--          1,000 2024/01/02 03:04:05 cache/a',
      '-rw-r--r--             24 2024/01/02 03:04:05 cache/b',
    ].join('\n');
    const r = lintWithTree(['rsync', '-a', '--exclude=/cache/', 'src/', 'dst/'], listing);
    expect(r.summaries[0].evidence.excluded).toEqual({ files: 2, dirs: 1, bytes: 1024 });
  });
  it('an ambiguous listing is an input error asking for --tree-format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-scan-'));
    try {
      fs.writeFileSync(path.join(dir, 'tree.txt'), 'd dir\nplain/path\n');
      const r = await runCli(['--format', 'json', 'cmd', '--tree', 'tree.txt', '--', 'rsync', '-a', 'src/', 'd/'], dir);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.out).errors[0].message).toContain('--tree-format');
      const ok = await runCli(['--format', 'json', 'cmd', '--tree', 'tree.txt', '--tree-format', 'paths', '--', 'rsync', '-a', 'src/', 'd/'], dir);
      expect(ok.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });  it('bad lines for a named format: the first 20 one by one, then how many more', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-scan-'));
    try {
      fs.writeFileSync(path.join(dir, 'tree.txt'), Array.from({ length: 30 }, (_, i) => `x ${i}`).join('\n') + '\n');
      const r = await runCli(['--format', 'json', 'cmd', '--tree', 'tree.txt', '--tree-format', 'find', '--', 'rsync', '-a', 'src/', 'd/'], dir);
      expect(r.code).toBe(2);
      const errors = JSON.parse(r.out).errors as { line: number; message: string }[];
      expect(errors).toHaveLength(21);
      expect(errors[19].line).toBe(20);
      expect(errors[20]).toEqual({ file: 'tree.txt', line: 21, message: 'and 10 more lines from here on that do not fit the find format' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scan of the disk', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-disk-'));
  });
  afterEach(() => {
    for (const d of ['locked']) if (fs.existsSync(path.join(tmp, 'src', d))) fs.chmodSync(path.join(tmp, 'src', d), 0o755);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  it('walks the source, never follows symlinks, keeps byte names, reports unreadable dirs and goes on', () => {
    for (const d of ['src/home/a/Maildir/tmp', 'src/home/a/Maildir/cur', 'src/home/a/Maildir/new', 'src/locked/x']) fs.mkdirSync(path.join(tmp, d), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'src/home/a/Maildir/tmp/m'), 'x');
    fs.symlinkSync('..', path.join(tmp, 'src/home/loop'));
    fs.writeFileSync(Buffer.from(path.join(tmp, 'src') + '/caf\xe9.tmp', 'latin1'), '');
    fs.chmodSync(path.join(tmp, 'src/locked'), 0);
    const r = lintCommand(['rsync', '-a', '--exclude=tmp', '--exclude=*.tmp', 'src/', 'dst/'], tmp, undefined, { scan: true, mustKeep: ['**/Maildir/tmp/'] });
    const ids = r.findings.map((f) => f.ruleId).sort();
    expect(ids).toEqual(expect.arrayContaining(['RSL205', 'RSL206']));
    const starTmp = r.summaries.find((s) => s.pattern === '*.tmp') ?? r.findings.find((f) => f.pattern === '*.tmp');
    expect(JSON.stringify(starTmp)).toContain('caf\\\\#351.tmp');
    if (process.getuid?.() !== 0) expect(r.errors.some((e) => e.message.includes('locked'))).toBe(true);
  });
});

describe('where a per-directory rule is written', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-perdir-'));
    fs.mkdirSync(path.join(tmp, 'src/c'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'src/c/.rsync-filter'), '# logs\n- *.log\n');
    fs.writeFileSync(path.join(tmp, 'src/c/a.log'), '');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const evidence = { excluded: { files: 1, dirs: 0 }, depth: { 2: 1 }, groups: [{ pattern: 'c/a.log', count: 1, samples: ['c/a.log'] }] };

  it('a disk scan names the filter file as the user would, with its line', () => {
    const r = lintCommand(['rsync', '-a', '-F', 'src/', 'dst/'], tmp, undefined, { scan: true });
    expect(r.summaries).toEqual([{ file: 'src/c/.rsync-filter', line: 2, column: 3, pattern: '*.log', rule: '- *.log', evidence }]);
    const abs = lintCommand(['rsync', '-a', '-F', `${tmp}/src`, 'dst/'], tmp, undefined, { scan: true });
    expect(abs.summaries.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual([`${tmp}/src/c/.rsync-filter:2:3`]);
  });

  it('the stylish and JSON output show that place, not the command line', async () => {
    const stylish = await runCli(['cmd', '--scan', '--', 'rsync', '-a', '-F', 'src/', 'dst/'], tmp);
    expect(stylish.out).toContain('  src/c/.rsync-filter:2:3  `- *.log`\n');
    expect(stylish.out).not.toContain('<command line>');
    const json = await runCli(['--format', 'json', 'cmd', '--scan', '--', 'rsync', '-a', '-F', 'src/', 'dst/'], tmp);
    expect(JSON.parse(json.out).summaries[0].file).toBe('src/c/.rsync-filter');
  });

  it('a listing of a remote source names the file on that host', () => {
    const listing = 'c/.rsync-filter\t=- *.log\\n\nc/a.log\n';
    const r = lintWithTree(['rsync', '-a', '-F', 'host:/src/', 'dst/'], listing);
    expect(r.summaries).toEqual([{ file: 'host:/src/c/.rsync-filter', line: 1, column: 3, pattern: '*.log', rule: '- *.log', evidence }]);
    // without the trailing slash the listing still describes the inside of /src
    const item = lintWithTree(['rsync', '-a', '-F', 'host:/src', 'dst/'], listing);
    expect(item.summaries.map((x) => x.file)).toEqual(['host:/src/c/.rsync-filter']);
  });
});

describe('scan notes', () => {
  it('a remote source that --scan cannot read gets a note saying how to make a listing', async () => {
    const r = lintCommand(['rsync', '-a', '--exclude=tmp', 'host:/x/', 'dst/'], os.tmpdir(), undefined, { scan: true });
    expect(r.notes).toEqual([{
      file: '<command line>',
      message: 'source `host:/x/` is remote, so --scan did not read it: make a listing with `rsync --list-only -r host:/x/ > tree.txt` and lint with `--tree tree.txt`',
    }]);
    const json = await runCli(['--format', 'json', 'cmd', '--scan', '--', 'rsync', '-a', '--exclude=tmp', 'host:/x', 'dst/'], os.tmpdir());
    expect(JSON.parse(json.out).notes).toEqual([{
      file: '<command line>',
      message: 'source `host:/x` is remote, so --scan did not read it: make a listing with `rsync --list-only -r host:/x/ > tree.txt` and lint with `--tree tree.txt`',
    }]);
    // nothing to say without --scan, or when the listing is given
    expect(lintCommand(['rsync', '-a', 'host:/x/', 'dst/'], os.tmpdir()).notes).toEqual([]);
    expect(lintWithTree(['rsync', '-a', 'host:/x/', 'dst/'], 'a\n').notes).toEqual([]);
  });

  it('one listing for two sources of one command: the note, and one group per pattern in the evidence', () => {
    const r = lintWithTree(['rsync', '-a', '--exclude=*.o', 'a/', 'b/', 'dst/'], 'x.o\ny.o\nsub/z.o\n');
    expect(r.notes.map((n) => n.message)).toEqual([expect.stringContaining('used for 2 different sources (`a/`, `b/`)')]);
    expect(r.summaries[0].evidence).toEqual({
      excluded: { files: 6, dirs: 0 }, depth: { 1: 4, 2: 2 },
      groups: [{ pattern: '*.o', count: 4, samples: ['x.o', 'y.o'] }, { pattern: 'sub/z.o', count: 2, samples: ['sub/z.o'] }],
    });
  });

  it('one listing used for several different sources gets a note naming them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-notes-'));
    try {
      fs.writeFileSync(path.join(dir, 'tree.txt'), 'tmp/\n');
      fs.writeFileSync(path.join(dir, 'backup.sh'), '#!/bin/sh\nrsync -a --exclude=tmp /srv/mail/ /bk/mail/\nrsync -a --exclude=tmp host:/www/ /bk/www/\nrsync -a /srv/mail/ /bk/again/\n');
      const r = await lintPaths(['backup.sh'], dir, undefined, { tree: 'tree.txt' });
      expect(r.notes).toEqual([{
        file: 'tree.txt',
        message: 'this one listing was used for 2 different sources (`/srv/mail/`, `host:/www/`): what it shows for a source it was not made from is not that source\'s tree; lint each source with its own listing',
      }]);
      // the same source twice is one source
      fs.writeFileSync(path.join(dir, 'one.sh'), '#!/bin/sh\nrsync -a /srv/mail/ /bk/mail/\nrsync -a --delete /srv/mail/ /bk/mail/\n');
      expect((await lintPaths(['one.sh'], dir, undefined, { tree: 'tree.txt' })).notes).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The scan's "dropped" count must equal what rsync leaves out of the same tree.
const SPEC_TREE: SpecEntry[] = [
  { path: 'tmp/x' }, { path: 'home/spam/Maildir/cur/m1' }, { path: 'home/spam/Maildir/new/' },
  { path: 'home/spam/Maildir/tmp/t1' }, { path: 'home/other/tmp' }, { path: 'a/b/c' }, { path: 'a/b/d' }, { path: 'a/e' },
];
describe('scan agrees with real rsync', () => {
  const ruleSets = [['--exclude=tmp'], ['--exclude=/tmp/*'], ['--include=*/', '--include=*.c', '--exclude=*'], ['--exclude=a/b/', '--exclude=m1'], ['-f', '- *', '-f', '+ a']];
  for (const rules of ruleSets) {
    itReal(`dropped = all - sent for ${rules.join(' ')}`, () => {
      const t = makeTree(SPEC_TREE);
      try {
        const all = realRsync(t, ['-r', 'src/']).names.length;
        const sent = realRsync(t, ['-r', ...rules, 'src/']).names.length;
        const r = lintCommand(['rsync', '-r', ...rules, 'src/', 'dst/'], t, undefined, { scan: true });
        const evidence = [...r.findings.map((f) => f.evidence), ...r.summaries.map((s) => s.evidence)].filter((e) => e !== undefined);
        const seen = new Set<string>();
        let dropped = 0;
        for (const e of evidence) {
          const key = JSON.stringify(e);
          if (seen.has(key)) continue;
          seen.add(key);
          dropped += e!.excluded.files + e!.excluded.dirs;
        }
        expect(dropped).toBe(all - sent);
      } finally {
        removeTree(t);
      }
    });
  }
});

describe('the parallel disk walk (built CLI)', () => {
  const cli = path.resolve('dist/src/cli.js');
  const haveDist = fs.existsSync(path.resolve('dist/src/scan/scan-worker.js'));
  if (!haveDist) console.warn('dist/ is not built: the worker-thread scan test is skipped (npm run build)');
  (haveDist ? it : it.skip)('gives the same answer with one thread and with two', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-par-'));
    try {
      for (let u = 0; u < 300; u++) {
        for (const part of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(tmp, 'src', 'home', `u${u}`, 'Maildir', part), { recursive: true });
        fs.writeFileSync(path.join(tmp, 'src', 'home', `u${u}`, 'Maildir', 'cur', `m${u}`), '');
        fs.writeFileSync(path.join(tmp, 'src', 'home', `u${u}`, 'Maildir', 'tmp', `t${u}`), '');
      }
      const run = (threads: string): string => {
        const r = spawnSync(process.execPath, [cli, '--format', 'json', 'cmd', '--scan', '--must-keep', '**/Maildir/tmp/', '--', 'rsync', '-r', '--exclude=tmp', 'src/', 'dst/'], {
          cwd: tmp, encoding: 'utf8', env: { ...process.env, RSYNC_LINT_THREADS: threads },
        });
        expect(r.status).toBe(1);
        return r.stdout;
      };
      const one = run('1');
      const two = run('2');
      expect(two).toBe(one);
      // work is handed out on request, so which thread walks what varies: the answer must not
      expect(run('3')).toBe(one);
      expect(run('4')).toBe(one);
      const doc = JSON.parse(one);
      // the Maildir named is the bytewise-first one, whichever thread saw it
      expect(doc.findings.find((f: { ruleId: string }) => f.ruleId === 'RSL206').message).toContain("the Maildir `home/u0/Maildir/` and 299 other Maildirs");
      expect(doc.findings.find((f: { ruleId: string }) => f.ruleId === 'RSL101').evidence.excluded).toEqual({ files: 300, dirs: 300 });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('--scan under -L and symlink loops', () => {
  it('a link back up is an input error naming it (rsync runs into it, exit 23); a second way to a directory is not', async () => {
    const t = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-loop-'));
    try {
      fs.mkdirSync(path.join(t, 'd/x'), { recursive: true });
      fs.writeFileSync(path.join(t, 'd/f'), '');
      fs.symlinkSync('x', path.join(t, 'd/y'));
      fs.writeFileSync(path.join(t, 'b.sh'), '#!/bin/sh\nrsync -aL d/ /backup/\n');
      const fine = await runCli(['--scan', 'b.sh'], t);
      expect(fine.code).toBe(0);
      fs.symlinkSync('../d', path.join(t, 'd/self'));
      const loop = await runCli(['--scan', 'b.sh'], t);
      expect(loop.code).toBe(2);
      expect(loop.out).toContain('source d/: self: a symlink loop under -L: it leads back to a directory above it');
    } finally {
      fs.rmSync(t, { recursive: true, force: true });
    }
  });
});

// Named differential cases: every disagreement the fuzzer found, and the behaviours issue 4 names,
// each run against the real rsync (dry run, or a real transfer when a destination tree is given).
import { explain } from '../src/explain/explain.js';
import type { FuzzCase } from './support/fuzz-gen.js';
import { materialize, runCase, runModel, runReal, sameAnswer, type Answer } from './support/fuzz-run.js';
import { rsyncAvailable } from './support/rsync-real.js';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

const HAVE_RSYNC = rsyncAvailable();
const itReal = HAVE_RSYNC ? it : it.skip;

const c = (src: FuzzCase['src'], args: string[], more: Partial<FuzzCase> = {}): FuzzCase => ({ src, files: [], args, ...more });

/** Run on both sides; they must agree, and rsync must show the fact the test is named for. */
async function agree(k: FuzzCase, fact?: (real: Answer) => void): Promise<Answer> {
  const o = await runCase(k);
  if (!sameAnswer(o.real, o.model)) {
    expect({ sent: o.model.sent, deleted: o.model.deleted, stop: o.model.stop })
      .toEqual({ sent: o.real.sent, deleted: o.real.deleted, stop: o.real.stop === 1 || o.real.stop === 11 ? o.real.stop : 0 });
  }
  fact?.(o.real);
  return o.real;
}

describe('fuzzer regressions (each was a disagreement once)', () => {
  itReal('--delete without -r or -d is refused (exit 1)', () => agree(c([{ path: 'a' }], ['--delete', 'src/'])));
  itReal('a symlink without -l is in the list but the receiver skips it', () =>
    agree(c([{ path: 'd/a', symlink: '../x' }, { path: 'x' }], ['-r', 'src/']), (r) => expect(r.sent).not.toContain('d/a')));
  itReal('the sender parses a receiver-only dir-merge file too (a bad rule in it stops rsync)', () =>
    agree(c([{ path: 'd/.rsync-filter', content: 'S /.*\n' }], ['-r', '-f', ':,r .rsync-filter', 'src/']), (r) => expect(r.stop).toBe(1)));
  itReal('a per-directory file deleted earlier in the pass is not read later', () =>
    agree(c([{ path: 'T/.rsync-filter', content: '' }], ['-F', '-d', '--delete', 'src/'], {
      dest: [{ path: 'T/.rsync-filter', content: ':,r ../.pf\n' }, { path: '.pf', content: 'clear \n' }],
    }), (r) => expect(r.deleted).toEqual(['.pf'])));
  itReal('IO error under -L skips deletion (a dangling link in a directory listed before the one to clean)', () =>
    agree(c([{ path: 'c/.pg', content: '' }, { path: ' sp/c/lnk', symlink: '../../a' }], ['-r', '-L', '--delete', 'src/'], {
      dest: [{ path: 'c/.hid' }],
    }), (r) => { expect(r.deleted).toEqual([]); expect(r.sent).toContain('c/.pg'); }));
  itReal('two sources with one name: the directory wins over the file', () =>
    agree(c([{ path: 'k/core/' }], ['-r', 'src/', 'src2/'], { src2: [{ path: 'k' }] }), (r) => expect(r.sent).toContain('k/')));
  itReal('-m keeps a directory that two sources both send, when a later name follows (the cleared duplicate counts as a file)', () =>
    agree(c([{ path: 'b/n/a.o' }], ['-m', '-d', 'src/', 'src2/'], { src2: [{ path: 'b/l', symlink: '../x' }, { path: 'n/' }] }), (r) => expect(r.sent).toEqual(['b/'])));
  itReal('-m prunes a directory two sources send when nothing follows it in the list', () =>
    agree(c([{ path: 'b/n/a.o' }], ['-m', '-d', 'src/', 'src2/'], { src2: [{ path: 'b/l', symlink: '../x' }] }), (r) => expect(r.sent).toEqual([])));
  itReal('-m with a file and a directory of one name prunes the directory', () =>
    agree(c([{ path: 'k/core/' }], ['-m', '-d', 'src/', 'src2/'], { src2: [{ path: 'k' }] }), (r) => expect(r.sent).toEqual([])));
  itReal('+C in a destination per-directory file makes the receiver\'s CVS list includes (risk)', () =>
    agree(c([], ['-r', '-FF', '--delete', 'src', 'src2/'], { src2: [], dest: [{ path: '.rsync-filter', content: '+,C_/*b/c/x[1]\n' }, { path: '#x' }] }),
      (r) => expect(r.deleted).toEqual(['#x'])));
  itReal('-m with files-from: a duplicate that a later name follows keeps its directory, the last one does not', () =>
    agree(c([{ path: 'Tmp/ sp/a.o/' }, { path: 'Tmp/.cvsignore', content: '' }], ['-m', '--files-from=ff', 'src'], {
      files: [{ name: 'ff', content: 'x/../Tmp/ sp/a.o/\nx/../Tmp/ sp/\n/Tmp/.cvsignore/\n' }],
    }), (r) => expect(r.sent).toEqual(['Tmp/', 'Tmp/ sp/', 'Tmp/.cvsignore'])));
  itReal('a receiver-only dir-merge inside a per-directory file is dropped on the sender (its file is never read there)', () =>
    agree(c([{ path: 'n/.cvsignore', content: 'a/b - ! *b/ x\\[1]\n' }, { path: 'n/.rsync-filter', content: 'dir-merge,r .cvsignore\r\n' }], ['-r', '-F', 'src/']),
      (r) => expect(r.stop).toBe(0)));
  itReal('a directory sent by two sources is cleaned once (its per-directory file is read before it is deleted)', () =>
    agree(c([{ path: '\xe9/.hid/' }], ['-r', '-C', '--delete', 'src/', 'src2/'], {
      src2: [{ path: '\xe9/Tmp/CVS' }], dest: [{ path: '\xe9/.cvsignore', content: '+ */\r\n' }, { path: '\xe9/b/l', content: '' }],
      cvsignoreEnv: '', homeCvsignore: '! *.o +\n',
    }), (r) => expect(r.deleted).toEqual(['\xe9/.cvsignore'])));
  itReal('a directory two sources send: the subdirectories of both are walked after both, under the rules the last one left (fuzz seed 20260813 case 490)', () =>
    agree(c([{ path: 'k/.rsync-filter', content: '+ */\n- *\n' }, { path: 'k/k/f' }], ['-r', '-F', 'src/', 'src2/'], { src2: [{ path: 'k/C/' }] }),
      (r) => expect(r.sent).toContain('k/k/f')));
  itReal('the receiver reads a sender-only dir-merge file too (it is forked with the same list)', () =>
    agree(c([], ['-d', '--delete', '-f', 'dir-merge,s .rsync-filter', 'src/'], { dest: [{ path: '.rsync-filter', content: 'show_k?y\r\n' }] }),
      (r) => expect(r.stop).toBe(1)));
});

describe('per-directory files and several sources', () => {
  const two = (extra: string[], a: string, b: string): FuzzCase => c(
    [{ path: 'a.x' }, { path: 'd/b.x' }, { path: '.rsync-filter', content: '- *.x\n' }],
    ['-r', ...extra, '-F', a, b],
    { src2: [{ path: 'a.x' }, { path: 'd/b.x' }, { path: 'c.y' }, { path: '.rsync-filter', content: '- *.y\n' }] },
  );
  itReal('incremental recursion: the second dot-dir source never reads its root file, the first one\'s rules apply', () =>
    agree(two([], 'src/', 'src2/'), (r) => expect(r.sent).toEqual(['.rsync-filter', 'c.y', 'd/'])));
  itReal('--no-i-r: each dot-dir source reads its own root file', () =>
    agree(two(['--no-i-r'], 'src/', 'src2/'), (r) => expect(r.sent).toEqual(['.rsync-filter', 'a.x', 'd/', 'd/b.x'])));
  itReal('operand src: the directory itself is tested before src/.rsync-filter is read', () =>
    agree(c([{ path: '.rsync-filter', content: '- /src\n- x\n' }, { path: 'x' }, { path: 'y' }], ['-r', '-F', 'src']),
      (r) => expect(r.sent).toEqual(['src/', 'src/.rsync-filter', 'src/y'])));
  itReal('operand src/: the root file is read before its entries are tested', () =>
    agree(c([{ path: '.rsync-filter', content: '- x\n' }, { path: 'x' }, { path: 'y' }], ['-r', '-F', 'src/']), (r) => expect(r.sent).toEqual(['.rsync-filter', 'y'])));
  itReal('anchored rules in a per-directory file are anchored at its directory', () =>
    agree(c([{ path: 'sub/.pf', content: '- /mine\n' }, { path: 'sub/mine' }, { path: 'sub/deep/mine' }, { path: 'mine' }], ['-r', '-f', ': .pf', 'src/']),
      (r) => expect(r.sent).toContain('sub/deep/mine')));
  itReal('n: per-directory rules are not inherited', () =>
    agree(c([{ path: '.pf', content: '- *.o\n' }, { path: 'a.o' }, { path: 'sub/b.o' }], ['-r', '-f', ':n .pf', 'src/']), (r) => expect(r.sent).toContain('sub/b.o')));
  itReal('e: the merge file excludes itself', () =>
    agree(c([{ path: '.pf', content: '- *.o\n' }, { path: 'sub/.pf', content: '' }], ['-r', '-f', ':e .pf', 'src/']), (r) => expect(r.sent).toEqual(['sub/'])));
  itReal('clear in a per-directory file drops the inherited rules', () =>
    agree(c([{ path: '.pf', content: '- *.log\n' }, { path: 'sub/.pf', content: 'clear\n' }, { path: 'a.log' }, { path: 'sub/b.log' }], ['-r', '-f', ': .pf', 'src/']),
      (r) => expect(r.sent).toContain('sub/b.log')));
  itReal('a nested dir-merge in a per-directory file is read in that directory and below', () =>
    agree(c([{ path: 'sub/.pf', content: ': .pg\n' }, { path: 'sub/.pg', content: '- z\n' }, { path: 'sub/z' }, { path: 'sub/deep/z' }, { path: 'z' }], ['-r', '-f', ': .pf', 'src/']),
      (r) => expect(r.sent).toContain('z')));
  itReal('a nested merge in a per-directory file is not anchored at that directory', () =>
    agree(c([{ path: 'sub/.pf', content: '. m1\n' }, { path: 'sub/z' }, { path: 'z' }, { path: 'm1', content: '- /z\n' }], ['-r', '-f', ': .pf', 'src/']),
      (r) => expect(r.sent).toContain('sub/z')));
  itReal('a second dir-merge of the same basename is dropped', () =>
    agree(c([{ path: '.rsync-filter', content: '- a\n' }, { path: 'a' }, { path: 'b' }], ['-r', '-F', '-f', ':n- .rsync-filter', 'src/'])));
  itReal('a name with a slash scans the parent directories (../.pf read for src/sub/)', () =>
    agree(c([{ path: '.pf', content: '- /sub/z\n' }, { path: 'sub/z' }, { path: 'sub/y' }], ['-r', '-f', ': ../.pf', 'src/sub/']), (r) => expect(r.sent).toEqual(['y'])));
  itReal('a merge that includes itself stops at depth 32 (exit 11)', () =>
    agree(c([{ path: 'a' }], ['-r', '-f', '. m1', 'src/'], { files: [{ name: 'm1', content: '. m1\n' }] }), (r) => expect(r.stop).toBe(11)));
  itReal('a merge file that merges itself twice stops at the first overflow (fuzz seed 302: the model ran out of memory)', () =>
    agree(c([{ path: 'a' }], ['-r', '-f', '. m1', 'src/'], { files: [{ name: 'm1', content: '\n.,n m2\n' }, { name: 'm2', content: 'merge,n m2\n- *\nmerge m2\n' }] }),
      (r) => expect(r.stop).toBe(11)));
});

describe('--delete-excluded and a -C in the receiver\'s per-directory file', () => {
  itReal('the CVS words name no side, so with --delete-excluded they protect nothing (fuzz seed 405)', () =>
    agree(c([], ['-F', '-d', '--delete-excluded', '--delete', 'src/'], { dest: [{ path: '.rsync-filter', content: '\n-C\n' }, { path: '#x/lnk', content: '' }] }),
      (r) => expect(r.deleted).toEqual(['#x/', '#x/lnk', '.rsync-filter'])));
  itReal('without --delete-excluded they protect #x/', () =>
    agree(c([], ['-F', '-d', '--delete', 'src/'], { dest: [{ path: '.rsync-filter', content: '\n-C\n' }, { path: '#x/lnk', content: '' }] }),
      (r) => expect(r.deleted).toEqual(['.rsync-filter'])));
});

describe('-R --no-implied-dirs', () => {
  for (const extra of [[], ['--no-i-r']]) {
    itReal(`the directories above the item are not sent (${extra.join(' ') || 'incremental recursion'})`, () =>
      agree(c([{ path: 'a/b/c/f' }, { path: 'a/x' }], ['-r', ...extra, '-R', '--no-implied-dirs', 'src/./a/b/c']),
        (r) => expect(r.sent).toEqual(['a/b/c/', 'a/b/c/f'])));
  }
});

describe('bracket sets the spec got wrong (rsync-semantics.md §4.4)', () => {
  itReal('a reversed range keeps its low end as a member: [b-a] matches b', () =>
    agree(c([{ path: 'a' }, { path: 'b' }, { path: 'z' }, { path: 'cx' }], ['-r', '-f', '- /[b-a]', '-f', '- /[c-a]x', 'src/']),
      (r) => expect(r.sent).toEqual(['a', 'z'])));
  itReal('an unclosed [: ends the set: [[:]ab] is the set of [ and : followed by ab], so it matches :ab] and not [', () =>
    agree(c([{ path: '[' }, { path: ':ab]' }, { path: 'dab]' }, { path: 'a' }], ['-r', '-f', '- /[[:]ab]', 'src/']),
      (r) => expect(r.sent).toEqual(['[', 'a', 'dab]'])));
});

describe('-C, byte names, limits, files-from, roots', () => {
  itReal('a .cvsignore applies to its own directory only', () =>
    agree(c([{ path: 'sub/.cvsignore', content: '*.h\n' }, { path: 'sub/z.h' }, { path: 'sub/deeper/z.h' }], ['-r', '-C', 'src/']), (r) => expect(r.sent).toContain('sub/deeper/z.h')));
  itReal('CVSIGNORE and ~/.cvsignore are read (useEnv); ! in CVSIGNORE clears defaults and ~/.cvsignore too', () =>
    agree(c([{ path: 'foo' }, { path: 'bar' }, { path: 'a.o' }, { path: 'h1' }], ['-r', '-C', 'src/'], { cvsignoreEnv: 'foo ! bar', homeCvsignore: 'h1\n' }),
      (r) => expect(r.sent).toEqual(['a.o', 'foo', 'h1'])));
  itReal('~/.cvsignore entries are excluded with useEnv', () =>
    agree(c([{ path: 'h1' }, { path: 'h2' }], ['-r', '-C', 'src/'], { cvsignoreEnv: '', homeCvsignore: 'h1\n' }), (r) => expect(r.sent).toEqual(['h2'])));
  it('without useEnv a note says ~/.cvsignore and $CVSIGNORE were not read', () => {
    const t = materialize(c([{ path: 'a' }], []));
    try {
      const { json } = explain(['rsync', '-r', '-C', 'src/', 'dest/'], { cwd: t });
      expect(json.notes?.join(' ')).toMatch(/not read/);
    } finally {
      fs.rmSync(t, { recursive: true, force: true });
    }
  });
  itReal('? is one byte of a multi-byte character; non-UTF-8 names match byte-wise', () =>
    agree(c([{ path: '\xc3\xa9' }, { path: '\xe9' }, { path: 'k' }], ['-r', '-f', '- ?', 'src/']), (r) => expect(r.sent).toEqual(['\xc3\xa9'])));
  it('non-UTF-8 names are shown with rsync\'s \\#ooo escapes', () => {
    const t = materialize(c([{ path: 'a\xe9' }], []));
    try {
      const { json } = explain(['rsync', '-r', 'src/', 'dest/'], { cwd: t });
      expect(json.transfers[0].entries.map((e) => e.name)).toEqual(['a\\#351']);
    } finally {
      fs.rmSync(t, { recursive: true, force: true });
    }
  });
  itReal('a 4096-byte pattern is dropped with a warning, a 4095-byte one is kept', () =>
    agree(c([{ path: 'a' }], ['-r', `--exclude=${'x'.repeat(4096)}`, `--exclude=${'*'.repeat(4095)}`, 'src/']), (r) => expect(r.sent).toEqual([])));
  itReal('a merge-file line over 5119 bytes is dropped with a warning', () =>
    agree(c([{ path: 'a' }, { path: 'b' }], ['-r', '-f', '. m1', 'src/'], { files: [{ name: 'm1', content: `- ${'*'.repeat(5118)}\n- a\n` }] }), (r) => expect(r.sent).toEqual(['b'])));
  itReal('files-from: comments skipped, no recursion without -r, a trailing / sends one level', () =>
    agree(c([{ path: 'd/x' }, { path: 'd/e/y' }, { path: 'f/g/h' }, { path: 'k' }], ['--files-from=ff', 'src'], {
      files: [{ name: 'ff', content: '# d\n;k\nd/\nf/g\n' }],
    }), (r) => expect(r.sent).toEqual(['d/', 'd/e/', 'd/x', 'f/', 'f/g/'])));
  itReal('-R with /./ and implied directories that are never filtered', () =>
    agree(c([{ path: 'home/spam/x' }], ['-r', '-R', '--exclude=/home', 'src/./home/spam'])));
  itReal('a symlink to a directory is a directory only with --copy-dirlinks', () =>
    agree(c([{ path: 'real/x' }, { path: 'link', symlink: 'real' }], ['-r', '-l', '--copy-dirlinks', '--exclude=link/', 'src/']), (r) => expect(r.sent).toEqual(['real/', 'real/x'])));
});

describe('deletion (real local transfers)', () => {
  const src = [{ path: 'keep.c' }, { path: 'a.o' }, { path: 'dir/x.c' }];
  const dest = [{ path: 'keep.c' }, { path: 'a.o' }, { path: 'b.o' }, { path: 'old.txt' }, { path: 'gone/f.o' }, { path: 'gone/CVS/Entries' }, { path: 'dir/x.c' }, { path: 'dir/y.o' }];
  const del = (rules: string[]): FuzzCase => c(src, ['-r', '--delete', ...rules, 'src/'], { dest });
  itReal('exclude protects', () => agree(del(['--exclude=*.o']), (r) => expect(r.deleted).toEqual(['gone/CVS/', 'gone/CVS/Entries', 'old.txt'])));
  itReal('--delete-excluded strips protection', () => agree(del(['--delete-excluded', '--exclude=*.o'])));
  itReal('R before P risks', () => agree(del(['-f', 'R b.o', '-f', 'P *.o'])));
  itReal('perishable rules do not keep a directory absent on the sender alive', () =>
    agree(del(['-f', '-p *.o', '-f', '-p CVS/']), (r) => expect(r.deleted).toContain('gone/')));
  itReal('-C is perishable', () => agree(del(['-C'])));
  itReal('per-directory protect rules read from the destination', () =>
    agree(c(src, ['-r', '--delete', '-f', ': .pf', 'src/'], { dest: [...dest, { path: 'gone/.pf', content: 'P f.o\n' }] }), (r) => expect(r.deleted).not.toContain('gone/')));
  it('explain --dest-tree lists deletions and protections with their rules', () => {
    const { json } = explain(['rsync', '-r', '--delete', '-f', 'P *.o', 'src/', 'dest/'], {
      cwd: '/nonexistent-rsync-lint', listing: 'keep.c\n', destListing: 'keep.c\nb.o\nold.txt\n',
    });
    expect(json.transfers[0].deletions).toEqual([
      { name: 'b.o', action: 'protect', rule: { text: 'P *.o', origin: { argv: 4 } } },
      { name: 'old.txt', action: 'delete', rule: null },
    ]);
  });
});

describe('spec-diff findings (each was a disagreement with rsync 3.5.0)', () => {
  const ab = [{ path: 'a' }, { path: 'b' }];
  itReal('`!,` clears the list: parse_rule_tok skips the comma after a one-letter rule', () =>
    agree(c(ab, ['-r', '-f', '- a', '-f', '!,', 'src/']), (r) => { expect(r.stop).toBe(0); expect(r.sent).toEqual(['a', 'b']); }));
  itReal('`clear,` clears the list too', () =>
    agree(c(ab, ['-r', '-f', '- a', '-f', 'clear,', 'src/']), (r) => { expect(r.stop).toBe(0); expect(r.sent).toEqual(['a', 'b']); }));
  itReal('`!,` in a merge file clears the list', () =>
    agree(c(ab, ['-r', '-f', '- a', '-f', '. m1', 'src/'], { files: [{ name: 'm1', content: '!,\n- b\n' }] }), (r) => expect(r.sent).toEqual(['a'])));
  itReal('`clear,` in a per-directory file clears the inherited rules', () =>
    agree(c([{ path: '.pf', content: '- *.log\n' }, { path: 'sub/.pf', content: 'clear,\n' }, { path: 'a.log' }, { path: 'sub/b.log' }], ['-r', '-f', ': .pf', 'src/']),
      (r) => expect(r.sent).toContain('sub/b.log')));
  itReal('`!,x` and `clear, ` are still errors (exit 1)', async () => {
    await agree(c(ab, ['-r', '-f', '!,x', 'src/']), (r) => expect(r.stop).toBe(1));
    await agree(c(ab, ['-r', '-f', 'clear, ', 'src/']), (r) => expect(r.stop).toBe(1));
  });
  const ffTree = [{ path: 'a/b/c' }, { path: 'a/e' }, { path: 'tmp/x' }];
  const ff = (content: string, args: string[] = []): FuzzCase => c(ffTree, [...args, '--files-from=ff', 'src/'], { files: [{ name: 'ff', content }] });
  itReal('files-from without -0: a NUL ends the entry, so a find -print0 list sends its first name only', () =>
    agree(ff('a/b/c\0tmp/x\0a/e\0'), (r) => { expect(r.stop).toBe(0); expect(r.sent).toEqual(['a/', 'a/b/', 'a/b/c']); }));
  itReal('files-from without -0: the rest of a line after a NUL is lost, the next line is read', () =>
    agree(ff('a/e\ntmp/x\0junk\n'), (r) => expect(r.sent).toEqual(['a/', 'a/e', 'tmp/', 'tmp/x'])));
  itReal('files-from: a line that starts with NUL is an empty entry (the source directory itself); `#x` then NUL is a comment', () =>
    agree(ff('\0junk\n#x\0\n'), (r) => expect(r.sent).toEqual(['a/', 'tmp/'])));
  itReal('files-from with -0: the same list sends every name', () =>
    agree(ff('a/b/c\0tmp/x\0a/e\0', ['-0']), (r) => expect(r.sent).toEqual(['a/', 'a/b/', 'a/b/c', 'a/e', 'tmp/', 'tmp/x'])));
  itReal('--ignore-errors: a sender I/O error (a dangling link under -L) no longer cancels deletion', async () => {
    const k = (extra: string[]): FuzzCase => c([{ path: 'a' }, { path: 'lnk', symlink: 'nowhere' }, { path: 'd/b' }], ['-r', '-L', '--delete', ...extra, 'src/'], {
      dest: [{ path: 'old' }, { path: 'd/old2' }],
    });
    await agree(k([]), (r) => expect(r.deleted).toEqual([]));
    await agree(k(['--ignore-errors']), (r) => { expect(r.stop).toBe(23); expect(r.deleted).toEqual(['d/old2', 'old']); });
    await agree(k(['--ignore-errors', '--no-ignore-errors']), (r) => expect(r.deleted).toEqual([]));
  });
  const abc = [{ path: 'a' }, { path: 'b' }, { path: 'c' }];
  const z = { files: [{ name: 'z', content: 'a\0b\0' }, { name: 'mz', content: '- a\0- b\0' }] };
  itReal('-0 affects only an --exclude-from named after it (the file is read while options are parsed)', async () => {
    await agree(c(abc, ['-r', '-0', '--exclude-from=z', 'src/'], z), (r) => expect(r.sent).toEqual(['c']));
    await agree(c(abc, ['-r', '--exclude-from=z', '-0', 'src/'], z), (r) => expect(r.sent).toEqual(['b', 'c']));
    await agree(c(abc, ['-r', '-0', '--no-from0', '--include-from=z', '--exclude=*', 'src/'], z), (r) => expect(r.sent).toEqual(['a']));
  });
  itReal('-0 affects only a `. FILE` merge named after it', async () => {
    await agree(c(abc, ['-r', '-0', '-f', '. mz', 'src/'], z), (r) => expect(r.sent).toEqual(['c']));
    await agree(c(abc, ['-r', '-f', '. mz', '-0', 'src/'], z), (r) => expect(r.sent).toEqual(['b', 'c']));
  });
  itReal('-0 anywhere applies to per-directory files and --files-from (read after option parsing)', async () => {
    await agree(c([...abc, { path: '.pf', content: '- a\0- b\0' }], ['-r', '-f', ': .pf', '-0', 'src/']), (r) => expect(r.sent).toEqual(['.pf', 'c']));
    await agree(c(abc, ['--files-from=z', '-0', 'src/'], z), (r) => expect(r.sent).toEqual(['a', 'b']));
  });
  // src2/ is not an operand here: it is the directory outside the transfer that the links point to
  const outside = { src2: [{ path: 'd/x' }] };
  const unsafeTree = [{ path: 'a' }, { path: 'lnk', symlink: '../src2/d' }, { path: 'real/y' }, { path: 'rl', symlink: 'real' }];
  itReal('--copy-unsafe-links: a symlink out of the transfer is a directory (dir-only rules match it), measured from the sender\'s directory', async () => {
    await agree(c(unsafeTree, ['-r', '-l', '--copy-unsafe-links', '--exclude=lnk/', 'src/'], outside), (r) => expect(r.sent).toEqual(['a', 'real/', 'real/y', 'rl']));
    // operand src: the name is src/lnk, so ../src2/d does not leave the sender's directory: still a link
    await agree(c(unsafeTree, ['-r', '-l', '--copy-unsafe-links', '--exclude=lnk/', 'src'], outside), (r) => expect(r.sent).toContain('src/lnk'));
  });
  itReal('--copy-unsafe-links: the contents of an unsafe link are sent; without -l the safe link is still skipped', async () => {
    await agree(c(unsafeTree, ['-r', '-l', '--copy-unsafe-links', 'src/'], outside), (r) => expect(r.sent).toEqual(['a', 'lnk/', 'lnk/x', 'real/', 'real/y', 'rl']));
    await agree(c(unsafeTree, ['-r', '--copy-unsafe-links', 'src/'], outside), (r) => expect(r.sent).toEqual(['a', 'lnk/', 'lnk/x', 'real/', 'real/y']));
  });
  itReal('--copy-unsafe-links: an unsafe link operand is tested as a link, then sent as a directory', () =>
    agree(c(unsafeTree, ['-l', '--copy-unsafe-links', '--exclude=lnk/', 'src/lnk'], outside), (r) => expect(r.sent).toEqual(['lnk/'])));
  itReal('--copy-unsafe-links: a dangling unsafe link is an I/O error that cancels deletion', () =>
    agree(c([{ path: 'a' }, { path: 'dang', symlink: '../nowhere' }, { path: 'ok', symlink: 'nowhere' }], ['-r', '-l', '--copy-unsafe-links', '--delete', 'src/'], {
      dest: [{ path: 'old' }],
    }), (r) => { expect(r.stop).toBe(23); expect(r.deleted).toEqual([]); expect(r.sent).toContain('ok'); }));
  itReal('--safe-links: the receiver skips symlinks out of the transfer (absolute, or climbing above the root)', () =>
    agree(c([...unsafeTree, { path: 'abs', symlink: '/nonexistent' }, { path: 'sub/up', symlink: '../real/y' }, { path: 'sub/out', symlink: '../../x' }], ['-r', '-l', '--safe-links', 'src/'], outside),
      (r) => expect(r.sent).toEqual(['a', 'real/', 'real/y', 'rl', 'sub/', 'sub/up'])));
  itReal('--safe-links: unsafe_symlink\'s edge cases (/../ after the leading ../ run, a trailing /.., the link\'s own depth)', () => {
    const targets = ['.', '..', '../', './..', 'a/../b', '../a/../b', '..//x', 'x/..', 'x/../', '../..', '.../x', 'a//../b', '../.', 'p/./..'];
    const links = targets.flatMap((t, i) => [{ path: `l${i}`, symlink: t }, { path: `s/l${i}`, symlink: t }, { path: `s/t/l${i}`, symlink: t }]);
    return agree(c([{ path: 'a' }, ...links], ['-r', '-l', '--safe-links', 'src/']), (r) => {
      expect(r.sent).toContain('s/t/l1');
      expect(r.sent).not.toContain('l1');
    });
  });
  itReal('`: NAME/` makes every rule read from NAME directory-only (FILTRULE_DIRECTORY is inherited from the container)', async () => {
    const t = [{ path: '.pf', content: '- x\n- d\n' }, { path: 'x' }, { path: 'y' }, { path: 'd/x' }, { path: 'e/d' }];
    await agree(c(t, ['-r', '-f', ': .pf', 'src/']), (r) => expect(r.sent).toEqual(['.pf', 'e/', 'y']));
    await agree(c(t, ['-r', '-f', ': .pf/', 'src/']), (r) => expect(r.sent).toEqual(['.pf', 'e/', 'e/d', 'x', 'y']));
  });
  itReal('per-directory .cvsignore rules are not perishable: they keep a receiver-only directory (the default *.o does not)', async () => {
    const k = (gone: FuzzCase['src']): FuzzCase => c([{ path: 'a' }], ['-r', '-C', '--delete', 'src/'], { dest: gone, cvsignoreEnv: '' });
    await agree(k([{ path: 'gone/f.o' }, { path: 'gone/g' }, { path: 'gone/.cvsignore', content: 'f.o\n' }]),
      (r) => expect(r.deleted).toEqual(['gone/.cvsignore', 'gone/g']));
    await agree(k([{ path: 'gone/f.o' }, { path: 'gone/g' }]), (r) => expect(r.deleted).toEqual(['gone/', 'gone/f.o', 'gone/g']));
  });
});

describe('delete timing: a real --delete-after run reads the per-directory files the transfer has just written', () => {
  const dest = [{ path: 'keep' }, { path: 'old' }, { path: '.rsync-filter', content: '' }];
  const k = (args: string[], src: FuzzCase['src'] = [{ path: 'a' }, { path: '.rsync-filter', content: 'P keep\n' }], more: Partial<FuzzCase> = {}): FuzzCase =>
    c(src, ['-r', '-F', ...args, 'src/'], { dest, ...more });
  itReal('--delete-after uses the new copy; --delete-before, -during, -delay and --delete use the old one', async () => {
    await agree(k(['--delete-after']), (r) => expect(r.deleted).toEqual(['old']));
    for (const m of ['--delete', '--delete-before', '--delete-during', '--delete-delay']) await agree(k([m]), (r) => expect(r.deleted).toEqual(['keep', 'old']));
  });
  itReal('a dry run writes nothing: -n --delete-after uses the old copy', () =>
    agree(k(['-n', '--delete-after']), (r) => expect(r.deleted).toEqual(['keep', 'old'])));
  // these options leave files out of rsync's itemized output, which is what the fuzz runner counts as
  // sent (the model's list still holds them, as rsync's file list does): compare the deletions only
  const agreeDeleted = async (kase: FuzzCase, deleted: string[]): Promise<void> => {
    const o = await runCase(kase);
    expect(o.real.deleted).toEqual(deleted);
    expect(o.model.deleted).toEqual(o.real.deleted);
  };
  itReal('--existing, --ignore-existing and --max-size decide whether the new copy is written', async () => {
    const sub = [{ path: 'sub/.rsync-filter', content: 'P keep\n' }];
    const subDest = { dest: [{ path: 'sub/keep' }, { path: 'sub/old' }] };
    await agreeDeleted(k(['--delete-after'], sub, subDest), ['sub/old']);
    await agreeDeleted(k(['--delete-after', '--existing'], sub, subDest), ['sub/keep', 'sub/old']);
    await agreeDeleted(k(['--delete-after', '--ignore-existing']), ['keep', 'old']);
    await agreeDeleted(k(['--delete-after', '--max-size=6']), ['keep', 'old']);
    await agreeDeleted(k(['--delete-after', '--min-size=1K']), ['keep', 'old']);
    await agreeDeleted(k(['--delete-after', '--max-size=1K']), ['old']);
  });
  itReal('a per-directory file sent as a symlink (-l) is read through the new link', () =>
    agree(k(['-l', '--delete-after'], [{ path: 'rules', content: 'P keep\n' }, { path: '.rsync-filter', symlink: 'rules' }]),
      (r) => expect(r.deleted).toEqual(['old'])));
  itReal('two sources with one per-directory file: the first source\'s copy is the one written', async () => {
    const two = (a: string, b: string): FuzzCase => c([{ path: '.rsync-filter', content: a }], ['-r', '-F', '--delete-after', 'src/', 'src2/'], {
      src2: [{ path: '.rsync-filter', content: b }], dest: [{ path: 'aa' }, { path: 'bbb' }, { path: '.rsync-filter', content: 'P c\n' }],
    });
    await agree(two('P aa\n', 'P bbb\n'), (r) => expect(r.deleted).toEqual(['bbb']));
    await agree(two('P bbb\n', 'P aa\n'), (r) => expect(r.deleted).toEqual(['aa']));
  });
  const appendCase = (m: string): FuzzCase => c([{ path: '.rsync-filter', content: 'P aa\nP bb\n' }], ['-r', '-F', m, '--delete-after', 'src/'], {
    dest: [{ path: 'aa' }, { path: 'bb' }, { path: 'cc' }, { path: '.rsync-filter', content: 'P cc\n' }],
  });
  itReal('--append appends to a shorter copy instead of replacing it; --append-verify then sends it whole', async () => {
    await agree(appendCase('--append'), (r) => expect(r.deleted).toEqual(['aa']));
    await agree(appendCase('--append-verify'), (r) => expect(r.deleted).toEqual(['cc']));
  });

  // the quick check: a destination copy of the same size and modification second is left alone
  const timed = async (args: string[], sameSecond: boolean): Promise<{ real: Answer; model: Answer }> => {
    const kase = c([{ path: 'a' }, { path: '.rsync-filter', content: 'P keep\n' }], ['-r', '-F', ...args, '--delete-after', 'src/'], {
      dest: [{ path: 'keep' }, { path: 'old' }, { path: '.rsync-filter', content: 'P old*\n' }],
    });
    const t = materialize(kase);
    try {
      fs.utimesSync(`${t}/src/.rsync-filter`, 1577836800.1, 1577836800.1);
      fs.utimesSync(`${t}/dest/.rsync-filter`, 1577836800.5, sameSecond ? 1577836800.5 : 1577836900);
      const model = runModel(t, kase);
      const real = await runReal(t, kase);
      return { real, model };
    } finally {
      fs.rmSync(t, { recursive: true, force: true });
    }
  };
  itReal('quick check: same size and same second keeps the old copy; -I, -c or another second write the new one; --size-only keeps it', async () => {
    const cases: [string[], boolean, string[]][] = [
      [[], true, ['keep']], [[], false, ['old']], [['-I'], true, ['old']], [['-c'], true, ['old']],
      [['--size-only'], false, ['keep']], [['--modify-window=200'], false, ['keep']], [['-u'], false, ['keep']],
    ];
    for (const [args, same, deleted] of cases) {
      const { real, model } = await timed(args, same);
      expect({ args, same, deleted: real.deleted }).toEqual({ args, same, deleted });
      expect({ args, same, deleted: model.deleted }).toEqual({ args, same, deleted: real.deleted });
    }
  });
  it('explain --dest-tree: a listing\'s filter file contents decide; with no times known, a different copy counts as written', () => {
    const run = (extra: string[]): unknown => explain(['rsync', '-r', '-F', ...extra, 'src/', 'dest/'], {
      cwd: '/nonexistent-rsync-lint', listing: 'a\n.rsync-filter\t=P keep\\n\n', destListing: 'keep\nold\n.rsync-filter\t=\n',
    }).json.transfers[0].deletions?.filter((d) => d.action === 'delete').map((d) => d.name);
    expect(run(['--delete-after'])).toEqual(['old']);
    expect(run(['--delete-delay'])).toEqual(['keep', 'old']);
    expect(run(['-n', '--delete-after'])).toEqual(['keep', 'old']);
  });
});

// rsync 3.5 walks the path of each file it opens by name and refuses a symlink owned by another
// user (not root, not its euid). Only root can hand a link to `nobody`, so these run as root (CI does).
const AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const itRoot = HAVE_RSYNC && AS_ROOT ? it : it.skip;

describe('symlink hardening: links owned by another user (rsync 3.5)', () => {
  const tree = (untrusted: boolean): FuzzCase['src'] => [
    { path: 'a' }, { path: 'b' }, { path: 'sub/a' }, { path: 'rules', content: '- a\n' },
    { path: '.pf', symlink: 'rules', ...(untrusted ? { untrusted: true } : {}) },
  ];
  itRoot('a per-directory file reached through such a link is not read (a warning, exit 0); --insecure-links reads it', async () => {
    await agree(c(tree(false), ['-r', '-f', ': .pf', 'src/']), (r) => expect(r.sent).toEqual(['b', 'rules', 'sub/']));
    await agree(c(tree(true), ['-r', '-f', ': .pf', 'src/']), (r) => { expect(r.stop).toBe(0); expect(r.sent).toContain('sub/a'); expect(r.stderr).toMatch(/untrusted user/); });
    await agree(c(tree(true), ['-r', '--insecure-links', '-f', ': .pf', 'src/']), (r) => expect(r.sent).not.toContain('sub/a'));
  });
  itRoot('a source operand through such a link: every per-directory file below it is ignored', () =>
    agree(c([{ path: 'a' }, { path: 'sub/a' }, { path: '.pf', content: '- a\n' }], ['-r', '-f', ': .pf', 'via/'], {
      files: [{ name: 'via', content: '', symlink: 'src', untrusted: true }],
    }), (r) => expect(r.sent).toEqual(['.pf', 'a', 'sub/', 'sub/a'])));
  const lk = { files: [{ name: 'real', content: '- a\n' }, { name: 'lk', content: '', symlink: 'real', untrusted: true }] };
  itRoot('--exclude-from and `. FILE` through such a link stop rsync (exit 11); --insecure-links counts only before the option', async () => {
    await agree(c(tree(false), ['-r', '--exclude-from=lk', 'src/'], lk), (r) => expect(r.stop).toBe(11));
    await agree(c(tree(false), ['-r', '-f', '. lk', 'src/'], lk), (r) => expect(r.stop).toBe(11));
    await agree(c(tree(false), ['-r', '--insecure-links', '--exclude-from=lk', 'src/'], lk), (r) => { expect(r.stop).toBe(0); expect(r.sent).not.toContain('a'); });
    await agree(c(tree(false), ['-r', '--exclude-from=lk', '--insecure-links', 'src/'], lk), (r) => expect(r.stop).toBe(11));
  });
  const dl = [{ path: 'd/f' }, { path: 'e/x' }, { path: 'dl', symlink: 'd', untrusted: true }];
  const ff = (content: string, args: string[] = []): FuzzCase => c(dl, [...args, '--files-from=ff', 'src'], { files: [{ name: 'ff', content }] });
  itRoot('--files-from names through such a link are refused (exit 23); the link itself, or -L/--copy-dirlinks, are not', async () => {
    await agree(ff('dl/f\ne/x\n'), (r) => { expect(r.stop).toBe(23); expect(r.sent).toEqual(['e/', 'e/x']); });
    await agree(ff('dl/\n'), (r) => { expect(r.stop).toBe(23); expect(r.sent).toEqual([]); });
    await agree(ff('dl/.\n'), (r) => expect(r.stop).toBe(23));
    await agree(ff('dl\n'), (r) => { expect(r.stop).toBe(0); expect(r.sent).toEqual([]); });
    await agree(ff('dl/f\n', ['-L']), (r) => expect(r.sent).toEqual(['dl/', 'dl/f']));
    await agree(ff('dl/f\n', ['--copy-dirlinks']), (r) => expect(r.sent).toEqual(['dl/', 'dl/f']));
    await agree(ff('dl/f\n', ['--insecure-links']), (r) => expect(r.sent).toEqual(['dl/', 'dl/f']));
  });
  itRoot('the --files-from file itself through such a link: exit 1, as for a missing one', async () => {
    const k = (args: string[]): FuzzCase => c(dl, [...args, '--files-from=lf', 'src'], { files: [{ name: 'real', content: 'e/x\n' }, { name: 'lf', content: '', symlink: 'real', untrusted: true }] });
    await agree(k([]), (r) => expect(r.stop).toBe(1));
    await agree(k(['--insecure-links']), (r) => expect(r.sent).toEqual(['e/', 'e/x']));
    await agree(c(dl, ['--files-from=missing', 'src']), (r) => expect(r.stop).toBe(1));
  });
  itRoot('the receiver ignores a per-directory file of the destination reached through such a link', () =>
    agree(c([{ path: 'a' }], ['-r', '-F', '--delete', 'src/'], {
      dest: [{ path: 'keep' }, { path: 'rules', content: 'P keep\n' }, { path: '.rsync-filter', symlink: 'rules', untrusted: true }],
    }), (r) => expect(r.deleted).toContain('keep')));
  itRoot('a destination reached through such a link: the receiver cannot chdir into it (exit 3)', async () => {
    const kase = c([{ path: 'a' }], ['-r', 'src/'], { files: [{ name: 'dreal/x', content: '' }, { name: 'dl', content: '', symlink: 'dreal', untrusted: true }] });
    const t = materialize(kase);
    try {
      const json = explain(['rsync', '-r', 'src/', 'dl/'], { cwd: t }).json;
      const real = await new Promise<number>((resolve) => {
        const child = spawn('rsync', ['-n', '-r', 'src/', 'dl/'], { cwd: t, stdio: 'ignore' });
        child.on('close', (code) => resolve(code ?? -1));
      });
      expect(real).toBe(3);
      expect(json.errors.map((e) => e.exitCode)).toContain(3);
    } finally {
      fs.rmSync(t, { recursive: true, force: true });
    }
  });
});

describe('--delete-delay and names of another kind in the destination', () => {
  itReal('--delete-delay empties an extraneous directory after the transfer, under the global rules only (fuzz seed 601 case 9583)', async () => {
    const k = (m: string): FuzzCase => c([], ['-r', '-FF', m, 'src/'], { dest: [{ path: '.rsync-filter', content: '\n+ */\n- *\n' }, { path: 'c/-x/.pf', content: '' }] });
    await agree(k('--delete-delay'), (r) => expect(r.deleted).toEqual(['c/', 'c/-x/', 'c/-x/.pf']));
    await agree(k('--delete'), (r) => expect(r.deleted).toEqual([]));
  });
  itReal('--delete-delay: a per-directory file the pass deletes is still there for the directories after it', async () => {
    // T's file names ../.pf: under --delete the pass has deleted it before T is read; under
    // --delete-delay it is still there, and what it says applies
    const k = (m: string): FuzzCase => c([{ path: 'T/.rsync-filter', content: '' }], ['-F', '-d', m, 'src/'], {
      dest: [{ path: 'T/.rsync-filter', content: ':,r ../.pf\n' }, { path: '.pf', content: 'clear \n' }],
    });
    await agree(k('--delete'), (r) => expect(r.deleted).toEqual(['.pf']));
    await agree(k('--delete-delay'), (r) => expect(r.deleted).toEqual([]));
  });
  const clash = { dest: [{ path: 'z/q' }, { path: 'z/sub/r' }, { path: 'z/keep.o' }, { path: 'old' }], destClashes: true };
  itReal('a directory where the source has a file is emptied to make way (its contents itemized as deleted), also by --delete-after', async () => {
    await agree(c([{ path: 'z' }, { path: 'a' }], ['-r', '--delete', 'src/'], clash), (r) => expect(r.deleted).toEqual(['old', 'z/keep.o', 'z/q', 'z/sub/', 'z/sub/r']));
    await agree(c([{ path: 'z' }, { path: 'a' }], ['-r', '--delete-after', 'src/'], clash), (r) => expect(r.deleted).toEqual(['old', 'z/keep.o', 'z/q', 'z/sub/', 'z/sub/r']));
    await agree(c([{ path: 'z', symlink: 'nowhere' }], ['-r', '-l', '--delete', 'src/'], clash), (r) => expect(r.sent).toEqual(['z']));
  });
  itReal('a protected name inside it keeps the directory: rsync cannot make way for the file (exit 23), the rest is deleted', () =>
    agree(c([{ path: 'z' }, { path: 'a' }], ['-r', '--delete', '--exclude=*.o', 'src/'], clash), (r) => {
      expect(r.stop).toBe(23);
      expect(r.deleted).toEqual(['old', 'z/q', 'z/sub/', 'z/sub/r']);
      expect(r.sent).toEqual(['a']);
    }));
  itReal('a file where the source has a directory is replaced silently', () =>
    agree(c([{ path: 'y/g' }], ['-r', '--delete', 'src/'], { dest: [{ path: 'y' }], destClashes: true }), (r) => expect(r.deleted).toEqual([])));
});

describe('rule file lines', () => {
  itReal('the length limit counts the whole line: bytes after a NUL make a line over-long (discarded with a warning)', async () => {
    const k = (n: number): FuzzCase => c([{ path: 'a' }, { path: 'b' }], ['-r', '--exclude-from=ef', 'src/'], { files: [{ name: 'ef', content: `- a\0${'x'.repeat(n)}\n` }] });
    await agree(k(6000), (r) => expect(r.sent).toEqual(['a', 'b']));
    await agree(k(100), (r) => expect(r.sent).toEqual(['b']));
  });
});

describe('the receiver\'s own symlinks, and --backup', () => {
  itReal('the deletion scan never follows a destination symlink, not even under -L (a dangling one and a link to a directory are deleted as names; fuzz seed 505 case 72)', async () => {
    const dest = [{ path: ' sp/lnk', symlink: 'nowhere' }, { path: 'd/f' }, { path: 'dl', symlink: 'd' }];
    await agree(c([{ path: 'a' }], ['-r', '-L', '--delete-after', 'src/'], { dest }), (r) => expect(r.deleted).toEqual([' sp/', ' sp/lnk', 'd/', 'd/f', 'dl']));
    await agree(c([{ path: 'a' }], ['-r', '--copy-dirlinks', '--delete', '-f', 'P dl/', 'src/'], { dest }), (r) => expect(r.deleted).toContain('dl'));
  });
  itReal('--backup without --backup-dir: a deleted file leaves its backup, so its directory stays (unless the file is a backup already; fuzz seed 506 case 802)', async () => {
    const dest = [{ path: 'old' }, { path: 'd/f' }, { path: 'e/g/' }, { path: 'b/x~' }];
    await agree(c([{ path: 'a' }], ['-r', '-b', '--delete', 'src/'], { dest }), (r) => expect(r.deleted).toEqual(['d/f', 'e/', 'e/g/', 'old']));
    await agree(c([{ path: 'a' }], ['-r', '-b', '--delete-excluded', 'src/'], { dest }), (r) => expect(r.deleted).toEqual(['b/', 'b/x~', 'd/f', 'e/', 'e/g/', 'old']));
    await agree(c([{ path: 'a' }], ['-r', '-b', '--suffix=.bak', '--delete', 'src/'], { dest }), (r) => expect(r.deleted).toEqual(['b/x~', 'd/f', 'e/', 'e/g/', 'old']));
  });
});

describe('which destination directories the receiver enters', () => {
  const bad = { dest: [{ path: '.rsync-filter', content: '?b - x\n' }] };
  itReal('--delete-before skips a content directory the destination lacks, so the root\'s file is never read; the other modes read it (fuzz seed 701 case 7753)', async () => {
    await agree(c([{ path: 'a/.git/' }], ['-r', '-FF', '--delete-before', '-R', 'src/./a'], bad), (r) => expect(r.stop).toBe(0));
    for (const m of ['--delete', '--delete-delay', '--delete-after']) await agree(c([{ path: 'a/.git/' }], ['-r', '-FF', m, '-R', 'src/./a'], bad), (r) => expect(r.stop).toBe(1));
  });
  itReal('a dry run makes no directories: -n --delete reads no file for them either', () =>
    agree(c([{ path: 'a/.git/' }], ['-n', '-r', '-FF', '--delete', '-R', 'src/./a'], bad), (r) => expect(r.stop).toBe(0)));
});

describe('--backup and --delete-after', () => {
  itReal('the backups a real transfer makes (a file a directory replaced, a file written over) are there for the --delete-after pass (fuzz seed 507 case 487)', async () => {
    await agree(c([{ path: 'x[1]/tmp/' }], ['-r', '-b', '--delete-after', '--include=[[:alpha:]]*', 'src/', 'src2/'], {
      src2: [], dest: [{ path: 'x[1]' }], destClashes: true,
    }), (r) => expect(r.deleted).toEqual(['x[1]~']));
    await agree(c([{ path: 'f', content: 'new\n' }], ['-r', '-b', '--delete-after', '--include=f*', 'src/'], { dest: [{ path: 'f', content: 'old, longer\n' }] }),
      (r) => expect(r.deleted).toEqual(['f~']));
    await agree(c([{ path: 'f', content: 'new\n' }], ['-r', '-b', '--delete', '--include=f*', 'src/'], { dest: [{ path: 'f', content: 'old, longer\n' }] }),
      (r) => expect(r.deleted).toEqual([]));
  });
});

describe('the order of the deletion pass', () => {
  itReal('rsync deletes a directory\'s entries from the end of its sorted list: a per-directory link read later finds its target gone (fuzz seed 802 case 793)', () =>
    agree(c([], ['-d', '--delete-after', '-f', ':,/ .pf', 'src/.'], {
      dest: [{ path: '\xc3\xa9/.rsync-filter', content: '***/]/?/ !\n' }, { path: '.git/.hid/#x/.pf', symlink: '../../../\xc3\xa9/.rsync-filter' }],
    }), (r) => { expect(r.stop).toBe(0); expect(r.deleted).toContain('.git/.hid/#x/.pf'); }));
  itReal('--delete-before changes the filter level at a file too, so the root\'s file is read even when the content directory is missing (fuzz seed 803 case 1884)', async () => {
    const k = (src: FuzzCase['src']): FuzzCase => c(src, ['-r', '-FF', '--delete-before', 'src'], { dest: [{ path: '.rsync-filter', content: 'bad rule x\n' }] });
    await agree(k([{ path: 'Tmp/.pf', symlink: '../Tmp/foo*/a.o' }]), (r) => expect(r.stop).toBe(1));
    await agree(k([{ path: 'a' }]), (r) => expect(r.stop).toBe(1));
    await agree(k([{ path: 'Tmp/' }]), (r) => expect(r.stop).toBe(0));
  });
});

describe('--backup and --safe-links', () => {
  itReal('a symlink out of the transfer is not backed up under --safe-links, so its directory goes (fuzz seed 901 case 14304)', async () => {
    const dest = [{ path: 'a/b/l', symlink: '../../../out/x' }];
    await agree(c([], ['-r', '-l', '--safe-links', '-b', '--delete', 'src/'], { dest }), (r) => expect(r.deleted).toEqual(['a/', 'a/b/', 'a/b/l']));
    await agree(c([], ['-r', '-l', '-b', '--delete', 'src/'], { dest }), (r) => expect(r.deleted).toEqual(['a/b/l']));
    await agree(c([], ['-r', '-l', '--safe-links', '-b', '--delete', 'src/'], { dest: [{ path: 'a/b/l', symlink: 'nowhere' }] }), (r) => expect(r.deleted).toEqual(['a/b/l']));
  });
});

describe('final-campaign findings (seeds 915, 916)', () => {
  itReal('a -C read from a `: NAME/` file makes every CVS word directory-only (fuzz seed 915 case 648)', async () => {
    const k = (pf: string): FuzzCase => c([], ['-d', '--delete-before', '-f', `:,p ${pf}`, 'src/'], { dest: [{ path: 'a.o' }, { path: '.pf', content: 'exclude,C a*\n' }] });
    await agree(k('.pf/'), (r) => expect(r.deleted).toEqual(['.pf', 'a.o']));
    await agree(k('.pf'), (r) => expect(r.deleted).toEqual(['.pf']));
  });
  itReal('a destination file with a backup name that a directory replaces leaves no backup (fuzz seed 916 case 110)', () =>
    agree(c([], ['-r', '--delete-excluded', '-b', '--delete-after', 'src', 'src2/'], {
      src2: [{ path: 'x~/foo bar/.rsync-filter', symlink: 'nowhere' }], dest: [{ path: 'x~' }], destClashes: true,
    }), (r) => expect(r.deleted).toEqual([])));
});

describe('symlinks the transfer writes, as directories on the way (seed 922)', () => {
  itReal('the --delete-after pass reads a per-directory file through a symlink the transfer just wrote in its place (fuzz seed 922 case 14232)', async () => {
    const k = (tmpFilter: string, extra: string[] = []): FuzzCase => c([{ path: 'x[1]/.rsync-filter', symlink: '../tmp' }], ['-r', '-l', '-F', '--delete-after', ...extra, '-R', 'src/./x[1]'], {
      dest: [{ path: 'tmp/.rsync-filter', content: tmpFilter }],
    });
    await agree(k('+\n'), (r) => expect(r.stop).toBe(1));
    await agree(k('- keep\n'), (r) => expect(r.stop).toBe(0));
    await agree(k('+\n', ['-n']), (r) => expect(r.stop).toBe(0));
  });
  itReal('a written symlink that replaced a directory: the old contents go to make way, then the name leads to the link\'s target (CI seed 20260813 case 1302)', async () => {
    await agree(c([{ path: 'a', symlink: 'a.o/#x' }], ['-r', '-l', '--delete-after', 'src/', 'src2'], { src2: [], dest: [{ path: 'a/#x/' }], destClashes: true }),
      (r) => expect(r.deleted).toEqual(['a/#x/']));
    const k = (extra: string[]): FuzzCase => c([{ path: 'x/.rsync-filter', symlink: '../tmp' }], ['-r', '-l', '-F', ...extra, '-R', 'src/./x'], {
      dest: [{ path: 'x/.rsync-filter/.rsync-filter', content: '- keep\n' }, { path: 'tmp/.rsync-filter', content: '+\n' }], destClashes: true,
    });
    await agree(k(['--delete-after']), (r) => expect(r.stop).toBe(1));
    await agree(k(['--delete-before']), (r) => expect(r.stop).toBe(0));
  });
});

describe('backup suffixes rsync refuses (fresh-user trial)', () => {
  itReal('a suffix with a slash, or an empty one without a real --backup-dir, stops rsync (exit 1); an empty one with a --backup-dir does not', async () => {
    for (const extra of [['-b', '--suffix=/x'], ['--suffix=a/b'], ['--suffix='], ['--backup-dir=./', '--suffix=']]) {
      await agree(c([{ path: 'a' }], ['-r', ...extra, 'src/']), (r) => expect(r.stop).toBe(1));
    }
    await agree(c([{ path: 'a' }], ['-r', '-b', '--suffix=', '--backup-dir=old', 'src/']), (r) => expect(r.stop).toBe(0));
  });
});

describe('an unchanged symlink keeps its owner under --delete-after (second fresh-user trial)', () => {
  const isRoot = process.getuid?.() === 0;
  const itRoot = HAVE_RSYNC && isRoot ? it : it.skip;
  const k = (opts: string[]): FuzzCase => c([{ path: 'rules', content: '- *.o\n' }, { path: 'd/.rsync-filter', symlink: '../rules' }], [...opts, '-F', '--delete-after', 'src/'], {
    dest: [{ path: 'rules', content: '- *.o\n' }, { path: 'd/.rsync-filter', symlink: '../rules', untrusted: true }, { path: 'd/z.o' }], destClashes: true,
  });
  itRoot('a link already there with the same target is not rewritten, so an untrusted one is refused and its rule protects nothing; with -o the transfer re-owns it', async () => {
    await agree(k(['-r', '-l']), (r) => expect(r.deleted).toEqual(['d/z.o']));
    await agree(k(['-r', '-l', '-o']), (r) => expect(r.deleted).toEqual([]));
  });
});

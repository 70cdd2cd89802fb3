// `rsync-lint explain`: the JSON contract (names, actions, deciding rule and its origin) on listings and disk.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support/cli-run.js';
import { rsyncAvailable } from './support/rsync-real.js';
import { spawnSync } from 'node:child_process';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-explain-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TREE = 'tmp/x\nhome/spam/Maildir/cur/m1\nhome/spam/Maildir/new/\nhome/spam/Maildir/tmp/t1\nhome/other/tmp\n';

async function explainJson(args: string[], tree = TREE): Promise<{ code: number; doc: { version: number; transfers: { operand: string; entries: { name: string; action: string; rule: unknown }[] }[] } }> {
  fs.writeFileSync(path.join(tmp, 'tree.txt'), tree);
  const r = await runCli(['explain', '--tree', 'tree.txt', '--format', 'json', '--', ...args], tmp);
  return { code: r.code, doc: JSON.parse(r.out) };
}

describe('explain --format json', () => {
  it('operand src/: names from the transfer root, excluded and unvisited entries carry the rule', async () => {
    const { code, doc } = await explainJson(['rsync', '-r', '--exclude=tmp', 'src/', 'dst/']);
    expect(code).toBe(0);
    expect(doc.version).toBe(1);
    expect(doc.transfers[0].operand).toBe('src/');
    const rule = { text: '- tmp', origin: { argv: 2 } };
    expect(doc.transfers[0].entries).toEqual([
      { name: 'home/', action: 'send', rule: null },
      { name: 'home/other/', action: 'send', rule: null },
      { name: 'home/other/tmp', action: 'exclude', rule },
      { name: 'home/spam/', action: 'send', rule: null },
      { name: 'home/spam/Maildir/', action: 'send', rule: null },
      { name: 'home/spam/Maildir/cur/', action: 'send', rule: null },
      { name: 'home/spam/Maildir/cur/m1', action: 'send', rule: null },
      { name: 'home/spam/Maildir/new/', action: 'send', rule: null },
      { name: 'home/spam/Maildir/tmp/', action: 'exclude', rule },
      { name: 'home/spam/Maildir/tmp/t1', action: 'unvisited', rule },
      { name: 'tmp/', action: 'exclude', rule },
      { name: 'tmp/x', action: 'unvisited', rule },
    ]);
  });
  it('operand src: the operand itself is listed and filtered; /tmp no longer matches', async () => {
    const { doc } = await explainJson(['rsync', '-r', '--exclude=/tmp', 'src', 'dst/'], 'tmp/x\n');
    expect(doc.transfers[0].entries).toEqual([
      { name: 'src/', action: 'send', rule: null },
      { name: 'src/tmp/', action: 'send', rule: null },
      { name: 'src/tmp/x', action: 'send', rule: null },
    ]);
  });
  it('rules from a file carry file and line; rule text in short form', async () => {
    fs.writeFileSync(path.join(tmp, 'ex.txt'), '# comment\r\n+ keep\r\n*\r\n');
    const { doc } = await explainJson(['rsync', '-r', '--exclude-from=ex.txt', '-f', '-/ nothing', 'src/', 'dst/'], 'keep\ndrop\n');
    expect(doc.transfers[0].entries).toEqual([
      { name: 'drop', action: 'exclude', rule: { text: '- *', origin: { file: 'ex.txt', line: 3 } } },
      { name: 'keep', action: 'send', rule: { text: '+ keep', origin: { file: 'ex.txt', line: 2 } } },
    ]);
  });
  it('-R: implied directories are sent with rule null', async () => {
    const { doc } = await explainJson(['rsync', '-rR', '--exclude=/home/spam/Maildir/tmp', 'src/./home/spam', 'dst/']);
    const names = doc.transfers[0].entries.filter((e) => e.action === 'send').map((e) => e.name);
    expect(names).toEqual(['home/', 'home/spam/', 'home/spam/Maildir/', 'home/spam/Maildir/cur/', 'home/spam/Maildir/cur/m1', 'home/spam/Maildir/new/']);
    expect(doc.transfers[0].entries[0]).toEqual({ name: 'home/', action: 'send', rule: null });
  });
  it('names that are not UTF-8 are shown with rsync\'s \\#ooo escapes', async () => {
    fs.writeFileSync(path.join(tmp, 'tree.txt'), Buffer.from('caf\xe9\nok\n', 'latin1'));
    const r = await runCli(['explain', '--tree', 'tree.txt', '--format', 'json', '--', 'rsync', '-r', '--exclude=caf?', 'src/', 'd/'], tmp);
    expect(JSON.parse(r.out).transfers[0].entries).toEqual([
      { name: 'caf\\#351', action: 'exclude', rule: { text: '- caf?', origin: { argv: 2 } } },
      { name: 'ok', action: 'send', rule: null },
    ]);
  });
  it('reads a local source from disk when no listing is given', async () => {
    fs.mkdirSync(path.join(tmp, 'src', 'a'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'src', 'a', 'f.o'), '');
    const r = await runCli(['explain', '--format', 'json', '--', 'rsync', '-a', '--exclude=*.o', 'src/', 'dst/'], tmp);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).transfers[0].entries).toEqual([
      { name: 'a/', action: 'send', rule: null },
      { name: 'a/f.o', action: 'exclude', rule: { text: '- *.o', origin: { argv: 2 } } },
    ]);
  });
  it('a remote source needs --tree; a missing exclude file is an input error', async () => {
    const remote = await runCli(['explain', '--', 'rsync', '-a', 'host:/srv/', 'dst/'], tmp);
    expect(remote.code).toBe(2);
    expect(remote.err).toContain('--tree');
    fs.writeFileSync(path.join(tmp, 'tree.txt'), 'a\n');
    const missing = await runCli(['explain', '--tree', 'tree.txt', '--', 'rsync', '-a', '--exclude-from=nope.txt', 'src/', 'dst/'], tmp);
    expect(missing.code).toBe(2);
    expect(missing.out + missing.err).toContain('nope.txt');
  });
  it('the first word after -- must be rsync', async () => {
    const r = await runCli(['explain', '--', 'cp', '-a', 'x', 'y'], tmp);
    expect(r.code).toBe(2);
  });
  it('--dest-tree lists what a --delete run deletes or protects, and by which rule', async () => {
    fs.writeFileSync(path.join(tmp, 'src.txt'), 'keep.c\na.o\ndir/x.c\n');
    fs.writeFileSync(path.join(tmp, 'dst.txt'), 'keep.c\na.o\nb.o\nold.txt\ngone/f.o\ngone/CVS/Entries\ndir/x.c\ndir/y.o\n');
    const r = await runCli(['explain', '--tree', 'src.txt', '--dest-tree', 'dst.txt', '--format', 'json', '--', 'rsync', '-r', '--delete', '--exclude=*.o', 'src/', 'dst/'], tmp);
    expect(r.code).toBe(0);
    const del = JSON.parse(r.out).transfers[0].deletions as { name: string; action: string; rule: { text: string } | null }[];
    const rule = { text: '- *.o', origin: { argv: 3 } };
    expect(del.filter((d) => d.action === 'delete').map((d) => d.name)).toEqual(['gone/CVS/', 'gone/CVS/Entries', 'old.txt']);
    expect(del.find((d) => d.name === 'b.o')).toEqual({ name: 'b.o', action: 'protect', rule });
    expect(del.find((d) => d.name === 'gone/f.o')).toEqual({ name: 'gone/f.o', action: 'protect', rule });
  });
});

describe('explain: listings of remote sources, filter files without contents, incomplete walks', () => {
  it('a per-directory rule from a remote listing is named by its place on the remote host', async () => {
    fs.writeFileSync(path.join(tmp, 'p.txt'), 'c/.rsync-filter\t=- *.log\\n\nc/log.log\nc/keep\n');
    const abs = await runCli(['explain', '--tree', 'p.txt', '--format', 'json', '--', 'rsync', '-a', '-F', 'host:/src/', 'dst/'], tmp);
    const entries = JSON.parse(abs.out).transfers[0].entries as { name: string; rule: unknown }[];
    expect(entries.find((e) => e.name === 'c/log.log')!.rule).toEqual({ text: '- *.log', origin: { file: 'host:/src/c/.rsync-filter', line: 1 } });
    const rel = await runCli(['explain', '--tree', 'p.txt', '--format', 'json', '--', 'rsync', '-a', '-F', 'user@host:src', 'dst/'], tmp);
    const relEntries = JSON.parse(rel.out).transfers[0].entries as { name: string; rule: unknown }[];
    expect(relEntries.find((e) => e.name === 'src/c/log.log')!.rule).toEqual({ text: '- *.log', origin: { file: 'user@host:src/c/.rsync-filter', line: 1 } });
  });
  it('a filter file listed without its contents is read as empty, and a note says so', async () => {
    fs.writeFileSync(path.join(tmp, 'p.txt'), 'c/.rsync-filter\nc/log.log\n');
    const r = await runCli(['explain', '--tree', 'p.txt', '--format', 'json', '--', 'rsync', '-a', '-F', 'host:/src/', 'dst/'], tmp);
    const doc = JSON.parse(r.out) as { notes: string[]; transfers: { entries: { name: string; action: string }[] }[] };
    expect(doc.transfers[0].entries.find((e) => e.name === 'c/log.log')!.action).toBe('send');
    expect(doc.notes).toContain('the listing gives no contents for the filter file `host:/src/c/.rsync-filter`, so it was read as empty: add `PATH<TAB>=TEXT` lines to apply its rules');
    // with contents given, no such note
    fs.writeFileSync(path.join(tmp, 'p.txt'), 'c/.rsync-filter\t=\nc/log.log\n');
    const given = await runCli(['explain', '--tree', 'p.txt', '--format', 'json', '--', 'rsync', '-a', '-F', 'host:/src/', 'dst/'], tmp);
    expect((JSON.parse(given.out) as { notes?: string[] }).notes?.some((n) => n.includes('no contents'))).toBeFalsy();
  });
  it('stylish shows why a symlink is skipped and heads the deletions', async () => {
    fs.writeFileSync(path.join(tmp, 'src.txt'), 'c/link\t@../x\nc/a\n');
    fs.writeFileSync(path.join(tmp, 'dst.txt'), 'old\n');
    const r = await runCli(['explain', '--tree', 'src.txt', '--dest-tree', 'dst.txt', '--', 'rsync', '-r', '--delete', 'src/', 'dst/'], tmp);
    expect(r.out).toContain('  exclude   c/link  (symlink without --links)\n');
    expect(r.out).toContain('deletions on the receiver for src/\n  delete    old\n');
  });
  it('a symlink cycle under -L is reported as an incomplete walk: exit 2', async () => {
    fs.mkdirSync(path.join(tmp, 'src', 'd'), { recursive: true });
    fs.symlinkSync('..', path.join(tmp, 'src', 'd', 'up'));
    const r = await runCli(['explain', '--format', 'json', '--', 'rsync', '-rL', 'src/', 'dst/'], tmp);
    const doc = JSON.parse(r.out) as { errors: { message: string; incomplete?: boolean }[] };
    const loops = doc.errors.filter((e) => e.message.startsWith('symlink loop below '));
    expect(loops).toHaveLength(1);
    expect(loops[0].message).toBe(`symlink loop below ${tmp}/src/d/up: Too many levels of symbolic links (40); -L follows the link back into a directory it is in`);
    expect(loops[0].incomplete).toBe(true);
    expect(r.code).toBe(2);
  });
  it('a source that does not exist makes the answer incomplete: exit 2', async () => {
    const r = await runCli(['explain', '--format', 'json', '--', 'rsync', '-a', 'nonexistent/', 'dst/'], tmp);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.out) as { errors: { message: string }[] }).errors.map((e) => e.message)).toEqual([`change_dir ${tmp}/nonexistent failed: No such file or directory (2)`]);
  });
  it('names with control bytes are shown with \\#ooo escapes, as rsync prints them', async () => {
    fs.mkdirSync(path.join(tmp, 'src'));
    fs.writeFileSync(path.join(tmp, 'src', 'a\nb'), '');
    fs.writeFileSync(path.join(tmp, 'src', 'c\x1b[31mred'), '');
    const r = await runCli(['explain', '--', 'rsync', '-r', 'src/', 'dst/'], tmp);
    expect(r.out).toBe('transfer src/\n  send      a\\#012b\n  send      c\\#033[31mred\n');
  });
  it('names print as rsync -i prints them: tab and DEL raw, a literal backslash-#-digits escaped (the same lines as real rsync)', async () => {
    fs.mkdirSync(path.join(tmp, 'src'));
    for (const n of ['tab\tx', 'del\x7f', 'a\\#012b', 'nl\ny']) fs.writeFileSync(path.join(tmp, 'src', n), '');
    const r = await runCli(['explain', '--', 'rsync', '-r', 'src/', 'dst/'], tmp);
    const ours = r.out.split('\n').filter((l) => l.startsWith('  send')).map((l) => l.slice(12));
    expect(ours).toEqual(['a\\#134#012b', 'del\x7f', 'nl\\#012y', 'tab\tx']);
    if (rsyncAvailable()) {
      const real = spawnSync('rsync', ['-r', '-n', '-i', 'src/', 'dst/'], { cwd: tmp, encoding: 'latin1' }).stdout.split('\n').filter((l) => l.startsWith('>f')).map((l) => l.slice(12));
      expect(ours).toEqual(real);
    }
  });
  it('a word that is not valid UTF-8 (Node turned its bytes into U+FFFD) is an input error', async () => {
    const r = await runCli(['explain', '--format', 'json', '--', 'rsync', '-r', '--exclude=caf\uFFFD', 'src/', 'dst/'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toContain('argument 2 ("--exclude=caf\uFFFD") holds bytes that are not valid UTF-8');
  });
});

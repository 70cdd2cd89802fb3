// explain as a user meets it: listings (several, escaped names, bad ones), the destination read
// from disk, warnings that do not fail, a rule error naming its word.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support/cli-run.js';
import { explain } from '../src/explain/explain.js';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-xcli-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string | Buffer): void => {
  fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
  fs.writeFileSync(path.join(tmp, name), text);
};
interface Doc { transfers: { operand: string; entries: { name: string; action: string }[]; deletions?: { name: string; action: string }[] }[]; errors: { message: string; exitCode?: number }[]; notes?: string[] }
const json = async (args: string[]): Promise<{ code: number; doc: Doc; err: string }> => {
  const r = await runCli(['explain', '--format', 'json', ...args], tmp);
  return { code: r.code, doc: JSON.parse(r.out) as Doc, err: r.err };
};
const sent = (d: Doc, i = 0): string[] => d.transfers[i].entries.filter((e) => e.action === 'send').map((e) => e.name);

describe('listing symlinks read from where they really lie (second fresh-user trial)', () => {
  it('under -L a relative link below a directory link is resolved in the real directory: a link that works is sent, one that dangles is not', async () => {
    write('t.lst', 'real/\nreal/y.c\t=b\\n\nreal/sub/\nreal/sub/up\t@../y.c\nreal/sub/loop\t@../link\nl2\t@real/sub\n');
    fs.mkdirSync(path.join(tmp, 'src/real/sub'), { recursive: true });
    write('src/real/y.c', 'b\n');
    fs.symlinkSync('real/sub', path.join(tmp, 'src/l2'));
    fs.symlinkSync('../y.c', path.join(tmp, 'src/real/sub/up'));
    fs.symlinkSync('../link', path.join(tmp, 'src/real/sub/loop'));
    const listed = await json(['--tree', 't.lst', '--', 'rsync', '-rL', 'src/', 'dst/']);
    expect(sent(listed.doc)).toEqual(['l2/', 'l2/up', 'real/', 'real/sub/', 'real/sub/up', 'real/y.c']);
    const disk = await json(['--', 'rsync', '-rL', 'src/', 'dst/']);
    expect(sent(disk.doc)).toEqual(sent(listed.doc));
  });
});

describe('options explain does not model for deletions', () => {
  it('--max-delete (and -K, --backup-dir, the --*-dest options) gets a note when something is deleted; none without them', async () => {
    write('d.lst', 'old\n');
    write('s.lst', 'new\n');
    const max = await json(['--tree', 's.lst', '--dest-tree', 'd.lst', '--', 'rsync', '-r', '--delete', '--max-delete=1', '-K', 'src/', 'dst/']);
    expect(max.doc.transfers[0].deletions).toEqual([{ name: 'old', action: 'delete', rule: null }]);
    expect(max.doc.notes).toContain('--max-delete, --keep-dirlinks are not modelled: the deletions listed are what rsync would delete without them (with --max-delete rsync stops deleting after that many and exits 25)');
    const plain = await json(['--tree', 's.lst', '--dest-tree', 'd.lst', '--', 'rsync', '-r', '--delete', 'src/', 'dst/']);
    expect(plain.doc.notes ?? []).toEqual([]);
  });
});

describe('explain listings', () => {
  it('under -L or --copy-dirlinks a symlink to a directory in a listing is walked as on disk (the same answer as explain and rsync on the real tree)', async () => {
    const tree = 'real/\nreal/f\nreal/sub/\nreal/sub/.rsync-filter\t=- g\\n\nreal/sub/g\nreal/sub/h\ndlink\t@real\n';
    write('t.lst', tree);
    fs.mkdirSync(path.join(tmp, 'src/real/sub'), { recursive: true });
    for (const f of ['real/f', 'real/sub/g', 'real/sub/h']) write(`src/${f}`, '');
    write('src/real/sub/.rsync-filter', '- g\n');
    fs.symlinkSync('real', path.join(tmp, 'src/dlink'));
    for (const opt of ['-L', '--copy-dirlinks']) {
      const listed = await json(['--tree', 't.lst', '--', 'rsync', '-r', '-F', opt, 'src/', 'dst/']);
      expect(listed.code).toBe(0);
      expect(sent(listed.doc)).toEqual(['dlink/', 'dlink/f', 'dlink/sub/', 'dlink/sub/.rsync-filter', 'dlink/sub/h', 'real/', 'real/f', 'real/sub/', 'real/sub/.rsync-filter', 'real/sub/h']);
      const disk = await json(['--', 'rsync', '-r', '-F', opt, 'src/', 'dst/']);
      expect(sent(disk.doc)).toEqual(sent(listed.doc));
    }
  });
  it('one --tree per source operand, in order; a count that fits neither way is an input error', async () => {
    write('a.lst', 'x\ny\n');
    write('b.lst', 'z\n');
    const two = await json(['--tree', 'a.lst', '--tree', 'b.lst', '--', 'rsync', '-r', 'p/', 'q/', 'dst/']);
    expect(two.code).toBe(0);
    expect(sent(two.doc, 0)).toEqual(['x', 'y']);
    expect(sent(two.doc, 1)).toEqual(['z']);
    const one = await json(['--tree', 'a.lst', '--', 'rsync', '-r', 'p/', 'q/', 'dst/']);
    expect(sent(one.doc, 1)).toEqual(['x', 'y']);
    const bad = await runCli(['explain', '--tree', 'a.lst', '--tree', 'b.lst', '--', 'rsync', '-r', 'p/', 'dst/'], tmp);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('2 --tree listings for 1 source operand');
  });
  it('--dest-tree twice, or --tree twice outside explain, is a usage error', async () => {
    write('a.lst', 'x\n');
    const r = await runCli(['explain', '--dest-tree', 'a.lst', '--dest-tree', 'a.lst', '--', 'rsync', '-r', '--delete', 'p/', 'dst/'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--dest-tree was given more than once');
    const l = await runCli(['--tree', 'a.lst', '--tree', 'a.lst', 'x.sh'], tmp);
    expect(l.code).toBe(2);
    expect(l.err).toContain('--tree was given more than once');
  });
  it('a name rsync --list-only escapes (\\#012) stays one name', async () => {
    write('r.lst', '-rw-r--r--              0 2026/12/04 03:47:45 nl\\#012x\n-rw-r--r--              0 2026/12/04 03:47:45 b\n');
    const r = await json(['--tree', 'r.lst', '--', 'rsync', '-r', '--exclude=nl?x', 'src/', 'dst/']);
    expect(r.doc.transfers[0].entries).toEqual([{ name: 'b', action: 'send', rule: null }, { name: 'nl\\#012x', action: 'exclude', rule: { text: '- nl?x', origin: { argv: 2 } } }]);
  });
  it('a binary listing is an input error naming the line', async () => {
    write('bin.lst', Buffer.from('a\nb\0c\n'));
    const r = await runCli(['explain', '--tree', 'bin.lst', '--', 'rsync', '-r', 'src/', 'dst/'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--tree bin.lst: line 2 holds a NUL byte');
  });
  it('a filter file that links out of the listing is read as missing, with a note', async () => {
    write('o.lst', 'keep\n.pf\t@../outside/rules\n');
    const r = await json(['--tree', 'o.lst', '--', 'rsync', '-r', '-f', ': .pf', 'src/', 'dst/']);
    expect(sent(r.doc)).toEqual(['keep']);
    expect(r.doc.notes?.join('\n')).toContain('`src/.pf` is a symlink to a place outside the listing');
  });
});

describe('explain on disk', () => {
  it('without --tree a local destination is read from disk for the deletions; a remote one gets a note', async () => {
    write('src/a', '');
    write('dst/a', '');
    write('dst/old', '');
    const r = await json(['--', 'rsync', '-r', '--delete', 'src/', 'dst/']);
    expect(r.doc.transfers[0].deletions).toEqual([{ name: 'old', action: 'delete', rule: null }]);
    const remote = await json(['--', 'rsync', '-r', '--delete', 'src/', 'host:dst/']);
    expect(remote.doc.transfers[0].deletions).toBeUndefined();
    expect(remote.doc.notes?.join('\n')).toContain('the destination is remote: give its contents with --dest-tree');
  });
  it('rsync\'s warnings (a dropped over-long line) are shown as warnings and do not fail; a bad rule names its word', async () => {
    write('src/a', '');
    write('ex', `- ${'x'.repeat(6000)}\n- a\n`);
    const r = await runCli(['explain', '--', 'rsync', '-r', '--exclude-from=ex', 'src/', 'dst/'], tmp);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^warning: .*ex:1: discarding over-long filter: line of 6002 bytes$/m);
    const bad = await runCli(['explain', '--', 'rsync', '-r', '--filter=x bad', 'src/', 'dst/'], tmp);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('error: <command line>: Unknown filter rule (argument 2: `--filter=x bad`)');
  });
});

const AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const itRoot = AS_ROOT ? it : it.skip;
describe('explain and links owned by another user (rsync 3.5)', () => {
  itRoot('a per-directory file behind one is a warning (exit 0); a destination behind one stops rsync (exit 2, rsync\'s 3)', async () => {
    write('src/a', '');
    write('src/rules', '- a\n');
    fs.symlinkSync('rules', path.join(tmp, 'src/.pf'));
    fs.lchownSync(path.join(tmp, 'src/.pf'), 65534, 65534);
    const r = await runCli(['explain', '--', 'rsync', '-r', '-f', ': .pf', 'src/', 'dst/'], tmp);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^warning: .*src\/\.pf: refusing to follow a symlink owned by an untrusted user/m);
    expect(r.out).toMatch(/^ {2}send +a$/m);
    fs.mkdirSync(path.join(tmp, 'real'));
    fs.symlinkSync('real', path.join(tmp, 'dl'));
    fs.lchownSync(path.join(tmp, 'dl'), 65534, 65534);
    const d = await json(['--', 'rsync', '-r', '--insecure-links', 'src/', 'dl/']);
    expect(d.code).toBe(0);
    const refused = await json(['--', 'rsync', '-r', 'src/', 'dl/']);
    expect(refused.code).toBe(2);
    expect(refused.doc.errors.find((e) => e.exitCode === 3)?.message).toContain('nothing is transferred');
  });
});

describe('explain and symlink loops under -L', () => {
  it('two links back up multiply the tree: the list is cut short and the answer is marked incomplete', () => {
    fs.mkdirSync(path.join(tmp, 'dir/sub'), { recursive: true });
    write('dir/f', '');
    fs.symlinkSync('../dir', path.join(tmp, 'dir/self'));
    fs.symlinkSync('..', path.join(tmp, 'dir/sub/up'));
    const { json } = explain(['rsync', '-r', '-L', 'dir/', 'dst/'], { cwd: tmp, maxFollowedEntries: 2000 });
    const cut = json.errors.find((e) => e.message.startsWith('more than 2,000 names while following symlinks'));
    expect(cut?.incomplete).toBe(true);
    expect(json.transfers[0].entries.length).toBeLessThan(10_000);
  });
});

describe('--must-keep that names nothing', () => {
  it('gets a note (a typo would otherwise pass as "nothing dropped"); a pattern that names a path does not', async () => {
    write('t.lst', 'home/a/Maildir/tmp/\nhome/a/Maildir/cur/\n');
    const typo = await runCli(['cmd', '--tree', 't.lst', '--must-keep', '**/Maildir/tmpp/', '--', 'rsync', '-a', '--exclude=cur', 'src/', 'dst/'], tmp);
    expect(typo.out).toContain('--must-keep **/Maildir/tmpp/ matches no path in `src/`, so it checks nothing');
    const ok = await runCli(['cmd', '--tree', 't.lst', '--must-keep', '**/Maildir/tmp/', '--', 'rsync', '-a', '--exclude=cur', 'src/', 'dst/'], tmp);
    expect(ok.out).not.toContain('matches no path');
  });
});

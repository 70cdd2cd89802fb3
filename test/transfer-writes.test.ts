// What a real transfer writes before a --delete-after pass: size arguments and the quick check.
import { backupSuffixOf, isBackupName, ownedAbove, parseSizeArg, transferWrites, TransferredFs, writeFlagsOf, writesBeforeDeletion, type WriteFlags } from '../src/rsync/transfer-writes.js';
import { parseRsyncArgv } from '../src/rsync/options.js';
import { ListingFs } from '../src/rsync/fs-view.js';
import { ListingTree } from '../src/rsync/tree.js';

describe('parseSizeArg (rsync --max-size/--min-size)', () => {
  it.each([
    ['100', 100], ['1K', 1024], ['1k', 1024], ['1KiB', 1024], ['1KB', 1000], ['1.5M', 1572864], ['2G', 2147483648], ['1M-1', 1048575], ['1K+1', 1025], ['10b', 10],
  ])('%s is %d bytes', (text, bytes) => expect(parseSizeArg(text)).toBe(bytes));
  it.each(['', 'K', 'x', '1Q', '1K-2'])('%s is refused', (text) => expect(parseSizeArg(text)).toBeNull());
});

describe('transferWrites over listings (no times)', () => {
  const flags: WriteFlags = { ignoreTimes: false, sizeOnly: false, checksum: false, update: false, existing: false, ignoreExisting: false, append: false, modifyWindow: 0 };
  const views = (src: string, dest: string): { s: ListingFs; d: ListingFs } => {
    const s = new ListingFs();
    s.mount('/s', new ListingTree(src));
    const d = new ListingFs();
    d.mount('/d', new ListingTree(dest));
    return { s, d };
  };
  const file = { srcAbs: '/s/f', destAbs: '/d/f', symlink: false };
  it('a copy with other contents is written, an equal one is left, a copy without contents is written', () => {
    const a = views('f\t=new\\n\n', 'f\t=old\\n\n');
    const w = transferWrites([file], a.s, a.d, flags);
    expect(new TransferredFs(a.d, w).read('/d/f')).toBe('new\n');
    const b = views('f\t=same\\n\n', 'f\t=same\\n\n');
    expect(transferWrites([file], b.s, b.d, flags).size).toBe(0);
    const c = views('f\t=new\\n\n', 'f\n');
    expect(new TransferredFs(c.d, transferWrites([file], c.s, c.d, flags)).read('/d/f')).toBe('new\n');
  });
  it('--size-only leaves a same-size copy; --existing skips a missing one; the new file is listed in its directory', () => {
    const a = views('f\t=new\\n\n', 'f\t=old\\n\n');
    expect(transferWrites([file], a.s, a.d, { ...flags, sizeOnly: true }).size).toBe(0);
    const b = views('f\t=new\\n\n', 'g\n');
    expect(transferWrites([file], b.s, b.d, { ...flags, existing: true }).size).toBe(0);
    const fs = new TransferredFs(b.d, transferWrites([file], b.s, b.d, flags));
    expect(fs.list('/d')?.sort()).toEqual(['f', 'g']);
    expect(fs.lstat('/d/f')).toEqual({ type: 'file' });
  });
  it('a symlink is written as a link and read through (a link loop reads as nothing)', () => {
    const a = views('l\t@r\nr\t=P x\\n\n', 'r\t=P x\\n\n');
    const w = transferWrites([{ srcAbs: '/s/l', destAbs: '/d/l', symlink: true }], a.s, a.d, flags);
    const t = new TransferredFs(a.d, w);
    expect(t.readlink('/d/l')).toBe('r');
    expect(t.read('/d/l')).toBe('P x\n');
    const loop = views('l\t@l\n', '');
    const t2 = new TransferredFs(loop.d, transferWrites([{ srcAbs: '/s/l', destAbs: '/d/l', symlink: true }], loop.s, loop.d, flags));
    expect(t2.read('/d/l')).toBeNull();
  });
  it('a written symlink is followed as a directory on the way, and an old link leads to what the transfer wrote', () => {
    const a = views('x/.f\t@../tmp\n', 'x/\ntmp/.f\t=P a\\n\n');
    const t = new TransferredFs(a.d, transferWrites([{ srcAbs: '/s/x/.f', destAbs: '/d/x/.f', symlink: true }], a.s, a.d, flags));
    expect(t.read('/d/x/.f/.f')).toBe('P a\n');
    expect(t.read('/d/x/.f/g')).toBeNull();
    expect(t.stat('/d/x/.f')).toEqual({ type: 'dir' });
    expect(t.read('/d/x/.f/../tmp/.f')).toBe('P a\n');
    expect(t.list('/d/x/.f')).toEqual(['.f']);
    const b = views('r/g\t=new\\n\n', 'l\t@r\nr/g\t=old\\n\n');
    const t2 = new TransferredFs(b.d, transferWrites([{ srcAbs: '/s/r/g', destAbs: '/d/r/g', symlink: false }], b.s, b.d, flags));
    expect(t2.read('/d/l/g')).toBe('new\n');
    expect(t2.readlink('/d/l/g')).toBeNull();
    expect(t2.lstat('/d/l/g')).toEqual({ type: 'file' });
    expect(t2.lstat('/d/l')).toEqual({ type: 'symlink' });
    const c = views('f\t=x\\n\n', '');
    const t3 = new TransferredFs(c.d, transferWrites([file], c.s, c.d, flags));
    expect(t3.read('/d/f/g')).toBeNull();
  });
});

describe('what the options say about writes and backups', () => {
  const argv = (...w: string[]) => parseRsyncArgv(['rsync', ...w, 'src/', 'dest/']);
  it('writeFlagsOf reads the quick-check options and size limits', () => {
    const f = writeFlagsOf(argv('-r', '--size-only', '--max-size=1K', '--modify-window=2', '--append-verify'));
    expect(f).toMatchObject({ sizeOnly: true, checksum: false, maxSize: 1024, minSize: undefined, modifyWindow: 2, append: true, appendVerify: true });
    expect(writeFlagsOf(argv('-r', '--modify-window=-1')).modifyWindow).toBe(0);
  });
  it('backupSuffixOf: `~` by default, --suffix when given, none with --backup-dir or without -b', () => {
    expect(backupSuffixOf(argv('-b'))).toBe('~');
    expect(backupSuffixOf(argv('-b', '--suffix=.bak'))).toBe('.bak');
    expect(backupSuffixOf(argv('-b', '--backup-dir=old'))).toBeUndefined();
    expect(backupSuffixOf(argv('-r'))).toBeUndefined();
  });
  it('isBackupName follows is_backup_file: the suffix alone is not a backup name, `a/~` is', () => {
    expect(isBackupName('x~', '~')).toBe(true);
    expect(isBackupName('~', '~')).toBe(false);
    expect(isBackupName('a/~', '~')).toBe(true);
    expect(isBackupName('x', '~')).toBe(false);
  });
  it('writesBeforeDeletion: only a real --delete-after run', () => {
    expect(writesBeforeDeletion(argv('-r', '--delete-after'), 'after', false)).toBe(true);
    expect(writesBeforeDeletion(argv('-r', '-n', '--delete-after'), 'after', false)).toBe(false);
    expect(writesBeforeDeletion(argv('-r', '--delete-after', '--only-write-batch=b'), 'after', false)).toBe(false);
    expect(writesBeforeDeletion(argv('-r', '--delete'), 'during', false)).toBe(false);
  });
});

describe('ownedAbove: where the ownership walk stops for what the transfer wrote', () => {
  const written = new Map([['/d/x/l', { type: 'symlink' as const, target: '../t' }]]);
  it('walks a path that meets nothing written whole, and stops above the first written component', () => {
    expect(ownedAbove(written, '/d/y/.f')).toBe('/d/y/.f');
    expect(ownedAbove(written, '/d/x/l')).toBe('/d/x');
    expect(ownedAbove(written, '/d/x/l/.rsync-filter')).toBe('/d/x');
  });
});

// rsync 3.5's ownership walk over a path: which symlink it refuses.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { refusedSymlink } from '../src/rsync/owner-walk.js';

const AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const itRoot = AS_ROOT ? it : it.skip;

describe('refusedSymlink', () => {
  let t: string;
  beforeEach(() => {
    t = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-ow-'));
    fs.mkdirSync(path.join(t, 'd'));
    fs.writeFileSync(path.join(t, 'd/f'), '');
    fs.symlinkSync('d', path.join(t, 'mine'));
    fs.symlinkSync('d', path.join(t, 'theirs'));
    fs.symlinkSync('theirs', path.join(t, 'chain'));
    fs.symlinkSync(path.join(t, 'theirs'), path.join(t, 'abs'));
    if (AS_ROOT) for (const l of ['theirs']) fs.lchownSync(path.join(t, l), 65534, 65534);
  });
  afterEach(() => fs.rmSync(t, { recursive: true, force: true }));
  const uid = 0;

  it('follows real directories and links owned by us; a missing component ends the walk', () => {
    expect(refusedSymlink('d/f', t, uid)).toBeNull();
    expect(refusedSymlink('mine/f', t, uid)).toBeNull();
    expect(refusedSymlink(`${t}/mine/f`, '/', uid)).toBeNull();
    expect(refusedSymlink('nowhere/theirs/f', t, uid)).toBeNull();
  });
  itRoot('refuses a link owned by another user, as a directory or as the leaf, also reached through a trusted link or an absolute target', () => {
    expect(refusedSymlink('theirs/f', t, uid)).toBe(`${t}/theirs`);
    expect(refusedSymlink('theirs', t, uid)).toBe(`${t}/theirs`);
    expect(refusedSymlink('chain/f', t, uid)).toBe(`${t}/theirs`);
    expect(refusedSymlink('abs/f', t, uid)).toBe(`${t}/theirs`);
    expect(refusedSymlink('d/../theirs/f', t, uid)).toBe(`${t}/theirs`);
    // the link's owner is trusted when it is the uid rsync runs as
    expect(refusedSymlink('theirs/f', t, 65534)).toBeNull();
  });
});

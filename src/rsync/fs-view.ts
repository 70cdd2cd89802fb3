// A read-only view of the file system by absolute byte paths, limited to what the linter can see.
import * as fs from 'node:fs';
import { bufferToBytes, bytesToBuffer, type ByteString } from './bytes.js';
import type { EntryType, ListingTree } from './tree.js';

/** What lstat/stat say about a path. */
export interface FsStat {
  type: EntryType;
}

/**
 * The file system as rsync's sender or receiver sees it, addressed by absolute byte paths
 * (`/tmp/T/src/a`). Anything outside the visible part answers null: a linter cannot see above
 * the tree it was given.
 */
export interface FsView {
  /** the entry itself (symlinks are not followed), or null */
  lstat(abs: ByteString): FsStat | null;
  /** the entry with symlinks followed, or null (missing, dangling, outside the view) */
  stat(abs: ByteString): FsStat | null;
  /** a directory's entry names, or null */
  list(abs: ByteString): ByteString[] | null;
  /** a regular file's bytes (symlinks followed), or null */
  read(abs: ByteString): ByteString | null;
  /** a symlink's target as written in it, or null (not a symlink, not visible) */
  readlink(abs: ByteString): ByteString | null;
}

/**
 * Resolve an absolute path component by component as the kernel does: `linkAt(p)` gives the target
 * of a symlink at `p` (null: not a link), followed on the way and, with `followLeaf`, at the end;
 * `..` after a link goes to the real parent. `notDir(p)`: a file there ends the walk (ENOTDIR).
 * null for a loop (more than 40 links) or a file on the way; `followed` says whether a link was.
 */
export function walkLinks(abs: ByteString, followLeaf: boolean, linkAt: (p: ByteString) => ByteString | null, notDir?: (p: ByteString) => boolean): { path: ByteString; followed: boolean } | null {
  const parts = (p: ByteString): ByteString[] => p.split('/').filter((c) => c !== '' && c !== '.');
  let rest = parts(abs);
  let cur = '/';
  let followed = false;
  for (let hops = 0; rest.length > 0; ) {
    const name = rest[0] as ByteString;
    rest = rest.slice(1);
    if (name === '..') {
      cur = cur.slice(0, cur.lastIndexOf('/')) || '/'; // cur is resolved: its parent is the real one
      continue;
    }
    const next = cur === '/' ? `/${name}` : `${cur}/${name}`;
    const target = rest.length > 0 || followLeaf ? linkAt(next) : null;
    if (target !== null) {
      if (++hops > 40) return null;
      if (target.startsWith('/')) cur = '/';
      rest = parts(target).concat(rest);
      followed = true;
      continue;
    }
    if (rest.length > 0 && notDir?.(next)) return null;
    cur = next;
  }
  return { path: cur, followed };
}

/** Clean an absolute path: no `//`, no `.` components, `..` collapsed, no trailing `/` (except `/`). */
export function cleanAbs(p: ByteString): ByteString {
  const out: ByteString[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Join a directory and a relative path (or return the path when it is absolute), cleaned. */
export function joinAbs(dir: ByteString, p: ByteString): ByteString {
  return cleanAbs(p.startsWith('/') ? p : `${dir}/${p}`);
}

/** Is `p` equal to or below `root`? Both cleaned absolute paths. */
export function isWithin(root: ByteString, p: ByteString): boolean {
  return root === '/' || p === root || p.startsWith(root + '/');
}

function typeOf(st: fs.Stats): EntryType {
  return st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other';
}

/** The disk below one absolute directory (the tree the linter was pointed at). */
export class DiskFs implements FsView {
  readonly root: ByteString;
  constructor(root: ByteString) {
    this.root = cleanAbs(root);
  }

  private visible(abs: ByteString): boolean {
    return isWithin(this.root, cleanAbs(abs));
  }

  lstat(abs: ByteString): FsStat | null {
    if (!this.visible(abs)) return null;
    try {
      return { type: typeOf(fs.lstatSync(bytesToBuffer(abs))) };
    } catch {
      return null;
    }
  }

  stat(abs: ByteString): FsStat | null {
    if (!this.visible(abs)) return null;
    try {
      return { type: typeOf(fs.statSync(bytesToBuffer(abs))) };
    } catch {
      return null;
    }
  }

  list(abs: ByteString): ByteString[] | null {
    if (!this.visible(abs)) return null;
    try {
      return (fs.readdirSync(bytesToBuffer(abs), { encoding: 'buffer' }) as Buffer[]).map((b) => bufferToBytes(b));
    } catch {
      return null;
    }
  }

  readlink(abs: ByteString): ByteString | null {
    if (!this.visible(abs)) return null;
    try {
      return bufferToBytes(fs.readlinkSync(bytesToBuffer(abs), { encoding: 'buffer' }));
    } catch {
      return null;
    }
  }

  /** size and mtime (whole seconds) of the entry, symlinks followed or not */
  meta(abs: ByteString, follow: boolean): { size: number; mtime: number } | null {
    if (!this.visible(abs)) return null;
    try {
      const st = follow ? fs.statSync(bytesToBuffer(abs)) : fs.lstatSync(bytesToBuffer(abs));
      return { size: st.size, mtime: Math.floor(st.mtimeMs / 1000) };
    } catch {
      return null;
    }
  }

  read(abs: ByteString): ByteString | null {
    if (!this.visible(abs)) return null;
    try {
      const st = fs.statSync(bytesToBuffer(abs));
      if (!st.isFile()) return null;
      return bufferToBytes(fs.readFileSync(bytesToBuffer(abs)));
    } catch {
      return null;
    }
  }
}

/** Listings (the `--tree` format) mounted at absolute directories; nothing else exists. */
export class ListingFs implements FsView {
  private readonly mounts: { at: ByteString; tree: ListingTree }[] = [];
  /** symlinks read as filter files whose target lies outside every listing (read as missing) */
  readonly outsideLinks = new Set<ByteString>();

  /** Mount a listing so that its root is the directory `at`. */
  mount(at: ByteString, tree: ListingTree): void {
    this.mounts.push({ at: cleanAbs(at), tree });
    this.mounts.sort((a, b) => b.at.length - a.at.length);
  }

  /** The listing holding abs and the path inside it ('' = its root). */
  private locate(abs: ByteString): { tree: ListingTree; rel: ByteString } | { dirOfMount: ByteString[] } | null {
    const p = cleanAbs(abs);
    for (const m of this.mounts) {
      if (p === m.at) return { tree: m.tree, rel: '' };
      if (m.at === '/' || p.startsWith(m.at + '/')) return { tree: m.tree, rel: m.at === '/' ? p.slice(1) : p.slice(m.at.length + 1) };
    }
    // an ancestor of a mount point: a directory holding only the next component
    const names = new Set<ByteString>();
    for (const m of this.mounts) {
      if (isWithin(p, m.at) && m.at !== p) {
        const rest = p === '/' ? m.at.slice(1) : m.at.slice(p.length + 1);
        names.add(rest.split('/')[0]);
      }
    }
    return names.size ? { dirOfMount: [...names] } : null;
  }

  lstat(abs: ByteString): FsStat | null {
    const direct = this.lstatHere(abs);
    if (direct) return direct;
    const p = this.viaParentLinks(abs);
    return p === null ? null : this.lstatHere(p);
  }

  private lstatHere(abs: ByteString): FsStat | null {
    const at = this.locate(abs);
    if (!at) return null;
    if ('dirOfMount' in at) return { type: 'dir' };
    if (at.rel === '') return { type: 'dir' };
    const st = at.tree.stat(at.rel);
    return st ? { type: st.type } : null;
  }

  /**
   * A path the listing does not hold as written may lead through a symlink to a directory
   * (`dlink/f` with `dlink -> real`): the same path with the symlinks among its directories
   * followed, as the kernel does; null when nothing on the way is a link (or there is a loop).
   */
  private viaParentLinks(abs: ByteString): ByteString | null {
    const walked = walkLinks(cleanAbs(abs), false, (p) => (this.lstatHere(p)?.type === 'symlink' ? this.readlinkHere(p) : null));
    return walked && walked.followed ? walked.path : null;
  }

  /** The path with the links among its directories followed (the real directory a link lies in). */
  private real(abs: ByteString): ByteString {
    const p = cleanAbs(abs);
    return this.lstatHere(p) ? p : this.viaParentLinks(p) ?? p;
  }

  /** Follow the leaf symlinks too: the real path of what `abs` leads to, or null (dangling, a loop). */
  private followed(abs: ByteString): ByteString | null {
    let p = this.real(abs);
    for (let hops = 0; hops < 40; hops++) {
      if (this.lstatHere(p)?.type !== 'symlink') return p;
      const target = this.readlinkHere(p);
      if (target === null) return null;
      // a relative target is read from the directory the link really lies in
      p = this.real(joinAbs(p.slice(0, p.lastIndexOf('/')) || '/', target));
    }
    return null;
  }

  stat(abs: ByteString): FsStat | null {
    const p = this.followed(abs);
    return p === null ? null : this.lstatHere(p);
  }

  readlink(abs: ByteString): ByteString | null {
    const direct = this.readlinkHere(abs);
    if (direct !== null) return direct;
    const p = this.viaParentLinks(abs);
    return p === null ? null : this.readlinkHere(p);
  }

  private readlinkHere(abs: ByteString): ByteString | null {
    const at = this.locate(abs);
    if (!at || 'dirOfMount' in at) return null;
    return at.tree.linkTarget(at.rel);
  }

  list(abs: ByteString): ByteString[] | null {
    // a directory reached through symlinks (the directories on the way, or the name itself)
    const p = this.followed(abs);
    if (p === null) return null;
    const at = this.locate(p);
    if (!at) return null;
    if ('dirOfMount' in at) return at.dirOfMount;
    const got = at.tree.list(at.rel);
    return Array.isArray(got) ? got.map((e) => e.name) : null;
  }

  /** a file's size when the listing gives its contents (a listing has no times) */
  meta(abs: ByteString, follow: boolean): { size: number } | null {
    const p = follow ? this.followed(abs) : this.real(abs);
    if (p === null) return null;
    const at = this.locate(p);
    if (!at || 'dirOfMount' in at) return null;
    const content = at.tree.contentOf(at.rel);
    return content === undefined ? null : { size: content.length };
  }

  read(abs: ByteString, hops = 0): ByteString | null {
    const p = this.real(abs);
    if (this.lstatHere(p)?.type === 'symlink') {
      const target = this.readlinkHere(p);
      if (target === null || hops >= 40) return null;
      const to = joinAbs(p.slice(0, p.lastIndexOf('/')) || '/', target);
      if (this.locate(to) === null) this.outsideLinks.add(cleanAbs(abs));
      return this.read(to, hops + 1);
    }
    const at = this.locate(p);
    if (!at || 'dirOfMount' in at) return null;
    return at.tree.readFile(at.rel);
  }
}

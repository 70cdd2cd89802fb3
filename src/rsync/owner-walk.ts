// rsync 3.5's symlink hardening for the files it opens by name (filter and merge files, per-directory
// files, --exclude-from/--include-from, --files-from) and for the receiver's chdir into the
// destination: the path is walked component by component, and a symlink owned by anyone but root
// or rsync's own euid is refused (ELOOP) instead of followed. A trusted symlink is followed, its
// target spliced into the rest of the path, and the walk goes on through the target. Local
// `--insecure-links` turns this off. (Learnt from rsync's syscall.c ownership walk and by running
// rsync 3.5.0; no code taken.)
import * as fs from 'node:fs';
import { bytesToBuffer, type ByteString } from './bytes.js';

/** rsync's warning when the walk refuses a symlink (what rsync 3.5.0 prints, without the advice). */
export const UNTRUSTED_LINK = 'refusing to follow a symlink owned by an untrusted user';

/** The uid rsync would run as: the linter's own (a lint of a root cron job run as root sees what rsync sees). */
export function defaultTrustedUid(): number {
  return typeof process.geteuid === 'function' ? process.geteuid() : 0;
}

/**
 * Walk `path` (absolute, or relative to `cwd`) on the disk as rsync's ownership walk does; return
 * the first symlink it refuses (its path as walked), or null when nothing is refused (the open
 * may still fail for another reason: missing, not a directory, a loop).
 */
export function refusedSymlink(path: ByteString, cwd: ByteString, trustedUid: number): ByteString | null {
  let dir = path.startsWith('/') ? '/' : cwd;
  let rest = path.replace(/^\/+/, '');
  let hops = 40;
  const join = (d: ByteString, c: ByteString): ByteString => (d === '/' ? `/${c}` : `${d}/${c}`);
  while (rest.length) {
    const slash = rest.indexOf('/');
    const comp = slash < 0 ? rest : rest.slice(0, slash);
    const tail = slash < 0 ? '' : rest.slice(slash);
    const here = join(dir, comp);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(bytesToBuffer(here));
    } catch {
      return null;
    }
    if (st.isSymbolicLink()) {
      if (st.uid !== 0 && st.uid !== trustedUid) return here;
      if (--hops < 0) return null;
      let target: ByteString;
      try {
        target = fs.readlinkSync(bytesToBuffer(here), { encoding: 'buffer' }).toString('latin1');
      } catch {
        return null;
      }
      const spliced = target + tail;
      if (target.startsWith('/')) dir = '/';
      rest = spliced.replace(/^\/+/, '');
      continue;
    }
    if (!tail) return null;
    if (!st.isDirectory()) return null;
    // a real directory: `..` and `.` are directories too, resolved physically from where the walk is
    dir = comp === '..' ? (dir.slice(0, dir.lastIndexOf('/')) || '/') : comp === '.' ? dir : here;
    rest = tail.replace(/^\/+/, '');
  }
  return null;
}

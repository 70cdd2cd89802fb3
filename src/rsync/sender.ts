// The sender's file-list build (flist.c send_file_list, send_directory, send_implied_dirs, send1extra),
// step by step, so that per-directory rules are read exactly when and where rsync reads them.
import type { ByteString } from './bytes.js';
import { FilterAbort, type FilterEngine } from './filter-engine.js';
import { cleanAbs, joinAbs, type FsView } from './fs-view.js';
import type { CompiledRule } from './rule.js';
import { UNTRUSTED_LINK } from './owner-walk.js';
import { unsafeSymlink } from './symlinks.js';

/** Settings of the sender that shape its list. */
export interface SenderFlags {
  recursive: boolean;
  /** xfer_dirs (`-d`, implied by `-r` and `--files-from`) */
  dirs: boolean;
  relative: boolean;
  impliedDirs: boolean;
  copyLinks: boolean;
  copyDirlinks: boolean;
  /** `--copy-unsafe-links`: a symlink pointing outside the transfer is sent as its referent */
  copyUnsafeLinks?: boolean;
  /** incremental recursion (rsync's default with `-r`, off with `-m`, `--delete-before/after`, ...) */
  incRecurse: boolean;
  /**
   * rsync 3.5 walks each `--files-from` name from the sender's directory and refuses a symlink owned
   * by another user on the way (a directory component, or the name itself when it ends in `/`):
   * the symlink refused, or null. Absent: nothing is refused.
   */
  filesFromWalk?: (dir: ByteString, name: ByteString) => ByteString | null;
  /** how many names to list while following symlinks before giving up (default MAX_FOLLOWED_ENTRIES) */
  maxFollowedEntries?: number;
}

/** One item of the sender's file list, or one name that the filters kept out of it. */
export interface SenderEntry {
  /** index of the source operand (or 0 for `--files-from`) */
  source: number;
  /** the name rsync gives it (relative to the sender's directory; `.` for a dot-dir root) */
  name: ByteString;
  /** the sender's working directory (absolute) when the entry was made */
  base: ByteString;
  isDir: boolean;
  action: 'send' | 'exclude';
  rule: CompiledRule | null;
  top?: boolean;
  /** its contents are part of the transfer (FLAG_CONTENT_DIR) */
  content?: boolean;
  implied?: boolean;
  /** a symlink sent as a symlink (not followed) */
  symlink?: boolean;
  /** that symlink points outside the transfer (unsafe_symlink): `--safe-links` makes the receiver skip it */
  unsafeLink?: boolean;
}

/** A problem on the sender: a missing source, an error that stopped rsync. */
export interface SenderProblem {
  message: string;
  file?: ByteString;
  line?: number;
  /** rsync's exit code: 23 for a partial transfer, 1 or 11 when it stopped */
  exitCode: number;
  fatal: boolean;
  /** a source or directory that could not be read: what is known about the transfer is incomplete */
  incomplete?: boolean;
}

/** One thing to send: an operand or a `--files-from` line. */
export interface SenderItem {
  source: number;
  /** the path as rsync read it (byte string) */
  path: ByteString;
  /** a `--files-from` line (not an operand) */
  fromFilesFrom?: boolean;
}

type NameType = 'normal' | 'dotdir' | 'slash';

interface Relname {
  name: ByteString;
  type: NameType;
}

interface FlistItem {
  entry: SenderEntry;
  relnames: Relname[];
}

const MAX_DEPTH = 256;

/** How many names the sender lists while it follows symlinks before the model gives up (symlink loops). */
export const MAX_FOLLOWED_ENTRIES = 300_000;

class TooManyEntries extends Error {}

/** Run the sender over the items; returns every list entry and every excluded name. */
export function runSender(items: SenderItem[], engine: FilterEngine, fs: FsView, flags: SenderFlags, origCwd: ByteString): { entries: SenderEntry[]; skipped: SenderEntry[]; problems: SenderProblem[] } {
  const s = new SenderRun(engine, fs, flags, cleanAbs(origCwd));
  try {
    s.sendFileList(items);
  } catch (e) {
    if (e instanceof TooManyEntries) {
      s.problems.push({
        message: `more than ${(flags.maxFollowedEntries ?? MAX_FOLLOWED_ENTRIES).toLocaleString('en-US')} names while following symlinks: symlinks that lead back up multiply the tree (rsync runs away there too); the list is cut short`,
        exitCode: 23, fatal: false, incomplete: true,
      });
    } else {
      if (!(e instanceof FilterAbort)) throw e;
      s.problems.push({ message: e.problem.message, file: e.problem.file, line: e.problem.line, exitCode: e.problem.exitCode ?? 1, fatal: true });
    }
  }
  for (const p of engine.problems.splice(0)) s.problems.push({ message: p.message, file: p.file, line: p.line, exitCode: 0, fatal: false });
  return { entries: s.entries, skipped: s.skipped, problems: s.problems };
}

class SenderRun {
  readonly entries: SenderEntry[] = [];
  /** top directories rsync skipped (no -r, no -d): never read */
  readonly skipped: SenderEntry[] = [];
  readonly problems: SenderProblem[] = [];
  private source = 0;
  private lastpath = '';
  private lastpathItem: FlistItem | null = null;
  private lastpathBase = '';
  private sendDirDepth = -1;
  /** directories of the current (incremental) file list, for the later per-directory lists */
  private newDirs: FlistItem[] = [];
  private xferDirs: boolean;
  private copyLinks: boolean;

  /** symlinks to directories are followed (-L, --copy-dirlinks, --copy-unsafe-links): loops can multiply the tree */
  private readonly following: boolean;

  constructor(readonly engine: FilterEngine, readonly fs: FsView, readonly flags: SenderFlags, readonly origCwd: ByteString) {
    this.xferDirs = flags.dirs || flags.recursive;
    this.copyLinks = flags.copyLinks;
    this.following = flags.copyLinks || flags.copyDirlinks || flags.copyUnsafeLinks === true;
  }

  private abs(name: ByteString): ByteString {
    return joinAbs(this.engine.cwd, name);
  }

  /** link_stat: follow a symlink when -L, or when it points at a directory and `followDirlinks`. */
  private linkStat(name: ByteString, followDirlinks: boolean): { isDir: boolean; type: string } | null {
    const a = this.abs(name);
    if (this.copyLinks) {
      const st = this.fs.stat(a);
      return st ? { isDir: st.type === 'dir', type: st.type } : null;
    }
    const l = this.fs.lstat(a);
    if (!l) return null;
    if (l.type === 'symlink' && followDirlinks) {
      const t = this.fs.stat(a);
      if (t && t.type === 'dir') return { isDir: true, type: 'dir' };
    }
    return { isDir: l.type === 'dir', type: l.type };
  }

  /**
   * readlink_stat (make_file's stat): link_stat with --copy-dirlinks, and with --copy-unsafe-links
   * an unsafe symlink is stat'ed through, so it is its referent (a directory matches `dir/` rules).
   */
  private readlinkStat(name: ByteString): { isDir: boolean; type: string; unsafe?: boolean } | null {
    const st = this.linkStat(name, this.flags.copyDirlinks);
    if (!st || st.type !== 'symlink') return st;
    const target = this.fs.readlink(this.abs(name));
    const unsafe = target !== null && unsafeSymlink(target, name);
    if (!unsafe || !this.flags.copyUnsafeLinks) return { ...st, unsafe };
    const t = this.fs.stat(this.abs(name));
    return t ? { isDir: t.type === 'dir', type: t.type } : null;
  }

  private excluded(name: ByteString, isDir: boolean): { excluded: boolean; rule: CompiledRule | null } {
    const r = this.engine.check(name, isDir);
    return { excluded: r.excluded === true, rule: r.rule };
  }

  private record(e: Omit<SenderEntry, 'source' | 'base'>): SenderEntry {
    const entry: SenderEntry = { source: this.source, base: this.engine.cwd, ...e };
    this.entries.push(entry);
    // symlinks that lead back up multiply the tree under -L (each loop doubles it, to 40 links deep):
    // rsync runs away there; the model stops and says its answer is incomplete
    if (this.following && this.entries.length > (this.flags.maxFollowedEntries ?? MAX_FOLLOWED_ENTRIES)) throw new TooManyEntries();
    return entry;
  }

  sendFileList(items: SenderItem[]): void {
    let lastdir: ByteString | null | undefined;
    for (const item of items) {
      this.source = item.source;
      let fbuf = item.path;
      let nameType: NameType = 'normal';
      let dir: ByteString | null = null;
      let fn: ByteString;
      if (!this.flags.relative) {
        const len = fbuf.length;
        if (!len || fbuf.endsWith('/')) {
          fbuf = fbuf === './' ? '.' : fbuf + '.';
          nameType = 'dotdir';
        } else if (fbuf === '..' || fbuf.endsWith('/..')) {
          fbuf += '/.';
          nameType = 'dotdir';
        } else if (fbuf === '.' || fbuf.endsWith('/.')) {
          nameType = 'dotdir';
        }
        const p = fbuf.lastIndexOf('/');
        if (p >= 0) {
          dir = p === 0 ? '/' : fbuf.slice(0, p);
          fn = fbuf.slice(p + 1);
        } else fn = fbuf;
      } else {
        const p = fbuf.indexOf('/./');
        if (p >= 0) {
          dir = p === 0 ? '/' : cleanRel(fbuf.slice(0, p));
          fn = fbuf.slice(p + 3).replace(/^\/+/, '');
        } else fn = fbuf;
        // clean_fname keeps a trailing slash and turns a trailing `/.` into one
        const trailing = fn.length > 1 && (fn.endsWith('/') || fn.endsWith('/.'));
        const cleaned = cleanRel(fn);
        fn = cleaned;
        if (fn === '/') {
          fn = '/.';
          nameType = 'dotdir';
        } else if (fn === '.') nameType = 'dotdir';
        else if (trailing) nameType = 'slash';
        if (/(^|\/)\.\.(\/|$)/.test(fn)) {
          this.problems.push({ message: `found ".." dir in relative path: ${fn}`, exitCode: 1, fatal: true });
          throw new FilterAbort({ message: `found ".." dir in relative path: ${fn}`, exitCode: 1 });
        }
      }
      if (fn === '') {
        fn = '.';
        nameType = 'dotdir';
      }
      if (dir !== lastdir) {
        const target = dir === null ? this.origCwd : joinAbs(this.origCwd, dir);
        const st = this.fs.stat(target);
        if (!st || st.type !== 'dir') {
          this.problems.push({ message: `change_dir ${target} failed: No such file or directory (2)`, exitCode: 23, fatal: false, incomplete: true });
          continue;
        }
        this.engine.cwd = target;
        lastdir = dir;
      }
      // the walk follows the directories above the name, and the name itself only when it ends in `/`
      const walked = nameType === 'slash' ? `${fn}/` : fn.includes('/') ? fn.slice(0, fn.lastIndexOf('/') + 1) : '';
      const refused = item.fromFilesFrom && this.flags.filesFromWalk && walked ? this.flags.filesFromWalk(this.engine.cwd, walked) : null;
      if (refused !== null) {
        // an I/O error (not a missing name): it cancels deletion
        this.problems.push({ message: `link_stat "${this.abs(fn)}" failed: Too many levels of symbolic links (40) (${UNTRUSTED_LINK}: ${refused}; --insecure-links follows it)`, exitCode: 23, fatal: false });
        continue;
      }
      const st = this.linkStat(fn, this.flags.copyDirlinks || nameType !== 'normal');
      if (!st) {
        this.problems.push({ message: `link_stat "${this.abs(fn)}" failed: No such file or directory (2)`, exitCode: 23, fatal: false, incomplete: true });
        continue;
      }
      if (nameType !== 'dotdir') {
        const ex = this.excluded(fn, st.isDir);
        if (ex.excluded) {
          this.record({ name: cleanRel(fn), isDir: st.isDir, action: 'exclude', rule: ex.rule, top: true });
          continue;
        }
      }
      if (st.isDir && !this.xferDirs) {
        this.problems.push({ message: `skipping directory ${fn}`, exitCode: 0, fatal: false });
        this.skipped.push({ source: this.source, base: this.engine.cwd, name: cleanRel(fn), isDir: true, action: 'exclude', rule: null });
        continue;
      }
      if (this.flags.incRecurse && this.flags.relative && fn.length) {
        const p = fn.indexOf('/', 1);
        if (p >= 0) {
          this.sendImpliedDirs(fn, 0, p, nameType);
          continue;
        }
      } else if (this.flags.relative && this.flags.impliedDirs) {
        const p = fn.lastIndexOf('/');
        if (p > 0) this.sendImpliedDirs(fn, 0, p, 'normal');
      }
      if (this.flags.recursive || (this.xferDirs && nameType !== 'normal')) {
        const file = this.sendFileName(fn, st, { top: true, content: true }, false);
        if (!file) continue;
        if (this.flags.incRecurse) {
          if (nameType === 'dotdir') {
            if (this.sendDirDepth < 0) {
              this.sendDirDepth = 0;
              this.engine.changeDir(fn, 0);
            }
            this.sendDirectory(fn, true);
          }
        } else this.sendIfDirectory(file, 0);
      } else {
        this.sendFileName(fn, st, { top: false, content: false }, false);
      }
    }
    if (this.flags.incRecurse) this.sendExtraLists();
    this.engine.changeDir(null);
  }

  /** make_file + send_file_name: stat, filter, add to the list. */
  private sendFileName(path: ByteString, given: { isDir: boolean; type: string } | null, fl: { top: boolean; content: boolean; implied?: boolean }, filter: boolean): FlistItem | null {
    const name = cleanRel(path);
    // make_file keeps a given stat only for a directory; anything else is stat'ed again
    let st: { isDir: boolean; type: string; unsafe?: boolean } | null = given;
    if (!st || !st.isDir) {
      st = this.readlinkStat(name);
      if (!st) {
        if (filter && (this.excluded(name, false).excluded || this.excluded(name, true).excluded)) return null;
        this.problems.push({ message: `file has vanished or symlink has no referent: ${this.abs(name)}`, exitCode: 23, fatal: false });
        return null;
      }
    }
    if (filter) {
      if (st.isDir && !this.xferDirs) {
        this.problems.push({ message: `skipping directory ${name}`, exitCode: 0, fatal: false });
        return null;
      }
      const ex = this.excluded(name, st.isDir);
      if (ex.excluded) {
        this.record({ name, isDir: st.isDir, action: 'exclude', rule: ex.rule, top: fl.top || undefined });
        return null;
      }
      const entry = this.record({ name, isDir: st.isDir, action: 'send', rule: ex.rule });
      return this.finishItem(entry, fl, st);
    }
    const entry = this.record({ name, isDir: st.isDir, action: 'send', rule: null });
    return this.finishItem(entry, fl, st);
  }

  private finishItem(entry: SenderEntry, fl: { top: boolean; content: boolean; implied?: boolean }, st: { type: string; unsafe?: boolean }): FlistItem {
    if (fl.top) entry.top = true;
    if (st.type === 'symlink') entry.symlink = true;
    if (st.type === 'symlink' && st.unsafe) entry.unsafeLink = true;
    if (fl.implied) entry.implied = true;
    if (entry.isDir && fl.content) entry.content = true;
    const item: FlistItem = { entry, relnames: [] };
    if (entry.isDir) this.newDirs.push(item);
    return item;
  }

  /** send_directory: every entry of a directory, filtered; recursion unless diverted. */
  private sendDirectory(dirName: ByteString, divert: boolean): void {
    const names = this.fs.list(this.abs(dirName));
    if (names === null) {
      this.problems.push({ message: `opendir ${this.abs(dirName)} failed`, exitCode: 23, fatal: false, incomplete: true });
      return;
    }
    const made: FlistItem[] = [];
    for (const n of [...names].sort()) {
      const child = dirName === '.' ? n : `${dirName}/${n}`;
      const item = this.sendFileName(child, null, { top: false, content: this.flags.recursive }, true);
      if (item) made.push(item);
    }
    if (this.flags.recursive && !divert) {
      for (const item of made) this.sendIfDirectory(item, depthOf(item.entry.name));
    }
  }

  /** send_if_directory: push the directory's filters, send it, pop. */
  private sendIfDirectory(item: FlistItem, depth: number): void {
    if (!item.entry.isDir) return;
    if (depth > MAX_DEPTH) {
      this.problems.push({ message: `directory nesting too deep (a symlink loop?): ${item.entry.name}`, exitCode: 23, fatal: false });
      return;
    }
    const state = this.engine.push(item.entry.name);
    this.sendDirectory(item.entry.name, false);
    this.engine.pop(state);
  }

  /** send_implied_dirs: the parents of a `-R` path, never filtered. */
  private sendImpliedDirs(fname: ByteString, start: number, limit: number, nameType: NameType): void {
    const saveCopyLinks = this.copyLinks;
    const saveXfer = this.xferDirs;
    this.engine.suspended = true;
    try {
      let needNew = true;
      let depth = 0;
      if (this.flags.incRecurse) {
        needNew = !(this.lastpathItem && this.lastpathBase === this.engine.cwd && this.lastpath === fname.slice(0, limit));
      } else {
        const prefix = fname.slice(0, limit);
        const lp = this.lastpath;
        let i = 0;
        for (; ; i++) {
          if (i === prefix.length) {
            if (lp[i] === '/' || i === lp.length) return;
            break;
          }
          if (lp[i] !== prefix[i]) break;
          if (prefix[i] === '/') {
            start = i;
            depth++;
          }
        }
      }
      if (needNew) {
        this.copyLinks = true;
        this.xferDirs = true;
        const upTo = fname.slice(0, limit);
        for (let slash = upTo.indexOf('/', start + 1); slash >= 0; slash = upTo.indexOf('/', slash + 1)) {
          const item = this.sendFileName(upTo.slice(0, slash), null, { top: false, content: false, implied: true }, true);
          depth++;
          if (!this.flags.incRecurse && item && item.entry.isDir) this.engine.changeDir(upTo.slice(0, slash), depth);
        }
        const item = this.sendFileName(upTo, null, { top: false, content: false, implied: true }, true);
        if (this.flags.incRecurse) {
          this.lastpathItem = item && item.entry.isDir ? item : null;
          this.lastpathBase = this.engine.cwd;
        } else if (item && item.entry.isDir) this.engine.changeDir(upTo, ++depth);
        this.lastpath = upTo;
        this.copyLinks = saveCopyLinks;
        this.xferDirs = saveXfer;
        if (!this.flags.incRecurse) return;
      }
      if (!this.lastpathItem) return;
      this.lastpathItem.relnames.push({ name: fname.slice(limit + 1), type: nameType });
    } finally {
      this.copyLinks = saveCopyLinks;
      this.xferDirs = saveXfer;
      this.engine.suspended = false;
    }
  }

  /** send_extra_file_list / send1extra: directories of each list, depth first, in sorted order. */
  private sendExtraLists(): void {
    const roots = this.takeDirs().filter((d) => basenameOf(d.entry.name) !== '.');
    const walk = (dirs: FlistItem[], depth: number): void => {
      for (let i = 0; i < dirs.length;) {
        // a name sent by several sources: the duplicates go out together in one list, and the
        // subdirectories of all of them hang below the last one, so they are walked after all of
        // them, under the per-directory rules the last one left (send_extra_file_list)
        let j = i + 1;
        while (j < dirs.length && dirs[j].entry.name === dirs[i].entry.name) j++;
        for (const d of dirs.slice(i, j)) this.sendOneExtra(d, depth);
        walk(this.takeDirs(), depth + 1);
        i = j;
      }
    };
    walk(roots, 1);
  }

  /** send1extra: one directory's contents, and the `-R` names below it. */
  private sendOneExtra(d: FlistItem, depth: number): void {
    if (depth > MAX_DEPTH) {
      this.problems.push({ message: `directory nesting too deep (a symlink loop?): ${d.entry.name}`, exitCode: 23, fatal: false, incomplete: true });
      return;
    }
    this.source = d.entry.source;
    this.engine.cwd = d.entry.base;
    this.engine.changeDir(d.entry.name, depth);
    if (d.entry.content) this.sendDirectory(d.entry.name, true);
    if (!this.flags.relative) return;
    for (const rn of d.relnames) {
      const full = `${d.entry.name}/${rn.name}`;
      const slash = full.indexOf('/', d.entry.name.length + 1);
      if (slash >= 0) {
        this.sendImpliedDirs(full, d.entry.name.length + 1, slash, rn.type);
        continue;
      }
      if (rn.type !== 'normal') {
        const st = this.linkStat(full, true);
        if (!st) {
          this.problems.push({ message: `link_stat "${this.abs(full)}" failed`, exitCode: 23, fatal: false });
          continue;
        }
        this.sendFileName(full, st, { top: true, content: true }, true);
      } else this.sendFileName(full, null, { top: true, content: true }, true);
    }
  }

  private takeDirs(): FlistItem[] {
    const dirs = this.newDirs;
    this.newDirs = [];
    return dirs.sort((a, b) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
  }
}

/** clean_fname for names: no `//`, no `.` components, no trailing `/`; `.` for nothing. */
export function cleanRel(p: ByteString): ByteString {
  const abs = p.startsWith('/');
  const parts = p.split('/').filter((x) => x !== '' && x !== '.');
  const out = (abs ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

function basenameOf(p: ByteString): ByteString {
  return p.slice(p.lastIndexOf('/') + 1);
}

function depthOf(name: ByteString): number {
  return name === '.' ? 0 : name.split('/').length;
}

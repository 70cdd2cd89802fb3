// What a real (non dry-run) transfer writes into the destination, as far as a --delete-after pass
// can see it: that pass runs when every file has been received, so it reads the per-directory
// filter files the transfer has just updated (generator.c do_delete_pass after the transfer; every
// other delete mode reads them before the files of their directory arrive).
import { utf8ToBytes, type ByteString } from './bytes.js';
import { joinAbs, walkLinks, type FsStat, type FsView } from './fs-view.js';
import { hasFlag, lastValue, preservesOwner, type ParsedArgv } from './options.js';
import { unsafeSymlink } from './symlinks.js';

/** Size and modification time (whole seconds) of an entry, when the view knows them. */
export interface FsMeta {
  size: number;
  /** seconds since the epoch; undefined when unknown (a listing has no times) */
  mtime?: number;
}

/** An FsView that may also know sizes and times (the disk does; a listing knows only contents). */
export interface MetaFsView extends FsView {
  meta?(abs: ByteString, follow: boolean): FsMeta | null;
}

/** What one received entry leaves at its destination path. */
export type Written = { type: 'file'; content: () => ByteString | null } | { type: 'symlink'; target: ByteString };

/** The generator's settings that decide whether a sent file is written (generator.c recv_generator, quick_check_ok). */
export interface WriteFlags {
  ignoreTimes: boolean;
  sizeOnly: boolean;
  checksum: boolean;
  update: boolean;
  existing: boolean;
  ignoreExisting: boolean;
  /** `--append`; `--append-verify` re-sends the whole file when the appended copy fails its checksum */
  append: boolean;
  appendVerify?: boolean;
  /** --modify-window in seconds (0: equal seconds) */
  modifyWindow: number;
  maxSize?: number;
  minSize?: number;
  /** `-o`/`-a` run as root: an unchanged symlink is re-owned to the source's owner, so it counts as the transfer's */
  ownerPreserved?: boolean;
}

/** The options that decide whether a sent file is written over the destination's copy. */
export function writeFlagsOf(argv: ParsedArgv): WriteFlags {
  const size = (name: string): number | undefined => {
    const v = lastValue(argv, name);
    return v === undefined ? undefined : parseSizeArg(v) ?? undefined;
  };
  const window = Number(lastValue(argv, 'modify-window') ?? 0);
  return {
    ignoreTimes: hasFlag(argv, 'ignore-times'), sizeOnly: hasFlag(argv, 'size-only'), checksum: hasFlag(argv, 'checksum'),
    update: hasFlag(argv, 'update'), existing: hasFlag(argv, 'existing'), ignoreExisting: hasFlag(argv, 'ignore-existing'),
    append: hasFlag(argv, 'append') || hasFlag(argv, 'append-verify'), appendVerify: hasFlag(argv, 'append-verify'),
    modifyWindow: Number.isFinite(window) && window > 0 ? window : 0,
    maxSize: size('max-size'), minSize: size('min-size'),
    ownerPreserved: preservesOwner(argv) && (typeof process.geteuid !== 'function' || process.geteuid() === 0),
  };
}

/** Does a real transfer write before the deletion pass reads the destination (a real --delete-after)? */
export function writesBeforeDeletion(argv: ParsedArgv, deleteTiming: string | undefined, listOnly: boolean): boolean {
  return deleteTiming === 'after' && !hasFlag(argv, 'dry-run') && !listOnly && lastValue(argv, 'only-write-batch') === undefined;
}

/** `--backup` without `--backup-dir`: the suffix its backups get beside the originals, else undefined. */
export function backupSuffixOf(argv: ParsedArgv): ByteString | undefined {
  return hasFlag(argv, 'backup') && lastValue(argv, 'backup-dir') === undefined ? utf8ToBytes(lastValue(argv, 'suffix') ?? '~') : undefined;
}

/** delete.c is_backup_file: a name (relative to the transfer) that already ends in the backup suffix gets no backup. */
export function isBackupName(name: ByteString, suffix: ByteString): boolean {
  return name.length > suffix.length && name.endsWith(suffix);
}

/** A sent non-directory, with where it comes from and where it lands. */
export interface SentFile {
  srcAbs: ByteString;
  destAbs: ByteString;
  /** sent as a symlink (not followed) */
  symlink: boolean;
}

function metaOf(view: FsView, abs: ByteString, follow: boolean): FsMeta | null {
  const m = (view as MetaFsView).meta;
  return m ? m.call(view, abs, follow) : null;
}

/**
 * Decide, file by file, what the transfer writes (first sender of a name wins, as flist cleaning
 * keeps the first of duplicate names). `dest` is the destination before the transfer.
 */
export function transferWrites(files: SentFile[], src: FsView, dest: FsView, flags: WriteFlags): Map<ByteString, Written> {
  const out = new Map<ByteString, Written>();
  const seen = new Set<ByteString>();
  for (const f of files) {
    if (seen.has(f.destAbs)) continue;
    seen.add(f.destAbs);
    const old: FsStat | null = dest.lstat(f.destAbs);
    if (old === null && flags.existing) continue;
    if (old !== null && old.type !== 'dir' && flags.ignoreExisting) continue;
    if (f.symlink) {
      const target = src.readlink(f.srcAbs);
      // a link already there with the same target is left alone, so it keeps its owner (an
      // untrusted one stays untrusted); with -o as root the transfer re-owns it (lchown)
      if (target !== null && old?.type === 'symlink' && dest.readlink(f.destAbs) === target && !flags.ownerPreserved) continue;
      if (target !== null) out.set(f.destAbs, { type: 'symlink', target });
      continue;
    }
    if (src.stat(f.srcAbs)?.type !== 'file') continue; // devices and specials: nothing a filter file could be read from
    const sm = metaOf(src, f.srcAbs, true);
    if (sm !== null) {
      if (flags.maxSize !== undefined && sm.size > flags.maxSize) continue;
      if (flags.minSize !== undefined && sm.size < flags.minSize) continue;
    }
    if (old !== null && old.type === 'file' && sm !== null) {
      const dm = metaOf(dest, f.destAbs, false);
      if (dm !== null) {
        if (flags.append) {
          if (dm.size >= sm.size) continue;
          const destAbs = f.destAbs;
          const srcAbs = f.srcAbs;
          // with --append-verify a copy whose old part differs fails verification and is sent whole:
          // either way the file ends up as the source's
          out.set(destAbs, { type: 'file', content: () => (flags.appendVerify ? src.read(srcAbs) : appended(dest.read(destAbs), src.read(srcAbs))) });
          continue;
        }
        if (flags.update && dm.mtime !== undefined && sm.mtime !== undefined && dm.mtime - sm.mtime > flags.modifyWindow) continue;
        if (unchanged(flags, sm, dm, () => src.read(f.srcAbs) === dest.read(f.destAbs))) continue;
      }
    }
    const srcAbs = f.srcAbs;
    out.set(f.destAbs, { type: 'file', content: () => src.read(srcAbs) });
  }
  return out;
}

function appended(old: ByteString | null, add: ByteString | null): ByteString | null {
  if (old === null || add === null) return add;
  return old + add.slice(old.length);
}

/** quick_check_ok for two regular files: true when the generator leaves the destination file alone. */
function unchanged(flags: WriteFlags, s: FsMeta, d: FsMeta, sameContent: () => boolean): boolean {
  if (flags.ignoreTimes) return false;
  if (s.size !== d.size) return false;
  if (flags.sizeOnly) return true;
  if (flags.checksum) return sameContent();
  if (s.mtime === undefined || d.mtime === undefined) return sameContent(); // no times known: only equal contents are certain to stay
  return Math.abs(s.mtime - d.mtime) <= flags.modifyWindow;
}

/**
 * `--backup` without `--backup-dir`: every destination non-directory the transfer writes over, or
 * replaces with a directory (`sentDirs`, names relative to `root`), stays beside it as NAME+suffix,
 * for a later --delete-after pass to see. A name that is a backup already gets none, and under
 * `--safe-links` neither does a symlink pointing out of the transfer.
 */
export function addBackups(written: Map<ByteString, Written>, sentDirs: ByteString[], root: ByteString, dest: FsView, suffix: ByteString, safeLinks: boolean): void {
  const rel = (abs: ByteString): ByteString => abs.slice(root === '/' ? 1 : root.length + 1);
  const backup = (abs: ByteString): void => {
    const old = dest.lstat(abs);
    if (old === null || old.type === 'dir') return;
    const to = abs + suffix;
    if (old.type === 'symlink') {
      const target = dest.readlink(abs);
      if (target !== null && !(safeLinks && unsafeSymlink(target, rel(abs)))) written.set(to, { type: 'symlink', target });
    } else written.set(to, { type: 'file', content: () => dest.read(abs) });
  };
  for (const abs of [...written.keys()]) backup(abs);
  for (const name of sentDirs) if (name !== '.' && !isBackupName(name, suffix)) backup(joinAbs(root, name));
}

/**
 * The part of `abs` whose owners rsync's ownership walk still reads on disk: what the transfer
 * wrote is the receiver's own (trusted), also as a directory on the way, so the walk stops at the
 * directory above the first written component.
 */
export function ownedAbove(written: ReadonlyMap<ByteString, Written>, abs: ByteString): ByteString {
  for (let i = abs.indexOf('/', 1); ; i = abs.indexOf('/', i + 1)) {
    const p = i < 0 ? abs : abs.slice(0, i);
    if (written.has(p)) return p.slice(0, p.lastIndexOf('/')) || '/';
    if (i < 0) return abs;
  }
}

/** The destination after the transfer wrote `written` into it (a view over the old destination). */
export class TransferredFs implements FsView {
  private readonly byDir = new Map<ByteString, ByteString[]>();
  constructor(private readonly inner: FsView, private readonly written: Map<ByteString, Written>) {
    for (const p of written.keys()) {
      const i = p.lastIndexOf('/');
      const dir = i <= 0 ? '/' : p.slice(0, i);
      const names = this.byDir.get(dir) ?? [];
      names.push(p.slice(i + 1));
      this.byDir.set(dir, names);
    }
  }

  /**
   * The path with every symlink on the way followed (the leaf too when `followLeaf`), whether the
   * transfer wrote it or it was there before: a written link can be a directory on the way, and an
   * old link can lead to where the transfer wrote. null: a loop (ELOOP) or a file on the way.
   * A path that meets nothing the transfer wrote is left as it was, for the old view to resolve
   * (that view may follow links to places it can see but this walk cannot).
   */
  private resolve(abs: ByteString, followLeaf: boolean): ByteString | null {
    if (this.written.size === 0) return abs;
    let touched = false;
    const walked = walkLinks(abs, followLeaf, (p) => {
      const w = this.writtenAt(p);
      if (w) {
        touched = true;
        return w.type === 'symlink' ? w.target : null;
      }
      return this.inner.lstat(p)?.type === 'symlink' ? this.inner.readlink(p) : null;
    }, (p) => this.writtenAt(p)?.type === 'file');
    if (walked === null) return null;
    return touched || this.writtenAt(walked.path) || this.byDir.has(walked.path) ? walked.path : abs;
  }

  /**
   * A written non-directory that replaced a directory: the receiver empties that directory to make
   * way before it writes (generator.c delete_item), and the model does that emptying in its deletion
   * pass, so the old contents stay visible below the name until that pass removes them.
   */
  private replacedDir(p: ByteString): boolean {
    return !this.madeWayFor.has(p) && this.inner.lstat(p)?.type === 'dir';
  }

  private writtenAt(p: ByteString): Written | undefined {
    const w = this.written.get(p);
    return w && !this.replacedDir(p) ? w : undefined;
  }

  private readonly madeWayFor = new Set<ByteString>();
  /** The deletion pass has emptied the old directory at `abs`: from now on the written entry is there. */
  madeWay(abs: ByteString): void {
    this.madeWayFor.add(abs);
  }

  lstat(abs: ByteString): FsStat | null {
    const p = this.resolve(abs, false);
    if (p === null) return null;
    const w = this.writtenAt(p);
    return w ? { type: w.type } : this.inner.lstat(p);
  }

  stat(abs: ByteString): FsStat | null {
    const p = this.resolve(abs, true);
    if (p === null) return null;
    const w = this.writtenAt(p);
    return w ? { type: w.type } : this.inner.stat(p);
  }

  read(abs: ByteString): ByteString | null {
    const p = this.resolve(abs, true);
    if (p === null) return null;
    const w = this.writtenAt(p);
    if (w) return w.type === 'file' ? w.content() : null;
    return this.inner.read(p);
  }

  readlink(abs: ByteString): ByteString | null {
    const p = this.resolve(abs, false);
    if (p === null) return null;
    const w = this.writtenAt(p);
    if (w) return w.type === 'symlink' ? w.target : null;
    return this.inner.readlink(p);
  }

  list(abs: ByteString): ByteString[] | null {
    const p = this.resolve(abs, true);
    if (p === null) return null;
    if (this.writtenAt(p)) return null;
    const names = this.inner.list(p);
    const more = this.byDir.get(p);
    if (names === null || !more) return names;
    return [...new Set([...names, ...more])];
  }
}

/** rsync's size argument (options.c parse_size_arg): `10`, `1.5M`, `100KB` (1000s), `1KiB`, `1G-1`; null when rsync would refuse it. */
export function parseSizeArg(text: string): number | null {
  const m = /^(\d*\.?\d*)(?:([bkmgtp])(i?b)?)?([+-]1)?$/i.exec(text);
  if (!m || m[1] === '' || m[1] === '.') return null;
  const power = m[2] ? 'bkmgtp'.indexOf(m[2].toLowerCase()) : 0;
  const base = m[3] && m[3].toLowerCase() === 'b' ? 1000 : 1024;
  const value = Math.floor(Number(m[1]) * base ** power) + (m[4] ? Number(m[4]) : 0);
  return Number.isFinite(value) ? value : null;
}

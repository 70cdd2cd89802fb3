// The receiver's deletion pass (generator.c delete_in_dir, delete.c delete_item/delete_dir_contents):
// which destination names are deleted and which are protected, with the receiver's own rules.
import type { ByteString } from './bytes.js';
import { FilterAbort, type FilterEngine } from './filter-engine.js';
import { joinAbs, type FsView } from './fs-view.js';
import type { CompiledRule } from './rule.js';
import type { SenderEntry } from './sender.js';
import { unsafeSymlink } from './symlinks.js';
import { isBackupName } from './transfer-writes.js';

/** One destination name the deletion pass looked at. */
export interface DeletionEntry {
  /** the name relative to the destination directory */
  name: ByteString;
  isDir: boolean;
  /** `delete`: removed; `protect`: kept by a receiver-side rule or because protected names lie inside */
  action: 'delete' | 'protect';
  /** the rule that decided (a protect rule, or the include/risk rule that let it go); null = none */
  rule: CompiledRule | null;
  /** for a directory kept only because something inside it is protected */
  keptForContents?: boolean;
  /** the source operand whose directory was being cleaned */
  source?: number;
}

/** A directory of the transfer as the receiver sees it (from the sender's list). */
export interface ReceiverDir {
  name: ByteString;
  /** its contents are in the transfer (only those directories are cleaned) */
  content: boolean;
  source?: number;
}

/** Flags of the deletion pass. */
export interface ReceiverFlags {
  /**
   * Names the receiver writes as a non-directory (`regular file` or `symlink`): a directory of that
   * name in the destination is emptied to make way for it (generator.c's delete_item for a file),
   * its contents itemized as deleted, the directory itself silently.
   */
  replaced?: ReadonlyMap<ByteString, string>;
  /** deletions come in a pass of their own (`--delete-before`, `--delete-after`), not during the transfer */
  passMode?: boolean;
  /** the non-directories of the receiver's list (the pass changes the filter level at each of them too) */
  passFiles?: ReadonlyArray<ByteString>;
  /** the transfer has made the directories the destination lacked (a real run, not before it) */
  dirsCreated?: boolean;
  /** `--safe-links`: a symlink pointing out of the transfer is not backed up */
  safeLinks?: boolean;
  /** `--backup` without `--backup-dir`: the suffix of the backup a deleted file leaves in its directory */
  backupInPlace?: ByteString;
  /** the destination before the transfer wrote into it (the replacement happens as the name is received) */
  before?: FsView;
  /**
   * `--delete-delay`: the pass only picks the names to delete; they are deleted after the transfer,
   * when no directory's per-directory rules are in force any more, so an extraneous directory's
   * contents meet only the global rules and the files inside it (generator.c do_delayed_deletions).
   */
  delay?: boolean;
}

/** A problem of the deletion pass, with rsync's exit code when it is not a plain warning. */
export interface DeletionProblem {
  message: string;
  exitCode?: number;
}

/** Run the deletion pass (the engine must read through `fs`); `sent` holds every name in the sender's list (dest-relative). */
export function runDeletions(dirs: ReceiverDir[], sent: ReadonlySet<ByteString>, engine: FilterEngine, fs: DeletingFs, flags: ReceiverFlags): { deletions: DeletionEntry[]; problems: DeletionProblem[]; exitCode?: number } {
  const out: DeletionEntry[] = [];
  const problems: DeletionProblem[] = [];
  const depthOf = (n: ByteString): number => (n === '.' ? 0 : n.split('/').length);
  const join = (d: ByteString, n: ByteString): ByteString => (d === '.' ? n : `${d}/${n}`);
  const typeOf = (name: ByteString): { isDir: boolean } | null => {
    const a = joinAbs(engine.cwd, name);
    // the receiver's scan never follows a symlink, not even under -L or --copy-dirlinks (rsync 3.5.0
    // deletes a link to a directory as `name`, and a dangling one too)
    const st = fs.lstat(a);
    return st ? { isDir: st.type === 'dir' } : null;
  };
  /**
   * A directory's entries as get_dirlist gives them (f_name_cmp order); rsync deletes from the end
   * of that list backwards, which matters when a per-directory file read later is deleted first.
   */
  const listed = (dir: ByteString): { name: ByteString; st: { isDir: boolean } }[] => {
    const out: { name: ByteString; isDir: boolean; st: { isDir: boolean } }[] = [];
    for (const n of fs.list(joinAbs(engine.cwd, dir)) ?? []) {
      const name = join(dir, n);
      const st = typeOf(name);
      if (st) out.push({ name, isDir: st.isDir, st });
    }
    return out.sort(compareFlistOrder).reverse();
  };
  const delayed: { name: ByteString; isDir: boolean; rule: CompiledRule | null; source?: number }[] = [];

  /** delete_dir_contents: true when the directory ends up empty (nothing protected inside). */
  const deleteContents = (dir: ByteString): boolean => {
    const state = engine.push(dir);
    let empty = true;
    try {
      const victims: { name: ByteString; isDir: boolean; rule: CompiledRule | null }[] = [];
      for (const { name, st } of listed(dir)) {
        const r = engine.check(name, st.isDir);
        if (r.excluded === true) {
          out.push({ name, isDir: st.isDir, action: 'protect', rule: r.rule });
          empty = false;
        } else victims.push({ name, isDir: st.isDir, rule: r.rule });
      }
      for (const v of victims) {
        if (v.isDir) {
          const gone = deleteContents(v.name);
          if (!gone) {
            empty = false;
            out.push({ name: v.name, isDir: true, action: 'protect', rule: null, keptForContents: true });
            continue;
          }
        }
        // --backup without --backup-dir leaves NAME~ in its place (unless the name is a backup
        // already: delete.c's is_backup_file; or, under --safe-links, it is a symlink pointing out
        // of the transfer, which is not backed up), so the directory is not empty any more
        const sfx = flags.backupInPlace;
        if (sfx !== undefined && !v.isDir && !isBackupName(v.name, sfx)) {
          const abs = joinAbs(engine.cwd, v.name);
          const target = flags.safeLinks && fs.lstat(abs)?.type === 'symlink' ? fs.readlink(abs) : null;
          if (target === null || !unsafeSymlink(target, v.name)) empty = false;
        }
        out.push({ name: v.name, isDir: v.isDir, action: 'delete', rule: v.rule });
        fs.remove(joinAbs(engine.cwd, v.name));
      }
    } finally {
      engine.pop(state);
    }
    return empty;
  };

  /** delete_item on a directory: its contents go, perishable rules ignored; true when it ends up empty */
  const emptyDir = (dir: ByteString): boolean => {
    engine.ignorePerishable = true;
    try {
      return deleteContents(dir);
    } finally {
      engine.ignorePerishable = false;
    }
  };

  try {
    // the --delete-before/--delete-after pass walks the whole sorted list, and for every entry that
    // is not a content directory (a file too) it changes the per-directory filter level to that name
    // (do_delete_pass); the first such change does the parent scan of `/`-named dir-merge files
    const sequence: (ReceiverDir & { isDir: boolean })[] = flags.passMode
      ? [...dirs.map((d) => ({ ...d, isDir: true })), ...(flags.passFiles ?? []).map((name) => ({ name, content: false, isDir: false }))].sort(compareFlistOrder)
      : [...dirs].sort((a, b) => compareTreeOrder(a.name, b.name)).map((d) => ({ ...d, isDir: true }));
    for (const d of sequence) {
      // whether the receiver enters the directory (and reads its per-directory files): the
      // --delete-before/--delete-after pass enters every non-content directory, and a content
      // directory only when it exists then; during the transfer a directory is entered once the
      // generator has made it, which a dry run does not do
      const here = typeOf(d.name);
      const present = (here !== null && here.isDir) || flags.dirsCreated === true;
      if (!d.isDir) {
        engine.changeDir(d.name, depthOf(d.name));
        continue;
      }
      if (!d.content) {
        if (present || flags.passMode) engine.changeDir(d.name, depthOf(d.name));
        continue;
      }
      if (!present) continue;
      engine.changeDir(d.name, depthOf(d.name));
      if (!here || !here.isDir) continue;
      const first = out.length;
      for (const { name, st } of listed(d.name)) {
        const kind = flags.replaced?.get(name);
        if (kind !== undefined) {
          // the generator stats the name without following a symlink (no --keep-dirlinks modelled)
          if ((flags.before ?? fs).lstat(joinAbs(engine.cwd, name))?.type === 'dir') {
            if (!emptyDir(name)) problems.push({ message: `could not make way for new ${kind}: ${name} (cannot delete non-empty directory)`, exitCode: 23 });
            else fs.madeWay(joinAbs(engine.cwd, name));
          }
          continue;
        }
        const r = engine.check(name, st.isDir);
        if (r.excluded === true) {
          if (!sent.has(name)) out.push({ name, isDir: st.isDir, action: 'protect', rule: r.rule });
          continue;
        }
        if (sent.has(name)) continue;
        if (flags.delay) {
          delayed.push({ name, isDir: st.isDir, rule: r.rule, source: d.source });
          continue;
        }
        if (st.isDir) {
          if (!emptyDir(name)) {
            out.push({ name, isDir: true, action: 'protect', rule: null, keptForContents: true });
            continue;
          }
        }
        out.push({ name, isDir: st.isDir, action: 'delete', rule: r.rule });
        fs.remove(joinAbs(engine.cwd, name));
      }
      if (d.source !== undefined) for (let k = first; k < out.length; k++) out[k].source = d.source;
    }
    engine.changeDir(null);
    for (const v of delayed) {
      const first = out.length;
      const gone = v.isDir ? emptyDir(v.name) : true;
      if (gone) {
        out.push({ name: v.name, isDir: v.isDir, action: 'delete', rule: v.rule });
        fs.remove(joinAbs(engine.cwd, v.name));
      } else out.push({ name: v.name, isDir: true, action: 'protect', rule: null, keptForContents: true });
      if (v.source !== undefined) for (let k = first; k < out.length; k++) out[k].source = v.source;
    }
  } catch (e) {
    if (!(e instanceof FilterAbort)) throw e;
    problems.push({ message: e.problem.message });
    return { deletions: out, problems, exitCode: e.problem.exitCode ?? 1 };
  }
  for (const p of engine.problems.splice(0)) problems.push({ message: p.message, exitCode: 0 });
  return { deletions: out, problems };
}

/**
 * The non-directories the receiver gets, in the sender's order: what the sender sends, less the
 * entries `left` out (pruned by -m, or a file a directory of the same name beat), and symlinks only
 * when the receiver keeps them (-l, and under --safe-links only those pointing inside the transfer).
 */
export function receivedNonDirs(entries: readonly SenderEntry[], left: (e: SenderEntry) => boolean, links: boolean, safeLinks: boolean): SenderEntry[] {
  return entries.filter((e) => e.action === 'send' && !e.isDir && !left(e) && !(e.symlink && (!links || (safeLinks && e.unsafeLink))));
}

/**
 * The destination as the deletion pass changes it: a per-directory file deleted earlier in the pass
 * is gone when a later directory reads it. (What a real --delete-after transfer wrote first: transfer-writes.ts.)
 */
export class DeletingFs implements FsView {
  private readonly gone = new Set<ByteString>();
  constructor(private readonly inner: FsView) {}
  remove(abs: ByteString): void {
    this.gone.add(abs);
  }
  /**
   * The old directory at `abs` was emptied to make way for what the transfer wrote there: what was
   * deleted below it is no longer what the name leads to (a written symlink leads elsewhere).
   */
  madeWay(abs: ByteString): void {
    for (const p of [...this.gone]) if (p.startsWith(abs + '/')) this.gone.delete(p);
    (this.inner as { madeWay?: (abs: ByteString) => void }).madeWay?.(abs);
  }
  private isGone(abs: ByteString): boolean {
    for (let p = abs; p.length > 1; p = p.slice(0, p.lastIndexOf('/')) || '/') if (this.gone.has(p)) return true;
    return false;
  }
  /** Follow symlinks here (a link's target may be what the pass deleted); null when something on the way is gone. */
  private resolve(abs: ByteString): ByteString | null {
    let p = abs;
    for (let hops = 0; hops <= 40; hops++) {
      if (this.isGone(p)) return null;
      if (this.inner.lstat(p)?.type !== 'symlink') return p;
      const target = this.inner.readlink(p);
      if (target === null) return p;
      p = joinAbs(p.slice(0, p.lastIndexOf('/')) || '/', target);
    }
    return null;
  }
  lstat(abs: ByteString) { return this.isGone(abs) ? null : this.inner.lstat(abs); }
  // (the view underneath still does the following: a link out of the destination is read there)
  stat(abs: ByteString) { return this.resolve(abs) === null ? null : this.inner.stat(abs); }
  read(abs: ByteString) { return this.resolve(abs) === null ? null : this.inner.read(abs); }
  readlink(abs: ByteString) { return this.isGone(abs) ? null : this.inner.readlink(abs); }
  list(abs: ByteString) {
    if (this.isGone(abs)) return null;
    const names = this.inner.list(abs);
    return names && names.filter((n) => !this.gone.has(abs === '/' ? `/${n}` : `${abs}/${n}`));
  }
}

/** Pre-order tree order: `.` first, then by path components, so a directory precedes its contents. */
export function compareTreeOrder(a: ByteString, b: ByteString): number {
  if (a === b) return 0;
  if (a === '.') return -1;
  if (b === '.') return 1;
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** rsync's f_name_cmp order: at each level non-directories first, then directories with their contents. */
export function compareFlistOrder(a: { name: ByteString; isDir: boolean }, b: { name: ByteString; isDir: boolean }): number {
  const key = (e: { name: ByteString; isDir: boolean }): [number, ByteString][] => {
    if (e.name === '.') return [];
    const parts = e.name.split('/');
    return parts.map((p, i) => [i < parts.length - 1 || e.isDir ? 1 : 0, p]);
  };
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i][0] !== kb[i][0]) return ka[i][0] - kb[i][0];
    if (ka[i][1] !== kb[i][1]) return ka[i][1] < kb[i][1] ? -1 : 1;
  }
  return ka.length - kb.length;
}

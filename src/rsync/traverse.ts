// The sender's walk (send_file_list / send_directory): per name, send, exclude or never visited.
import type { ByteString } from './bytes.js';
import { FilterEvaluator, type PerDirState } from './evaluate.js';
import type { CompiledRule } from './rule.js';
import type { TransferRoot } from './transfer.js';
import type { TreeEntry, TreeSource } from './tree.js';

/** What happened to one path. */
export type Action = 'send' | 'exclude' | 'unvisited';

/** One path of the transfer. */
export interface EntryResult {
  /** the name from the transfer root, without a trailing slash */
  name: ByteString;
  isDir: boolean;
  action: Action;
  /** the deciding rule; for unvisited entries the rule that excluded the nearest excluded ancestor */
  rule: CompiledRule | null;
  /** an implied directory (-R), never filtered */
  implied?: boolean;
  /** dropped by -m because no file lies below it */
  pruned?: boolean;
  /** a symlink the receiver skips (no -l) */
  skippedSymlink?: boolean;
  /** dropped from the list: another source sends a directory of the same name */
  duplicate?: boolean;
}

/** Transfer flags that shape the walk. */
export interface WalkFlags {
  recursive: boolean;
  dirs: boolean;
  copyLinks: boolean;
  copyDirlinks: boolean;
  pruneEmptyDirs: boolean;
}

/** A directory that could not be read. */
export interface WalkError {
  path: ByteString;
  message: string;
}

/** Walk one transfer. `tree` is rooted at the transfer's baseDir; `absBase` is that directory's absolute path. */
export function walkTransfer(root: TransferRoot, tree: TreeSource, evaluator: FilterEvaluator, flags: WalkFlags, absBase: ByteString): { entries: EntryResult[]; errors: WalkError[] } {
  const entries: EntryResult[] = [];
  const errors: WalkError[] = [];
  const join = (a: ByteString, b: ByteString): ByteString => (a ? `${a}/${b}` : b);
  const absOf = (p: ByteString): ByteString => (p ? (absBase.endsWith('/') ? absBase + p : `${absBase}/${p}`) : absBase);
  const isDirEntry = (e: TreeEntry): boolean => e.type === 'dir' || (e.type === 'symlink' && (flags.copyLinks || flags.copyDirlinks) && e.targetIsDir === true);

  const markUnvisited = (path: ByteString, name: ByteString, rule: CompiledRule | null): void => {
    const list = tree.list(path);
    if (!Array.isArray(list)) return;
    for (const e of sortEntries(list)) {
      const childPath = join(path, e.name);
      const childName = join(name, e.name);
      const dir = isDirEntry(e);
      entries.push({ name: childName, isDir: dir, action: 'unvisited', rule });
      if (dir && e.type === 'dir') markUnvisited(childPath, childName, rule);
    }
  };

  const scanDir = (path: ByteString, name: ByteString, state: PerDirState, depthLeft: boolean): void => {
    const list = tree.list(path);
    if (!Array.isArray(list)) {
      errors.push({ path: path || '.', message: list.error });
      return;
    }
    const inner = evaluator.enterDir(state, absOf(path), (f) => tree.readFile(join(path, f)), (f) => join(path, f));
    for (const e of sortEntries(list)) {
      visit(join(path, e.name), join(name, e.name), e, inner, depthLeft);
    }
  };

  const visit = (path: ByteString, name: ByteString, e: TreeEntry, state: PerDirState, recurse: boolean): void => {
    const dir = isDirEntry(e);
    const d = evaluator.decide(name, dir, state);
    if (!d.included) {
      entries.push({ name, isDir: dir, action: 'exclude', rule: d.rule });
      if (dir && e.type === 'dir') markUnvisited(path, name, d.rule);
      return;
    }
    entries.push({ name, isDir: dir, action: 'send', rule: d.rule });
    if (dir) {
      if (recurse && flags.recursive) scanDir(path, name, state, true);
      else markUnvisited(path, name, null);
    }
  };

  const top = new Map<number, CompiledRule[]>() as PerDirState;
  if (root.itemName === null) {
    if (flags.recursive || flags.dirs) scanDir(root.itemPath, '', top, flags.recursive);
    else markUnvisited(root.itemPath, '', null);
  } else {
    const st = tree.stat(root.itemPath);
    if (!st) {
      errors.push({ path: root.itemPath, message: 'No such file or directory' });
    } else {
      for (const implied of root.impliedDirs) entries.push({ name: implied, isDir: true, action: 'send', rule: null, implied: true });
      const dir = isDirEntry(st);
      if (dir && !flags.recursive && !flags.dirs) {
        // rsync says "skipping directory NAME" and sends nothing of it
        entries.push({ name: root.itemName, isDir: true, action: 'unvisited', rule: null });
        markUnvisited(root.itemPath, root.itemName, null);
      } else {
        visit(root.itemPath, root.itemName, st, top, true);
      }
      const own = entries.find((x) => x.name === root.itemName);
      if (own && own.action !== 'send') {
        for (const x of entries) if (x.implied) x.action = 'unvisited';
      }
    }
  }
  if (flags.pruneEmptyDirs) pruneEmpty(entries);
  entries.sort((a, b) => compareBytes(displayName(a), displayName(b)));
  return { entries, errors };
}

/** rsync's readdir order does not matter for the decisions; sort for stable output. */
function sortEntries(list: TreeEntry[]): TreeEntry[] {
  return [...list].sort((a, b) => compareBytes(a.name, b.name));
}

/** The name as written in output: directories end in `/`. */
export function displayName(e: { name: ByteString; isDir: boolean }): ByteString {
  return e.isDir ? `${e.name}/` : e.name;
}

/** Bytewise comparison of byte strings. */
export function compareBytes(a: ByteString, b: ByteString): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -m: drop sent directories that have no sent non-directory below them. */
function pruneEmpty(entries: EntryResult[]): void {
  const hasFile = new Set<ByteString>();
  for (const e of entries) {
    if (e.action !== 'send' || e.isDir) continue;
    let p = e.name;
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/')) {
      p = p.slice(0, i);
      if (hasFile.has(p)) break;
      hasFile.add(p);
    }
  }
  for (const e of entries) {
    if (e.action === 'send' && e.isDir && !hasFile.has(e.name)) {
      e.action = 'exclude';
      e.pruned = true;
    }
  }
}

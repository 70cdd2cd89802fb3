// The result of the sender's walk, per name: send, exclude or never visited (explain's entry type).
import type { ByteString } from './bytes.js';
import type { CompiledRule } from './rule.js';

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

/** The name as written in output: directories end in `/`. */
export function displayName(e: { name: ByteString; isDir: boolean }): ByteString {
  return e.isDir ? `${e.name}/` : e.name;
}

/** Bytewise comparison of byte strings. */
export function compareBytes(a: ByteString, b: ByteString): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


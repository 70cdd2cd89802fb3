// Names the rules reason about: the catalog's lists of top-level names, everywhere-names and system dirs.
import type { SourceInfo } from './types.js';

/** Names usually meant at the top of the tree (RULES.md RSL101: warning). */
export const TOP_LEVEL_NAMES: ReadonlySet<string> = new Set([
  'tmp', 'var/tmp', 'proc', 'sys', 'dev', 'run', 'mnt', 'media', 'boot', 'srv', 'opt', 'home', 'root', 'src',
  'vendor', 'build', 'dist', 'images', 'public', 'uploads', 'cache', 'test', 'tests',
]);

/** Names that are meant at every depth (RULES.md RSL101: quiet). */
export const EVERYWHERE_NAMES: ReadonlySet<string> = new Set([
  'node_modules', '.git', '.svn', '.hg', '.bzr', '__pycache__', '*.pyc', '*.pyo', '*.o', '*.swp', '*~', '.DS_Store',
  'Thumbs.db', 'desktop.ini', '.cache', '.npm', '.nvm', '.thumbnails', '.Trash*', '.venv', 'venv', '.tox',
  '.mypy_cache', '.pytest_cache', '.gradle', '.idea', '.vscode', 'lost+found',
]);

/** Directories that programs expect to exist: dropping them whole breaks the copy (RSL102). */
export const EXPECTED_DIRS: ReadonlyMap<string, 'warning' | 'info'> = new Map([
  ['tmp', 'warning'], ['var/tmp', 'warning'], ['run', 'warning'], ['proc', 'warning'], ['sys', 'warning'],
  ['dev', 'warning'], ['mnt', 'info'], ['media', 'info'],
]);

/** The Maildir subdirectories every Maildir (and Maildir++ folder) needs. */
export const MAILDIR_PARTS: ReadonlySet<string> = new Set(['tmp', 'new', 'cur']);

/** Is the source's transfer root the filesystem root (`/`, `host:/`, `-R` with an absolute operand)? */
export function rootIsFilesystemRoot(src: SourceInfo): boolean {
  if (src.root.absoluteNames) return true;
  const p = src.path.replace(/\/\.?$/, '/');
  return p === '/' || p === '/.' || /^\/+$/.test(p);
}

/**
 * The names of a source's entries start with this prefix (`src/` for operand `src`, the operand's
 * path under -R), so an anchored pattern for that source is `/` + prefix + name.
 */
export function anchorPrefix(src: SourceInfo): string {
  if (src.root.itemName === null) return '';
  const parts = src.root.itemName.split('/');
  // a glob in the operand is expanded by the shell: anchor below the literal part
  const literal: string[] = [];
  for (const part of parts) {
    if (/[*?[]/.test(part)) break;
    literal.push(part);
  }
  return literal.length ? literal.join('/') + '/' : '';
}

// Transfer roots (rsync's send_file_list): which name each source operand's entries get.
import * as path from 'node:path';
import type { ByteString } from './bytes.js';

/** How one source operand is named from its transfer root. */
export interface TransferRoot {
  /** the operand as written */
  operand: string;
  /** directory (as a path string, relative to the process cwd or absolute) that the names are relative to */
  baseDir: string;
  /** path of the operand's own item below baseDir ('' for a dot-dir operand such as `src/`) */
  itemPath: ByteString;
  /** the name rsync gives the operand item; null when it is the root `.` (never filtered) */
  itemName: ByteString | null;
  /** implied parent directories under -R (never filtered), as names */
  impliedDirs: ByteString[];
  /** names start with `/` (absolute operand under -R): matched as if the `/` were not there */
  absoluteNames: boolean;
}

/** Clean a path the way rsync's clean_fname does for names: no `./`, no `//`, no trailing `/` or `/.`. */
export function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    parts.push(part);
  }
  return (abs ? '/' : '') + parts.join('/');
}

/** The transfer root of a local source operand (its path part, for remote operands). */
export function transferRoot(operand: string, relative: boolean): TransferRoot {
  if (!relative) {
    const dotDir = operand === '.' || operand === '/' || operand.endsWith('/') || operand.endsWith('/.') || operand === '..' || operand.endsWith('/..');
    if (dotDir) {
      return { operand, baseDir: operand, itemPath: '', itemName: null, impliedDirs: [], absoluteNames: false };
    }
    const slash = operand.lastIndexOf('/');
    const baseDir = slash < 0 ? '.' : slash === 0 ? '/' : operand.slice(0, slash);
    const item = operand.slice(slash + 1);
    return { operand, baseDir, itemPath: item, itemName: item, impliedDirs: [], absoluteNames: false };
  }
  const marker = operand.indexOf('/./');
  let baseDir = '.';
  let rest = operand;
  if (marker >= 0) {
    baseDir = operand.slice(0, marker) || '/';
    rest = operand.slice(marker + 3);
  } else if (operand.startsWith('./')) {
    rest = operand.slice(2);
  }
  const cleaned = cleanPath(rest);
  const absoluteNames = cleaned.startsWith('/');
  const itemPath = absoluteNames ? cleaned.slice(1) : cleaned;
  if (absoluteNames) baseDir = '/';
  if (itemPath === '') {
    return { operand, baseDir, itemPath: '', itemName: null, impliedDirs: [], absoluteNames };
  }
  const parts = itemPath.split('/');
  const implied: string[] = [];
  for (let i = 1; i < parts.length; i++) implied.push(parts.slice(0, i).join('/'));
  return { operand, baseDir, itemPath, itemName: itemPath, impliedDirs: implied, absoluteNames };
}

/** Absolute directory of the sender's working directory for `/`-modifier rules. */
export function senderCwd(root: TransferRoot, processCwd: string): string {
  return path.resolve(processCwd, root.baseDir);
}

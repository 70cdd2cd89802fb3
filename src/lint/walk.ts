// Expanding the paths given on the command line into the files to lint (directories searched with minimatch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { InputError } from '../engine/types.js';
import { DIRECTORY_GLOBS, shebangShell } from './classify.js';

/** Skipped while searching directories. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** The files to lint, in the order found, and the paths that could not be read. */
export function expandPaths(paths: string[], cwd: string): { files: string[]; errors: InputError[] } {
  const files: string[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    const key = path.resolve(cwd, f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(path.resolve(cwd, p));
    } catch (e) {
      errors.push({ file: p, message: `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}` });
      continue;
    }
    if (st.isDirectory()) searchDir(p, cwd, add, errors);
    else add(p);
  }
  return { files, errors };
}

function searchDir(dir: string, cwd: string, add: (f: string) => void, errors: InputError[]): void {
  const stack = [dir];
  const visited = new Set<string>();
  while (stack.length) {
    const d = stack.pop()!;
    const abs = path.resolve(cwd, d);
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch {
      real = abs;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: d, message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      const rel = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) subdirs.push(rel);
      } else if (e.isFile() && wanted(rel, path.relative(dir, rel), abs)) {
        add(rel);
      }
    }
    stack.push(...subdirs.reverse());
  }
}

/** Does a file found in a directory search look like something to lint? */
function wanted(rel: string, inDir: string, absDir: string): boolean {
  if (DIRECTORY_GLOBS.some((g) => minimatch(inDir, g, { dot: true, matchBase: false }))) return true;
  if (path.extname(rel) !== '') return false;
  try {
    const fd = fs.openSync(path.join(absDir, path.basename(rel)), 'r');
    const buf = Buffer.alloc(128);
    const n = fs.readSync(fd, buf, 0, 128, 0);
    fs.closeSync(fd);
    const shell = shebangShell(buf.subarray(0, n).toString('latin1'));
    return shell === 'sh' || shell === 'bash';
  } catch {
    return false;
  }
}

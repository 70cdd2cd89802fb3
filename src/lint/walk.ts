// Expanding the paths given on the command line into the files to lint (directories searched with minimatch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { bufferToBytes, displayBytes } from '../rsync/bytes.js';
import type { InputError } from '../engine/types.js';
import { DIRECTORY_GLOBS, shebangShell } from './classify.js';

/** Skipped while searching directories. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** A file to lint: how it is shown, and its path for the file system (bytes, so any name works). */
export interface InputFile {
  display: string;
  fsPath: Buffer;
}

/** The files to lint, in the order found, and the paths that could not be read. */
export function expandPaths(paths: string[], cwd: string): { files: InputFile[]; errors: InputError[] } {
  const files: InputFile[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const add = (f: InputFile): void => {
    const key = path.resolve(cwd, bufferToBytes(f.fsPath));
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const p of paths) {
    const fsPath = Buffer.from(path.resolve(cwd, p));
    let st: fs.Stats;
    try {
      st = fs.statSync(fsPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && p.includes('\uFFFD')) errors.push({ file: p, message: notUtf8Message(p) });
      else errors.push({ file: p, message: `cannot read: ${code === 'ENOENT' ? 'no such file or directory' : code === 'ELOOP' ? 'symbolic link loop' : (e as Error).message}` });
      continue;
    }
    if (st.isDirectory()) searchDir({ display: p, fsPath }, add, errors);
    else add({ display: p, fsPath });
  }
  return { files, errors };
}

/**
 * Why a path argument holding U+FFFD is not found: Node decodes argv as UTF-8 and puts U+FFFD for bytes that
 * are not, so a name that is not valid UTF-8 never reaches us. A directory search reads names as bytes.
 */
function notUtf8Message(arg: string): string {
  const parts = arg.split('/');
  const bad = parts.findIndex((part) => part.includes('\uFFFD'));
  const holder = bad === 0 ? '.' : parts.slice(0, bad).join('/') || '/';
  const what = bad === parts.length - 1 ? 'the name given is' : `the directory \`${parts[bad]}\` in it is`;
  return `cannot open: ${what} not valid UTF-8, and Node cannot pass such bytes from the command line; lint \`${holder}\`, the directory that holds it, instead`;
}

const joinBuf = (dir: Buffer, name: Buffer): Buffer => Buffer.concat([dir, Buffer.from('/'), name]);

function searchDir(top: InputFile, add: (f: InputFile) => void, errors: InputError[]): void {
  const stack: { dir: InputFile; rel: string }[] = [{ dir: top, rel: '' }];
  const visited = new Set<string>();
  while (stack.length) {
    const { dir, rel } = stack.pop()!;
    try {
      const st = fs.statSync(dir.fsPath);
      const id = `${st.dev}:${st.ino}`;
      if (visited.has(id)) continue; // a symlink loop or a second way to the same directory
      visited.add(id);
    } catch {
      // reported by readdir below
    }
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(dir.fsPath, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      errors.push({ file: dir.display, message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    const subdirs: { dir: InputFile; rel: string }[] = [];
    for (const e of entries) {
      const shown = displayBytes(bufferToBytes(e.name));
      const child: InputFile = { display: path.join(dir.display, shown), fsPath: joinBuf(dir.fsPath, e.name) };
      const childRel = rel ? `${rel}/${shown}` : shown;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(shown)) subdirs.push({ dir: child, rel: childRel });
      } else if (e.isFile() && wanted(childRel, child.fsPath)) {
        add(child);
      }
    }
    stack.push(...subdirs.reverse());
  }
}

/** Does a file found in a directory search look like something to lint? */
function wanted(rel: string, fsPath: Buffer): boolean {
  if (DIRECTORY_GLOBS.some((g) => minimatch(rel, g, { dot: true }))) return true;
  if (path.extname(rel) !== '') return false;
  try {
    const fd = fs.openSync(fsPath, 'r');
    try {
      const buf = Buffer.alloc(128);
      const n = fs.readSync(fd, buf, 0, 128, 0);
      const shell = shebangShell(buf.subarray(0, n).toString('latin1'));
      return shell === 'sh' || shell === 'bash';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

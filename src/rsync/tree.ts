// Source trees for the model: a listing (the --tree format) or the disk, both addressed by byte paths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bufferToBytes, bytesToBuffer, type ByteString } from './bytes.js';

/** The kind of a directory entry, as lstat sees it. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

/** One directory entry. */
export interface TreeEntry {
  name: ByteString;
  type: EntryType;
  /** for symlinks: whether the target is a directory (for -L / --copy-dirlinks) */
  targetIsDir?: boolean;
}

/** A tree the traversal can read; paths are byte strings relative to the tree's root, '' = the root. */
export interface TreeSource {
  /** entries of a directory, or an error message */
  list(dir: ByteString): TreeEntry[] | { error: string };
  /** the entry at a path, or null when absent */
  stat(p: ByteString): TreeEntry | null;
  /** a regular file's content, or null */
  readFile(p: ByteString): ByteString | null;
}

interface Node {
  type: EntryType;
  content?: ByteString;
  target?: ByteString;
  children?: Map<ByteString, Node>;
}

/** A problem in a listing line. */
export interface ListingProblem {
  line: number;
  message: string;
}

/** A tree given as a listing (one path per line, `dir/` for directories, TAB `=TEXT` / `@TARGET`). */
export class ListingTree implements TreeSource {
  private readonly root: Node = { type: 'dir', children: new Map() };
  readonly problems: ListingProblem[] = [];
  /** files read (as filter files) that the listing names without their contents: read as empty */
  readonly readWithoutContent = new Set<ByteString>();

  /** Parse a listing (bytes). `mount` puts every path below that prefix (e.g. `src/`). */
  constructor(data: ByteString, mount: ByteString = '') {
    const lines = data.split('\n');
    lines.forEach((raw, idx) => {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.length === 0 || line.startsWith('# ')) return;
      this.addLine(line, idx + 1, mount);
    });
  }

  private addLine(line: ByteString, lineNo: number, mount: ByteString): void {
    let p = line;
    let node: Node = { type: 'file' };
    const tab = line.indexOf('\t');
    if (tab >= 0 && (line[tab + 1] === '=' || line[tab + 1] === '@')) {
      p = line.slice(0, tab);
      const rest = line.slice(tab + 2);
      node = line[tab + 1] === '=' ? { type: 'file', content: decodeEscapes(rest) } : { type: 'symlink', target: rest };
    } else if (p.endsWith('/')) {
      node = { type: 'dir', children: new Map() };
      p = p.replace(/\/+$/, '');
    }
    // `\#ooo` is a byte, as rsync prints names (a newline, a TAB)
    p = p.replace(/\\#([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
    const parts = (mount + p).split('/').filter((s) => s.length > 0 && s !== '.');
    if (parts.length === 0) return;
    if (parts.includes('..') || p.startsWith('/')) {
      this.problems.push({ line: lineNo, message: `listing path must be relative without '..': ${p}` });
      return;
    }
    let dir = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      let child = dir.children!.get(parts[i]);
      if (!child) {
        child = { type: 'dir', children: new Map() };
        dir.children!.set(parts[i], child);
      } else if (child.type !== 'dir') {
        this.problems.push({ line: lineNo, message: `${parts.slice(0, i + 1).join('/')} is listed as a file and as a directory` });
        return;
      }
      dir = child;
    }
    const last = parts[parts.length - 1];
    const existing = dir.children!.get(last);
    if (existing && existing.type === 'dir' && node.type === 'dir') return;
    if (existing && existing.type === 'dir' && existing.children!.size > 0) {
      this.problems.push({ line: lineNo, message: `${parts.join('/')} is listed as a file and as a directory` });
      return;
    }
    dir.children!.set(last, node);
  }

  private find(p: ByteString): Node | null {
    let node: Node | undefined = this.root;
    for (const part of p.split('/').filter((s) => s.length > 0)) {
      node = node?.children?.get(part);
      if (!node) return null;
    }
    return node;
  }

  list(dir: ByteString): TreeEntry[] | { error: string } {
    const node = this.find(dir);
    if (!node || node.type !== 'dir') return { error: 'not a directory' };
    return [...node.children!.entries()].map(([name, n]) => ({ name, type: n.type, targetIsDir: n.type === 'symlink' ? this.targetIsDir(dir, n) : undefined }));
  }

  private targetIsDir(dir: ByteString, n: Node): boolean {
    const t = n.target ?? '';
    if (t.startsWith('/')) return false;
    const resolved = path.posix.normalize(path.posix.join(dir, t));
    if (resolved.startsWith('..')) return false;
    return this.find(resolved === '.' ? '' : resolved)?.type === 'dir';
  }

  stat(p: ByteString): TreeEntry | null {
    const node = this.find(p);
    if (!node) return null;
    return { name: p.slice(p.lastIndexOf('/') + 1), type: node.type };
  }

  readFile(p: ByteString): ByteString | null {
    const node = this.find(p);
    if (!node || node.type !== 'file') return null;
    if (node.content === undefined) this.readWithoutContent.add(p);
    return node.content ?? '';
  }

  /** A file's contents when the listing gives them (not counted as read). */
  contentOf(p: ByteString): ByteString | undefined {
    const node = this.find(p);
    return node && node.type === 'file' ? node.content : undefined;
  }

  /** A symlink's target text, or null when p is not a symlink. */
  linkTarget(p: ByteString): ByteString | null {
    const node = this.find(p);
    return node && node.type === 'symlink' ? node.target ?? '' : null;
  }
}

/** Decode the `\n`, `\r`, `\t`, `\\` escapes of a listing's `=TEXT`. */
function decodeEscapes(s: ByteString): ByteString {
  return s.replace(/\\([nrt\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[c] ?? c);
}

/** The disk below an absolute root directory, read-only, names as bytes; never follows symlinks. */
export class DiskTree implements TreeSource {
  constructor(readonly root: string) {}

  private abs(p: ByteString): Buffer {
    const rootBytes = Buffer.from(this.root, 'utf8');
    if (!p) return rootBytes;
    const sep = this.root.endsWith('/') ? '' : '/';
    return Buffer.concat([rootBytes, Buffer.from(sep), bytesToBuffer(p)]);
  }

  list(dir: ByteString): TreeEntry[] | { error: string } {
    try {
      const dirents = fs.readdirSync(this.abs(dir), { withFileTypes: true, encoding: 'buffer' });
      return dirents.map((d) => {
        const name = bufferToBytes(d.name as unknown as Buffer);
        const type: EntryType = d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'symlink' : d.isFile() ? 'file' : 'other';
        const entry: TreeEntry = { name, type };
        if (type === 'symlink') entry.targetIsDir = this.isDirTarget(dir ? `${dir}/${name}` : name);
        return entry;
      });
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
    }
  }

  private isDirTarget(p: ByteString): boolean {
    try {
      return fs.statSync(this.abs(p)).isDirectory();
    } catch {
      return false;
    }
  }

  stat(p: ByteString): TreeEntry | null {
    try {
      const st = fs.lstatSync(this.abs(p));
      const type: EntryType = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other';
      const entry: TreeEntry = { name: p.slice(p.lastIndexOf('/') + 1), type };
      if (type === 'symlink') entry.targetIsDir = this.isDirTarget(p);
      return entry;
    } catch {
      return null;
    }
  }

  readFile(p: ByteString): ByteString | null {
    try {
      return bufferToBytes(fs.readFileSync(this.abs(p)));
    } catch {
      return null;
    }
  }
}

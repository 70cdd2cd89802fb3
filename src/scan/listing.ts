// Tree listings for --tree: our paths format, `find SRC -printf '%y %P\n'`, and `rsync --list-only -r SRC/`.
import { closeSync, openSync, readSync } from 'node:fs';
import type { ByteString } from '../rsync/bytes.js';

/** The listing formats --tree accepts. */
export type TreeFormat = 'paths' | 'find' | 'rsync';

/** One entry of a listing. */
export interface ListingEntry {
  /** path relative to the source directory, no trailing slash, bytes */
  path: ByteString;
  type: 'file' | 'dir' | 'symlink' | 'other';
  /** size in bytes, when the listing says (rsync format) */
  size?: number;
  /** file content (paths format `=TEXT`) */
  content?: ByteString;
  /** 1-based line number in the listing */
  line: number;
}

const FIND_LINE = /^[bcdpflsD] /;
const RSYNC_LINE = /^([-dlcbps])[-rwxsStT]{9}[.+@]?\s+([\d,.]+)\s+\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (.*)$/;

/** Decides, line by line, which format every (non-empty, non-comment) line fits. */
export class FormatDetector {
  private find = true;
  private rsync = true;
  private anyFind = false;
  private anyRsync = false;
  private count = 0;

  add(raw: ByteString): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length === 0 || line.startsWith('# ')) return;
    this.count++;
    const f = FIND_LINE.test(line);
    const r = RSYNC_LINE.test(line);
    this.find &&= f;
    this.rsync &&= r;
    this.anyFind ||= f;
    this.anyRsync ||= r;
  }

  /** The format, or null when the lines do not agree on one. */
  result(): TreeFormat | null {
    if (this.count === 0) return 'paths';
    if (this.rsync) return 'rsync';
    if (this.find) return 'find';
    if (!this.anyFind && !this.anyRsync) return 'paths';
    return null;
  }
}

/** Which format every line fits; null when they disagree. */
export function detectFormat(lines: Iterable<ByteString>): TreeFormat | null {
  const d = new FormatDetector();
  for (const l of lines) d.add(l);
  return d.result();
}

/** Undo rsync's `\#ooo` escapes. */
function unescapeRsync(s: ByteString): ByteString {
  return s.replace(/\\#([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** Decode the `\n`, `\r`, `\t`, `\\` escapes of a paths listing's `=TEXT`. */
function decodeEscapes(s: ByteString): ByteString {
  return s.replace(/\\([nrt\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[c] ?? c);
}

const FIND_TYPES: Record<string, ListingEntry['type']> = { f: 'file', d: 'dir', l: 'symlink' };
const RSYNC_TYPES: Record<string, ListingEntry['type']> = { '-': 'file', d: 'dir', l: 'symlink' };

/** Parse one listing line; null for skipped lines, a string for a problem. */
export function parseListingLine(raw: ByteString, format: TreeFormat, line: number): ListingEntry | null | string {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.length === 0 || text.startsWith('# ')) return null;
  let entry: ListingEntry;
  if (format === 'find') {
    if (!FIND_LINE.test(text)) return `not a \`find -printf '%y %P\\n'\` line`;
    entry = { path: text.slice(2), type: FIND_TYPES[text[0]] ?? 'other', line };
  } else if (format === 'rsync') {
    const m = RSYNC_LINE.exec(text);
    if (!m) return 'not an `rsync --list-only` line';
    let name = m[3];
    const type = RSYNC_TYPES[m[1]] ?? 'other';
    if (type === 'symlink') {
      const arrow = name.indexOf(' -> ');
      if (arrow >= 0) name = name.slice(0, arrow);
    }
    entry = { path: unescapeRsync(name), type, size: Number(m[2].replace(/[,.]/g, '')), line };
  } else {
    const tab = text.indexOf('\t');
    if (tab >= 0 && (text[tab + 1] === '=' || text[tab + 1] === '@')) {
      entry = text[tab + 1] === '='
        ? { path: text.slice(0, tab), type: 'file', content: decodeEscapes(text.slice(tab + 2)), line }
        : { path: text.slice(0, tab), type: 'symlink', line };
    } else if (text.endsWith('/')) {
      entry = { path: text, type: 'dir', line };
    } else {
      entry = { path: text, type: 'file', line };
    }
  }
  const parts = entry.path.split('/').filter((p) => p.length > 0 && p !== '.');
  if (parts.includes('..') || entry.path.startsWith('/')) return "a listing path must be relative and hold no '..'";
  entry.path = parts.join('/');
  if (entry.path.length === 0) return null; // the root itself
  return entry;
}

/** Read a listing file line by line (bytes), without holding it all in memory. */
export function forEachLine(fd: number, each: (line: ByteString, lineNo: number) => void): void {
  const buf = Buffer.alloc(1 << 20);
  let pending = '';
  let lineNo = 0;
  let pos = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n <= 0) break;
    pos += n;
    const chunk = pending + buf.toString('latin1', 0, n);
    const lines = chunk.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) each(l, ++lineNo);
  }
  if (pending.length) each(pending, ++lineNo);
}

/** A listing file: detect (or take) its format and feed its entries; problems are collected. */
export class ListingFile {
  readonly problems: { line: number; message: string }[] = [];
  readonly format: TreeFormat | null;

  constructor(readonly path: string, format?: TreeFormat) {
    if (format) {
      this.format = format;
    } else {
      const detector = new FormatDetector();
      this.withFd((fd) => forEachLine(fd, (l) => detector.add(l)));
      this.format = detector.result();
    }
  }

  private withFd(f: (fd: number) => void): void {
    const fd = openSync(this.path, 'r');
    try {
      f(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Feed every entry (re-reads the file). */
  feed = (each: (e: ListingEntry) => void): void => {
    const format = this.format ?? 'paths';
    const record = this.problems.length === 0;
    let more = 0;
    let firstMore = 0;
    this.withFd((fd) => forEachLine(fd, (raw, lineNo) => {
      const e = parseListingLine(raw, format, lineNo);
      if (typeof e === 'string') {
        if (!record) return;
        if (this.problems.length < MAX_LINE_PROBLEMS) this.problems.push({ line: lineNo, message: e });
        else if (more++ === 0) firstMore = lineNo;
      } else if (e) {
        each(e);
      }
    }));
    if (more) this.problems.push({ line: firstMore, message: `and ${more} more line${more === 1 ? '' : 's'} from here on that do not fit the ${format} format` });
  };
}

/** Bad listing lines reported one by one; the rest are counted. */
const MAX_LINE_PROBLEMS = 20;

/** A name for the paths format: a newline, CR or TAB (and a `\#` that would read as an escape) as `\#ooo`. */
function escapePath(p: ByteString): ByteString {
  return p.replace(/\\(?=#[0-7]{3})|[\n\r\t]/g, (c) => `\\#${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

/**
 * A listing in any format rewritten in the paths format (for explain, which reads that one):
 * `find` and `rsync` lines become `path` / `dir/` lines. An error when the format is ambiguous.
 */
export function listingAsPaths(data: ByteString, format?: TreeFormat): ByteString | { error: string } {
  const lines = data.split('\n');
  const fmt = format ?? detectFormat(lines);
  if (fmt === null) return { error: 'cannot tell the listing format (its lines fit different formats): give --tree-format paths|find|rsync' };
  if (fmt === 'paths') return data;
  const out: ByteString[] = [];
  const problems: string[] = [];
  lines.forEach((raw, i) => {
    const e = parseListingLine(raw, fmt, i + 1);
    if (typeof e === 'string') problems.push(`line ${i + 1}: ${e}`);
    else if (e) out.push(e.type === 'dir' ? `${escapePath(e.path)}/` : escapePath(e.path));
  });
  if (problems.length) return { error: `${problems.length} bad line${problems.length === 1 ? '' : 's'} for the ${fmt} format (first: ${problems[0]})` };
  return out.join('\n') + '\n';
}

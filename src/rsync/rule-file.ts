// Reading rule files the way rsync's parse_filter_file does: line ends, comments, word splitting, limits.
import type { ByteString } from './bytes.js';

/** rsync's BIGPATHBUFLEN - 1: a line longer than this is discarded whole. */
export const MAX_LINE_BYTES = 5119;

/** One rule text read from a file, with where it sits. */
export interface RuleFileItem {
  text: ByteString;
  /** 1-based line number */
  line: number;
  /** byte offset of `text` within its line */
  column: number;
  /** byte offset of the line start within the file */
  lineStart: number;
}

/** A line rsync skipped with a warning. */
export interface RuleFileDiscard {
  line: number;
  length: number;
  message: string;
}

/** How to read the file. */
export interface RuleFileOptions {
  /** split on every whitespace byte (`w` merge files, CVS sources) */
  wordSplit?: boolean;
  /** `#`/`;` lines are comments (off for word-split files) */
  comments?: boolean;
  /** `--from0`: NUL is the only terminator */
  from0?: boolean;
}

const isSpaceByte = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/** Split a rule file's bytes into rule texts. */
export function readRuleFile(data: ByteString, opts: RuleFileOptions = {}): { items: RuleFileItem[]; discarded: RuleFileDiscard[] } {
  const items: RuleFileItem[] = [];
  const discarded: RuleFileDiscard[] = [];
  const comments = opts.comments ?? !opts.wordSplit;
  let line = 1;
  let i = 0;
  const n = data.length;
  while (i < n) {
    // one physical line (or NUL-terminated record)
    const lineStart = i;
    let end = i;
    if (opts.from0) {
      while (end < n && data.charCodeAt(end) !== 0) end++;
    } else {
      while (end < n && data[end] !== '\n' && data[end] !== '\r') end++;
    }
    let content = data.slice(lineStart, end);
    // the length limit counts the whole physical line, bytes after a NUL included
    const physical = content.length;
    // without -0 a NUL silently ends the rule (in word-split files, only the word holding it)
    if (!opts.from0 && !opts.wordSplit) {
      const nul = content.indexOf('\0');
      if (nul >= 0) content = content.slice(0, nul);
    }
    let next = end;
    if (next < n) {
      if (!opts.from0 && data[next] === '\r' && data[next + 1] === '\n') next += 2;
      else next += 1;
    }
    if (opts.wordSplit) {
      splitWords(content, line, lineStart, items);
    } else if (physical > MAX_LINE_BYTES) {
      discarded.push({ line, length: physical, message: `discarding over-long filter: line of ${physical} bytes` });
    } else if (content.length > 0 && !(comments && (content[0] === '#' || content[0] === ';'))) {
      items.push({ text: content, line, column: 0, lineStart });
    }
    if (!opts.from0 && data[end] === '\r' && data[end + 1] === '\n') line++;
    else if (end < n) line++;
    i = next;
  }
  return { items, discarded };
}

function splitWords(content: ByteString, line: number, lineStart: number, items: RuleFileItem[]): void {
  let j = 0;
  while (j < content.length) {
    while (j < content.length && isSpaceByte(content.charCodeAt(j))) j++;
    const start = j;
    while (j < content.length && !isSpaceByte(content.charCodeAt(j))) j++;
    if (j - start > MAX_LINE_BYTES) continue; // rsync discards the over-long word
    let word = content.slice(start, j);
    const nul = word.indexOf('\0');
    if (nul >= 0) word = word.slice(0, nul);
    if (word.length > 0) items.push({ text: word, line, column: start, lineStart });
  }
}

// Turning the model's rules into rule sites: each pattern placed at its line and column in its file.
import { bytesToBuffer, displayBytes, type ByteString } from '../rsync/bytes.js';
import { readRuleFile } from '../rsync/rule-file.js';
import { compileRule, type FilterRule } from '../rsync/rule.js';
import type { Location, RuleSite } from './types.js';

/** Places a range of an argv word: word index, UTF-16 start and end offsets in the word. */
export type WordLocator = (wordIndex: number, start: number, end: number) => Location | undefined;

/** A rule file's text, to place patterns read from it. */
export interface LoadedFile {
  /** the name shown in findings */
  display: string;
  /** the file's bytes */
  data: ByteString;
}

/** Number of UTF-16 units of the UTF-8 text held in `bytes`. */
export function utf16Length(bytes: ByteString): number {
  return bytesToBuffer(bytes).toString('utf8').length;
}

/** 1-based UTF-16 column of a byte offset within a line (bytes). */
function columnOf(lineBytes: ByteString, byteOffset: number): number {
  return utf16Length(lineBytes.slice(0, byteOffset)) + 1;
}

const LINES_CACHE = new WeakMap<LoadedFile, string[]>();

/** The lines of a loaded file (split once per file). */
function linesOf(file: LoadedFile): string[] {
  let lines = LINES_CACHE.get(file);
  if (!lines) {
    lines = file.data.split(/\r\n|\r|\n/);
    LINES_CACHE.set(file, lines);
  }
  return lines;
}

/** Place a byte range of one line of a loaded file (end clipped to the line). */
export function locateLine(file: LoadedFile, line: number, startByte: number, endByte?: number): Location | undefined {
  const text = linesOf(file)[line - 1];
  if (text === undefined) return undefined;
  const end = Math.min(endByte ?? text.length, text.length);
  return { file: file.display, line, column: columnOf(text, Math.min(startByte, text.length)), endLine: line, endColumn: columnOf(text, Math.max(end, startByte)) };
}

/** The text of one line of a loaded file from a byte offset on (UTF-8 for humans). */
export function lineText(file: LoadedFile, line: number, startByte = 0): string | undefined {
  const text = linesOf(file)[line - 1];
  return text === undefined ? undefined : displayBytes(text.slice(startByte));
}

/** Where an old-style (exclude/include-from) rule file holds a lone `!`, which clears every rule before it. */
export function clearLines(data: ByteString): { line: number; column: number }[] {
  return readRuleFile(data).items.filter((item) => item.text === '!').map((item) => ({ line: item.line, column: item.column }));
}

/** Place a rule read from a file (origin.file/line/offset). */
export function locateInFile(rule: FilterRule, file: LoadedFile): Location | undefined {
  const line = rule.origin.line;
  if (line === undefined) return undefined;
  const text = linesOf(file)[line - 1];
  if (text === undefined) return undefined;
  const start = (rule.origin.offset ?? 0) + rule.patternOffset;
  const end = start + rule.pattern.length;
  return { file: file.display, line, column: columnOf(text, start), endLine: line, endColumn: columnOf(text, Math.min(end, text.length)) };
}

/** Place a rule given in an argv word (origin.argv/offset), the word being a JS string. */
export function locateInWord(rule: FilterRule, words: readonly string[], locate: WordLocator): Location | undefined {
  const idx = rule.origin.argv;
  if (idx === undefined) return undefined;
  const word = words[idx];
  if (word === undefined) return undefined;
  const valueStart = rule.origin.offset ?? 0;
  const valueBytes = Buffer.from(word.slice(valueStart), 'utf8').toString('latin1');
  const start = valueStart + utf16Length(valueBytes.slice(0, rule.patternOffset));
  const end = start + utf16Length(rule.pattern);
  return locate(idx, start, Math.min(end, word.length));
}

/** Build the sites of a rule list. `files` maps resolved rule-file paths to their loaded text. */
export function buildSites(rules: FilterRule[], words: readonly string[], locate: WordLocator, files: ReadonlyMap<string, LoadedFile>, perDirDir?: ByteString): RuleSite[] {
  const sites: RuleSite[] = [];
  for (const rule of rules) {
    if (rule.origin.builtin) continue;
    if (rule.kind === 'clear') continue;
    let location: Location | undefined;
    let carrier: RuleSite['carrier'] = 'argv';
    if (rule.origin.file !== undefined) {
      const f = files.get(rule.origin.file);
      location = f ? locateInFile(rule, f) : undefined;
      carrier = perDirDir !== undefined ? 'perdir' : 'list';
    } else {
      location = locateInWord(rule, words, locate);
    }
    const compiled = compileRule(rule, rule.kind === 'dir-merge' ? undefined : perDirDir);
    sites.push({ rule, compiled, pattern: displayBytes(rule.pattern), location, carrier });
  }
  return sites;
}

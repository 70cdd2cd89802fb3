// The command carrier: one rsync invocation (argv words with their places) into a lint unit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bufferToBytes, type ByteString } from '../rsync/bytes.js';
import type { RuleFileReader } from '../rsync/filter-list.js';
import { buildModel, from0When } from '../rsync/model.js';
import { refusedOptions } from '../rsync/refusals.js';
import { buildSites, clearLines, lineText, locateLine, type LoadedFile, type WordLocator } from '../engine/sites.js';
import type { ClearSite, InputError, LintUnit, Location, UnitProblem, WordFacts } from '../engine/types.js';

/** Where rule files named by a command are looked for. */
export interface ListLookup {
  /** directory relative paths resolve against (the script's `cd` target, else its directory, else cwd) */
  baseDir: string;
  /** the script's own directory: an absolute path that is absent is looked for there by file name */
  scriptDir?: string;
  /** the script changed to a directory that cannot be known: relative list paths are not reported missing */
  cwdUnknown?: boolean;
  /** how to show a file path in findings (relative to the invocation cwd) */
  display(absPath: string): string;
}

/** A reader that finds lists the way the issue describes and remembers what it read. */
export function recordingReader(lookup: ListLookup, loaded: Map<string, LoadedFile>, errors: InputError[]): RuleFileReader {
  return {
    resolve(p: string): string {
      if (p === '-') return p;
      const direct = path.resolve(lookup.baseDir, p);
      if (fs.existsSync(direct)) return direct;
      if (lookup.scriptDir) {
        const beside = path.join(lookup.scriptDir, path.basename(p));
        if (fs.existsSync(beside)) return beside;
      }
      return direct;
    },
    read(p: string): { data: ByteString } | { error: string } {
      if (p === '-') return { error: 'standard input' };
      const known = loaded.get(p);
      if (known) return { data: known.data };
      try {
        const st = fs.statSync(p);
        if (!st.isFile()) return { error: 'not a regular file' };
        if (st.size > MAX_LIST_BYTES) {
          errors.push({ file: lookup.display(p), message: `filter file is too large to lint (${st.size} bytes; limit ${MAX_LIST_BYTES})` });
          return { error: 'too large' };
        }
        const data = bufferToBytes(fs.readFileSync(p));
        loaded.set(p, { display: lookup.display(p), data });
        return { data };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { error: code === 'ENOENT' ? 'No such file or directory' : code ?? String(e) };
      }
    },
  };
}

/** Largest rule file the linter reads. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** What the carrier knows about how the words were written. */
export interface CommandContext {
  file: string;
  words: string[];
  locate: WordLocator;
  lookup: ListLookup;
  unknownWords: ReadonlySet<number>;
  loaded: Map<string, LoadedFile>;
  errors: InputError[];
  facts?: WordFacts[];
  shell: 'sh' | 'bash' | 'none';
  crlf?: boolean;
}

/** Build the lint unit of one invocation. */
export function commandUnit(c: CommandContext): LintUnit {
  const reader = recordingReader(c.lookup, c.loaded, c.errors);
  const model = buildModel(c.words, reader, c.unknownWords);
  const sites = buildSites(model.filters.rules, c.words, c.locate, c.loaded);
  const wordLoc = (i: number): Location | undefined => c.locate(i, 0, c.words[i]?.length ?? 0);
  const problems: UnitProblem[] = [];
  for (const e of model.argv.errors) {
    if (c.unknownWords.has(e.wordIndex)) continue;
    problems.push({ message: e.message, fatal: true, exitCode: 1, location: wordLoc(e.wordIndex), kind: 'option', text: c.words[e.wordIndex] });
  }
  // option combinations and values rsync refuses (options.c), when every word is known
  // a combination needs every word known; a bad value only its own word and the one before it
  // (an unknown word there could be an option that takes this word as its value)
  for (const r of refusedOptions(model.argv, model.flags)) {
    const known = r.combination ? c.unknownWords.size === 0 : !c.unknownWords.has(r.wordIndex) && !c.unknownWords.has(r.wordIndex - 1);
    if (known) problems.push({ message: r.message, fatal: true, exitCode: 1, location: wordLoc(r.wordIndex), kind: 'option', text: c.words[r.wordIndex] });
  }
  for (const p of model.filters.problems) {
    const o = p.origin;
    let location: Location | undefined;
    let text: string | undefined;
    if (o.file !== undefined) {
      const f = c.loaded.get(o.file);
      location = f && o.line !== undefined ? locateLine(f, o.line, (o.offset ?? 0) + p.offset) : undefined;
      text = f && o.line !== undefined ? lineText(f, o.line, o.offset ?? 0) : undefined;
    } else if (o.argv !== undefined) {
      location = wordLoc(o.argv);
      text = c.words[o.argv]?.slice(o.offset ?? 0);
    }
    const isFile = p.exitCode === 11 && p.message.startsWith('failed to open');
    const pathMatch = /^failed to open \w+ file (.*): [^:]*$/.exec(p.message);
    // where a relative list is when the script has changed to an unknown directory: nobody can tell
    if (isFile && c.lookup.cwdUnknown && pathMatch && !pathMatch[1].startsWith('/') && p.message.endsWith('No such file or directory')) continue;
    problems.push({ message: p.message, fatal: p.fatal, exitCode: p.exitCode, location, kind: isFile ? 'file' : 'rule', path: isFile ? pathMatch?.[1] : undefined, text });
  }
  return {
    kind: 'command',
    file: c.file,
    model,
    sites,
    sources: model.sources.map((s) => ({ operand: s.operand.text, remote: s.remote, path: s.path, root: s.root })),
    relative: model.flags.relative,
    commandLocation: c.locate(0, 0, c.words[0].length),
    locateWord: c.locate,
    words: c.facts,
    shell: c.shell,
    crlf: c.crlf,
    problems,
    clears: oldStyleClears(c, model, reader),
  };
}

/** The lone `!`s of `--exclude`/`--include` values and exclude/include-from lines: each clears the rules before it. */
function oldStyleClears(c: CommandContext, model: ReturnType<typeof buildModel>, reader: RuleFileReader): ClearSite[] {
  const clears: ClearSite[] = [];
  for (const o of model.argv.options) {
    const at = o.valueWordIndex ?? o.wordIndex;
    if (o.value === undefined || c.unknownWords.has(at)) continue;
    if ((o.name === 'exclude' || o.name === 'include') && o.value === '!') {
      const start = o.valueOffset ?? 0;
      const location = c.locate(at, start, start + 1);
      if (location) clears.push({ location, carrier: 'argv', option: o.spelled });
    } else if ((o.name === 'exclude-from' || o.name === 'include-from') && !from0When(model.argv, o)) {
      const f = c.loaded.get(reader.resolve(o.value));
      if (!f) continue;
      for (const l of clearLines(f.data)) {
        const location = locateLine(f, l.line, l.column, l.column + 1);
        if (location) clears.push({ location, carrier: 'list', option: o.spelled });
      }
    }
  }
  return clears;
}

/** Columns of words joined by single spaces, for `rsync-lint cmd` (file `<command line>`, line 1). */
export function joinedLocator(words: readonly string[], file = '<command line>'): WordLocator {
  const starts: number[] = [];
  let at = 0;
  for (const w of words) {
    starts.push(at);
    at += w.length + 1;
  }
  return (wordIndex, start, end) => {
    const base = starts[wordIndex];
    if (base === undefined) return undefined;
    return { file, line: 1, column: base + start + 1, endLine: 1, endColumn: base + end + 1 };
  };
}

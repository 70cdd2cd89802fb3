// The shell carrier: every rsync invocation of a sh/bash script into a lint unit, words placed in the file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseShellScript, type RsyncInvocation, type ShellWord, type SourceRange } from '../shell/index.js';
import type { LoadedFile, WordLocator } from '../engine/sites.js';
import type { InputError, LintUnit, WordFacts } from '../engine/types.js';
import { commandUnit, type ListLookup } from './command.js';

/** Place a range of a shell word in the file. */
function wordLocator(file: string, words: ShellWord[]): WordLocator {
  return (wordIndex, start, end) => {
    const w = words[wordIndex];
    if (!w) return undefined;
    const s = w.posAt(start);
    // end exclusive: just after the last character's own source (not past a closing quote; after a whole `$VAR`)
    const e = end > start ? w.endAt(end - 1) : s;
    return { file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
}

/** The `cd` target as a path on this machine: a directory relative to the script's is joined to it. */
function cwdPath(inv: RsyncInvocation, scriptDir: string): string | undefined {
  if (inv.cwdInScriptDir !== undefined) return path.resolve(scriptDir, inv.cwdInScriptDir);
  return inv.cwd;
}

/** The directory relative list paths resolve against: the literal `cd` target when known, else the script's. */
function baseDirFor(cwd: string | undefined, scriptDir: string): string {
  if (cwd === undefined) return scriptDir;
  const dir = path.resolve(scriptDir, cwd);
  return fs.existsSync(dir) ? dir : scriptDir;
}

/** The shell facts of a word, placed in the file. */
function wordFacts(file: string, w: ShellWord, lines: string[]): WordFacts {
  const location = { file, line: w.range.start.line, column: w.range.start.column, endLine: w.range.end.line, endColumn: w.range.end.column };
  const facts: WordFacts = {
    text: w.text, raw: sliceRange(lines, w.range), valueKnown: w.valueKnown, quoted: w.quoted,
    hasUnquotedGlob: w.hasUnquotedGlob, location,
  };
  if (w.fromExpansion) {
    const r = w.fromExpansion.range;
    facts.fromExpansion = {
      name: w.fromExpansion.name, quoted: w.fromExpansion.quoted, raw: sliceRange(lines, r),
      location: { file, line: r.start.line, column: r.start.column, endLine: r.end.line, endColumn: r.end.column },
    };
  }
  if (w.braceExpanded) facts.braceExpanded = true;
  if (w.unquotedBrace) facts.unquotedBrace = true;
  if (w.quotedBrace) facts.quotedBrace = true;
  if (w.elementGlob) facts.elementGlob = true;
  if (w.expandedQuotes) facts.expandedQuotes = true;
  return facts;
}

/** The text of a range of the file (1-based lines and columns, end exclusive). */
function sliceRange(lines: string[], r: SourceRange): string {
  if (r.start.line === r.end.line) return (lines[r.start.line - 1] ?? '').slice(r.start.column - 1, r.end.column - 1);
  const parts = [(lines[r.start.line - 1] ?? '').slice(r.start.column - 1)];
  for (let l = r.start.line + 1; l < r.end.line; l++) parts.push(lines[l - 1] ?? '');
  parts.push((lines[r.end.line - 1] ?? '').slice(0, r.end.column - 1));
  return parts.join('\n');
}

/** A note about a script as a whole (not an input error: the script is valid). */
export interface ScriptNote {
  file: string;
  message: string;
}

/** `line 2 could not be parsed; ...` for the lines the parser skipped. */
function unparsedNote(lines: number[]): string {
  const which = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
  return `${which} could not be parsed (the shell accepts ${lines.length === 1 ? 'it' : 'them'}); rsync commands there were not linted`;
}

/** Lint units of every rsync invocation in a script. */
export async function shellUnits(
  file: string, text: string, lookup: ListLookup, loaded: Map<string, LoadedFile>, errors: InputError[], notes: ScriptNote[] = [],
): Promise<LintUnit[]> {
  const script = await parseShellScript(text, { shellHint: /\.bash$/.test(file) ? 'bash' : undefined });
  if (script.unterminated) errors.push({ file, line: script.unterminated.line, message: script.unterminated.message });
  if (script.unparsed) notes.push({ file, message: unparsedNote(script.unparsed) });
  const lines = text.split('\n');
  const units: LintUnit[] = [];
  for (const inv of script.invocations) {
    const words = [inv.program, ...inv.args];
    const unknown = new Set<number>();
    // a glob operand (`/data/./a/?`) is kept as written: the shell expands it at run time
    words.forEach((w, i) => {
      if (!w.valueKnown) unknown.add(i);
    });
    const scriptDir = lookup.scriptDir ?? lookup.baseDir;
    const cwd = cwdPath(inv, scriptDir);
    const scriptLookup: ListLookup = { ...lookup, baseDir: baseDirFor(cwd, scriptDir) };
    // after a `cd` to a directory the linter cannot know, a relative list path is not looked for
    if (inv.cwdUnknown) scriptLookup.cwdUnknown = true;
    units.push(commandUnit({
      file, words: words.map((w) => w.text), locate: wordLocator(file, words), lookup: scriptLookup, unknownWords: unknown,
      loaded, errors, facts: words.map((w) => wordFacts(file, w, lines)), shell: script.shell, crlf: script.crlf,
    }));
    if (cwd !== undefined) units[units.length - 1].cwd = cwd;
    const cut = commentInContinuation(units[units.length - 1], lines);
    if (cut) notes.push({ file, message: cut });
  }
  return units;
}

/**
 * `rsync -a \` followed by a line `  # --exclude=old \`: the continuation joins the comment to the
 * command, the comment runs to the end of its line, so the command ends there and the lines after it
 * are another command. Told when the command's last word is followed by a lone `\` and the next
 * line is a comment.
 */
function commentInContinuation(unit: LintUnit, lines: string[]): string | undefined {
  const words = unit.words;
  const last = words?.[words.length - 1]?.location;
  if (!last || last.endLine >= lines.length) return undefined;
  const rest = lines[last.endLine - 1].replace(/\r$/, '').slice(last.endColumn - 1);
  const next = lines[last.endLine];
  if (!/^\s*\\$/.test(rest) || !/^\s*#/.test(next)) return undefined;
  const first = words![0].location;
  return `line ${last.endLine + 1}: a comment inside the \`\\\` continuation of the rsync command on line ${first.line} ends that command there: rsync runs without the options after it, and the following lines run as a separate command`;
}

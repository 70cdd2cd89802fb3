// Linting files: classify each input, build lint units from scripts and lists, run the rules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ioErrorText } from '../io-errors.js';
import { bufferToBytes, displayBytes, isValidUtf8 } from '../rsync/bytes.js';
import { operandShortfall } from '../rsync/options.js';
import { commandUnit, joinedLocator, MAX_LIST_BYTES, type ListLookup } from '../carriers/command.js';
import { listUnit } from '../carriers/list.js';
import { shellUnits } from '../carriers/shell.js';
import { runRules } from '../engine/engine.js';
import type { LoadedFile } from '../engine/sites.js';
import type { Finding, InputError, LintRule, LintUnit, Summary } from '../engine/types.js';
import { applyScans, attachEvidence, type ScanOptions } from '../scan/apply.js';
import { RULES } from '../../rules/index.js';
import { classify } from './classify.js';
import { expandPaths } from './walk.js';

/** A note about an input that was not linted (a carrier not built yet). */
export interface Note {
  file: string;
  message: string;
}

/** The result of a lint run: the JSON contract's fields. */
export interface LintResult {
  findings: Finding[];
  errors: InputError[];
  notes: Note[];
  /** file texts by display name, for the stylish formatter */
  sources: Map<string, string>;
  /** with a tree: rules that drop things but have no finding */
  summaries: Summary[];
}

/** Largest script the linter reads. */
export const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;

/** Lint the given paths (files and directories). */
export async function lintPaths(paths: string[], cwd: string, rules: readonly LintRule[] = RULES, scan: Omit<ScanOptions, 'cwd'> = {}): Promise<LintResult> {
  const { files, errors } = expandPaths(paths, cwd);
  const notes: Note[] = [];
  const sources = new Map<string, string>();
  const units: LintUnit[] = [];
  const loaded = new Map<string, LoadedFile>();
  const lists: { display: string; abs: string; data: Buffer; kind: 'list' | 'perdir' }[] = [];
  for (const input of files) {
    const file = input.display;
    const abs = bufferToBytes(input.fsPath);
    let buf: Buffer;
    try {
      const st = fs.statSync(input.fsPath);
      if (!st.isFile()) {
        errors.push({ file, message: 'not a regular file' });
        continue;
      }
      if (st.size > Math.max(MAX_SCRIPT_BYTES, MAX_LIST_BYTES)) {
        errors.push({ file, message: `file is too large to lint (${st.size} bytes)` });
        continue;
      }
      buf = fs.readFileSync(input.fsPath);
    } catch (e) {
      errors.push({ file, message: `cannot read: ${ioErrorText(e)}` });
      continue;
    }
    const kind = classify(file, buf.subarray(0, 8192));
    if (kind === 'binary') {
      errors.push({ file, line: 1, message: 'binary file (it holds NUL bytes): not a script or filter list' });
      continue;
    }
    if (kind === 'later') {
      notes.push({ file, message: 'skipped: this kind of file (Makefile, Markdown, config, YAML, Vagrantfile, Python, Ruby, JavaScript) is not read yet' });
      continue;
    }
    if (kind === 'shell') {
      if (buf.length > MAX_SCRIPT_BYTES) {
        errors.push({ file, message: `script is too large to lint (${buf.length} bytes; limit ${MAX_SCRIPT_BYTES})` });
        continue;
      }
      const text = buf.toString('utf8');
      sources.set(file, text);
      const lookup: ListLookup = {
        baseDir: path.dirname(abs),
        scriptDir: path.dirname(abs),
        display: (p) => path.relative(cwd, p) || p,
      };
      try {
        const got = await shellUnits(file, text, lookup, loaded, errors, notes);
        units.push(...(isValidUtf8(buf) ? got : withoutLossyCommands(file, buf, got, errors)));
      } catch (e) {
        errors.push({ file, message: `cannot parse: ${(e as Error).message}` });
      }
      continue;
    }
    lists.push({ display: file, abs, data: buf, kind: kind === 'perdir' ? 'perdir' : 'list' });
  }
  // lists read by a linted script were linted in its context; the others on their own
  for (const l of lists) {
    const inContext = loaded.get(l.abs);
    if (inContext) {
      inContext.display = l.display;
      continue;
    }
    const data = bufferToBytes(l.data);
    sources.set(l.display, data.length ? Buffer.from(data, 'latin1').toString('utf8') : '');
    units.push(listUnit(l.display, l.abs, data, l.kind === 'perdir' ? 'perdir' : 'exclude-list'));
  }
  for (const [, f] of loaded) if (!sources.has(f.display)) sources.set(f.display, Buffer.from(f.data, 'latin1').toString('utf8'));
  fixDisplay(units, loaded);
  scriptOperandNotes(units, notes);
  applyScans(units, { ...scan, cwd }, errors, notes);
  const findings = runRules(units, rules);
  const summaries = attachEvidence(units, findings);
  return { findings, errors, notes, sources, summaries };
}

/** Lists linted in a script's context show the name the user gave them, when they gave one. */
function fixDisplay(units: LintUnit[], loaded: Map<string, LoadedFile>): LintUnit[] {
  for (const u of units) {
    for (const s of u.sites) {
      if (s.location && s.rule.origin.file) {
        const f = loaded.get(s.rule.origin.file);
        if (f) s.location.file = f.display;
      }
    }
  }
  return units;
}

/**
 * A script is read as UTF-8: in a command whose words hold bytes that are not UTF-8 (a latin1
 * `--exclude=caf\xe9`), the linter would see U+FFFD where rsync gets the byte, and answer for
 * another pattern. Such a command is an input error at its line and is not linted; the rest of
 * the script is.
 */
function withoutLossyCommands(file: string, buf: Buffer, units: LintUnit[], errors: InputError[]): LintUnit[] {
  const lines = buf.toString('latin1').split('\n');
  const badLine = (n: number): boolean => {
    const line = lines[n - 1];
    return line !== undefined && !isValidUtf8(Buffer.from(line, 'latin1'));
  };
  return units.filter((u) => {
    const words = u.words ?? [];
    const hit = words.find((w) => w.text.includes('\ufffd') && Array.from({ length: w.location.endLine - w.location.line + 1 }, (_x, k) => w.location.line + k).some(badLine));
    if (!hit) return true;
    errors.push({
      file, line: hit.location.line,
      message: `the rsync command holds bytes that are not UTF-8 (\`${displayBytes(lines[hit.location.line - 1].replace(/\r$/, '').trim())}\`): the linter reads scripts as UTF-8 and would judge another pattern than rsync gets, so this command is not linted; a pattern with such bytes can go in an exclude list (lists are read as bytes), or match the byte with \`?\``,
    });
    return false;
  });
}

/** rsync's view of a command with fewer than two operands (src/rsync/options.ts). */
function operandProblem(unit: LintUnit): ReturnType<typeof operandShortfall> {
  return unit.model ? operandShortfall(unit.model.argv) : undefined;
}

const NO_OPERAND = 'the rsync command has no source and no destination: rsync prints its usage and exits 1';
const oneOperand = (operand: string): string =>
  `the rsync command has one operand, \`${operand}\`: rsync only lists it and copies nothing (did an option take the source or destination as its value?)`;

/** `cmd`: no operand is an input error, one a note. */
function operandNotes(unit: LintUnit, errors: InputError[], notes: Note[]): void {
  const p = operandProblem(unit);
  if (p?.kind === 'none') errors.push({ file: '<command line>', line: 1, message: NO_OPERAND });
  else if (p?.kind === 'one') notes.push({ file: '<command line>', message: oneOperand(p.operand) });
}

/**
 * Scripts, when every word of the command is known: no operand is rsync refusing the command
 * (RSL001 at the command: the script's backup does nothing), one operand a note at its line.
 */
function scriptOperandNotes(units: LintUnit[], notes: Note[]): void {
  for (const unit of units) {
    if (unit.kind !== 'command' || !unit.words?.every((w) => w.valueKnown)) continue;
    const p = operandProblem(unit);
    if (!p) continue;
    const line = unit.words[0].location.line;
    if (p.kind === 'none' && unit.commandLocation) {
      const text = unit.words.map((w) => w.text).join(' ');
      unit.problems.push({ message: 'it has no source and no destination, so rsync prints its usage', fatal: true, exitCode: 1, location: unit.commandLocation, kind: 'option', text });
    } else notes.push({ file: unit.file, message: `line ${line}: ${p.kind === 'none' ? NO_OPERAND : oneOperand(p.operand)}` });
  }
}

/** Lint one command line given as argv words (words[0] = rsync). */
export function lintCommand(
  words: string[], cwd: string, rules: readonly LintRule[] = RULES, scan: Omit<ScanOptions, 'cwd'> = {},
  /** words before rsync on the line (`sudo -u backup nice`): columns still count them */
  wrappers: readonly string[] = [],
): LintResult {
  const errors: InputError[] = [];
  const loaded = new Map<string, LoadedFile>();
  const lookup: ListLookup = { baseDir: cwd, display: (p) => path.relative(cwd, p) || p };
  const whole = joinedLocator([...wrappers, ...words]);
  const locate: typeof whole = (i, start, end) => whole(i + wrappers.length, start, end);
  const facts = words.map((w, i) => {
    const location = locate(i, 0, w.length)!;
    return { text: w, raw: w, valueKnown: true, quoted: 'none' as const, hasUnquotedGlob: false, location };
  });
  const unit = commandUnit({ file: '<command line>', words, locate, lookup, unknownWords: new Set(), loaded, errors, facts, shell: 'none' });
  const notes: Note[] = [];
  operandNotes(unit, errors, notes);
  applyScans([unit], { ...scan, cwd }, errors, notes);
  const findings = runRules([unit], rules);
  const summaries = attachEvidence([unit], findings);
  const sources = new Map<string, string>([['<command line>', [...wrappers, ...words].join(' ')]]);
  for (const [, f] of loaded) sources.set(f.display, Buffer.from(f.data, 'latin1').toString('utf8'));
  return { findings, errors, notes, sources, summaries };
}

/** Lint the text of a filter file given directly (no source known). */
export function lintListText(display: string, text: string, kind: 'exclude-list' | 'perdir' = 'exclude-list', rules: readonly LintRule[] = RULES): LintResult {
  const errors: InputError[] = [];
  const abs = path.resolve(display);
  const data = Buffer.from(text, 'utf8').toString('latin1');
  const unit = listUnit(display, abs, data, kind);
  return { findings: runRules([unit], rules), errors, notes: [], sources: new Map([[display, text]]), summaries: [] };
}

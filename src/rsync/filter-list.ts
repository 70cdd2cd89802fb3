// Building rsync's ordered filter list from the filter options, reading exclude-from and merge files.
import type { ByteString } from './bytes.js';
import { CVS_DEFAULT_PATTERNS } from './cvs.js';
import { parseRule, type RuleProblem, type RuleTemplate } from './parse-rule.js';
import { readRuleFile } from './rule-file.js';
import { noModifiers, type FilterRule, type RuleModifiers, type RuleOrigin } from './rule.js';

/** rsync's MAX_MERGE_DEPTH. */
export const MAX_MERGE_DEPTH = 32;

/** One filter-bearing option, in command-line order. */
export type FilterOption =
  | { type: 'rule'; syntax: 'full' | 'old'; defaultKind: 'exclude' | 'include'; text: ByteString; origin: RuleOrigin }
  | { type: 'file'; defaultKind: 'exclude' | 'include'; path: string; origin: RuleOrigin }
  | { type: 'F'; origin: RuleOrigin }
  | { type: 'cvs-exclude'; origin: RuleOrigin };

/** Reads a rule file for the model (the model itself never touches the file system). */
export interface RuleFileReader {
  /** the file's bytes, or an error message (`No such file or directory`) */
  read(path: string): { data: ByteString } | { error: string };
  /** resolve a merge-file name the way rsync does (relative to the client's cwd) */
  resolve(path: string): string;
}

/** A problem found while building the list, with the origin of the text that caused it. */
export interface ListProblem extends RuleProblem {
  origin: RuleOrigin;
  /** exit code rsync would stop with (1 syntax, 11 file I/O); absent for warnings */
  exitCode?: number;
}

/** The built list and what went wrong. */
export interface FilterList {
  rules: FilterRule[];
  problems: ListProblem[];
  /** files that were read (exclude-from, include-from, merge), in order */
  filesRead: string[];
}

/** Flags that change how the list is built. */
export interface ListFlags {
  from0?: boolean;
  oldDirs?: boolean;
  /** `--backup` with `--delete`, no `--backup-dir`, no `--delete-excluded`: rsync appends `P *SUFFIX` */
  backupSuffix?: string;
}

/** Build the list: command-line order, with `-C`, `--old-dirs` and backup rules appended after. */
export function buildFilterList(options: FilterOption[], reader: RuleFileReader, flags: ListFlags = {}): FilterList {
  const out: FilterList = { rules: [], problems: [], filesRead: [] };
  let fCount = 0;
  let cvs: RuleOrigin | undefined;
  for (const opt of options) {
    switch (opt.type) {
      case 'rule': {
        const template: RuleTemplate = { syntax: opt.syntax, defaultKind: opt.defaultKind };
        addText(out, opt.text, template, opt.origin, reader, 0);
        break;
      }
      case 'file': {
        const template: RuleTemplate = { syntax: 'old', defaultKind: opt.defaultKind };
        readInto(out, opt.path, template, opt.origin, reader, 0, { from0: flags.from0, fileKind: opt.defaultKind });
        break;
      }
      case 'F':
        fCount++;
        if (fCount === 1) out.rules.push(builtinRule('dir-merge', '/.rsync-filter', opt.origin, 'F'));
        else if (fCount === 2) out.rules.push(builtinRule('exclude', '.rsync-filter', opt.origin, 'FF'));
        break;
      case 'cvs-exclude':
        cvs = opt.origin;
        break;
    }
  }
  if (cvs) {
    const perDir = builtinRule('dir-merge', '.cvsignore', cvs, 'cvs-default');
    perDir.mods = { ...perDir.mods, cvs: true, noInherit: true, wordSplit: true };
    out.rules.push(perDir);
    pushCvsDefaults(out, 'exclude', cvs);
  }
  if (flags.oldDirs) out.rules.push(builtinRule('exclude', '/*/*', {}, 'old-dirs'));
  if (flags.backupSuffix !== undefined) out.rules.push(builtinRule('protect', '*' + flags.backupSuffix, {}, 'backup'));
  return out;
}

function builtinRule(kind: FilterRule['kind'], pattern: string, origin: RuleOrigin, builtin: RuleOrigin['builtin']): FilterRule {
  const mods = noModifiers();
  if (kind === 'protect') mods.receiverSide = true;
  return { kind, pattern, mods, origin: { ...origin, builtin }, patternOffset: 0 };
}

/** Insert the 36 CVS default patterns (perishable) as excludes, or includes for `+C`. */
function pushCvsDefaults(out: FilterList, kind: 'exclude' | 'include', origin: RuleOrigin, inherit: Partial<RuleModifiers> = {}): void {
  for (const p of CVS_DEFAULT_PATTERNS) {
    const mods: RuleModifiers = { ...noModifiers(), ...inherit, perishable: true, cvs: false };
    out.rules.push({ kind, pattern: p, mods, origin: { ...origin, builtin: 'cvs-default' }, patternOffset: 0 });
  }
}

/** Parse one rule text and add its effect to the list (clear, merge expansion, CVS insertion). */
function addText(out: FilterList, text: ByteString, template: RuleTemplate, origin: RuleOrigin, reader: RuleFileReader, depth: number): void {
  const parsed = parseRule(text, template, origin);
  if (parsed.type === 'none') return;
  if (parsed.type === 'problem') {
    out.problems.push({ ...parsed.problem, origin, exitCode: parsed.problem.fatal ? 1 : undefined });
    return;
  }
  const rule = parsed.rule;
  if (rule.kind === 'clear') {
    out.rules.length = 0;
    return;
  }
  if (rule.mods.cvs && rule.kind !== 'merge' && rule.kind !== 'dir-merge') {
    const inherit: Partial<RuleModifiers> = { absPath: rule.mods.absPath, senderSide: rule.mods.senderSide, receiverSide: rule.mods.receiverSide };
    pushCvsDefaults(out, rule.kind === 'include' ? 'include' : 'exclude', origin, inherit);
    return;
  }
  if (rule.mods.excludeSelf && (rule.kind === 'merge' || rule.kind === 'dir-merge')) {
    const base = rule.pattern.slice(rule.pattern.lastIndexOf('/') + 1);
    const self = noModifiers();
    self.absPath = rule.mods.absPath;
    out.rules.push({ kind: 'exclude', pattern: base, mods: self, origin, patternOffset: rule.patternOffset });
  }
  if (rule.kind === 'merge') {
    const inner = innerTemplate(rule);
    if (depth + 1 > MAX_MERGE_DEPTH) {
      out.problems.push({ message: `merge-file include depth limit (${MAX_MERGE_DEPTH}) exceeded`, offset: rule.patternOffset, fatal: true, origin, exitCode: 11 });
      return;
    }
    readInto(out, rule.pattern, inner, origin, reader, depth + 1, { wordSplit: rule.mods.wordSplit, fileKind: 'exclude' });
    return;
  }
  out.rules.push(rule);
}

/** The template for the rules inside a merge file: inherited modifiers and syntax. */
export function innerTemplate(rule: FilterRule): RuleTemplate {
  const m = rule.mods;
  const inherit: Partial<RuleModifiers> = { absPath: m.absPath, perishable: m.perishable, senderSide: m.senderSide, receiverSide: m.receiverSide };
  const sideGiven = m.senderSide || m.receiverSide;
  if (m.cvs) return { syntax: 'none', defaultKind: 'exclude', inherit, cvs: true, sideGiven };
  if (m.onlyPrefix) return { syntax: 'none', defaultKind: m.onlyPrefix === '+' ? 'include' : 'exclude', inherit, sideGiven };
  return { syntax: 'full', defaultKind: 'exclude', inherit, sideGiven };
}

/** Read a rule file and add its rules. */
function readInto(
  out: FilterList, path: string, template: RuleTemplate, origin: RuleOrigin, reader: RuleFileReader, depth: number,
  how: { from0?: boolean; wordSplit?: boolean; fileKind: 'exclude' | 'include' },
): void {
  const resolved = reader.resolve(path);
  const got = reader.read(resolved);
  if ('error' in got) {
    out.problems.push({ message: `failed to open ${how.fileKind} file ${path}: ${got.error}`, offset: 0, fatal: true, origin, exitCode: 11 });
    return;
  }
  out.filesRead.push(resolved);
  const { items, discarded } = readRuleFile(got.data, { from0: how.from0, wordSplit: how.wordSplit || template.cvs });
  for (const d of discarded) {
    out.problems.push({ message: d.message, offset: 0, fatal: false, origin: { file: resolved, line: d.line } });
  }
  for (const item of items) {
    addText(out, item.text, template, { file: resolved, line: item.line, offset: item.column }, reader, depth);
  }
}

// Building rsync's ordered filter list from the filter options, reading exclude-from and merge files.
import type { ByteString } from './bytes.js';
import { CVS_DEFAULT_PATTERNS } from './cvs.js';
import { parseRule, type RuleProblem, type RuleTemplate } from './parse-rule.js';
import { UNTRUSTED_LINK } from './owner-walk.js';
import { readRuleFile } from './rule-file.js';
import { noModifiers, type FilterRule, type RuleModifiers, type RuleOrigin } from './rule.js';

/** rsync's MAX_MERGE_DEPTH. */
export const MAX_MERGE_DEPTH = 32;

/**
 * One filter-bearing option, in command-line order. `from0` is the value `-0` has when rsync parses
 * the option (popt sets it in order): the files read at once (`--exclude-from`, `. FILE`) see only
 * a `-0` given before them. When absent the list's `from0` flag is used.
 */
export type FilterOption =
  | { type: 'rule'; syntax: 'full' | 'old'; defaultKind: 'exclude' | 'include'; text: ByteString; origin: RuleOrigin; from0?: boolean; insecureLinks?: boolean }
  | { type: 'file'; defaultKind: 'exclude' | 'include'; path: string; origin: RuleOrigin; from0?: boolean; insecureLinks?: boolean }
  | { type: 'F'; origin: RuleOrigin }
  | { type: 'cvs-exclude'; origin: RuleOrigin };

/** Reads a rule file for the model (the model itself never touches the file system). */
export interface RuleFileReader {
  /**
   * the file's bytes, or an error message (`No such file or directory`); `refused` names the
   * symlink rsync 3.5's ownership walk would not follow (unless `insecureLinks`: --insecure-links)
   */
  read(path: string, how?: { insecureLinks?: boolean }): { data: ByteString } | { error: string; refused?: string };
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
  /** notes for the user (for example: `~/.cvsignore` and `$CVSIGNORE` were not read) */
  notes?: string[];
  /** the global CVS list once a `-C` rule built it (rsync builds it once, with that rule's modifiers) */
  cvsList?: FilterRule[];
}

/** Everything the list builder carries while it works. */
interface BuildState {
  out: FilterList;
  reader: RuleFileReader;
  flags: ListFlags;
  /** `-0` as rsync has it while it reads the current option's files (eol_nulls at that moment) */
  from0: boolean;
  /** `--insecure-links` as rsync has it at that moment (popt sets it in order too) */
  insecureLinks: boolean;
  /** rsync stopped here (the merge depth limit): nothing after it is read, as rsync exits at once */
  stopped?: boolean;
}

/** Flags that change how the list is built. */
export interface ListFlags {
  /** `-0` after option parsing: the value for the options that carry none, and for `-C`'s list */
  from0?: boolean;
  oldDirs?: boolean;
  /** `--backup` with `--delete`, no `--backup-dir`, no `--delete-excluded`: rsync appends `P *SUFFIX` */
  backupSuffix?: string;
  /**
   * The CVS sources outside the command line (`useEnv`): `~/.cvsignore` (null when missing) and
   * `$CVSIGNORE`. When absent they are not read, and a note says so.
   */
  cvsEnv?: { home: ByteString | null; homePath?: string; env: ByteString | undefined };
  /**
   * The list as the receiver holds it in a local transfer: the `-C` option's CVS list is the
   * receiver's own (a `-C`/`+C` written in a rule was sent to it already expanded).
   */
  side?: 'sender' | 'receiver';
}

/** Build the list: command-line order, with `-C`, `--old-dirs` and backup rules appended after. */
export function buildFilterList(options: FilterOption[], reader: RuleFileReader, flags: ListFlags = {}): FilterList {
  const out: FilterList = { rules: [], problems: [], filesRead: [] };
  const st: BuildState = { out, reader, flags, from0: flags.from0 ?? false, insecureLinks: false };
  let fCount = 0;
  let cvs: RuleOrigin | undefined;
  for (const opt of options) {
    switch (opt.type) {
      case 'rule': {
        st.from0 = opt.from0 ?? flags.from0 ?? false;
        st.insecureLinks = opt.insecureLinks ?? false;
        const template: RuleTemplate = { syntax: opt.syntax, defaultKind: opt.defaultKind };
        addText(st, opt.text, template, opt.origin, 0);
        break;
      }
      case 'file': {
        const template: RuleTemplate = { syntax: 'old', defaultKind: opt.defaultKind };
        st.from0 = opt.from0 ?? flags.from0 ?? false;
        st.insecureLinks = opt.insecureLinks ?? false;
        readInto(st, opt.path, template, opt.origin, 0, { from0: st.from0, fileKind: opt.defaultKind });
        break;
      }
      case 'F':
        fCount++;
        if (fCount === 1) pushDirMerge(out, builtinRule('dir-merge', '/.rsync-filter', opt.origin, 'F'));
        else if (fCount === 2) out.rules.push(builtinRule('exclude', '.rsync-filter', opt.origin, 'FF'));
        break;
      case 'cvs-exclude':
        cvs = opt.origin;
        break;
    }
  }
  // what options.c appends after its option loop sees the final `-0`
  st.from0 = flags.from0 ?? false;
  if (cvs) {
    const perDir = builtinRule('dir-merge', '.cvsignore', cvs, 'cvs-default');
    perDir.mods = { ...perDir.mods, cvs: true, noInherit: true, wordSplit: true };
    pushDirMerge(out, perDir);
    pushCvs(st, noModifiers(), 'exclude', cvs);
  }
  if (flags.oldDirs) out.rules.push(builtinRule('exclude', '/*/*', {}, 'old-dirs'));
  if (flags.backupSuffix !== undefined) out.rules.push(builtinRule('protect', '*' + flags.backupSuffix, {}, 'backup'));
  return out;
}

/** add_rule for a dir-merge rule: rsync silently drops a second one with the same file basename. */
function pushDirMerge(out: FilterList, rule: FilterRule): void {
  const base = (p: ByteString): ByteString => {
    const q = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
    return q.slice(q.lastIndexOf('/') + 1);
  };
  if (out.rules.some((r) => r.kind === 'dir-merge' && base(r.pattern) === base(rule.pattern))) return;
  out.rules.push(rule);
}

/**
 * The global CVS list (get_cvs_excludes): the 36 defaults (perishable), then `~/.cvsignore` and
 * `$CVSIGNORE` when the environment is given. Built once, with the modifiers of the first `-C` rule.
 */
export function makeCvsList(mods: RuleModifiers, kind: 'exclude' | 'include', origin: RuleOrigin, env?: ListFlags['cvsEnv'], from0 = false): { rules: FilterRule[]; notes: string[] } {
  const inherit: Partial<RuleModifiers> = {
    absPath: mods.absPath, negate: mods.negate, perishable: mods.perishable,
    senderSide: mods.senderSide, receiverSide: mods.receiverSide,
    // a `-C` read from a `: NAME/` file is directory-only, and so is every CVS word (fuzz seed 915 case 648)
    ...(mods.dirOnly ? { dirOnly: true } : {}),
  };
  const rules: FilterRule[] = [];
  const template: RuleTemplate = { syntax: 'none', defaultKind: kind, cvs: true, inherit };
  const addWords = (data: ByteString, perishable: boolean, builtin: RuleOrigin['builtin'], file?: string, fromFile = false): void => {
    // ~/.cvsignore is read by parse_filter_file: with -0 a NUL separates words, else it ends the word
    const { items } = readRuleFile(data, { wordSplit: true, from0: fromFile && from0 });
    for (const item of items) {
      const t = perishable ? { ...template, inherit: { ...inherit, perishable: true } } : template;
      const o: RuleOrigin = file !== undefined ? { file, line: item.line, builtin } : { ...origin, builtin };
      const parsed = parseRule(item.text, t, o);
      if (parsed.type !== 'rule') continue;
      if (parsed.rule.kind === 'clear') rules.length = 0;
      else rules.push(parsed.rule);
    }
  };
  addWords(CVS_DEFAULT_PATTERNS.join(' '), true, 'cvs-default');
  const notes: string[] = [];
  if (env) {
    if (env.home !== null) addWords(env.home, false, 'cvs-home', env.homePath, true);
    if (env.env !== undefined) addWords(env.env, false, 'cvs-env');
  } else {
    notes.push('-C: ~/.cvsignore and $CVSIGNORE were not read (--use-env reads them, as rsync does)');
  }
  return { rules, notes };
}

/** Insert the global CVS list where a `-C` (or `+C`) rule stands. */
function pushCvs(st: BuildState, mods: RuleModifiers, kind: 'exclude' | 'include', origin: RuleOrigin): void {
  if (!st.out.cvsList) {
    const made = makeCvsList(mods, kind, origin, st.flags.cvsEnv, st.from0);
    st.out.cvsList = made.rules;
    for (const n of made.notes) if (!(st.out.notes ??= []).includes(n)) st.out.notes.push(n);
  }
  for (const r of st.out.cvsList) st.out.rules.push({ ...r, origin: r.origin.builtin === 'cvs-default' ? { ...origin, builtin: 'cvs-default' } : r.origin });
}

function builtinRule(kind: FilterRule['kind'], pattern: string, origin: RuleOrigin, builtin: RuleOrigin['builtin']): FilterRule {
  const mods = noModifiers();
  if (kind === 'protect') mods.receiverSide = true;
  return { kind, pattern, mods, origin: { ...origin, builtin }, patternOffset: 0 };
}

/** Parse one rule text and add its effect to the list (clear, merge expansion, CVS insertion). */
function addText(st: BuildState, text: ByteString, template: RuleTemplate, origin: RuleOrigin, depth: number): void {
  if (st.stopped) return;
  const out = st.out;
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
    pushCvs(st, rule.mods, rule.kind === 'include' ? 'include' : 'exclude', origin);
    return;
  }
  if (rule.mods.excludeSelf && (rule.kind === 'merge' || rule.kind === 'dir-merge')) {
    const base = rule.pattern.slice(rule.pattern.lastIndexOf('/') + 1);
    out.rules.push({ kind: 'exclude', pattern: base, mods: noModifiers(), origin, patternOffset: rule.patternOffset });
  }
  if (rule.kind === 'merge') {
    const inner = innerTemplate(rule);
    if (depth + 1 > MAX_MERGE_DEPTH) {
      out.problems.push({ message: `merge-file include depth limit (${MAX_MERGE_DEPTH}) exceeded at ${rule.pattern}`, offset: rule.patternOffset, fatal: true, origin, exitCode: 11 });
      // rsync exits here; going on would also be exponential when a file merges itself twice
      st.stopped = true;
      return;
    }
    readInto(st, rule.pattern, inner, origin, depth + 1, { wordSplit: rule.mods.wordSplit, from0: st.from0, fileKind: rule.mods.onlyPrefix === '+' ? 'include' : 'exclude' });
    return;
  }
  if (rule.kind === 'dir-merge') {
    pushDirMerge(out, rule);
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
  st: BuildState, path: string, template: RuleTemplate, origin: RuleOrigin, depth: number,
  how: { from0?: boolean; wordSplit?: boolean; fileKind: 'exclude' | 'include' },
): void {
  const out = st.out;
  const resolved = st.reader.resolve(path);
  const got = st.reader.read(resolved, { insecureLinks: st.insecureLinks });
  if ('error' in got) {
    if (got.refused !== undefined) out.problems.push({ message: `${UNTRUSTED_LINK}: ${got.refused} (--insecure-links before this option follows it)`, offset: 0, fatal: false, origin });
    out.problems.push({ message: `failed to open ${how.fileKind} file ${path}: ${got.error}`, offset: 0, fatal: true, origin, exitCode: 11 });
    return;
  }
  out.filesRead.push(resolved);
  const { items, discarded } = readRuleFile(got.data, { from0: how.from0, wordSplit: how.wordSplit || template.cvs });
  for (const d of discarded) {
    out.problems.push({ message: d.message, offset: 0, fatal: false, origin: { file: resolved, line: d.line } });
  }
  for (const item of items) {
    addText(st, item.text, template, { file: resolved, line: item.line, offset: item.column }, depth);
  }
}

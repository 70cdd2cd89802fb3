// Filter rules: the rule record, its compilation (rsync's add_rule) and matching one name (rule_matches).
import type { ByteString } from './bytes.js';
import { compileGlob, globMatches, type Glob } from './wildmatch.js';

/** The rule kinds rsync knows, by their long names. */
export type RuleKind =
  | 'exclude' | 'include' | 'hide' | 'show' | 'protect' | 'risk'
  | 'merge' | 'dir-merge' | 'clear';

/** Where a rule came from. */
export interface RuleOrigin {
  /** index of the argv word holding the rule (rsync = 0) */
  argv?: number;
  /** rule file (merge, exclude-from, per-directory) and its 1-based line */
  file?: string;
  line?: number;
  /** byte offset of the rule text inside its argument word or line */
  offset?: number;
  /** set for rules that rsync adds itself: the CVS default list, `-F`, `--old-dirs`, `--backup` */
  builtin?: 'cvs-default' | 'cvs-home' | 'cvs-env' | 'F' | 'FF' | 'old-dirs' | 'backup';
  /** the option that carried the rule, as spelled (`--exclude`, `-f`, `--exclude-from`) */
  option?: string;
}

/** Modifiers of a rule (rsync's FILTRULE_* flags that the user can set). */
export interface RuleModifiers {
  /** `/`: match against the absolute path */
  absPath: boolean;
  /** `!`: fires when the pattern does not match */
  negate: boolean;
  /** `C`: CVS mode (`-C` = the CVS list here, `:C` = per-directory .cvsignore) */
  cvs: boolean;
  /** `s` / H / S */
  senderSide: boolean;
  /** `r` / P / R */
  receiverSide: boolean;
  /** `p` */
  perishable: boolean;
  /** `x`: matches xattr names only */
  xattr: boolean;
  /** merge rules: `e` adds `- BASENAME` before the merge rule */
  excludeSelf: boolean;
  /** merge rules: `n` no inheritance */
  noInherit: boolean;
  /** merge rules: `w` word split */
  wordSplit: boolean;
  /** merge rules: `-` / `+`: the file holds only excludes / includes */
  onlyPrefix?: '-' | '+';
  /** directory-only, inherited from a merge rule whose name ended in `/` (FILTRULE_DIRECTORY) */
  dirOnly?: boolean;
}

/** One filter rule as rsync holds it in its list. */
export interface FilterRule {
  kind: RuleKind;
  /** the pattern text as written (after the rule prefix), bytes; for merge rules the file name */
  pattern: ByteString;
  mods: RuleModifiers;
  origin: RuleOrigin;
  /** byte offset of the pattern inside the rule text (argument or line) */
  patternOffset: number;
}

/** A rule compiled for matching (add_rule). */
export interface CompiledRule {
  rule: FilterRule;
  /** include-type (include, show, risk) */
  include: boolean;
  /** the pattern with one trailing `/` removed when dirOnly */
  matchPattern: ByteString;
  dirOnly: boolean;
  slashCount: number;
  anchored: boolean;
  wild: boolean;
  wild2: boolean;
  wild2Prefix: boolean;
  wild3Suffix: boolean;
  glob?: Glob;
  /** for per-directory anchored rules: the directory (absolute, no trailing slash) prepended */
  perDirPrefix?: ByteString;
}

/** A rule with no modifiers set. */
export function noModifiers(): RuleModifiers {
  return {
    absPath: false, negate: false, cvs: false, senderSide: false, receiverSide: false,
    perishable: false, xattr: false, excludeSelf: false, noInherit: false, wordSplit: false,
  };
}

/** Is this an include-type rule? */
export function isIncludeKind(kind: RuleKind): boolean {
  return kind === 'include' || kind === 'show' || kind === 'risk';
}

/** Does the rule act on the sender (hide/show)? */
export function actsOnSender(rule: FilterRule): boolean {
  if (rule.kind === 'hide' || rule.kind === 'show') return true;
  if (rule.kind === 'protect' || rule.kind === 'risk') return false;
  return rule.mods.senderSide || !rule.mods.receiverSide;
}

/** Does the rule act on the receiver (protect/risk)? `deleteExcluded` strips rules without an explicit side. */
export function actsOnReceiver(rule: FilterRule, deleteExcluded = false): boolean {
  if (rule.kind === 'protect' || rule.kind === 'risk') return true;
  if (rule.kind === 'hide' || rule.kind === 'show') return false;
  if (rule.mods.receiverSide) return true;
  if (rule.mods.senderSide) return false;
  return !deleteExcluded;
}

/**
 * Compile a rule for matching, as rsync's add_rule does. `perDirDir` is the absolute directory
 * of a per-directory merge file: anchored patterns in it are prefixed with it and become absolute.
 */
export function compileRule(rule: FilterRule, perDirDir?: ByteString): CompiledRule {
  let p = rule.pattern;
  let dirOnly = rule.mods.dirOnly === true;
  if (p.length > 1 && p.endsWith('/')) {
    p = p.slice(0, -1);
    dirOnly = true;
  }
  let perDirPrefix: ByteString | undefined;
  let absPath = rule.mods.absPath;
  if (perDirDir !== undefined && p.startsWith('/')) {
    const dir = perDirDir === '/' ? '' : perDirDir.replace(/\/+$/, '');
    perDirPrefix = dir;
    p = dir + p;
    absPath = true;
  }
  let slashCount = 0;
  for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === 0x2f) slashCount++;
  const wild = /[*?[]/.test(p);
  const wild2 = p.includes('**');
  const compiled: CompiledRule = {
    rule: absPath === rule.mods.absPath ? rule : { ...rule, mods: { ...rule.mods, absPath } },
    include: isIncludeKind(rule.kind),
    matchPattern: p,
    dirOnly,
    slashCount,
    anchored: p.startsWith('/'),
    wild,
    wild2,
    wild2Prefix: p.startsWith('**'),
    wild3Suffix: wild2 && p.endsWith('***'),
    perDirPrefix,
  };
  if (wild) compiled.glob = compileGlob(compiled.anchored ? p.slice(1) : p);
  return compiled;
}

/** The sender's working directory context for absolute-path (`/`) rules. */
export interface MatchContext {
  /** absolute path of the directory names are relative to, e.g. `/tmp/T/src`; `/` for the root */
  cwd: ByteString;
}

/**
 * Does the compiled rule match the name (rsync's rule_matches)? The name is relative to the
 * transfer root, without a trailing `/`; `isDir` says whether the entry is a directory. The
 * result already includes the `!` modifier.
 */
export function ruleMatches(c: CompiledRule, fname: ByteString, isDir: boolean, ctx: MatchContext): boolean {
  const negate = c.rule.mods.negate;
  const absName = fname.startsWith('/');
  let name = absName ? fname.slice(1) : fname;
  if (name.length === 0) return false;
  if (c.rule.mods.xattr) return false;
  let prefix = '';
  if (c.slashCount === 0 && !c.wild2) {
    const slash = name.lastIndexOf('/');
    if (slash >= 0) name = name.slice(slash + 1);
  } else if (c.rule.mods.absPath && !absName && ctx.cwd.length > 1) {
    prefix = ctx.cwd.replace(/^\/+/, '') + '/';
  } else if (c.wild2Prefix && !absName) {
    prefix = '/';
  }
  let subject = prefix + name;
  if (isDir) {
    if (c.wild3Suffix) subject += '/';
  } else if (c.dirOnly) {
    return negate;
  }
  const matched = matchSubject(c, subject, name, prefix.length > 0);
  return matched !== negate;
}

/** Apply the anchoring mode and the glob or literal comparison to the chosen subject. */
function matchSubject(c: CompiledRule, subject: ByteString, name: ByteString, joined: boolean): boolean {
  const pattern = c.anchored ? c.matchPattern.slice(1) : c.matchPattern;
  let mode: 'whole' | 'trailing' | 'any-slash';
  if (!c.anchored && c.slashCount > 0 && !c.wild2) mode = 'trailing';
  else if (!c.anchored && !c.wild2Prefix && c.wild2) mode = 'any-slash';
  else mode = 'whole';
  if (!c.wild && !joined) {
    if (c.anchored) return name === pattern;
    return name === pattern || (name.endsWith(pattern) && name.charCodeAt(name.length - pattern.length - 1) === 0x2f);
  }
  const test = (text: ByteString): boolean => (c.glob ? globMatches(c.glob, text) : text === pattern);
  if (mode === 'whole') return test(subject);
  if (mode === 'trailing') {
    const start = trailingElements(subject, c.slashCount + 1);
    return start >= 0 && test(subject.slice(start));
  }
  if (test(subject)) return true;
  for (let i = 0; i < subject.length; i++) {
    if (subject.charCodeAt(i) === 0x2f && test(subject.slice(i + 1))) return true;
  }
  return false;
}

/** Start offset of the last `count` slash-separated elements of s, or -1 when s has fewer. */
export function trailingElements(s: ByteString, count: number): number {
  let left = count;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s.charCodeAt(i) === 0x2f && --left === 0) return i + 1;
  }
  return left === 1 ? 0 : -1;
}

/** The rule in rsync's short form, e.g. `- tmp`, `+ /a/***`, `-/ x`, `: .rsync-filter`. */
export function ruleText(rule: FilterRule): string {
  const letter: Record<RuleKind, string> = {
    exclude: '-', include: '+', hide: 'H', show: 'S', protect: 'P', risk: 'R',
    merge: '.', 'dir-merge': ':', clear: '!',
  };
  if (rule.kind === 'clear') return '!';
  const m = rule.mods;
  let mods = '';
  if (m.absPath) mods += '/';
  if (m.negate) mods += '!';
  if (m.cvs) mods += 'C';
  if (m.excludeSelf) mods += 'e';
  if (m.noInherit && !m.cvs) mods += 'n';
  if (m.wordSplit && !m.cvs) mods += 'w';
  if (m.onlyPrefix) mods += m.onlyPrefix;
  if (m.senderSide && rule.kind !== 'hide' && rule.kind !== 'show') mods += 's';
  if (m.receiverSide && rule.kind !== 'protect' && rule.kind !== 'risk') mods += 'r';
  if (m.perishable) mods += 'p';
  if (m.xattr) mods += 'x';
  const head = letter[rule.kind] + mods;
  return rule.pattern.length ? `${head} ${rule.pattern}` : head;
}

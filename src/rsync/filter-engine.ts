// rsync's run-time filter state (exclude.c): the global list, per-directory merge lists pushed and
// popped as a side (sender or receiver) walks directories, parent-directory scans, and check_filter.
import { displayBytes, type ByteString } from './bytes.js';
import { innerTemplate, MAX_MERGE_DEPTH } from './filter-list.js';
import { cleanAbs, joinAbs, type FsView } from './fs-view.js';
import { parseRule, type RuleTemplate } from './parse-rule.js';
import { UNTRUSTED_LINK } from './owner-walk.js';
import { readRuleFile } from './rule-file.js';
import { compileRule, noModifiers, ruleMatches, type CompiledRule, type FilterRule, type RuleOrigin } from './rule.js';

/** The side whose view of the rules is modelled. */
export type FilterSide = 'sender' | 'receiver';

/** A problem met while reading per-directory rules; `exitCode` set when rsync stops there. */
export interface EngineProblem {
  message: string;
  file?: ByteString;
  line?: number;
  exitCode?: number;
}

/** Thrown when rsync would stop the transfer (a bad rule in a per-directory file, a missing merge file). */
export class FilterAbort extends Error {
  constructor(readonly problem: EngineProblem) {
    super(problem.message);
  }
}

/** One item of a rule list: a rule, or a per-directory merge placeholder with its list. */
type Entry = { type: 'rule'; c: CompiledRule } | { type: 'merge'; rule: FilterRule; ml: MergeList };

/** rsync's per-directory merge list (a dir-merge rule with its local and inherited rules). */
interface MergeList {
  rule: FilterRule;
  /** the merge file name (its basename once the first push has set it up) */
  name: ByteString;
  needsSetup: boolean;
  local: Entry[];
  inherited: Entry[];
}

/** What a push saved, for the matching pop. */
export interface PushedState {
  count: number;
  saved: ({ local: Entry[]; inherited: Entry[] } | null)[];
}

/** The outcome of checking one name. */
export interface CheckResult {
  /** true = excluded, false = included by a rule, null = no rule matched */
  excluded: boolean | null;
  rule: CompiledRule | null;
}

/** Settings of an engine. */
export interface EngineOptions {
  side: FilterSide;
  deleteExcluded: boolean;
  fs: FsView;
  /** the process's current directory (absolute bytes) */
  cwd: ByteString;
  /** `--from0`: rule files are NUL-separated */
  from0?: boolean;
  /**
   * rsync 3.5's ownership walk (unless --insecure-links): the symlink on the way to a filter file it
   * refuses to follow, or null. Absent: nothing is refused (a listing has no owners).
   */
  refused?: (abs: ByteString) => ByteString | null;
  /** builds the global CVS list the first time a `-C` (`+C`: includes) rule needs it, with that rule's modifiers */
  cvsList?: (mods: FilterRule['mods'], origin: RuleOrigin, kind: 'exclude' | 'include') => FilterRule[];
}

const basename = (p: ByteString): ByteString => p.slice(p.lastIndexOf('/') + 1);

/**
 * Is a global rule active on this side (send_rules' elide logic)? In a local transfer the receiver
 * is forked after option parsing, so it holds the very same list. A dir-merge rule is never elided:
 * both sides read its files, and drop the rules in them that name only the other side.
 */
export function globalRuleActive(rule: FilterRule, side: FilterSide, deleteExcluded: boolean): boolean {
  if (rule.kind === 'dir-merge') return true;
  const sender = rule.mods.senderSide || rule.kind === 'hide' || rule.kind === 'show';
  const receiver = rule.mods.receiverSide || rule.kind === 'protect' || rule.kind === 'risk';
  if (side === 'sender') return sender || !receiver;
  if (receiver) return true;
  if (sender) return false;
  return !deleteExcluded;
}

/** The run-time filter state of one side. */
export class FilterEngine {
  readonly problems: EngineProblem[] = [];
  /** rsync empties the global list while it sends implied directories */
  suspended = false;
  /** while deleting a directory absent on the sender, perishable rules are ignored */
  ignorePerishable = false;
  cwd: ByteString;
  private readonly global: Entry[] = [];
  private readonly mergelists: (MergeList | null)[] = [];
  private dirAbs: ByteString = '';
  private parentDirscan = false;
  private mergeDepth = 0;
  /** the depth limit was hit in the merge being read: the rest of it is skipped (else a file merging itself twice is exponential) */
  private depthExceeded = false;
  private cvs: FilterRule[] | null = null;
  private readonly filt: (PushedState | null | undefined)[] = [];
  private curDepth = -1;

  constructor(rules: readonly FilterRule[], readonly opts: EngineOptions) {
    this.cwd = opts.cwd;
    for (const r of rules) {
      if (!globalRuleActive(r, opts.side, opts.deleteExcluded)) continue;
      if (r.kind === 'dir-merge') this.addMergeList(this.global, r);
      else if (r.kind !== 'merge' && r.kind !== 'clear') this.global.push({ type: 'rule', c: compileRule(r) });
    }
  }

  /** Seed the global CVS list (when the command line already built it). */
  setCvsList(list: FilterRule[]): void {
    this.cvs = list;
  }

  /** check_filter on the global list: the first matching rule decides. */
  check(name: ByteString, isDir: boolean): CheckResult {
    if (this.suspended) return { excluded: null, rule: null };
    return this.checkList(this.global, name, isDir);
  }

  /** Is the name excluded (name_is_excluded)? */
  isExcluded(name: ByteString, isDir: boolean): CheckResult & { excludedNow: boolean } {
    const r = this.check(name, isDir);
    return { ...r, excludedNow: r.excluded === true };
  }

  private checkList(list: readonly Entry[], name: ByteString, isDir: boolean): CheckResult {
    for (const e of list) {
      const rule = e.type === 'rule' ? e.c.rule : e.rule;
      if (this.ignorePerishable && rule.mods.perishable) continue;
      if (e.type === 'merge') {
        const got = this.checkList([...e.ml.local, ...e.ml.inherited], name, isDir);
        if (got.excluded !== null) return got;
        continue;
      }
      if (ruleMatches(e.c, name, isDir, { cwd: this.cwd })) return { excluded: !e.c.include, rule: e.c };
    }
    return { excluded: null, rule: null };
  }

  /** True when per-directory merge lists are active (directories must be pushed). */
  get hasMergeLists(): boolean {
    return this.mergelists.some((m) => m !== null);
  }

  // ---------------------------------------------------------------------------------------
  // Directories: set_filter_dir, push_local_filters, pop_local_filters, change_local_filter_dir
  // ---------------------------------------------------------------------------------------

  private setFilterDir(dir: ByteString): void {
    this.dirAbs = joinAbs(this.cwd, dir);
  }

  private get dirbuf(): ByteString {
    return this.dirAbs === '/' ? '/' : `${this.dirAbs}/`;
  }

  /** push_local_filters: enter a directory (relative to cwd, or absolute) and read its merge files. */
  push(dir: ByteString): PushedState | null {
    this.setFilterDir(dir);
    if (!this.mergelists.length) return null;
    const state: PushedState = {
      count: this.mergelists.length,
      saved: this.mergelists.map((ml) => (ml ? { local: ml.local, inherited: ml.inherited } : null)),
    };
    for (let i = 0; i < this.mergelists.length; i++) {
      const ml = this.mergelists[i];
      if (!ml) continue;
      ml.inherited = ml.rule.mods.noInherit ? [] : [...ml.local, ...ml.inherited];
      ml.local = [];
      if (ml.needsSetup) {
        ml.needsSetup = false;
        if (this.setupMergeFile(ml)) this.setFilterDir(dir);
      }
      this.parseFile(ml, this.dirbuf + ml.name, ml.rule, true, false);
    }
    return state;
  }

  /** pop_local_filters: leave the directory entered by the matching push. */
  pop(state: PushedState | null): void {
    const old = state ? state.count : 0;
    for (let i = this.mergelists.length - 1; i >= 0; i--) {
      const ml = this.mergelists[i];
      if (!ml) continue;
      this.dropLocal(ml);
    }
    if (!state) return;
    for (let i = 0; i < old && i < this.mergelists.length; i++) {
      const ml = this.mergelists[i];
      const saved = state.saved[i];
      if (!ml || !saved) continue;
      ml.local = saved.local;
      ml.inherited = saved.inherited;
    }
  }

  /** change_local_filter_dir: pop everything at `depth` or deeper, then push `dir` there; null pops all. */
  changeDir(dir: ByteString | null, depth = 0): void {
    if (dir === null) {
      for (; this.curDepth >= 0; this.curDepth--) {
        const s = this.filt[this.curDepth];
        if (s) this.pop(s);
        this.filt[this.curDepth] = undefined;
      }
      return;
    }
    for (; this.curDepth >= depth; this.curDepth--) {
      const s = this.filt[this.curDepth];
      if (s) this.pop(s);
      this.filt[this.curDepth] = undefined;
    }
    this.curDepth = depth;
    this.filt[depth] = this.push(dir);
  }

  /** pop_filter_list: drop a list's local rules (tearing down merge lists they defined). */
  private dropLocal(ml: MergeList): void {
    if (!ml.local.length) return;
    this.teardownEntries(ml.local);
    ml.local = [];
  }

  private teardownEntries(list: readonly Entry[]): void {
    for (const e of list) if (e.type === 'merge') this.teardown(e.ml);
  }

  private teardown(ml: MergeList): void {
    const j = this.mergelists.indexOf(ml);
    if (j >= 0) this.mergelists[j] = null;
    while (this.mergelists.length && this.mergelists[this.mergelists.length - 1] === null) this.mergelists.pop();
  }

  /** setup_merge_file: a merge-file name with a slash scans the parent directories first. */
  private setupMergeFile(ml: MergeList): boolean {
    const x = this.parseMergeName(ml.name);
    if (!x.startsWith('/')) return false;
    const slash = x.lastIndexOf('/');
    ml.name = x.slice(slash + 1);
    const dir = cleanAbs(x.slice(0, slash) || '/');
    const buf = dir === '/' ? '/' : `${dir}/`;
    const dirbuf = this.dirbuf;
    const rest = dirbuf.startsWith(buf) ? dirbuf.slice(buf.length) : '';
    this.parentDirscan = true;
    let cur = buf;
    for (const part of rest.split('/').filter((s) => s.length > 0)) {
      this.dirAbs = cleanAbs(cur);
      this.parseFile(ml, cur + ml.name, ml.rule, true, false);
      if (ml.rule.mods.noInherit) {
        this.teardownEntries(ml.local);
        this.teardownEntries(ml.inherited);
        ml.local = [];
        ml.inherited = [];
      }
      ml.inherited = [...ml.local, ...ml.inherited];
      ml.local = [];
      cur = `${cur}${part}/`;
    }
    this.parentDirscan = false;
    return true;
  }

  /** parse_merge_name: names with a slash (or any name during a parent scan) become absolute. */
  private parseMergeName(name: ByteString): ByteString {
    if (!this.parentDirscan && !name.startsWith('/') && !name.includes('/')) return name;
    return name.startsWith('/') ? cleanAbs(name) : joinAbs(this.dirAbs || this.cwd, name);
  }

  // ---------------------------------------------------------------------------------------
  // Reading rules into a list (parse_filter_file / parse_filter_str / add_rule)
  // ---------------------------------------------------------------------------------------

  /** Where parsed rules go: a merge list's local part. */
  private parseFile(target: MergeList, path: ByteString, template: FilterRule, anchored: boolean, fatal: boolean): void {
    if (this.depthExceeded) return;
    if (this.mergeDepth >= MAX_MERGE_DEPTH) {
      const problem = { message: `merge-file include depth limit (${MAX_MERGE_DEPTH}) exceeded at ${path}`, file: path, exitCode: 11 };
      if (fatal) throw new FilterAbort(problem);
      this.problems.push({ message: problem.message, file: path });
      this.depthExceeded = true;
      return;
    }
    const abs = joinAbs(this.cwd, path);
    const link = this.opts.refused?.(abs) ?? null;
    if (link !== null) {
      this.problems.push({ message: `${UNTRUSTED_LINK} (${displayBytes(link)}): the rules of this file are not read (--insecure-links follows it)`, file: abs });
      if (fatal) {
        const kind = template.mods.onlyPrefix === '+' ? 'include' : 'exclude';
        throw new FilterAbort({ message: `failed to open ${kind} file ${path}: Too many levels of symbolic links (40)`, file: path, exitCode: 11 });
      }
      return;
    }
    const data = this.opts.fs.read(abs);
    if (data === null) {
      if (fatal) {
        const kind = template.mods.onlyPrefix === '+' ? 'include' : 'exclude';
        throw new FilterAbort({ message: `failed to open ${kind} file ${path}`, file: path, exitCode: 11 });
      }
      return;
    }
    this.mergeDepth++;
    try {
      const wordSplit = template.mods.wordSplit || template.mods.cvs;
      const { items, discarded } = readRuleFile(data, { wordSplit, from0: this.opts.from0 });
      for (const d of discarded) this.problems.push({ message: d.message, file: abs, line: d.line });
      const tmpl = innerTemplate(template);
      for (const item of items) this.parseText(target, item.text, tmpl, template, anchored, { file: abs, line: item.line, offset: item.column });
    } finally {
      this.mergeDepth--;
      if (this.mergeDepth === 0) this.depthExceeded = false;
    }
  }

  private parseText(target: MergeList, text: ByteString, tmpl: RuleTemplate, container: FilterRule, anchored: boolean, origin: RuleOrigin): void {
    const parsed = parseRule(text, tmpl, origin);
    if (parsed.type === 'none') return;
    if (parsed.type === 'problem') {
      const p = { message: parsed.problem.message, file: origin.file, line: origin.line };
      if (parsed.problem.fatal) throw new FilterAbort({ ...p, exitCode: 1 });
      this.problems.push(p);
      return;
    }
    const r = parsed.rule;
    if (container.mods.dirOnly) r.mods = { ...r.mods, dirOnly: true };
    if (r.kind === 'clear') {
      this.dropLocal(target);
      this.teardownEntries(target.inherited);
      target.inherited = [];
      return;
    }
    if (r.kind === 'merge' || r.kind === 'dir-merge') {
      if (r.mods.excludeSelf) {
        const self: FilterRule = { kind: 'exclude', pattern: basename(r.pattern), mods: noModifiers(), origin, patternOffset: r.patternOffset };
        target.local.push({ type: 'rule', c: compileRule(self) });
      }
      if (r.kind === 'dir-merge') {
        if (this.parentDirscan) {
          this.addMergeList(target.local, { ...r, pattern: this.parseMergeName(r.pattern) });
          return;
        }
        // add_rule drops a per-directory dir-merge that names only the other side
        if (anchored && this.otherSideOnly(r)) return;
        this.addMergeList(target.local, r);
        return;
      }
      this.parseFile(target, this.parseMergeName(r.pattern), r, false, true);
      return;
    }
    if (r.mods.cvs) {
      // the CVS words go through add_rule like any rule of the file: with --delete-excluded the
      // receiver drops the ones that name no side (fuzz seed 405: a `-C` in the receiver's -F file)
      for (const c of this.cvsRules(r)) if (!anchored || this.keptInPerDirList(c)) target.local.push({ type: 'rule', c: compileRule(c) });
      return;
    }
    if (anchored && !this.keptInPerDirList(r)) return;
    const perDir = anchored && !r.mods.absPath && r.pattern.startsWith('/') ? this.dirAbs : undefined;
    target.local.push({ type: 'rule', c: compileRule(r, perDir) });
  }

  /** add_rule for a per-directory list: rules that name only the other side, and on the receiver with --delete-excluded those naming no side, are dropped. */
  private keptInPerDirList(r: FilterRule): boolean {
    if (this.otherSideOnly(r)) return false;
    const named = r.mods.senderSide || r.mods.receiverSide || ['hide', 'show', 'protect', 'risk'].includes(r.kind);
    return named || !this.opts.deleteExcluded || this.opts.side !== 'receiver';
  }

  /** Does the rule name only the other side (add_rule drops it from per-directory lists)? */
  private otherSideOnly(r: FilterRule): boolean {
    const s = r.mods.senderSide || r.kind === 'hide' || r.kind === 'show';
    const rv = r.mods.receiverSide || r.kind === 'protect' || r.kind === 'risk';
    return this.opts.side === 'sender' ? rv && !s : s && !rv;
  }

  /** The global CVS list (get_cvs_excludes: built once, with the first `-C` rule's modifiers). */
  private cvsRules(r: FilterRule): FilterRule[] {
    if (!this.cvs) this.cvs = this.opts.cvsList ? this.opts.cvsList(r.mods, r.origin, r.kind === 'include' ? 'include' : 'exclude') : [];
    return this.cvs;
  }

  /** add_rule for a dir-merge rule: a second one with the same file basename is dropped. */
  private addMergeList(list: Entry[], rule: FilterRule): void {
    let name = rule.pattern;
    let mods = rule.mods;
    if (name.length > 1 && name.endsWith('/')) {
      name = name.slice(0, -1);
      mods = { ...mods, dirOnly: true };
    }
    const base = basename(name);
    for (const ml of this.mergelists) if (ml && basename(ml.name) === base) return;
    const ml: MergeList = { rule: { ...rule, mods }, name, needsSetup: true, local: [], inherited: [] };
    this.mergelists.push(ml);
    list.push({ type: 'merge', rule: ml.rule, ml });
  }
}

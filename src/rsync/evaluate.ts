// Deciding a name against the filter list: first match wins, with per-directory (dir-merge) rule lists.
import type { ByteString } from './bytes.js';
import { innerTemplate } from './filter-list.js';
import { parseRule, type RuleProblem } from './parse-rule.js';
import { readRuleFile } from './rule-file.js';
import { actsOnReceiver, actsOnSender, compileRule, ruleMatches, type CompiledRule, type FilterRule, type MatchContext } from './rule.js';

/** The side a decision is made for. */
export type Side = 'sender' | 'receiver';

/** The per-directory state: for each dir-merge rule of the list, the rules in force in the current directory. */
export type PerDirState = ReadonlyMap<number, CompiledRule[]>;

/** A decision: the rule that decided (null = no rule matched, so included). */
export interface Decision {
  included: boolean;
  rule: CompiledRule | null;
}

/** A problem met while reading a per-directory file. */
export interface PerDirProblem extends RuleProblem {
  file: ByteString;
  line: number;
}

/** The global list, compiled, with what the evaluator needs to judge names. */
export class FilterEvaluator {
  readonly compiled: (CompiledRule | null)[];
  readonly perDirProblems: PerDirProblem[] = [];

  constructor(readonly rules: FilterRule[], readonly ctx: MatchContext, readonly deleteExcluded = false) {
    this.compiled = rules.map((r) => (r.kind === 'dir-merge' ? null : compileRule(r)));
  }

  /** True when the list has dir-merge rules (per-directory files must be read). */
  get hasPerDir(): boolean {
    return this.rules.some((r) => r.kind === 'dir-merge');
  }

  /** First matching rule for the side; `perishableIgnored` is set while deleting a directory absent on the sender. */
  decide(name: ByteString, isDir: boolean, state: PerDirState, side: Side = 'sender', perishableIgnored = false): Decision {
    for (let i = 0; i < this.rules.length; i++) {
      const c = this.compiled[i];
      if (c === null) {
        for (const local of state.get(i) ?? []) {
          if (this.applies(local, side, perishableIgnored) && ruleMatches(local, name, isDir, this.ctx)) return { included: local.include, rule: local };
        }
        continue;
      }
      if (this.applies(c, side, perishableIgnored) && ruleMatches(c, name, isDir, this.ctx)) return { included: c.include, rule: c };
    }
    return { included: true, rule: null };
  }

  private applies(c: CompiledRule, side: Side, perishableIgnored: boolean): boolean {
    if (perishableIgnored && c.rule.mods.perishable) return false;
    return side === 'sender' ? actsOnSender(c.rule) : actsOnReceiver(c.rule, this.deleteExcluded);
  }

  /**
   * Enter a directory: read each dir-merge file in it (`read` returns its bytes or null) and
   * return the new state. `dirAbs` is the directory's absolute path (anchor of `/` patterns).
   */
  enterDir(parent: PerDirState, dirAbs: ByteString, read: (fileName: ByteString) => ByteString | null, fileLabel: (fileName: ByteString) => ByteString): PerDirState {
    if (!this.hasPerDir) return parent;
    const next = new Map<number, CompiledRule[]>();
    this.rules.forEach((rule, i) => {
      if (rule.kind !== 'dir-merge') return;
      const fileName = rule.pattern.slice(rule.pattern.lastIndexOf('/') + 1);
      const inherited = parent.get(i) ?? [];
      const data = read(fileName);
      if (data === null) {
        next.set(i, rule.mods.noInherit ? [] : inherited);
        return;
      }
      const own = this.parsePerDir(rule, data, dirAbs, fileLabel(fileName));
      next.set(i, own.cleared || rule.mods.noInherit ? own.rules : [...own.rules, ...inherited]);
    });
    return next;
  }

  private parsePerDir(rule: FilterRule, data: ByteString, dirAbs: ByteString, label: ByteString): { rules: CompiledRule[]; cleared: boolean } {
    const template = innerTemplate(rule);
    const { items } = readRuleFile(data, { wordSplit: rule.mods.wordSplit || rule.mods.cvs });
    const out: CompiledRule[] = [];
    let cleared = false;
    for (const item of items) {
      const parsed = parseRule(item.text, template, { file: label, line: item.line, offset: item.column });
      if (parsed.type === 'problem') {
        this.perDirProblems.push({ ...parsed.problem, file: label, line: item.line });
        continue;
      }
      if (parsed.type === 'none') continue;
      const r = parsed.rule;
      if (r.kind === 'clear') {
        out.length = 0;
        cleared = true;
        continue;
      }
      if (r.kind === 'merge' || r.kind === 'dir-merge') {
        this.perDirProblems.push({ message: `nested ${r.kind} rules in per-directory files are not modelled yet`, offset: item.column, fatal: false, file: label, line: item.line });
        continue;
      }
      out.push(compileRule(r, dirAbs));
    }
    return { rules: out, cleared };
  }
}

// Witness names for reachability questions: concrete names a rule's pattern can match, judged by the model.
import { utf8ToBytes, type ByteString } from '../rsync/bytes.js';
import { FilterEvaluator } from '../rsync/evaluate.js';
import { ruleMatches, type CompiledRule, type FilterRule } from '../rsync/rule.js';
import type { LintUnit, RuleSite } from './types.js';

/** A concrete name (bytes, relative to the transfer root) and whether it is a directory. */
export interface Witness {
  name: ByteString;
  isDir: boolean;
}

const MAX_WITNESSES = 96;

/** Fillings for each wildcard: varied enough that a rule matching all of them matches "anything". */
const STAR_FILLS = ['', 'x', 'Q7'];
const STARSTAR_FILLS = ['', 'x', 'x/y'];
const ONE_FILLS = ['x', '7'];

/** Expand a pattern's wildcards into sample texts (cross product, capped). */
function instantiate(pattern: string): string[] {
  let outs = [''];
  const push = (fills: string[]): void => {
    const next: string[] = [];
    for (const o of outs) for (const f of fills) if (next.length < MAX_WITNESSES) next.push(o + f);
    outs = next;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      push([pattern[++i]]);
    } else if (c === '*') {
      let j = i;
      while (pattern[j + 1] === '*') j++;
      push(j > i ? STARSTAR_FILLS : STAR_FILLS);
      i = j;
    } else if (c === '?') {
      push(ONE_FILLS);
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return [];
      const body = pattern.slice(i + 1, close);
      const members = body.startsWith('!') || body.startsWith('^') ? ['~'] : body.startsWith('[:') ? ['a', 'Z'] : [...new Set([body[0], body[body.length - 1]])];
      push(members.filter((m) => m !== '-' || body.length === 1));
      i = close;
    } else {
      push([c]);
    }
  }
  return outs;
}

/** Names the site's rule can match: its pattern instantiated, floated to deeper levels when unanchored. */
export function witnesses(site: RuleSite, namePrefix = ''): Witness[] {
  const c = site.compiled;
  const raw = site.pattern.replace(/\/$/, '');
  if (raw.length === 0) return [];
  const anchored = raw.startsWith('/');
  const body = anchored ? raw.slice(1) : raw;
  const bases = instantiate(body).map((t) => t.replace(/\/{2,}/g, '/').replace(/^\/|\/$/g, '')).filter((t) => t.length > 0);
  const names = new Set<string>();
  for (const b of bases) {
    if (anchored) names.add(b);
    else for (const p of ['', 'p/', 'p/q/']) names.add(p + b);
  }
  const out: Witness[] = [];
  for (const n of names) {
    if (anchored && namePrefix && !`${n}/`.startsWith(namePrefix)) continue;
    const full = anchored || !namePrefix ? n : namePrefix + n;
    const bytes = utf8ToBytes(full);
    for (const isDir of c.dirOnly ? [true] : [false, true]) {
      if (ruleMatches(c, bytes, isDir, { cwd: '/' })) out.push({ name: bytes, isDir });
    }
  }
  return out;
}

/** The names every entry of the unit's (first local) source starts with: `src/` for operand `src`. */
export function sourceNamePrefix(unit: LintUnit): string {
  const src = unit.sources.find((s) => !s.remote) ?? unit.sources[0];
  if (!src || src.root.itemName === null) return '';
  return src.root.itemName + '/';
}

/**
 * The unit's sender-side rules, indexed so that "which rule decides this name" costs the rules that
 * could match it, not the whole list: a literal rule can only match a name whose last component
 * equals its own last component.
 */
export class RuleIndex {
  private readonly byLiteral = new Map<ByteString, number[]>();
  private readonly byEnd = new Map<string, number[]>();
  private readonly general: number[] = [];

  constructor(readonly evaluator: FilterEvaluator) {
    const add = (map: Map<string, number[]>, key: string, i: number): void => {
      const list = map.get(key);
      if (list) list.push(i);
      else map.set(key, [i]);
    };
    evaluator.compiled.forEach((c, i) => {
      if (!c) return;
      const r = c.rule;
      if (r.kind === 'protect' || r.kind === 'risk' || (r.mods.receiverSide && !r.mods.senderSide)) return;
      if (r.mods.negate || r.mods.absPath || c.perDirPrefix !== undefined) {
        this.general.push(i);
        return;
      }
      const p = c.matchPattern;
      if (c.wild) {
        // a wildcard pattern that ends in a literal byte only matches names ending in that byte
        const end = p[p.length - 1];
        const before = p.length > 1 ? p[p.length - 2] : '';
        if (end !== undefined && !'*?]\\['.includes(end) && before !== '\\') add(this.byEnd, end, i);
        else this.general.push(i);
        return;
      }
      // a literal pattern matches the whole name (anchored) or a tail of it from a `/` on
      add(this.byLiteral, c.anchored ? p.slice(1) : p, i);
    });
  }

  /** The first rule (before index `before`) that matches the name, or null. */
  firstMatch(name: ByteString, isDir: boolean, before = Infinity): CompiledRule | null {
    const lists: (number[] | undefined)[] = [this.byEnd.get(name[name.length - 1]), this.general, this.byLiteral.get(name)];
    for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) lists.push(this.byLiteral.get(name.slice(i + 1)));
    const pos = lists.map(() => 0);
    for (;;) {
      let pick = -1;
      let best = Infinity;
      for (let k = 0; k < lists.length; k++) {
        const l = lists[k];
        if (l && pos[k] < l.length && l[pos[k]] < best) {
          best = l[pos[k]];
          pick = k;
        }
      }
      if (pick < 0 || best >= before) return null;
      pos[pick]++;
      const c = this.evaluator.compiled[best]!;
      if (ruleMatches(c, name, isDir, { cwd: '/' })) return c;
    }
  }
}

/** The full ordered rule list of the unit (with rsync's appended rules), and a judge over it. */
export function unitEvaluator(unit: LintUnit): { rules: FilterRule[]; evaluator: FilterEvaluator; index: RuleIndex } {
  const rules = unit.model ? unit.model.filters.rules : unit.sites.map((s) => s.rule);
  const evaluator = new FilterEvaluator(rules, { cwd: '/' }, unit.model?.flags.deleteExcluded ?? false);
  return { rules, evaluator, index: new RuleIndex(evaluator) };
}

/** First matching rule among the rules before `index` (sender side). */
export function decideBefore(index: RuleIndex, before: number, w: Witness): CompiledRule | null {
  return index.firstMatch(w.name, w.isDir, before);
}

/** The first excluded directory on the way to a witness, with the rule; implied dirs are skipped. */
export function excludedAncestor(index: RuleIndex, w: Witness, implied: ReadonlySet<string>): { ancestor: ByteString; rule: CompiledRule } | null {
  const parts = w.name.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (implied.has(dir)) continue;
    const c = index.firstMatch(dir, true);
    if (c && !c.include) return { ancestor: dir, rule: c };
  }
  return null;
}

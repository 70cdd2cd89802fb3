// Parsing one filter rule the way rsync's parse_rule_tok does: full syntax, old-style prefixes, or none.
import type { ByteString } from './bytes.js';
import { noModifiers, type FilterRule, type RuleKind, type RuleModifiers, type RuleOrigin } from './rule.js';

/** rsync's limit on a pattern (MAXPATHLEN): patterns of this many bytes or more are discarded. */
export const MAX_PATTERN_BYTES = 4096;

/** How a piece of text is to be read as a rule. */
export interface RuleTemplate {
  /** `full`: `--filter` / merge-file syntax; `old`: `--exclude`-style with optional `- `/`+ `; `none`: bare patterns */
  syntax: 'full' | 'old' | 'none';
  /** the rule type when the text gives none (old / none syntax) */
  defaultKind: 'exclude' | 'include';
  /** modifiers inherited from a merge rule (`/`, `p`, sides, `C`, ...) */
  inherit?: Partial<RuleModifiers>;
  /** the merge rule named a side: a rule that names one too is an error */
  sideGiven?: boolean;
  /** CVS-style reading: a word `!` clears, no prefixes */
  cvs?: boolean;
}

/** A problem rsync reports for a rule. `fatal` ones stop rsync (exit 1); the others are warnings. */
export interface RuleProblem {
  message: string;
  /** byte offset in the rule text where the problem is */
  offset: number;
  fatal: boolean;
}

/** The outcome of parsing one rule text. */
export type ParsedRule =
  | { type: 'rule'; rule: FilterRule }
  | { type: 'none' } // e.g. --exclude='' adds nothing
  | { type: 'problem'; problem: RuleProblem };

const SHORT_KINDS: Record<string, RuleKind> = {
  '-': 'exclude', '+': 'include', H: 'hide', S: 'show', P: 'protect', R: 'risk',
  '.': 'merge', ':': 'dir-merge', '!': 'clear',
};

const LONG_KINDS: ReadonlyArray<readonly [string, RuleKind]> = [
  ['clear', 'clear'], ['dir-merge', 'dir-merge'], ['exclude', 'exclude'], ['hide', 'hide'],
  ['include', 'include'], ['merge', 'merge'], ['protect', 'protect'], ['risk', 'risk'], ['show', 'show'],
];

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /^[ \t\n\v\f\r]$/.test(ch);

/** Parse one rule text (an argument or one line/word of a rule file). */
export function parseRule(text: ByteString, template: RuleTemplate, origin: RuleOrigin): ParsedRule {
  const mods: RuleModifiers = { ...noModifiers(), ...template.inherit };
  if (template.syntax === 'none' || template.cvs) {
    if (template.cvs && text === '!') return { type: 'rule', rule: makeRule('clear', '', mods, origin, 0) };
    if (text.length === 0) return { type: 'none' };
    return checkLength(makeRule(template.defaultKind, text, mods, origin, 0));
  }
  if (template.syntax === 'old') {
    if (text.length === 0) return { type: 'none' };
    if (text === '!') return { type: 'rule', rule: makeRule('clear', '', mods, origin, 0) };
    let kind: RuleKind = template.defaultKind;
    let at = 0;
    if ((text[0] === '-' || text[0] === '+') && text[1] === ' ') {
      kind = text[0] === '-' ? 'exclude' : 'include';
      at = 2;
    }
    if (at === text.length) return problem('unexpected end of filter rule', at);
    return checkLength(makeRule(kind, text.slice(at), mods, origin, at));
  }
  return parseFull(text, template, mods, origin);
}

/** Full `--filter` syntax: RULE[,]MODIFIERS<space|_>PATTERN. */
function parseFull(text: ByteString, template: RuleTemplate, mods: RuleModifiers, origin: RuleOrigin): ParsedRule {
  if (text.length === 0) return { type: 'none' };
  let kind: RuleKind | undefined;
  let at = 0;
  let longName = false;
  for (const [name, k] of LONG_KINDS) {
    if (text.startsWith(name)) {
      const after = text[name.length];
      if (after === undefined || after === ' ' || after === '_' || after === ',' || isSpace(after)) {
        kind = k;
        at = name.length;
        longName = true;
      }
      break;
    }
  }
  if (!kind) {
    kind = SHORT_KINDS[text[0]];
    if (!kind) return problem('Unknown filter rule', 0);
    at = 1;
  }
  if (kind === 'clear') {
    // parse_rule_tok skips one comma after the name, so `!,` and `clear,` clear too (`!,x` does not)
    const end = text[at] === ',' ? at + 1 : at;
    if (end !== text.length) return problem("'!' rule has trailing characters", at);
    return { type: 'rule', rule: makeRule('clear', '', mods, origin, at) };
  }
  if (text[at] === ',') at++;
  else if (longName && at < text.length && text[at] !== ' ' && text[at] !== '_') {
    // a long name followed by other whitespace: rsync reads that byte as a modifier
  }
  const isMerge = kind === 'merge' || kind === 'dir-merge';
  const sided = kind === 'hide' || kind === 'show' || kind === 'protect' || kind === 'risk';
  let ownSide = sided;
  while (at < text.length && text[at] !== ' ' && text[at] !== '_') {
    const m = text[at];
    const bad = (): ParsedRule => problem(`invalid modifier '${m}' at position ${at} in filter rule: ${text}`, at);
    switch (m) {
      case '/': mods.absPath = true; break;
      case '!': if (isMerge) return bad(); mods.negate = true; break;
      case 'C': if (sided || mods.onlyPrefix) return bad(); mods.cvs = true; break;
      case 's': if (sided) return bad(); mods.senderSide = true; ownSide = true; break;
      case 'r': if (sided) return bad(); mods.receiverSide = true; ownSide = true; break;
      case 'p': mods.perishable = true; break;
      case 'x': mods.xattr = true; break;
      case 'e': if (!isMerge) return bad(); mods.excludeSelf = true; break;
      case 'n': if (!isMerge) return bad(); mods.noInherit = true; break;
      case 'w': if (!isMerge) return bad(); mods.wordSplit = true; break;
      case '-': case '+':
        if (!isMerge || mods.onlyPrefix || mods.cvs) return bad();
        mods.onlyPrefix = m;
        break;
      default: return bad();
    }
    at++;
  }
  if (ownSide && template.sideGiven) {
    return problem('specified-side merge file contains specified-side filter', 0);
  }
  if (sided) {
    if (kind === 'hide' || kind === 'show') mods.senderSide = true;
    else mods.receiverSide = true;
  }
  const sepAt = at;
  if (at < text.length) at++; // exactly one separator
  const pattern = text.slice(at);
  if (mods.cvs) {
    if (isMerge) {
      mods.noInherit = true;
      mods.wordSplit = true;
      return { type: 'rule', rule: makeRule(kind, pattern.length ? pattern : '.cvsignore', mods, origin, at) };
    }
    // `-C` / `+C`: insert the CVS default list here; any pattern text is ignored
    return { type: 'rule', rule: makeRule(kind, '', mods, origin, at) };
  }
  if (pattern.length === 0) return problem('unexpected end of filter rule', sepAt);
  return checkLength(makeRule(kind, pattern, mods, origin, at));
}

function makeRule(kind: RuleKind, pattern: ByteString, mods: RuleModifiers, origin: RuleOrigin, patternOffset: number): FilterRule {
  return { kind, pattern, mods, origin, patternOffset };
}

function problem(message: string, offset: number, fatal = true): ParsedRule {
  return { type: 'problem', problem: { message, offset, fatal } };
}

/** rsync discards (with a warning, not fatally) any pattern of MAXPATHLEN bytes or more. */
function checkLength(rule: FilterRule): ParsedRule {
  if (rule.pattern.length >= MAX_PATTERN_BYTES) {
    return problem(`discarding over-long filter: pattern of ${rule.pattern.length} bytes (rsync's limit is ${MAX_PATTERN_BYTES - 1})`, rule.patternOffset, false);
  }
  return { type: 'rule', rule };
}

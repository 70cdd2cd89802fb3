// The argv words of a command unit as the RSL2xx/RSL3xx rules see them: options, their values and where they are written.
import type { ParsedOption } from '../rsync/options.js';
import type { LintUnit, Location, WordFacts } from './types.js';

/** Options whose value is a filter rule or a pattern. */
export const PATTERN_OPTIONS: ReadonlySet<string> = new Set(['exclude', 'include', 'filter']);

/** Options whose value names a rule file. */
export const LIST_OPTIONS: ReadonlySet<string> = new Set(['exclude-from', 'include-from']);

/** One option with a value, and the shell facts of the word holding the value. */
export interface OptionValue {
  option: ParsedOption;
  value: string;
  valueIndex: number;
  /** where the value starts in its word (UTF-16) */
  valueOffset: number;
  facts?: WordFacts;
  /** the value is a separate word (`--exclude PATTERN`, `-f RULE`) */
  separate: boolean;
}

/** The options of a command named in `names` that carry a value, in command-line order. */
export function optionValues(unit: LintUnit, names: ReadonlySet<string>): OptionValue[] {
  const out: OptionValue[] = [];
  for (const o of unit.model?.argv.options ?? []) {
    if (!names.has(o.name) || o.value === undefined) continue;
    const valueIndex = o.valueWordIndex ?? o.wordIndex;
    out.push({
      option: o, value: o.value, valueIndex, valueOffset: o.valueOffset ?? 0,
      facts: unit.words?.[valueIndex], separate: valueIndex !== o.wordIndex,
    });
  }
  return out;
}

/** Where the option's name is written: the letter of a bundled short option, else the whole spelling. */
export function optionNameLocation(unit: LintUnit, o: ParsedOption): Location | undefined {
  const word = unit.model?.words[o.wordIndex] ?? '';
  if (!o.spelled.startsWith('--') && word !== o.spelled) return unit.locateWord?.(o.wordIndex, o.nameOffset, o.nameOffset + 1);
  const start = o.spelled.startsWith('--') ? o.nameOffset : 0;
  return unit.locateWord?.(o.wordIndex, start, start + o.spelled.length);
}

/** Where an option's value (or a part of it, UTF-16 offsets into the value) is written. */
export function valueLocation(unit: LintUnit, v: OptionValue, from = 0, to = v.value.length): Location | undefined {
  return unit.locateWord?.(v.valueIndex, v.valueOffset + from, v.valueOffset + to);
}

/** Where a whole argv word is written (with its quotes; for a word made by one expansion, the value's definition). */
export function wordLocation(unit: LintUnit, index: number): Location | undefined {
  const facts = unit.words?.[index];
  if (facts) return facts.location;
  const word = unit.model?.words[index];
  return word === undefined ? undefined : unit.locateWord?.(index, 0, word.length);
}

/** The pattern of an old-style or filter rule text as rsync would take it (prefix stripped), with its offset. */
export function rulePattern(optionName: string, value: string): { pattern: string; offset: number } {
  if (optionName === 'filter') {
    const m = /^([-+]|[a-z]+)(,?[/!Cnswrpxe+-]*)?[ _]/.exec(value);
    if (m) return { pattern: value.slice(m[0].length), offset: m[0].length };
    const short = /^[-+HSPR][/!spxr]*[ _]/.exec(value);
    if (short) return { pattern: value.slice(short[0].length), offset: short[0].length };
    return { pattern: value, offset: 0 };
  }
  if (value.startsWith('- ') || value.startsWith('+ ')) return { pattern: value.slice(2), offset: 2 };
  return { pattern: value, offset: 0 };
}

/** The unit's sites grouped by the argv word that holds them. */
export function sitesByWord(unit: LintUnit): Map<number, LintUnit['sites']> {
  const out = new Map<number, LintUnit['sites']>();
  for (const s of unit.sites) {
    const i = s.rule.origin.argv;
    if (i === undefined || s.rule.origin.file !== undefined) continue;
    out.set(i, [...(out.get(i) ?? []), s]);
  }
  return out;
}

// RSL302 word-split-pattern: unquoted whitespace splits a pattern into several words, leaving a stray source.
import { optionValues, PATTERN_OPTIONS, type OptionValue } from '../src/engine/argv-words.js';
import type { LintRule, LintUnit, Location, RuleSite, WordFacts } from '../src/engine/types.js';

/** Variable names that usually hold a bag of options (`RSYNC_OPTS`, `FLAGS`, `EXCLUDES`, `extraArgs`). */
const OPTION_BAG = /(^|_)(opts?|options|flags|args|params|excludes?|includes?|filters?|exclusions?)(_|$)|(opts|options|flags|args|params|excludes|includes|filters)$/i;

/** Unquoted `{`, `}` and `,` of a word as written (quotes and escapes skipped). */
function unquotedBraces(raw: string): { opens: number; closes: number; commaAfterOpen: boolean } {
  let opens = 0;
  let closes = 0;
  let commaAfterOpen = false;
  let q: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (q) {
      if (c === q) q = null;
      else if (q === '"' && c === '\\') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === "'" || c === '"') q = c;
    else if (c === '{') opens++;
    else if (c === '}') closes++;
    else if (c === ',' && opens > closes) commaAfterOpen = true;
  }
  return { opens, closes, commaAfterOpen };
}

/** `an extra source `b`` or `extra sources `b,` and `c}``. */
function straySources(texts: string[]): string {
  const q = texts.map((t) => `\`${t}\``);
  return q.length === 1 ? `an extra source ${q[0]}` : `extra sources ${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

const sameLocation = (a: Location | undefined, b: Location | undefined): boolean =>
  a !== undefined && b !== undefined && a.line === b.line && a.column === b.column && a.endColumn === b.endColumn;

/** `inner` lies inside `outer` (a part of a word as written). */
const within = (inner: Location, outer: Location): boolean =>
  (inner.line > outer.line || (inner.line === outer.line && inner.column >= outer.column))
  && (inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn));

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL302',
    name: 'word-split-pattern',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'Unquoted whitespace splits a pattern into several words: rsync gets a truncated pattern and a stray extra source',
    messages: {
      braceSpace: '`{{pattern}}` is cut at the space after the comma: bash does not brace-expand `{{written}}`, so rsync gets the pattern `{{pattern}}` and {{strays}}',
      braceSeparate: '`{{written}}` after `{{option}}` expands to `{{option}} {{expanded}}`: only `{{pattern}}` is a pattern, and rsync gets {{strays}}',
      variableSpace: '`{{pattern}}` is cut at a space inside `${{name}}`, which is expanded unquoted: rsync gets the pattern `{{pattern}}` and {{strays}}',
      unknownBag: '`{{written}}` is expanded unquoted: its value is split at every space and globbed, and quotes inside it stay literal, so no pattern in it can hold a space',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    const model = unit.model;
    if (unit.kind !== 'command' || !model || !unit.words || unit.shell === 'none') return;
    const words = unit.words;
    const operandAt = new Set(model.argv.operands.map((o) => o.wordIndex));
    const siteOf = (v: OptionValue): RuleSite | undefined =>
      unit.sites.find((s) => s.rule.origin.argv === v.valueIndex && s.rule.origin.file === undefined);
    for (const v of optionValues(unit, PATTERN_OPTIONS)) {
      const facts = v.facts;
      const site = siteOf(v);
      if (!facts || !site?.location) continue;
      const strays = (same: (w: WordFacts) => boolean): WordFacts[] => {
        const out: WordFacts[] = [];
        for (let i = v.valueIndex + 1; i < words.length && operandAt.has(i) && same(words[i]); i++) out.push(words[i]);
        return out;
      };
      // `--exclude={'a', 'b'}`: the space ends the word before bash sees a whole brace expression
      const b = unquotedBraces(facts.raw);
      if (!facts.fromExpansion && b.opens > b.closes && b.commaAfterOpen) {
        const rest: WordFacts[] = [];
        for (let i = v.valueIndex + 1; i < words.length && operandAt.has(i) && !words[i].fromExpansion && words[i].location.line === facts.location.line; i++) {
          rest.push(words[i]);
          const r = unquotedBraces(words[i].raw);
          if (r.closes > r.opens) break;
        }
        const last = rest[rest.length - 1];
        if (last && unquotedBraces(last.raw).closes > unquotedBraces(last.raw).opens) {
          const written = [facts.raw, ...rest.map((w) => w.raw)].join(' ');
          const fixed = [facts.raw, ...rest.map((w) => w.raw)].join('');
          context.report({
            location: site.location, messageId: 'braceSpace', pattern: site.pattern,
            data: { pattern: site.pattern, written: written.slice(written.indexOf('{')), strays: straySources(rest.map((w) => w.text)) },
            suggest: [{ message: `drop the space so that bash expands the list: \`${fixed}\``, replacement: fixed }],
          });
          continue;
        }
      }
      // `--exclude {a,b}`: brace expansion makes several words, only the first is the option's value
      if (v.separate && facts.braceExpanded) {
        const more = strays((w) => w.braceExpanded === true && sameLocation(w.location, facts.location));
        if (more.length > 0) {
          const option = v.option.spelled;
          const fixed = [facts.text, ...more.map((w) => w.text)].map((t) => `${option}='${t}'`).join(' ');
          context.report({
            location: site.location, messageId: 'braceSeparate', pattern: site.pattern,
            data: { option, written: facts.raw, expanded: [facts.text, ...more.map((w) => w.text)].join(' '), pattern: site.pattern, strays: straySources(more.map((w) => w.text)) },
            suggest: [{ message: `one option per name: \`${fixed}\``, replacement: fixed }],
          });
          continue;
        }
      }
      // `X="--exclude=My Documents"; rsync $X`: the space in the value splits the pattern
      const exp = facts.fromExpansion;
      if (exp && !exp.quoted && facts.valueKnown) {
        const more = strays((w) => w.fromExpansion !== undefined && sameLocation(w.fromExpansion.location, exp.location));
        if (more.length > 0) {
          const whole = [site.pattern, ...more.map((w) => w.text)].join(' ');
          context.report({
            location: site.location, messageId: 'variableSpace', pattern: site.pattern,
            data: { pattern: site.pattern, name: exp.name, strays: straySources(more.map((w) => w.text)) },
            suggest: [{ message: `keep the pattern in one word: quote the expansion or use an array, so rsync gets \`${whole}\``, replacement: whole }],
          });
        }
      }
      // `E="My Documents"; rsync --exclude=$E`: the expansion inside the option word splits it
      if (!exp && facts.valueKnown) {
        const more = strays((w) => w.fromExpansion !== undefined && !w.fromExpansion.quoted && within(w.fromExpansion.location, facts.location));
        const inner = more[0]?.fromExpansion;
        if (inner && more.every((w) => sameLocation(w.fromExpansion?.location, inner.location))) {
          const whole = [site.pattern, ...more.map((w) => w.text)].join(' ');
          const raw = inner.raw ?? `$${inner.name}`;
          const at = inner.location.line === facts.location.line ? inner.location.column - facts.location.column : -1;
          const fixed = at >= 0 && facts.raw.slice(at, at + raw.length) === raw
            ? `${facts.raw.slice(0, at)}"${raw}"${facts.raw.slice(at + raw.length)}`
            : `"${raw}"`;
          context.report({
            location: inner.location, messageId: 'variableSpace', pattern: site.pattern,
            data: { pattern: site.pattern, name: inner.name, strays: straySources(more.map((w) => w.text)) },
            suggest: [{ message: `quote the expansion so that rsync gets one pattern \`${whole}\`: \`${fixed}\``, replacement: fixed }],
          });
        }
      }
    }
    reportUnknownBags(unit, words, context.report.bind(context));
  },
};

/** Unknown unquoted expansions that look like option bags (`$FLAGS`, `$RSYNC_OPTS`): one info per place. */
function reportUnknownBags(unit: LintUnit, words: WordFacts[], report: Parameters<LintRule['create']>[0]['report']): void {
  const seen = new Set<string>();
  const keyOf = (l: Location): string => `${l.line}:${l.column}`;
  // a variable whose value is known apart from an element globbed at its assignment is not unknown
  for (const w of words) if (w.fromExpansion && (w.valueKnown || w.elementGlob)) seen.add(keyOf(w.fromExpansion.location));
  words.forEach((w, i) => {
    const exp = w.fromExpansion;
    if (i === 0 || !exp || exp.quoted || w.valueKnown || !OPTION_BAG.test(exp.name)) return;
    const key = keyOf(exp.location);
    if (seen.has(key)) return;
    seen.add(key);
    report({
      location: exp.location, messageId: 'unknownBag', severity: 'info', data: { written: exp.raw ?? `$${exp.name}` },
      suggest: [{ message: `keep each option a word of its own: an array expanded as \`"\${${exp.name}[@]}"\``, replacement: `"\${${exp.name}[@]}"` }],
    });
  });
}

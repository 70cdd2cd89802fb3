// RSL303 unquoted-glob: a pattern the shell may pathname-expand before rsync sees it.
import { optionValues, PATTERN_OPTIONS, rulePattern, valueLocation, type OptionValue } from '../src/engine/argv-words.js';
import type { LintRule, Location, Report } from '../src/engine/types.js';

/** A file name the glob would match, with `*` and `?` filled by `fill` (`*.log` -> `a.log`). */
function sample(pattern: string, fill: string): string {
  return pattern.replace(/\*+/g, fill).replace(/\?/g, fill).replace(/\[!?\^?([^\]])[^\]]*\]/g, '$1').replace(/\\(.)/g, '$1');
}

/** The pattern of an option value and where it is written. */
function patternOf(unit: Parameters<LintRule['create']>[0]['unit'], v: OptionValue): { pattern: string; location?: Location } {
  const site = unit.sites.find((s) => s.rule.origin.argv === v.valueIndex && s.rule.origin.file === undefined);
  if (site) return { pattern: site.pattern, location: site.location };
  const { pattern, offset } = rulePattern(v.option.name, v.value);
  return { pattern, location: valueLocation(unit, v, offset, offset + pattern.length) };
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL303',
    name: 'unquoted-glob',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A pattern the shell may expand before rsync sees it: a separate unquoted word, or globs inside an unquoted variable',
    messages: {
      separate: '`{{pattern}}` is a separate unquoted word, so the shell expands it in the current directory before rsync runs (with `{{a}}` and `{{b}}` there, rsync gets `{{option}} {{a}}` and an extra source `{{b}}`); quote it: `{{quoted}}`',
      oneWord: '`{{word}}` is unquoted, so the shell would replace it by a file named like `{{example}}` in the current directory (zsh stops with "no matches found"); quote it: `{{quoted}}`',
      element: '`{{pattern}}` is unquoted in the array assignment, so the shell globs `{{word}}` there against the current directory; quote the element: `{{quoted}}`',
      expansion: '`{{written}}` is expanded unquoted, so the shell globs `{{word}}` against the current directory before rsync sees it; {{fix}}',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    if (unit.kind !== 'command' || !unit.model || !unit.words || unit.shell === 'none') return;
    const expansions = new Set<string>();
    for (const v of optionValues(unit, PATTERN_OPTIONS)) {
      const facts = v.facts;
      if (!facts) continue;
      const { pattern, location } = patternOf(unit, v);
      const exp = facts.fromExpansion;
      const word = facts.text;
      const report = (r: Omit<Report, 'location'> & { location?: Location }): void => {
        if (r.location) context.report({ ...r, location: r.location, pattern });
      };
      if (facts.elementGlob) {
        const quoted = `'${word}'`;
        report({
          location, messageId: 'element', severity: 'info', data: { pattern, word, quoted },
          suggest: [{ message: `quote the array element: \`${quoted}\``, replacement: quoted }],
        });
      }
      if (!facts.hasUnquotedGlob) continue;
      if (exp && !exp.quoted) {
        // one finding per unquoted expansion, at the expansion
        const key = `${exp.location.line}:${exp.location.column}`;
        if (expansions.has(key)) continue;
        expansions.add(key);
        const written = exp.raw ?? `$${exp.name}`;
        const array = /\[[@*]\]\}$/.test(written);
        const quotedExp = array ? `"${written}"` : `"\${${exp.name}[@]}"`;
        const fix = array ? `write \`${quotedExp}\`` : `keep the options in an array and write \`${quotedExp}\``;
        context.report({
          location: exp.location, messageId: 'expansion', severity: 'info', pattern,
          data: { written, word, fix },
          suggest: [{ message: array ? `quote the expansion: \`${quotedExp}\`` : `keep the options in an array and quote its expansion: \`${quotedExp}\``, replacement: quotedExp }],
        });
        continue;
      }
      if (exp) continue;
      if (v.separate) {
        const quoted = `'${word}'`;
        report({
          location, messageId: 'separate', severity: 'warning',
          data: { pattern, a: sample(pattern, 'a'), b: sample(pattern, 'b'), option: v.option.spelled, quoted: `${v.option.spelled} ${quoted}` },
          suggest: [{ message: `quote the pattern: \`${v.option.spelled} ${quoted}\``, replacement: quoted }],
        });
      } else {
        const quoted = `${word.slice(0, v.valueOffset)}'${v.value}'`;
        report({
          location, messageId: 'oneWord', severity: 'info', data: { word, example: sample(word, 'x'), quoted },
          suggest: [{ message: `quote the pattern: \`${quoted}\``, replacement: quoted }],
        });
      }
    }
  },
};

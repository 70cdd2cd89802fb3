// RSL301 brace-not-expanded: a `{a,b}` that reaches rsync literally (quoted, run by sh, or given with no shell).
import { LIST_OPTIONS, optionValues, sitesByWord, valueLocation, wordLocation } from '../src/engine/argv-words.js';
import type { LintRule, LintUnit, WordFacts } from '../src/engine/types.js';
import { ruleText } from '../src/rsync/rule.js';
import { braceWordsOfText } from '../src/shell/index.js';

/** Why the braces of this word were not expanded, or undefined when they were (or it has none). */
function notExpanded(unit: LintUnit, facts: WordFacts | undefined, text: string): string | undefined {
  if (facts?.quotedBrace) {
    const group = braceGroup(text);
    if (facts.fromExpansion) return `they come from the value of \`$${facts.fromExpansion.name}\` (the shell does not brace-expand expanded text)`;
    if (group && !facts.raw.replace(/['"]/g, '').includes(group.replace(/['"]/g, ''))) return 'they come from a variable (the shell does not brace-expand expanded text)';
    return 'the braces are quoted (no shell expands quoted braces)';
  }
  if (facts?.unquotedBrace) return '`sh` has no brace expansion (only bash, zsh and ksh have it)';
  if (unit.shell === 'none' && braceWordsOfText(text)) return 'no shell runs the command';
  return undefined;
}

/** The first `{...}` holding a `,` or `..` at its own level, for messages. */
function braceGroup(text: string): string | undefined {
  for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
    let depth = 0;
    let separated = false;
    for (let i = open; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        if (separated) return text.slice(open, i + 1);
        break;
      } else if (depth === 1 && (c === ',' || (c === '.' && text[i + 1] === '.'))) separated = true;
    }
  }
  return undefined;
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL301',
    name: 'brace-not-expanded',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'A `{a,b}` brace expression reaches rsync literally: quoted, run by sh/dash, or passed with no shell',
    messages: {
      pattern: '`{{brace}}` reaches rsync as written because {{why}}, and rsync patterns have no `{a,b}` alternation: `{{pattern}}` matches only a name spelled with those braces and commas',
      path: '`{{brace}}` reaches rsync as written because {{why}}: rsync looks for a path literally named `{{path}}`',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    // rule files: rsync reads them itself, no shell ever expands their braces
    for (const site of unit.sites) {
      if (site.carrier === 'argv' || !site.location) continue;
      const brace = braceGroup(site.pattern);
      const words = braceWordsOfText(site.pattern);
      if (!brace || !words) continue;
      context.report({
        location: site.location, messageId: 'pattern', pattern: site.pattern,
        data: { brace, why: 'rsync reads rule files itself and no shell expands them', pattern: site.pattern },
        suggest: [{ message: `write one line per name: ${words.map((w) => `\`${w}\``).join(', ')}`, replacement: words.join('\n') }],
      });
    }
    const model = unit.model;
    if (unit.kind !== 'command' || !model) return;
    const byWord = sitesByWord(unit);
    for (const [index, sites] of byWord) {
      const facts = unit.words?.[index];
      for (const site of sites) {
        const why = notExpanded(unit, facts, site.pattern);
        const brace = braceGroup(site.pattern);
        const words = braceWordsOfText(site.pattern)?.map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
        if (!why || !brace || !words || !site.location) continue;
        const option = site.rule.origin.option ?? '--exclude';
        const spelled = words.map((w) => {
          const text = site.rule.origin.option === '-f' || site.rule.origin.option?.startsWith('--filter') ? ruleText({ ...site.rule, pattern: w }) : w;
          return option.startsWith('--') ? `${option}='${text}'` : `${option} '${text}'`;
        });
        context.report({
          location: site.location, messageId: 'pattern', pattern: site.pattern, data: { brace, why, pattern: site.pattern },
          suggest: [{ message: `write one rule per name: \`${spelled.join(' ')}\``, replacement: spelled.join(' ') }],
        });
      }
    }
    // paths: source and destination operands, rule files, --files-from
    const paths: { index: number; text: string; at: () => ReturnType<typeof wordLocation> }[] = [];
    for (const src of model.sources) paths.push({ index: src.operand.wordIndex, text: src.operand.text, at: () => wordLocation(unit, src.operand.wordIndex) });
    if (model.dest) {
      const d = model.dest.operand;
      paths.push({ index: d.wordIndex, text: d.text, at: () => wordLocation(unit, d.wordIndex) });
    }
    for (const v of optionValues(unit, new Set([...LIST_OPTIONS, 'files-from']))) {
      paths.push({ index: v.valueIndex, text: v.value, at: () => valueLocation(unit, v) });
    }
    for (const p of paths) {
      const facts = unit.words?.[p.index];
      if (facts && !facts.valueKnown) continue;
      const why = notExpanded(unit, facts, p.text);
      const brace = braceGroup(p.text);
      const location = p.at();
      if (!why || !brace || !location) continue;
      context.report({ location, messageId: 'path', data: { brace, why, path: p.text } });
    }
  },
};

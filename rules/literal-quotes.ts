// RSL304 literal-quotes: quote characters that reach rsync as part of a pattern.
import type { LintRule } from '../src/engine/types.js';

const QUOTES = /['"]/;

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL304',
    name: 'literal-quotes',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'Quote characters reach rsync as part of a pattern (argv lists, CI inputs, variables expanded without eval)',
    messages: {
      wrapped: '`{{pattern}}` keeps its quote characters because {{why}}: rsync matches only names that begin and end with `{{quote}}`; write `{{fix}}`',
      inside: '`{{pattern}}` keeps its quote characters because {{why}}: rsync matches only names that contain them; write `{{fix}}`',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    for (const site of unit.sites) {
      const p = site.pattern;
      if (!site.location || !QUOTES.test(p)) continue;
      const facts = site.rule.origin.argv !== undefined ? unit.words?.[site.rule.origin.argv] : undefined;
      const wrapped = p.length >= 2 && QUOTES.test(p[0]) && p[p.length - 1] === p[0];
      let why: string | undefined;
      if (site.carrier !== 'argv') why = wrapped ? 'rsync reads rule files itself, with no shell to remove them' : undefined;
      else if (unit.shell === 'none' && wrapped) why = 'no shell runs the command to remove them';
      else if (unit.shell !== 'none' && facts?.expandedQuotes) {
        const name = facts.fromExpansion?.name;
        why = name ? `quotes inside the value of \`$${name}\` are not removed when it is expanded` : 'quotes produced by a variable expansion are not removed';
      }
      if (!why) continue;
      const fix = wrapped ? p.slice(1, -1) : p.replace(/['"]/g, '');
      context.report({
        location: site.location, messageId: wrapped ? 'wrapped' : 'inside', pattern: p, data: { pattern: p, why, quote: p[0], fix },
        suggest: [{ message: `drop the quote characters: \`${fix}\``, replacement: fix }],
      });
    }
  },
};

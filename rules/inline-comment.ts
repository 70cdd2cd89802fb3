// RSL121 inline-comment: ` # ...` or ` ; ...` after a pattern, which rsync keeps as part of the pattern.
import { indentedComment, trailingComment } from '../src/engine/pattern-facts.js';
import type { LintRule, Location, RuleSite } from '../src/engine/types.js';

/** Place part of a site's pattern; the whole pattern when the written text is not the pattern itself (quotes, escapes). */
function partOf(site: RuleSite, loc: Location, start: number, end: number): Location {
  if (loc.line !== loc.endLine || loc.endColumn - loc.column !== site.pattern.length) return loc;
  return { ...loc, column: loc.column + start, endColumn: loc.column + end };
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL121',
    name: 'inline-comment',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'A comment after a pattern: only whole-line comments exist, so it becomes part of the pattern',
    messages: {
      trailing: '`{{comment}}` after `{{before}}` is not a comment: rsync keeps it as part of the pattern, so `{{before}}` itself is never matched',
      indented: '`{{pattern}}` is not a comment: only lines that start with `#` or `;` in the first column are, so rsync takes this line as a pattern',
    },
    hasSuggestions: true,
  },
  create(context) {
    for (const site of context.unit.sites) {
      if (!site.location || site.rule.kind === 'clear') continue;
      const p = site.pattern;
      if (indentedComment(p)) {
        context.report({ location: site.location, messageId: 'indented', data: { pattern: p }, pattern: p, suggest: [] });
        continue;
      }
      const m = trailingComment(p);
      if (!m) continue;
      const before = p.slice(0, m.start);
      const comment = p.slice(m.mark).trimEnd();
      context.report({
        location: partOf(site, site.location, m.start, p.length), messageId: 'trailing', pattern: p,
        data: { comment, before },
        suggest: [{ message: `keep only the pattern (put the comment on a line of its own): \`${before}\``, replacement: before }],
      });
    }
  },
};

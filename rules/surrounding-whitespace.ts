// RSL120 surrounding-whitespace: leading or trailing whitespace that rsync keeps as part of the pattern.
import { blankTrim, PATTERN_BLANKS } from '../src/engine/pattern-facts.js';
import type { LintRule } from '../src/engine/types.js';

const WHAT: Record<string, string> = { ' ': 'space', '\t': 'tab', '\r': 'carriage return', '\v': 'vertical tab', '\f': 'form feed', '\n': 'newline' };

/** "2 spaces", "a tab", "a space and a tab". */
function describeBlank(ws: string): string {
  const kinds = [...new Set(ws)].map((c) => WHAT[c] ?? 'blank');
  if (kinds.length === 1) return ws.length === 1 ? `a ${kinds[0]}` : `${ws.length} ${kinds[0]}s`;
  return `${ws.length} blanks`;
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL120',
    name: 'surrounding-whitespace',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'Leading or trailing whitespace that rsync keeps as part of the pattern',
    messages: {
      whitespace: '`{{pattern}}` {{where}}, which rsync keeps as part of the pattern, so `{{trimmed}}` itself is never matched',
      onlyWhitespace: '`{{pattern}}` is only whitespace, which rsync takes as the pattern: it matches only a name spelled so',
      byteOrderMark: 'the line starts with a UTF-8 byte-order mark (bytes EF BB BF, invisible in most editors), which rsync keeps as part of the rule, so `{{trimmed}}` is read as a pattern that starts with those bytes and matches only a name spelled so; save the file without a BOM',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    // in a CRLF script the `\r` on each line's last word is crlf-script's finding
    const blanks = unit.crlf ? PATTERN_BLANKS.replace('\r', '') : PATTERN_BLANKS;
    for (const site of unit.sites) {
      if (!site.location || site.rule.kind === 'clear') continue;
      const p = site.pattern;
      if (p.startsWith('\ufeff')) {
        // a file saved "with BOM": the three bytes open its first line, before any rule prefix
        const trimmed = p.slice(1);
        context.report({ location: site.location, messageId: 'byteOrderMark', pattern: p, data: { trimmed }, suggest: [{ message: 'remove the byte-order mark', replacement: trimmed }] });
        continue;
      }
      const { start, end } = blankTrim(p, blanks);
      if (start === 0 && end === p.length) continue;
      const trimmed = p.slice(start, end);
      if (/^[#;]/.test(trimmed)) continue; // an indented comment line: inline-comment says that
      if (trimmed === '') {
        context.report({ location: site.location, messageId: 'onlyWhitespace', data: { pattern: p }, pattern: p, suggest: [] });
        continue;
      }
      const lead = p.slice(0, start);
      const trail = p.slice(end);
      const where = [lead && `starts with ${describeBlank(lead)}`, trail && `ends with ${describeBlank(trail)}`].filter(Boolean).join(' and ');
      context.report({
        location: site.location, messageId: 'whitespace', pattern: p,
        data: { pattern: p, where, trimmed },
        suggest: [{ message: `remove the whitespace: \`${trimmed}\``, replacement: trimmed }],
      });
    }
  },
};

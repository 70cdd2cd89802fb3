// RSL206 broken-structure: with a tree, a rule drops part of a structure that only works whole (a Maildir).
import { displayBytes } from '../src/rsync/bytes.js';
import { ruleText } from '../src/rsync/rule.js';
import type { LintRule } from '../src/engine/types.js';

// Includes that keep PART of every listed Maildir: `**/Maildir/PART/` for the usual `.../Maildir`,
// `**/Maildir/.*/PART/` for Maildir++ folders (`Maildir/.Sent`), `/Maildir/PART/` for one at the
// top (a leading `**/` needs a directory before it), and the path itself for any other; at most four.
function keepPatterns(maildirs: string[], part: string): string[] {
  const out: string[] = [];
  for (const m of maildirs) {
    const k = m === 'Maildir' ? `/Maildir/${part}/`
      : /\/Maildir$/.test(m) ? `**/Maildir/${part}/`
        : /(^|\/)Maildir\/\.[^/]+$/.test(m) ? (m.startsWith('Maildir/') ? `/Maildir/.*/${part}/` : `**/Maildir/.*/${part}/`)
          : `/${m}/${part}/`;
    if (!out.includes(k)) out.push(k);
  }
  return out.slice(0, 4);
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL206',
    name: 'broken-structure',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'With a tree: a rule drops part of a structure that only works whole, such as a Maildir\'s cur/new/tmp',
    messages: {
      maildir: '`{{pattern}}` drops `{{part}}` from the Maildir `{{maildir}}`{{more}}: a Maildir needs `cur`, `new` and `tmp`, and mail delivery fails without `{{part}}`',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    const reported = new Set<string>();
    for (const scan of unit.scans ?? []) {
      const byRule = new Map<string, { part: string; maildirs: string[]; location: NonNullable<typeof unit.commandLocation>; pattern: string }>();
      for (const m of scan.maildirs) {
        for (const lost of m.lost) {
          const site = unit.sites.find((s) => s.rule === lost.rule);
          const location = site?.location ?? unit.commandLocation;
          if (!location) continue;
          const key = `${location.file}:${location.line}:${location.column}:${lost.part}`;
          const entry = byRule.get(key) ?? { part: lost.part, maildirs: [], location, pattern: site ? site.pattern : displayBytes(ruleText(lost.rule)) };
          entry.maildirs.push(displayBytes(m.path || '.'));
          byRule.set(key, entry);
        }
      }
      for (const [key, e] of byRule) {
        if (reported.has(key)) continue;
        reported.add(key);
        const more = e.maildirs.length > 1 ? ` and ${e.maildirs.length - 1} other Maildir${e.maildirs.length > 2 ? 's' : ''}` : '';
        const keeps = keepPatterns(e.maildirs, e.part);
        context.report({
          location: e.location, messageId: 'maildir', pattern: e.pattern,
          data: { pattern: e.pattern, part: e.part, maildir: `${e.maildirs[0]}/`, more },
          suggest: [{ message: `keep ${e.maildirs.length > 1 ? 'them' : 'it'}: put ${keeps.map((k) => `\`+ ${k}\``).join(', ')} before this rule`, replacement: keeps[0] }],
        });
      }
    }
  },
};

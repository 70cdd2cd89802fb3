// RSL110 case-mismatch: a well-known name spelled in another case; rsync compares names case-sensitively.
import { displayBytes } from '../src/rsync/bytes.js';
import { EVERYWHERE_NAMES } from '../src/engine/knowledge.js';
import type { LintRule } from '../src/engine/types.js';

const PATTERN_KINDS = new Set(['exclude', 'include', 'hide', 'show', 'protect', 'risk']);

/** Well-known names by their lower-case form (`.Trash*` is left out: lower-case trash dirs exist too). */
const BY_LOWER: ReadonlyMap<string, string> = new Map(
  [...EVERYWHERE_NAMES].filter((n) => n !== '.Trash*').map((n) => [n.toLowerCase(), n]),
);

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL110',
    name: 'case-mismatch',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A well-known name spelled in another case: rsync matching is case-sensitive',
    messages: {
      caseMismatch: '`{{pattern}}` does not match `{{name}}`, the usual spelling: rsync compares names case-sensitively, so only an entry spelled `{{written}}` is matched',
      caseInTree: '`{{pattern}}` does not match `{{found}}` in this tree: rsync compares names case-sensitively, so that entry is kept',
    },
    hasSuggestions: true,
  },
  create(context) {
    const sites = context.unit.sites;
    const reported = new Set<object>();
    // with a tree: names that a literal rule misses only by letter case
    for (const scan of context.unit.scans ?? []) {
      for (const [rule, names] of scan.caseNear) {
        const site = sites.find((s) => s.rule === rule);
        if (!site?.location || reported.has(site) || names.length === 0) continue;
        reported.add(site);
        context.report({
          location: site.location, messageId: 'caseInTree', pattern: site.pattern,
          data: { pattern: site.pattern, found: displayBytes(names[0]) },
        });
      }
    }
    // a list that spells the name both ways means to catch both
    const written = new Set(sites.flatMap((s) => s.pattern.split('/')));
    for (const site of sites) {
      if (!site.location || reported.has(site) || !PATTERN_KINDS.has(site.rule.kind) || site.rule.mods.xattr) continue;
      const parts = site.pattern.split('/');
      const at = parts.findIndex((c) => {
        const name = BY_LOWER.get(c.toLowerCase());
        return name !== undefined && name !== c && !written.has(name);
      });
      if (at < 0) continue;
      const name = BY_LOWER.get(parts[at].toLowerCase()) ?? parts[at];
      const fixed = [...parts.slice(0, at), name, ...parts.slice(at + 1)].join('/');
      context.report({
        location: site.location, messageId: 'caseMismatch', pattern: site.pattern,
        data: { pattern: site.pattern, name, written: parts[at] },
        suggest: [{ message: `write \`${fixed}\``, replacement: fixed }],
      });
    }
  },
};

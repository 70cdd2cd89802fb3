// RSL105 never-matches: a pattern that no cleaned name can ever match.
import { neverMatchReason } from '../src/engine/pattern-facts.js';
import { displayBytes } from '../src/rsync/bytes.js';
import type { LintRule } from '../src/engine/types.js';

const PATTERN_KINDS = new Set(['exclude', 'include', 'hide', 'show', 'protect', 'risk']);

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL105',
    name: 'never-matches',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'No name that rsync tests can match the pattern, so the rule does nothing',
    messages: {
      never: '`{{pattern}}` never matches anything: {{why}}',
    },
    hasSuggestions: true,
  },
  create(context) {
    for (const site of context.unit.sites) {
      if (!site.location || !PATTERN_KINDS.has(site.rule.kind) || site.rule.mods.xattr) continue;
      const c = site.compiled;
      // judged on the pattern's bytes: the shown text escapes bytes that are not UTF-8 as `\#ooo`
      const reason = neverMatchReason(site.rule.pattern, c.wild, c.glob?.never ?? false);
      if (!reason) continue;
      const fix = reason.fix === undefined ? undefined : displayBytes(reason.fix);
      const suggest = fix ? [{ message: `write \`${fix}\``, replacement: fix }] : [];
      context.report({ location: site.location, messageId: 'never', data: { pattern: site.pattern, why: reason.why }, pattern: site.pattern, suggest });
    }
  },
};

// RSL105 never-matches: a pattern that no cleaned name can ever match.
import type { LintRule } from '../src/engine/types.js';

const PATTERN_KINDS = new Set(['exclude', 'include', 'hide', 'show', 'protect', 'risk']);

/** Why the pattern can never match, with a repaired pattern when one is clear; null when it can match. */
export function neverMatchReason(p: string, wild: boolean, globNever: boolean): { why: string; fix?: string } | null {
  if (p === '/') return { why: 'the name `/` never occurs: rsync names have no leading or trailing slash' };
  if (p.includes('//')) return { why: 'rsync names never contain `//`', fix: p.replace(/\/{2,}/g, '/') };
  const parts = p.replace(/^\//, '').replace(/\/$/, '').split('/');
  if (parts.some((c) => c === '.' || c === '..')) {
    const fixed = parts.filter((c) => c !== '.').join('/');
    return { why: 'rsync cleans names, so they never hold a `.` or `..` component', fix: parts.includes('..') ? undefined : (p.startsWith('/') ? '/' : '') + fixed + (p.endsWith('/') ? '/' : '') };
  }
  if (globNever) {
    if (/\\$/.test(p.replace(/\/$/, ''))) return { why: 'a wild pattern ending in a lone `\\` never matches' };
    return { why: 'it has an unterminated `[` or an unknown `[:class:]`, which makes rsync\'s matcher fail on every name' };
  }
  if (!wild && p.includes('\\')) {
    return { why: 'without `*`, `?` or `[` the backslash is an ordinary character, so it matches only a name that contains `\\`', fix: p.replace(/\\(.)/g, '$1') };
  }
  return null;
}

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
      const reason = neverMatchReason(site.pattern, c.wild, c.glob?.never ?? false);
      if (!reason) continue;
      const suggest = reason.fix ? [{ message: `write \`${reason.fix}\``, replacement: reason.fix }] : [];
      context.report({ location: site.location, messageId: 'never', data: { pattern: site.pattern, why: reason.why }, pattern: site.pattern, suggest });
    }
  },
};

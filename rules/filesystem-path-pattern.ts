// RSL104 filesystem-path-pattern: a list with no known source holds patterns written as full filesystem paths.
import type { LintRule } from '../src/engine/types.js';

/** First components that mark a pattern as a filesystem path. */
const FILESYSTEM_TOPS = new Set(['home', 'Users', 'root', 'usr', 'var', 'etc', 'opt', 'srv', 'mnt', 'media', 'data']);

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL104',
    name: 'filesystem-path-pattern',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'In a filter file with no known source, a pattern that looks like a full filesystem path',
    messages: {
      fsPath: '`{{pattern}}` looks like a full filesystem path, but a leading `/` anchors at the transfer root: it matches only when the source is `/` (with `{{source}}` as the source, write `{{example}}`)',
    },
    hasSuggestions: false,
  },
  create(context) {
    const { unit } = context;
    if (unit.kind !== 'list' || unit.sources.length > 0) return;
    for (const site of unit.sites) {
      if (!site.location || site.rule.mods.absPath) continue;
      const p = site.pattern;
      if (!p.startsWith('/')) continue;
      const parts = p.slice(1).replace(/\/+$/, '').split('/');
      if (parts.length < 3 || !FILESYSTEM_TOPS.has(parts[0])) continue;
      const literalOwner = !/[*?[]/.test(parts[1]);
      // the hint names the source it assumes: the pattern's own first two directories
      const source = `/${parts[0]}/${parts[1]}/`;
      const example = `/${parts.slice(2).join('/')}${p.endsWith('/') ? '/' : ''}`;
      context.report({ location: site.location, messageId: 'fsPath', data: { pattern: p, source, example }, severity: literalOwner ? 'warning' : 'info', pattern: p });
    }
  },
};

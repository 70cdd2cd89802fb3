// RSL101 unanchored-pattern: a pattern without a leading `/` matches at every depth.
import { anchorPrefix, EVERYWHERE_NAMES, EXPECTED_DIRS, MAILDIR_PARTS, TOP_LEVEL_NAMES } from '../src/engine/knowledge.js';
import { displayBytes } from '../src/rsync/bytes.js';
import { nestedExample, neverMatchReason } from '../src/engine/pattern-facts.js';
import type { LintRule, Severity, Suggestion } from '../src/engine/types.js';

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL101',
    name: 'unanchored-pattern',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A pattern without a leading `/` matches at every depth, not only at the transfer root',
    messages: {
      unanchored: '`{{pattern}}` has no leading `/`, so it matches at every depth (for example `{{example}}`), not only at the transfer root',
      nestedInTree: '`{{pattern}}` has no leading `/`, and in this tree it also drops `{{example}}` ({{nested}} of its {{matched}} matches are below the top level)',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    for (const site of unit.sites) {
      const r = site.rule;
      if (!site.location || (r.kind !== 'exclude' && r.kind !== 'hide')) continue;
      if (r.mods.xattr || r.mods.negate || r.mods.absPath) continue;
      const p = site.pattern;
      if (p.startsWith('/') || p.startsWith('**')) continue;
      const bare = p.replace(/\/+$/, '');
      const first = bare.split('/')[0];
      if (EVERYWHERE_NAMES.has(bare) || EVERYWHERE_NAMES.has(first)) continue;
      const severity: Severity = TOP_LEVEL_NAMES.has(bare) || TOP_LEVEL_NAMES.has(first) ? 'warning' : 'info';
      if (neverMatchReason(p, site.compiled.wild, site.compiled.glob?.never ?? false)) continue; // never-matches says more
      const last = bare.split('/').pop() ?? bare;
      const example = nestedExample(bare);
      const src = unit.sources.find((s) => !s.remote) ?? unit.sources[0];
      const prefix = src ? anchorPrefix(src) : '';
      const anchored = `/${prefix}${bare}`;
      const suggest: Suggestion[] = [];
      if (EXPECTED_DIRS.has(bare) || (MAILDIR_PARTS.has(last) && bare !== last)) {
        suggest.push({ message: `anchor it and keep the directory itself: \`${anchored}/*\``, replacement: `${anchored}/*` });
        suggest.push({ message: `anchor it and drop the directory: \`${anchored}/\``, replacement: `${anchored}/` });
      } else {
        suggest.push({ message: `anchor it at the transfer root: \`${anchored}${p.endsWith('/') ? '/' : ''}\``, replacement: `${anchored}${p.endsWith('/') ? '/' : ''}` });
      }
      const inTree = (unit.scans ?? []).map((sc) => sc.stats.get(r)).filter((st) => st !== undefined);
      const nested = inTree.reduce((n, st) => n + st!.nested, 0);
      if (nested > 0) {
        const matched = inTree.reduce((n, st) => n + st!.matched, 0);
        const sample = inTree.find((st) => st!.nestedSamples.length)!.nestedSamples[0];
        context.report({
          location: site.location, messageId: 'nestedInTree', severity: 'warning', pattern: p, suggest,
          data: { pattern: p, example: displayBytes(sample), nested: String(nested), matched: String(matched) },
        });
        continue;
      }
      context.report({ location: site.location, messageId: 'unanchored', data: { pattern: p, example }, severity, pattern: p, suggest });
    }
  },
};

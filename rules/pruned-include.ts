// RSL107 pruned-include: an include whose targets lie below a directory the rules exclude, so rsync never gets there.
import { displayBytes } from '../src/rsync/bytes.js';
import { ruleText } from '../src/rsync/rule.js';
import { decideBefore, excludedAncestor, sourceNamePrefix, unitEvaluator, witnesses } from '../src/engine/witness.js';
import type { LintRule } from '../src/engine/types.js';

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL107',
    name: 'pruned-include',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'An include whose targets lie below a directory that the rules exclude: rsync never descends there',
    messages: {
      pruned: '`{{pattern}}` never takes effect: the directory `{{ancestor}}` above what it includes is excluded by `{{by}}`, and rsync never looks inside an excluded directory',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    const { rules, index: ruleIndex } = unitEvaluator(unit);
    const position = new Map(rules.map((r, i) => [r, i]));
    const prefix = sourceNamePrefix(unit);
    const implied = new Set<string>(unit.sources.flatMap((s) => s.root.impliedDirs));
    for (const site of unit.sites) {
      const r = site.rule;
      if (!site.location || (r.kind !== 'include' && r.kind !== 'show') || r.mods.xattr || r.mods.absPath || r.mods.negate || site.carrier === 'perdir') continue;
      const index = position.get(r) ?? -1;
      if (index < 0) continue;
      // only the names this rule itself decides (shadowed ones are RSL106's)
      const ws = witnesses(site, prefix).filter((w) => decideBefore(ruleIndex, index, w) === null);
      if (ws.length === 0) continue;
      const blocked = ws.map((w) => excludedAncestor(ruleIndex, w, implied));
      if (blocked.some((b) => b === null)) continue;
      const b = blocked[0]!;
      const by = displayBytes(ruleText(b.rule.rule));
      const suggest = [];
      const p = site.pattern;
      if (/\/\*\*$/.test(p)) suggest.push({ message: `include the directory too: \`${p}*\``, replacement: `${p}*` });
      else suggest.push({ message: 'include the parent directories first (e.g. `+ */` before the excludes, with -m to drop empty ones)', replacement: '*/' });
      context.report({ location: site.location, messageId: 'pruned', data: { pattern: p, ancestor: `${displayBytes(b.ancestor)}/`, by }, pattern: p, suggest });
    }
  },
};

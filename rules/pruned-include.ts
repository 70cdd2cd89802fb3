// RSL107 pruned-include: an include whose targets lie below a directory the rules exclude, so rsync never gets there.
import { displayBytes } from '../src/rsync/bytes.js';
import { ruleMatches, ruleText } from '../src/rsync/rule.js';
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
      prunedEarlier: '`{{pattern}}` never takes effect: `{{by}}` comes before it and excludes the directory `{{ancestor}}` above what it includes, and rsync never looks inside an excluded directory; put this include before `{{by}}`',
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
      const p = site.pattern;
      const w = ws[blocked.indexOf(b)];
      // an exclude before the include decides the directory first: when the include matches that
      // directory itself (`/data/keep/***` for `data/keep/`), putting it first is the whole fix
      if ((position.get(b.rule.rule) ?? Infinity) < index && ruleMatches(site.compiled, b.ancestor, true, { cwd: '/' })) {
        context.report({ location: site.location, messageId: 'prunedEarlier', data: { pattern: p, ancestor: `${displayBytes(b.ancestor)}/`, by }, pattern: p });
        continue;
      }
      const suggest = [];
      if (/\/\*\*$/.test(p)) suggest.push({ message: `include the directory too: \`${p}*\``, replacement: `${p}*` });
      // the directories on the way down, from the excluded one, included by name before the exclude
      const parts = w.name.split('/');
      const way: string[] = [];
      for (let i = b.ancestor.split('/').length; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!implied.has(dir)) way.push(`+ /${displayBytes(dir)}/`);
      }
      if (way.length && suggest.length === 0) {
        // a catch-all exclude keeps the rest of those directories out; any other needs `- /DIR/*` per directory
        const rest = b.rule.rule.pattern === '*' || b.rule.rule.pattern === '**' ? ''
          : `, then ${way.map((x) => `\`- ${x.slice(2)}*\``).join(', ')} after this include to keep their other contents out`;
        suggest.push({ message: `include the directories on the way first: ${way.map((x) => `\`${x}\``).join(', ')} before \`${by}\`${rest}`, replacement: way[0].slice(2) });
      }
      // the include idiom for a catch-all exclude
      if (suggest.length === 1 && (b.rule.rule.pattern === '*' || b.rule.rule.pattern === '**') && !/\/\*\*$/.test(p)) {
        suggest.push({ message: 'or include every directory first (`+ */` before the excludes, with -m to drop empty ones)', replacement: '*/' });
      }
      context.report({ location: site.location, messageId: 'pruned', data: { pattern: p, ancestor: `${displayBytes(b.ancestor)}/`, by }, pattern: p, suggest });
    }
  },
};

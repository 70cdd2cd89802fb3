// RSL106 shadowed-rule: an earlier rule matches everything this rule could match, so it never decides.
import { displayBytes } from '../src/rsync/bytes.js';
import { ruleText } from '../src/rsync/rule.js';
import { decideBefore, sourceNamePrefix, unitEvaluator, witnesses } from '../src/engine/witness.js';
import type { LintRule, Location } from '../src/engine/types.js';

const SENDER_KINDS = new Set(['exclude', 'include', 'hide', 'show']);

/** Where a rule is, for the message: `line 4` in a list, or the argument. */
function placeOf(loc: Location | undefined, here: Location): string {
  if (!loc) return 'an earlier rule';
  if (loc.file === here.file && loc.file !== '<command line>') return `line ${loc.line}`;
  return loc.file === '<command line>' ? `column ${loc.column}` : `${loc.file}:${loc.line}`;
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL106',
    name: 'shadowed-rule',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'An earlier rule matches everything this rule could match: first match wins, so this rule never decides anything',
    messages: {
      shadowed: '`{{pattern}}` never takes effect: `{{earlier}}` ({{where}}) matches every name it could match first (for example `{{example}}`), and the first matching rule wins',
      duplicate: '`{{pattern}}` repeats `{{earlier}}` ({{where}}): the later copy never takes effect',
    },
    hasSuggestions: false,
  },
  create(context) {
    const { unit } = context;
    const { rules, index: ruleIndex } = unitEvaluator(unit);
    const position = new Map(rules.map((r, i) => [r, i]));
    const siteOf = new Map(unit.sites.map((s) => [s.rule, s]));
    const prefix = sourceNamePrefix(unit);
    for (const site of unit.sites) {
      const r = site.rule;
      if (!site.location || !SENDER_KINDS.has(r.kind) || r.mods.xattr || r.mods.absPath || r.mods.negate || site.carrier === 'perdir') continue;
      if (r.mods.receiverSide && !r.mods.senderSide) continue;
      const index = position.get(r) ?? -1;
      if (index <= 0) continue;
      const ws = witnesses(site, prefix);
      if (ws.length === 0) continue;
      const deciders = ws.map((w) => decideBefore(ruleIndex, index, w));
      if (deciders.some((d) => d === null)) continue;
      const first = deciders[0]!;
      const earlierSite = siteOf.get(first.rule);
      const earlier = displayBytes(ruleText(first.rule));
      const where = placeOf(earlierSite?.location, site.location);
      const same = first.rule.kind === r.kind && first.rule.pattern === r.pattern;
      context.report({
        location: site.location,
        messageId: same ? 'duplicate' : 'shadowed',
        data: { pattern: site.pattern, earlier, where, example: displayBytes(ws[0].name) + (ws[0].isDir ? '/' : '') },
        pattern: site.pattern,
      });
    }
  },
};

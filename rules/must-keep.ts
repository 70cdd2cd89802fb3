// RSL205 must-keep: a path the user declared must survive (--must-keep) is dropped by a rule.
import { displayBytes } from '../src/rsync/bytes.js';
import { ruleText } from '../src/rsync/rule.js';
import type { LintRule } from '../src/engine/types.js';

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL205',
    name: 'must-keep',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'A path declared with --must-keep is dropped by a rule',
    messages: {
      dropped: '`{{rule}}` drops `{{path}}`{{more}}, which `--must-keep {{keep}}` says must survive',
    },
    hasSuggestions: false,
  },
  create(context) {
    const { unit } = context;
    const groups = new Map<string, { paths: string[]; total: number; location: NonNullable<typeof unit.commandLocation>; rule: string; keep: string; pattern?: string }>();
    for (const scan of unit.scans ?? []) {
      for (const hit of scan.mustKeep) {
        const site = unit.sites.find((s) => s.rule === hit.rule);
        const location = site?.location ?? unit.commandLocation;
        if (!location) continue;
        const key = `${location.file}:${location.line}:${location.column}:${hit.pattern}`;
        const g = groups.get(key) ?? { paths: [], total: 0, location, rule: displayBytes(ruleText(hit.rule)), keep: hit.pattern, pattern: site?.pattern };
        g.paths.push(displayBytes(hit.path));
        g.total += hit.total ?? 1;
        groups.set(key, g);
      }
    }
    for (const g of groups.values()) {
      const more = g.total > 1 ? ` (and ${(g.total - 1).toLocaleString('en-US')} more)` : '';
      context.report({ location: g.location, messageId: 'dropped', pattern: g.pattern, data: { rule: g.rule, path: g.paths[0], more, keep: g.keep } });
    }
  },
};

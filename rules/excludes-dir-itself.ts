// RSL102 excludes-dir-itself: a rule drops a directory that programs expect to exist, not just its contents.
import { EXPECTED_DIRS, MAILDIR_PARTS, rootIsFilesystemRoot } from '../src/engine/knowledge.js';
import type { LintRule, LintUnit } from '../src/engine/types.js';

/** Does the unit's transfer root sit at the filesystem root (or is it unknown, as for a bare list)? */
function rootedAtFilesystem(unit: LintUnit): boolean {
  if (unit.sources.length === 0) return unit.kind === 'list';
  return unit.sources.some(rootIsFilesystemRoot);
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL102',
    name: 'excludes-dir-itself',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'The rule drops a directory that programs expect to exist, where `/x/*` would keep it empty with its mode',
    messages: {
      systemDir: '`{{pattern}}` drops the directory `/{{dir}}` itself: the copy will have no `/{{dir}}` (nor its owner and mode); `/{{dir}}/*` keeps it empty',
      maildir: '`{{pattern}}` drops a Maildir\'s `{{part}}` directory: a Maildir needs `cur`, `new` and `tmp`, and delivery fails without `{{part}}`; `{{keep}}` keeps it empty',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    for (const site of unit.sites) {
      const r = site.rule;
      if (!site.location || (r.kind !== 'exclude' && r.kind !== 'hide') || r.mods.negate || r.mods.xattr) continue;
      const p = site.pattern;
      const base = p.replace(/\/\*\*\*$/, '').replace(/\/+$/, '');
      // Maildir/tmp, */Maildir/new, /home/*/Maildir/cur, ...: the structure loses a part
      const parts = base.replace(/^\//, '').split('/');
      const last = parts[parts.length - 1];
      if (parts.length >= 2 && MAILDIR_PARTS.has(last) && /^(Maildir|\.[^/]+)$/.test(parts[parts.length - 2]) && parts.includes('Maildir')) {
        const keep = `${base}/*`;
        context.report({
          location: site.location, messageId: 'maildir', data: { pattern: p, part: last, keep }, pattern: p,
          suggest: [{ message: `keep the directory, drop its contents: \`${keep}\``, replacement: keep }],
        });
        continue;
      }
      if (!p.startsWith('/') || !rootedAtFilesystem(unit)) continue;
      const dir = base.slice(1);
      const severity = EXPECTED_DIRS.get(dir);
      if (!severity) continue;
      context.report({
        location: site.location, messageId: 'systemDir', data: { pattern: p, dir }, severity, pattern: p,
        suggest: [{ message: `keep the directory, drop its contents: \`/${dir}/*\``, replacement: `/${dir}/*` }],
      });
    }
  },
};

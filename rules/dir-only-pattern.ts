// RSL111 dir-only-pattern: a trailing `/` limits the rule to directories, but the name is often a file too.
import { anchorPrefix } from '../src/engine/knowledge.js';
import type { LintRule, Suggestion } from '../src/engine/types.js';

/** Names that are usually directories but are real files in common setups, with that file. */
const FILE_FORMS: Record<string, string> = {
  '.git': 'the `.git` file of a git worktree or submodule (`gitdir: ...`)',
};

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL111',
    name: 'dir-only-pattern',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A trailing `/` limits the rule to directories, but the name is often a file too',
    messages: {
      dirOnly: '`{{pattern}}` only matches directories, so {{file}} is still sent',
      dirOnlyDelete: '`{{pattern}}` only matches directories, so {{file}} is still sent, and with `--delete` it replaces the receiver\'s `{{name}}` directory',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    for (const site of unit.sites) {
      const r = site.rule;
      if (!site.location || (r.kind !== 'exclude' && r.kind !== 'hide') || r.mods.negate || r.mods.xattr) continue;
      const p = site.pattern;
      if (!p.endsWith('/') || p.endsWith('//')) continue;
      const bare = p.slice(0, -1);
      const name = bare.slice(bare.lastIndexOf('/') + 1);
      const file = FILE_FORMS[name];
      if (file === undefined) continue;
      const suggest: Suggestion[] = [{ message: `drop the slash to match the file too: \`${bare}\``, replacement: bare }];
      if (!bare.startsWith('/') && !bare.includes('/')) {
        const src = unit.sources.find((s) => !s.remote) ?? unit.sources[0];
        const anchored = `/${src ? anchorPrefix(src) : ''}${bare}`;
        suggest.push({ message: `only the one at the transfer root: \`${anchored}\``, replacement: anchored });
      }
      const deleting = unit.model?.flags.deleteMode === true && !r.mods.senderSide && r.kind !== 'hide';
      // without `--delete` the stray file is a small pointer file on the receiver: worth knowing, no more
      context.report({
        location: site.location, messageId: deleting ? 'dirOnlyDelete' : 'dirOnly', severity: deleting ? 'warning' : 'info',
        data: { pattern: p, file, name }, pattern: p, suggest,
      });
    }
  },
};

// RSL002 missing-filter-file: an exclude/include-from or merge file that is not where the script says.
import type { LintRule } from '../src/engine/types.js';

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL002',
    name: 'missing-filter-file',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A filter file named by the command is not found, so rsync would stop with exit 11',
    messages: {
      missing: '`{{path}}` is not found where rsync-lint looked (beside the script, or where its path leads); if it is missing when rsync runs, rsync stops with `failed to open {{which}} file` (exit 11) before transferring anything',
    },
    hasSuggestions: false,
  },
  create(context) {
    for (const p of context.unit.problems) {
      if (p.kind !== 'file' || !p.location || p.path === undefined || p.path === '-') continue;
      // only a file that is not there: a device, a directory or a huge file is another story
      if (!p.message.endsWith('No such file or directory')) continue;
      const which = /^failed to open (\w+) file/.exec(p.message)?.[1] ?? 'exclude';
      context.report({ location: p.location, messageId: 'missing', data: { path: p.path, which } });
    }
  },
};

// RSL002 missing-filter-file: an exclude/include-from or merge file that is not where the script says.
import type { LintRule, Location, Suggestion } from '../src/engine/types.js';

const sameStart = (a: Location, b: Location): boolean => a.file === b.file && a.line === b.line && a.column === b.column;

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
      tilde: '`{{path}}` reaches rsync with its `~` unexpanded (no shell expands `~` after `=` or inside quotes), so rsync looks for a directory named `~` and stops with `failed to open {{which}} file` (exit 11)',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    for (const p of unit.problems) {
      if (p.kind !== 'file' || !p.location || p.path === undefined || p.path === '-') continue;
      // only a file that is not there: a device, a directory or a huge file is another story
      if (!p.message.endsWith('No such file or directory')) continue;
      const which = /^failed to open (\w+) file/.exec(p.message)?.[1] ?? 'exclude';
      if (p.path.startsWith('~/')) {
        const word = unit.words?.find((w) => sameStart(w.location, p.location as Location))?.text;
        const home = `"$HOME/${p.path.slice(2)}"`;
        const fixed = word?.endsWith(`=${p.path}`) ? `${word.slice(0, -p.path.length)}${home}` : home;
        const suggest: Suggestion[] = [{ message: `let the shell expand the home directory: \`${fixed}\``, replacement: fixed }];
        context.report({ location: p.location, messageId: 'tilde', severity: 'error', data: { path: p.path, which }, suggest });
        continue;
      }
      context.report({ location: p.location, messageId: 'missing', data: { path: p.path, which } });
    }
  },
};

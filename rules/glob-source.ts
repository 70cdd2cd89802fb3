// RSL204 glob-source: a source operand with a wildcard, expanded by the shell or the remote side.
import { wordLocation } from '../src/engine/argv-words.js';
import type { LintRule, Severity, Suggestion } from '../src/engine/types.js';

const GLOB = /[*?[]/;

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL204',
    name: 'glob-source',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A source operand with a wildcard: dot-names are skipped and `--delete` acts only inside the matched names',
    messages: {
      wholeDir: '`{{operand}}` is expanded by {{who}} before rsync sees it: names starting with `.` (such as `.htaccess` or `.well-known/`) are never sent{{deleteNote}}; `{{fix}}` copies the whole directory',
      subset: '`{{operand}}` is expanded by {{who}}, so rsync gets one source per matching name{{deleteNote}}',
      literal: '`{{operand}}` reaches rsync unexpanded because {{why}}, and rsync does not expand wildcards in a local path: it looks for a file literally named `{{name}}`',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    const model = unit.model;
    if (unit.kind !== 'command' || !model) return;
    for (const src of model.sources) {
      const facts = unit.words?.[src.operand.wordIndex];
      if (!GLOB.test(src.path) || (facts && !facts.valueKnown)) continue;
      const location = wordLocation(unit, src.operand.wordIndex);
      if (!location) continue;
      const operand = src.operand.text;
      const slash = src.path.lastIndexOf('/');
      const last = src.path.slice(slash + 1);
      const parent = src.path.slice(0, slash + 1);
      const expandedLocally = !src.remote && facts?.hasUnquotedGlob === true && unit.shell !== 'none';
      if (!src.remote && !expandedLocally) {
        // a quoted `[...]` is how one names a file such as `Movie [1080p].mkv`; a literal `*` or `?` is a mistake
        if (!/[*?]/.test(src.path)) continue;
        const why = unit.shell === 'none' ? 'no shell runs the command' : 'it is quoted';
        context.report({ location, messageId: 'literal', severity: 'error', data: { operand, name: src.path, why } });
        continue;
      }
      const who = src.remote ? 'the remote side' : 'the shell';
      const deleteNote = model.flags.deleteMode ? ', and `--delete` only deletes inside the matched directories, never a top-level name that went away' : '';
      const whole = last === '*' && !GLOB.test(parent);
      const severity: Severity = whole || model.flags.deleteMode ? 'warning' : 'info';
      const suggest: Suggestion[] = [];
      let fix = '';
      if (whole) {
        fix = operand.slice(0, operand.length - 1) || './';
        if (fix.endsWith(':')) fix += './';
        suggest.push({ message: `copy the directory's contents, dot-names included: \`${fix}\``, replacement: fix });
      }
      context.report({ location, messageId: whole ? 'wholeDir' : 'subset', severity, data: { operand, who, deleteNote, fix }, suggest });
    }
  },
};

// RSL202 cvs-exclude: `-C` drops everything named like CVS junk (core, tags, *.old, *.so, *.a ...) at every depth.
import { optionNameLocation } from '../src/engine/argv-words.js';
import type { LintRule } from '../src/engine/types.js';
import { CVS_DEFAULT_PATTERNS } from '../src/rsync/cvs.js';

/** The entries of the list that surprise people most (real file and directory names), shown in the message. */
const SURPRISING = ['core', 'tags', '*.old', '*.so', '*.a', '*.exe', '*.bak'];

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL202',
    name: 'cvs-exclude',
    defaultSeverity: 'warning',
    type: 'problem',
    description: '`-C`/`--cvs-exclude` drops any file or directory named like CVS junk at every depth, after all user rules',
    messages: {
      cvs: '`{{option}}` drops every file and directory named {{names}} (and {{more}} more names) at every depth, after all your rules: a `src/core/` directory or a `lib/libfoo.so` is never sent',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    if (unit.kind !== 'command' || !unit.model?.flags.cvsExclude) return;
    const o = unit.model.argv.options.find((x) => x.name === 'cvs-exclude');
    const location = o && optionNameLocation(unit, o);
    if (o && location) {
      const names = SURPRISING.map((n) => `\`${n}\``).join(', ');
      const replacement = '--exclude=CVS/ --exclude=.svn/ --exclude=.git/';
      context.report({
        location, messageId: 'cvs', data: { option: o.spelled, names, more: String(CVS_DEFAULT_PATTERNS.length - SURPRISING.length) },
        suggest: [{ message: `name only what you mean to leave out: \`${replacement}\``, replacement }],
      });
    }
  },
};

import { rule } from '../../rules/inline-comment.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    // case 043 line 36 and friends: a `#` inside a path is part of a name
    { list: '# a comment line\n; another\n.config/freshwrapper-data/Shockwave Flash/WritableRoot/#SharedObjects\nlost+found/#123\ndir/#x\n\\#*\\#\n.gnupg/.#*\n' },
    { cmd: ['rsync', '-a', '--exclude=#*#', '--exclude=a;b', '--exclude=x ;y', 'src/', 'dst/'] },
  ],
  invalid: [
    {
      input: { list: '*.log # rotated by logrotate\ncache/\t; scratch\n' },
      findings: [
        {
          messageId: 'trailing', line: 1, column: 6, endColumn: 29, severity: 'error', pattern: '*.log # rotated by logrotate',
          messageIncludes: '`# rotated by logrotate` after `*.log` is not a comment',
          suggestions: [{ message: 'keep only the pattern (put the comment on a line of its own): `*.log`', replacement: '*.log' }],
        },
        { messageId: 'trailing', line: 2, column: 7, endColumn: 17, messageIncludes: '`; scratch` after `cache/`' },
      ],
    },
    {
      // in a per-directory file too: `- foo # x` has the pattern `foo # x`
      input: { list: '- build # output\n', kind: 'perdir' },
      findings: [{ messageId: 'trailing', line: 1, column: 8, endColumn: 17, suggestions: [{ message: 'keep only the pattern (put the comment on a line of its own): `build`', replacement: 'build' }] }],
    },
    {
      // a quoted argument: the comment reaches rsync ("rsync -a --exclude=" is 19 characters)
      input: { cmd: ['rsync', '-a', '--exclude=node_modules # deps', 'src/', 'dst/'] },
      findings: [{ messageId: 'trailing', column: 32, endColumn: 39 }],
    },
    {
      // a comment that does not start in the first column is a pattern
      input: { list: '  # indented note\n' },
      findings: [{ messageId: 'indented', line: 1, column: 1, endColumn: 18, suggestions: [] }],
    },
  ],
});

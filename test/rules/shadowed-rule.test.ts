import { rule } from '../../rules/shadowed-rule.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    // the include comes first: correct order
    { list: '+ important.log\n- *.log\n' },
    // Timeshift's lists: '+ /root/.**' then '/root/**' catches only the rest
    { list: '+ /root/.**\n/root/**\n+ /home/*/.**\n/home/*/**\n' },
    // the classic idioms
    { cmd: ['rsync', '-r', '--include=*/', '--include=*.c', '--exclude=*', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '-f', '+ /a/', '-f', '+ /a/b/***', '-f', '- /a/*', 'src/', 'dst/'] },
    // a narrower earlier rule does not shadow a broader later one
    { list: '- /cache/tmp\n- cache\n' },
  ],
  invalid: [
    {
      input: { list: '- .git/\n- *.log\n+ important.log\n' },
      findings: [{ messageId: 'shadowed', line: 3, column: 3, endColumn: 16, messageIncludes: '`- *.log` (line 2)' }],
    },
    {
      input: { list: '+ /home/user/.**\n/home/user/.to_be_excluded/***\n/home/user/**\n' },
      findings: [{ messageId: 'shadowed', line: 2, column: 1, endColumn: 31 }],
    },
    {
      // "rsync -r --exclude=* --include=" is 31 characters
      input: { cmd: ['rsync', '-r', '--exclude=*', '--include=keep.txt', 'src/', 'dst/'] },
      findings: [{ messageId: 'shadowed', column: 32, endColumn: 40 }],
    },
    {
      input: { list: '*.o\n*.o\n' },
      findings: [{ messageId: 'duplicate', line: 2, column: 1, endColumn: 4 }],
    },
  ],
});

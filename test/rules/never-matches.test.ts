import { rule } from '../../rules/never-matches.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-a', '--exclude=/lost+found', '--exclude=*.[ch]', '--exclude=foo\\*bar*', 'src/', 'dst/'] },
    { list: 'dir/#x\n[[:alpha:]]*\n' },
  ],
  invalid: [
    {
      // "rsync -a --exclude=" is 19 characters
      input: { cmd: ['rsync', '-a', '--exclude=lost\\+found', '/', 'dst/'] },
      findings: [{
        messageId: 'never', column: 20, endColumn: 31, pattern: 'lost\\+found',
        suggestions: [{ message: 'write `lost+found`', replacement: 'lost+found' }],
      }],
    },
    { input: { cmd: ['rsync', '-a', '--exclude=//tmp/*', '/', 'dst/'] }, findings: [{ messageId: 'never', column: 20, endColumn: 27, suggestions: [{ message: 'write `/tmp/*`', replacement: '/tmp/*' }] }] },
    { input: { cmd: ['rsync', '-a', '--exclude=file[1', 'src/', 'dst/'] }, findings: [{ messageId: 'never', column: 20, endColumn: 26, messageIncludes: 'unterminated' }] },
    { input: { cmd: ['rsync', '-a', '--exclude=./build', 'src/', 'dst/'] }, findings: [{ messageId: 'never', column: 20, endColumn: 27 }] },
    { input: { list: 'a/../b\n[[:bogus:]]x\n' }, findings: [{ messageId: 'never', line: 1, column: 1, endColumn: 7 }, { messageId: 'never', line: 2, column: 1, endColumn: 13 }] },
  ],
});

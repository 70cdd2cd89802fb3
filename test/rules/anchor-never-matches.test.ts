import { rule } from '../../rules/anchor-never-matches.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-a', '--exclude=/tmp', '/', '/mnt/t/'] },
    { cmd: ['rsync', '-a', '--exclude=/user/build/', '/home/user', 'backup/'] },
    { cmd: ['rsync', '-a', '--exclude=/build/', '/home/user/', 'backup/'] },
    { cmd: ['rsync', '-a', '--exclude=/src/tmp', 'src', 'backup/'] },
    { cmd: ['rsync', '-aR', '--exclude=/a/b/', '/data/./a/b', 'backup/'] },
    { cmd: ['rsync', '-aR', '--exclude=/dev/*', '/', 'backup/'] },
  ],
  invalid: [
    {
      // "rsync -arv --exclude=" is 21 characters
      input: { cmd: ['rsync', '-arv', '--exclude=/home/user/build/', '/home/user', 'home-user/'] },
      findings: [{
        messageId: 'repeatsSource', column: 22, endColumn: 39, pattern: '/home/user/build/',
        suggestions: [{ message: 'anchor it at the transfer root: `/user/build/`', replacement: '/user/build/' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-arv', '--exclude=/home/user/.cache', '/home/user/', 'home-user/'] },
      findings: [{ messageId: 'repeatsSource', column: 22, endColumn: 39, suggestions: [{ message: 'anchor it at the transfer root: `/.cache`', replacement: '/.cache' }] }],
    },
    {
      input: { cmd: ['rsync', '-arv', '--exclude=/tmp', 'src', 'dst/'] },
      findings: [{ messageId: 'missesName', column: 22, endColumn: 26, suggestions: [{ message: 'anchor it at the transfer root: `/src/tmp`', replacement: '/src/tmp' }] }],
    },
    {
      // -R: the names keep the source's path after `/./`; a trailing slash does not change that
      input: { cmd: ['rsync', '-aR', '--exclude=/x', '/home/./me/', '/b/'] },
      findings: [{ messageId: 'relativePrefix', column: 21, endColumn: 23, messageIncludes: 'with -R every name keeps the path of the source `/home/./me/`', suggestions: [{ message: 'anchor it at the transfer root: `/me/x`', replacement: '/me/x' }] }],
    },
    {
      // -R: `a` is an implied directory of the operand, always sent
      input: { cmd: ['rsync', '-avn', '--relative', '--exclude', 'a/', '/data/source/./a/x', '/data/dst'] },
      findings: [{ messageId: 'implied', column: 33, endColumn: 35 }],
    },
  ],
});

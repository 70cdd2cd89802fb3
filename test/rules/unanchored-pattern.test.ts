import { rule } from '../../rules/unanchored-pattern.js';
import { ruleTester } from '../support/rule-tester.js';

// "rsync -aHAX --exclude=" is 22 characters, so the pattern starts at column 23.
ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-aHAX', '--exclude=/tmp/*', 'root@old:/', '/mnt/new/'] },
    { cmd: ['rsync', '-aHAX', '--exclude=.git', '--exclude=node_modules', '--exclude=*.o', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '--exclude=**/tmp', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '--include=tmp', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '-f', '-/ tmp', 'src/', 'dst/'] },
    { list: '.DS_Store\n.cache\n/tmp/*\n' },
  ],
  invalid: [
    {
      input: { cmd: ['rsync', '-aHAX', '--exclude=tmp', 'root@old:/', '/mnt/new/'] },
      findings: [{
        messageId: 'unanchored', column: 23, endColumn: 26, severity: 'warning', pattern: 'tmp',
        messageIncludes: 'home/user/Maildir/tmp',
        suggestions: [
          { message: 'anchor it and keep the directory itself: `/tmp/*`', replacement: '/tmp/*' },
          { message: 'anchor it and drop the directory: `/tmp/`', replacement: '/tmp/' },
        ],
      }],
    },
    {
      // source without a trailing slash: the anchor must include the source's name
      input: { cmd: ['rsync', '-aHAX', '--exclude=src', '/var/www/project', 'dst/'] },
      findings: [{
        messageId: 'unanchored', column: 23, endColumn: 26, severity: 'warning',
        suggestions: [{ message: 'anchor it at the transfer root: `/project/src`', replacement: '/project/src' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-aHAX', '--exclude', 'configs/app/cache', 'src/', 'dst/'] },
      findings: [{ messageId: 'unanchored', column: 23, endColumn: 40, severity: 'info', pattern: 'configs/app/cache' }],
    },
    {
      input: { cmd: ['rsync', '-aHAX', '-f', '- tmp/*', 'src/', 'dst/'] },
      findings: [{ messageId: 'unanchored', column: 18, endColumn: 23, severity: 'warning', pattern: 'tmp/*' }],
    },
    {
      input: { list: '# comment\nvendor/\n' },
      findings: [{ messageId: 'unanchored', line: 2, column: 1, endColumn: 8, severity: 'warning', pattern: 'vendor/' }],
    },
  ],
});

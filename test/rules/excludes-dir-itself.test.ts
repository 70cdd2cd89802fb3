import { rule } from '../../rules/excludes-dir-itself.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-a', '--exclude=/tmp/*', '/', '/mnt/t/'] },
    // with /home/me/ as the source, /tmp is /home/me/tmp: not the system directory
    { cmd: ['rsync', '-a', '--exclude=/tmp', '/home/me/', '/mnt/t/'] },
    { cmd: ['rsync', '-a', '--exclude=/lost+found', '--exclude=/etc/timeshift.json', '/', '/mnt/t/'] },
    { list: '/tmp/*\n/proc/*\n' },
  ],
  invalid: [
    {
      // "rsync -a --exclude=" is 19 characters
      input: { cmd: ['rsync', '-a', '--exclude=/tmp', '/', '/mnt/t/'] },
      findings: [{
        messageId: 'systemDir', column: 20, endColumn: 24, severity: 'warning', pattern: '/tmp',
        suggestions: [{ message: 'keep the directory, drop its contents: `/tmp/*`', replacement: '/tmp/*' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-a', '--exclude=/mnt/', 'host:/', '/mnt/t/'] },
      findings: [{ messageId: 'systemDir', column: 20, endColumn: 25, severity: 'info' }],
    },
    {
      input: { cmd: ['rsync', '-a', '--exclude=/home/*/Maildir/tmp', '/', '/mnt/t/'] },
      findings: [{ messageId: 'maildir', column: 20, endColumn: 39, severity: 'warning' }],
    },
    {
      input: { list: '/run\n' },
      findings: [{ messageId: 'systemDir', line: 1, column: 1, endColumn: 5 }],
    },
  ],
});

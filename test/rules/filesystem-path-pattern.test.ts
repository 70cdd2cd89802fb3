import { rule } from '../../rules/filesystem-path-pattern.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { list: '/.cache\n/tmp/*\n*.o\n' },
    { cmd: ['rsync', '-a', '--exclude=/home/alice/.cache', '/', 'dst/'] },
  ],
  invalid: [
    { input: { list: '/home/alice/.cache\n' }, findings: [{ messageId: 'fsPath', line: 1, column: 1, endColumn: 19, severity: 'warning', messageIncludes: '(with `/home/alice/` as the source, write `/.cache`)' }] },
    { input: { list: '/var/tmp/*\n' }, findings: [{ messageId: 'fsPath', line: 1, column: 1, endColumn: 11, severity: 'warning', messageIncludes: '(with `/var/tmp/` as the source, write `/*`)' }] },
    { input: { list: '*.o\n/home/*/.thumbnails\n' }, findings: [{ messageId: 'fsPath', line: 2, column: 1, endColumn: 20, severity: 'info' }] },
  ],
});

import * as path from 'node:path';
import { rule } from '../../rules/missing-filter-file.js';
import { ruleTester } from '../support/rule-tester.js';

const examples = path.resolve('examples');

ruleTester(rule, {
  valid: [
    // found where the command runs
    { cmd: ['rsync', '-a', '--exclude-from=migrate-excludes.txt', 'src/', 'dst/'], cwd: examples },
    { cmd: ['rsync', '-a', '-f', 'merge migrate-excludes.txt', 'src/', 'dst/'], cwd: examples },
    // stdin and devices are not files a linter can look for
    { cmd: ['rsync', '-a', '--exclude-from=-', '--include-from=/dev/null', 'src/', 'dst/'] },
    // a per-directory file that is missing somewhere is normal
    { cmd: ['rsync', '-a', '-F', '-f', ': .rsync-filter', 'src/', 'dst/'] },
    { list: 'merge other.rules\n', kind: 'perdir' },
    // a separate word `~/x` is expanded by the shell (its value is then unknown)
    { script: '#!/bin/sh\nrsync -a --exclude-from ~/.rsync-excludes src/ dst/\n' },
  ],
  invalid: [
    {
      // "rsync -a " is 9 characters
      input: { cmd: ['rsync', '-a', '--exclude-from=surely-not-here-rsync-lint.txt', 'src/', 'dst/'], cwd: examples },
      findings: [{ messageId: 'missing', column: 10, endColumn: 55, messageIncludes: '`failed to open exclude file` (exit 11)' }],
    },
    {
      input: { cmd: ['rsync', '-a', '--include-from', 'no-such-list.txt', '-f', '. /no/such/merge.rules', 'src/', 'dst/'], cwd: examples },
      findings: [
        { messageId: 'missing', column: 25, endColumn: 41, messageIncludes: '`no-such-list.txt`' },
        { messageId: 'missing', column: 45, endColumn: 67, messageIncludes: '`/no/such/merge.rules`' },
      ],
    },
    {
      // `~` after `=` is not expanded by sh or bash: rsync gets it literally
      input: { script: '#!/bin/sh\nrsync -a --exclude-from=~/.rsync-excludes src/ dst/\n' },
      findings: [{
        messageId: 'tilde', line: 2, column: 10, endColumn: 42, severity: 'error',
        suggestions: [{ message: 'let the shell expand the home directory: `--exclude-from="$HOME/.rsync-excludes"`', replacement: '--exclude-from="$HOME/.rsync-excludes"' }],
      }],
    },
  ],
});

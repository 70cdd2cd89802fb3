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
    // `$(dirname "$0")` is the script's directory: the list is in its `conf/`
    { script: '#!/bin/sh\ncd "$(dirname "$0")/conf"\nrsync -a --exclude-from=excl.txt src/ dst/\n', files: { 'conf/excl.txt': 'tmp\n' } },
    { script: '#!/bin/sh\ncd "$(dirname -- "$0")" && cd conf/sub/..\nrsync -a --exclude-from=excl.txt src/ dst/\n', files: { 'conf/excl.txt': 'tmp\n' } },
    { script: '#!/bin/bash\ncd "${0%/*}"/conf\nrsync -a --exclude-from=excl.txt src/ dst/\n', files: { 'conf/excl.txt': 'tmp\n' } },
    // a `cd` to a directory nobody can know: where a relative list is cannot be told
    { script: '#!/bin/sh\ncd "$BACKUP_HOME"\nrsync -a --exclude-from=excl.txt src/ dst/\n' },
    { script: '#!/bin/sh\nif [ -n "$1" ]; then cd /a; fi\nrsync -a --exclude-from=excl.txt src/ dst/\n' },
  ],
  invalid: [
    {
      // the script's own directory is known: a list missing there is reported
      input: { script: '#!/bin/sh\ncd "$(dirname "$0")/conf"\nrsync -a --exclude-from=excl.txt src/ dst/\n', files: { 'conf/other.txt': 'tmp\n' } },
      findings: [{ messageId: 'missing', line: 3, column: 10, endColumn: 33, messageIncludes: '`excl.txt` is not found' }],
    },
    {
      // after an unknown `cd`, an absolute path is still checked
      input: { script: '#!/bin/sh\ncd "$BACKUP_HOME"\nrsync -a --exclude-from=/no/such/excl.txt src/ dst/\n' },
      findings: [{ messageId: 'missing', line: 3, column: 10, endColumn: 42, messageIncludes: '`/no/such/excl.txt` is not found' }],
    },
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

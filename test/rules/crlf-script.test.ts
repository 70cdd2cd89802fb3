import { rule } from '../../rules/crlf-script.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { script: '#!/bin/bash\nrsync -a --exclude=*.tmp /home/ /backup\n' },
    // a CRLF script without rsync words that carry the CR
    { script: '#!/bin/bash\r\nrsync -a /home/ /backup;\r\n' },
  ],
  invalid: [
    {
      input: { script: '#!/bin/bash\r\nrsync -a --exclude=*.tmp /home/ /backup\r\n', name: 'backup.sh' },
      findings: [{
        messageId: 'cr', line: 2, column: 33, endColumn: 40,
        messageIncludes: '`/backup` ends with a carriage return because the script has CRLF line endings: rsync writes into a new directory named `/backup\\r`; convert the script to LF (`dos2unix backup.sh`)',
        suggestions: [{ message: 'convert the line endings to LF', replacement: '/backup' }],
      }],
    },
    {
      // `\` before CRLF escapes the CR: the command ends after `/etc/`
      input: { script: '#!/bin/bash\r\nrsync -a /etc/ \\\r\n  /backup/etc\r\n' },
      findings: [{ messageId: 'continuation', line: 2, column: 10, endColumn: 15, messageIncludes: 'bash ends the command after `/etc/`' }],
    },
    {
      input: { script: '#!/bin/sh\r\nrsync -a --exclude=*.tmp\r\n' },
      findings: [{ messageId: 'cr', line: 2, column: 10, endColumn: 25, messageIncludes: 'the pattern matches only names that end in `\\r`' }],
    },
  ],
});

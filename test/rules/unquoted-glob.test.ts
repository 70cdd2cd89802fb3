import { rule } from '../../rules/unquoted-glob.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { script: "#!/bin/bash\nrsync -a --exclude '*.log' --exclude='*.tmp' -f '- *.o' ./ host:/srv/\n" },
    { script: "#!/bin/bash\nEX=('--exclude=*.log')\nrsync -a \"${EX[@]}\" ./ host:/srv/\n" },
    { script: '#!/bin/sh\nrsync -a --exclude=\\*.log ./ host:/srv/\n' },
    // no shell expands anything
    { cmd: ['rsync', '-a', '--exclude', '*.log', './', 'host:/srv/'] },
  ],
  invalid: [
    {
      // case 019: a separate unquoted word
      input: { script: '#!/bin/bash\ncd /var/log/myapp\nrsync -a --exclude *.log ./ backup.example.net:/srv/backup/myapp/\n' },
      findings: [{
        messageId: 'separate', line: 3, column: 20, endColumn: 25, severity: 'warning', pattern: '*.log',
        messageIncludes: 'rsync gets `--exclude a.log` and an extra source `b.log`',
        suggestions: [{ message: "quote the pattern: `--exclude '*.log'`", replacement: "'*.log'" }],
      }],
    },
    {
      // case 058: one unquoted word
      input: { script: '#!/bin/bash\nrsync ./ host:/var/www/ --delete --exclude=.git* --exclude=docker/**/*.service\n' },
      findings: [
        {
          messageId: 'oneWord', line: 2, column: 44, endColumn: 49, severity: 'info', pattern: '.git*',
          suggestions: [{ message: "quote the pattern: `--exclude='.git*'`", replacement: "--exclude='.git*'" }],
        },
        { messageId: 'oneWord', line: 2, column: 60, endColumn: 79, severity: 'info', pattern: 'docker/**/*.service' },
      ],
    },
    {
      // case 050: globbed once in the array assignment, again where the array is expanded unquoted
      input: { script: '#!/bin/bash\nexcludes=(--exclude=pyc \\\n          --exclude=*.log)\nrsync -av ${excludes[@]} --delete ./site/ app@www:/srv/site\n' },
      findings: [
        {
          messageId: 'element', line: 3, column: 21, endColumn: 26, severity: 'info', pattern: '*.log',
          suggestions: [{ message: "quote the array element: `'--exclude=*.log'`", replacement: "'--exclude=*.log'" }],
        },
        {
          messageId: 'expansion', line: 4, column: 11, endColumn: 25, severity: 'info', pattern: '*.log',
          messageIncludes: '`${excludes[@]}` is expanded unquoted',
          suggestions: [{ message: 'quote the expansion: `"${excludes[@]}"`', replacement: '"${excludes[@]}"' }],
        },
      ],
    },
    {
      // case 034: options collected in a string by a loop
      input: { script: '#!/bin/bash\nSKIP="/proc /tmp"\nEX=""\nfor d in $SKIP; do\n  EX="$EX --exclude=$d/*"\ndone\nrsync -aHAx $EX / /backup/\n' },
      findings: [{
        messageId: 'expansion', line: 7, column: 13, endColumn: 16, severity: 'info', pattern: '/proc/*',
        suggestions: [{ message: 'keep the options in an array and quote its expansion: `"${EX[@]}"`', replacement: '"${EX[@]}"' }],
      }],
    },
  ],
});

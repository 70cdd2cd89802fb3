import { rule } from '../../rules/overbroad-pattern.js';
import { ruleTester } from '../support/rule-tester.js';

// "rsync -a --exclude=" is 19 characters, so a pattern starts at column 20.
ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-a', '--exclude=lost+found', '--exclude=*.old', '--exclude=*.tmp', '--exclude=.cache/', 'src/', 'dst/'] },
    // prefix and suffix globs, `*.*`, a catch-all and digit classes are not substring forms
    { list: '.Trash-1*\n.zcompdump*\n.config/VirtualBox/VBoxSVC.log*\n.gnupg/.#*\n*.*\n*\n*.log.[0-9]\n*.[ch]\n.git*\n' },
    // includes are not judged, and `!` rules fire on what does not match
    { cmd: ['rsync', '-a', '--include=*tmp*', '-f', '-! *cache*', '-f', '+ .*', 'src/', 'dst/'] },
    // case 047: `/root/.**` is an include that keeps dot-files
    { list: '+ /root/.**\n/root/**\n' },
    // a wide class with no common extension to show is left alone
    { list: '*.q[a-z]x\n' },
  ],
  invalid: [
    {
      // case 048: a home backup with --delete-excluded
      input: { cmd: ['rsync', '-a', '--exclude=*tmp*', '--exclude=*cache*', '--exclude=*.log*', '/home/', '/mnt/backup/home'] },
      findings: [
        {
          messageId: 'substring', column: 20, endColumn: 25, severity: 'warning', pattern: '*tmp*',
          messageIncludes: '`home/user/Maildir/tmp/` and `htmpl/`',
          suggestions: [{ message: 'only names that are exactly `tmp`: `tmp`', replacement: 'tmp' }],
        },
        { messageId: 'substring', column: 36, endColumn: 43, severity: 'warning', pattern: '*cache*', messageIncludes: '`src/cache.py`' },
        {
          messageId: 'substring', column: 54, endColumn: 60, severity: 'info', pattern: '*.log*',
          messageIncludes: '`catalog.login-notes.txt`',
          suggestions: [{ message: 'only names ending in `.log`: `*.log`', replacement: '*.log' }],
        },
      ],
    },
    {
      // case 048 as the backup tool runs it: `lost+found` and `*.old` stay quiet
      input: {
        script: '#!/bin/bash\nrsync --archive --delete --delete-excluded \\\n  --exclude="lost+found" --exclude="*cache*" --exclude="*.log*" --exclude="*.old" --exclude="*tmp*" \\\n  "/home/" "/mnt/Backup/home"\n',
      },
      findings: [
        { messageId: 'substring', line: 3, column: 37, endColumn: 44, severity: 'warning', pattern: '*cache*' },
        { messageId: 'substring', line: 3, column: 57, endColumn: 63, severity: 'info', pattern: '*.log*' },
        { messageId: 'substring', line: 3, column: 94, endColumn: 99, severity: 'warning', pattern: '*tmp*' },
      ],
    },
    {
      // examples that the pattern does not match (case differs) are not shown
      input: { list: '*Cache*\n*frob*\n' },
      findings: [
        { messageId: 'substring', line: 1, column: 1, endColumn: 8, severity: 'warning', messageIncludes: '`src/CacheManager.php`' },
        { messageId: 'substring', line: 2, column: 1, endColumn: 7, severity: 'warning', messageIncludes: '`notes-frob.txt`' },
      ],
    },
    {
      // inside a directory the reach is bounded: info
      input: { list: '/home/*/*cache*\n' },
      findings: [{
        messageId: 'substring', line: 1, column: 1, endColumn: 16, severity: 'info',
        suggestions: [{ message: 'only names that are exactly `cache`: `/home/*/cache`', replacement: '/home/*/cache' }],
      }],
    },
    {
      // case 052: `.*` in a site deploy drops .htaccess and .well-known/
      input: { cmd: ['rsync', '-a', '--exclude=.*', './public/', 'web:/var/www/'] },
      findings: [{ messageId: 'dotNames', column: 20, endColumn: 22, severity: 'warning', pattern: '.*', messageIncludes: '`.htaccess` and `.well-known/`', suggestions: [] }],
    },
    {
      // an earlier include of a dot-name shows the author knew: info
      input: { list: '+ .htaccess\n.*\n/.*\n' },
      findings: [
        { messageId: 'dotNames', line: 2, column: 1, endColumn: 3, severity: 'info' },
        { messageId: 'dotNames', line: 3, column: 1, endColumn: 4, severity: 'info' },
      ],
    },
    {
      input: { list: '*.s[a-w][a-z]\n' },
      findings: [{ messageId: 'wideClass', line: 1, column: 1, endColumn: 14, severity: 'warning', messageIncludes: '`x.svg` and `x.sql`: `[a-w]` stands for any of 23 characters' }],
    },
  ],
});

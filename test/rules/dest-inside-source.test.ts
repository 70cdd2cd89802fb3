import { rule } from '../../rules/dest-inside-source.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-av', '--delete', '--exclude=/backup/', '/root/', '/root/backup/'] },
    // a directory above the destination is excluded (examples/system-backup.sh)
    { cmd: ['rsync', '-aAXH', '--delete', '--exclude=/media/*', '/', '/media/backup/system/'] },
    // -R from / (case 047): the names are the full paths
    { cmd: ['rsync', '-a', '--relative', '--exclude=/timeshift/*', '/', '/timeshift/snapshots/NEW/localhost/'] },
    // case 040: the scratch copy's top directory is excluded
    { cmd: ['rsync', '-a', '--exclude', '.gitlab-ci-local/', './', '.gitlab-ci-local/builds/.docker/'] },
    { cmd: ['rsync', '-a', '--exclude=bk', '/home/user', '/home/user/bk'] },
    { cmd: ['rsync', '-a', '/root/', '/backup/root/'] },
    { cmd: ['rsync', '-a', '/root/', 'nas:/root/backup/'] },
    // without -r rsync does not descend
    { cmd: ['rsync', '-lt', '/root/', '/root/backup/'] },
    // one path absolute, one relative: the working directory decides
    { cmd: ['rsync', '-a', '/root/', 'backup/'] },
  ],
  invalid: [
    {
      // a CRLF script: bash keeps the `\r` in the destination word; the message shows it as `\r`
      input: { script: 'rsync -a / /mnt/x/\r\n' },
      findings: [{
        messageId: 'inside', line: 1, column: 12, endColumn: 20,
        messageIncludes: 'the destination `/mnt/x/\\r` lies inside the source `/` and no rule excludes `mnt/x/\\r/`: each run copies the previous copy into itself (`/mnt/x/\\r/mnt/x/\\r/`); exclude `/mnt/x/\\r/`',
        suggestions: [{ message: 'exclude the destination at the transfer root: `--exclude=/mnt/x/\\r/`', replacement: '/mnt/x/\r/' }],
      }],
    },
    {
      // case 007: the exclude repeats the filesystem path and never matches
      input: { cmd: ['rsync', '-av', '--delete', '--delete-excluded', '--exclude=/root/backup', '/root/', '/root/backup/'] },
      findings: [{
        messageId: 'inside', column: 68, endColumn: 81, severity: 'warning',
        messageIncludes: 'no rule excludes `backup/`: each run copies the previous copy into itself (`/root/backup/backup/`)',
        suggestions: [{ message: 'exclude the destination at the transfer root: `--exclude=/backup/`', replacement: '/backup/' }],
      }],
    },
    {
      // no trailing slash: the names start with the source's own name
      input: { cmd: ['rsync', '-a', '/home/user', '/home/user/bk'] },
      findings: [{ messageId: 'inside', column: 21, endColumn: 34, messageIncludes: '(`/home/user/bk/user/bk/`); exclude `/user/bk/`' }],
    },
    {
      input: { cmd: ['rsync', '-a', './', 'backup/'] },
      findings: [{ messageId: 'inside', column: 13, endColumn: 20 }],
    },
    {
      // -x: the destination may be another file system
      input: { cmd: ['rsync', '-ax', '/', '/backup/pi/'] },
      findings: [{ messageId: 'maybe', column: 13, endColumn: 24, severity: 'info', messageIncludes: '`-x` stays off those' }],
    },
    {
      // a rule the linter cannot see
      input: { script: '#!/bin/bash\nrsync -a --exclude-from=<(cat list) /data/ /data/copy/\n' },
      findings: [{ messageId: 'maybe', line: 2, column: 44, endColumn: 55, severity: 'info', messageIncludes: 'unless `--exclude-from=<(cat list)` excludes it' }],
    },
  ],
});

import { rule } from '../../rules/delete-excluded.js';
import { ruleTester } from '../support/rule-tester.js';

// "rsync -a --delete " is 18 characters, so `--delete-excluded` after it spans columns 19-36.
ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-a', '--delete', '--exclude=core', '/srv/projects/', '/backup/projects/'] },
    // only rules with an explicit side: --delete-excluded strips nothing
    { cmd: ['rsync', '-a', '--delete-excluded', '-f', 'P core', '-f', '-sr tmp/', 'src/', 'dst/'] },
    { cmd: ['rsync', '-a', '--delete-excluded', '--include=*/', 'src/', 'dst/'] },
  ],
  invalid: [
    {
      // case 038: `core` meant for crash dumps, and --delete-excluded purges the backup's core/ directories
      input: { cmd: ['rsync', '-a', '--delete', '--delete-excluded', '--exclude=core', '/srv/projects/', '/backup/projects/'] },
      findings: [{
        messageId: 'deletes', column: 19, endColumn: 36, severity: 'warning', pattern: 'core',
        messageIncludes: '`/backup/projects/some/dir/core`',
        suggestions: [
          { message: "keep the receiver's copies while still not sending them: add `-f 'P core'` before the rules", replacement: 'P core' },
          { message: "exclude without deleting: `-f '-sr core'` (a rule with an explicit side keeps protecting)", replacement: '-sr core' },
        ],
      }],
    },
    {
      // case 042: a list read with --exclude-from, pulled into a git checkout
      input: {
        script: '#!/bin/sh\nrsync -av --delete --delete-excluded --exclude-from=rsync_excludes -r pi@pi.example.lan:/srv/ ./\n',
        name: 'backup.sh', files: { rsync_excludes: 'configs/medusa/Logs/application.log*\nconfigs/couchpotato\nconfigs/sabnzbd/\n.env\n' },
      },
      findings: [{
        messageId: 'deletes', line: 2, column: 20, endColumn: 37, severity: 'warning',
        messageIncludes: 'whatever matches `configs/medusa/Logs/application.log*`, `configs/couchpotato`, `configs/sabnzbd/` and 1 more pattern',
      }],
    },
    {
      // case 047: a fresh snapshot directory built with --link-dest loses nothing
      input: { cmd: ['rsync', '-a', '--delete-excluded', '--link-dest=/snap/prev/', '--exclude=/tmp/*', '/', '/snap/new/'] },
      findings: [{ messageId: 'scratch', column: 10, endColumn: 27, severity: 'info', messageIncludes: '`--link-dest` makes `/snap/new/` a fresh snapshot' }],
    },
    {
      // case 040: a scratch build copy
      input: { cmd: ['rsync', '-a', '--delete-excluded', '--delete', '--exclude', '.git/lfs', './', '.gitlab-ci-local/builds/.docker/'] },
      findings: [{ messageId: 'scratch', column: 10, endColumn: 27, severity: 'info', messageIncludes: 'is a scratch copy (`builds/`)' }],
    },
    {
      input: { cmd: ['rsync', '-a', '--delete-excluded', '--exclude=node_modules', '--exclude=.cache', 'src/', '/backup/src/'] },
      findings: [{ messageId: 'scratch', column: 10, endColumn: 27, severity: 'info', messageIncludes: 'the excluded names are caches and scratch files' }],
    },
  ],
});

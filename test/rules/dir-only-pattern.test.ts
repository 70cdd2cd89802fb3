import { rule } from '../../rules/dir-only-pattern.js';
import { ruleTester } from '../support/rule-tester.js';

// "rsync -az --delete --exclude=" is 29 characters, so the pattern starts at column 30.
ruleTester(rule, {
  valid: [
    // case 015: `__pycache__/` is directory-only on purpose; `.git` matches the file too
    { cmd: ['rsync', '-az', '--delete', '--exclude=.git', '--exclude=__pycache__/', './', 'app:/srv/app/'] },
    { list: 'node_modules/\n.svn/\n.hg/\n.git\n/.git\n' },
    // an include of the directory is not this rule's business
    { cmd: ['rsync', '-a', '--include=.git/', 'src/', 'dst/'] },
  ],
  invalid: [
    {
      // case 015: a worktree's `.git` file is sent and replaces the host's repository
      input: { cmd: ['rsync', '-az', '--delete', '--exclude=.git/', '--exclude=__pycache__/', './', 'app:/srv/app/'] },
      findings: [{
        messageId: 'dirOnlyDelete', column: 30, endColumn: 35, severity: 'warning', pattern: '.git/',
        messageIncludes: 'with `--delete` it replaces the receiver\'s `.git` directory',
        suggestions: [
          { message: 'drop the slash to match the file too: `.git`', replacement: '.git' },
          { message: 'only the one at the transfer root: `/.git`', replacement: '/.git' },
        ],
      }],
    },
    {
      // case 015 as the deploy script writes it
      input: { script: "#!/bin/sh\nrsync -az --delete \\\n  --exclude='.git/' \\\n  --exclude='__pycache__/' \\\n  ./ deploy@app.example.net:/srv/app/\n" },
      findings: [{ messageId: 'dirOnlyDelete', line: 3, column: 14, endColumn: 19, severity: 'warning', pattern: '.git/' }],
    },
    {
      // without --delete only the small pointer file travels: info
      input: { cmd: ['rsync', '-a', '--exclude=.git/', '/work/project', 'host:'] },
      findings: [{
        messageId: 'dirOnly', column: 20, endColumn: 25, severity: 'info',
        suggestions: [
          { message: 'drop the slash to match the file too: `.git`', replacement: '.git' },
          { message: 'only the one at the transfer root: `/project/.git`', replacement: '/project/.git' },
        ],
      }],
    },
    {
      // case 024's list on its own: the command is not known
      input: { list: '- .git/\n- vendor/*/.git/\n' },
      findings: [
        { messageId: 'dirOnly', line: 1, column: 3, endColumn: 8, severity: 'info', suggestions: [{ message: 'drop the slash to match the file too: `.git`', replacement: '.git' }, { message: 'only the one at the transfer root: `/.git`', replacement: '/.git' }] },
        { messageId: 'dirOnly', line: 2, column: 3, endColumn: 17, severity: 'info', suggestions: [{ message: 'drop the slash to match the file too: `vendor/*/.git`', replacement: 'vendor/*/.git' }] },
      ],
    },
  ],
});

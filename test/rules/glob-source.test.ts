import { rule } from '../../rules/glob-source.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-a', 'site/', 'deploy@web:/var/www/site/'] },
    { script: '#!/bin/sh\nrsync -a "Movie [1080p].mkv" /media/films/\n' },
    { script: '#!/bin/sh\nrsync -a site/ host:/var/www/site/\n' },
  ],
  invalid: [
    {
      // case 061: make's /bin/sh expands * without dot-names
      input: { script: '#!/bin/sh\nrsync -vrc * .htaccess deploy@web.example.edu:/var/www/site/kaleidoscope\n' },
      findings: [{
        messageId: 'wholeDir', line: 2, column: 12, endColumn: 13, severity: 'warning',
        messageIncludes: 'names starting with `.` (such as `.htaccess` or `.well-known/`) are never sent',
        suggestions: [{ message: "copy the directory's contents, dot-names included: `./`", replacement: './' }],
      }],
    },
    {
      // case 063: a remote glob with --delete
      input: { cmd: ['rsync', '-a', '--delete', 'bkup@host:/backup/*', '/backup/'] },
      findings: [{
        messageId: 'wholeDir', column: 19, endColumn: 38, severity: 'warning', messageIncludes: 'expanded by the remote side',
        suggestions: [{ message: "copy the directory's contents, dot-names included: `bkup@host:/backup/`", replacement: 'bkup@host:/backup/' }],
      }],
    },
    {
      input: { script: '#!/bin/sh\nrsync -a *.pdf host:/srv/docs/\n' },
      findings: [{ messageId: 'subset', line: 2, column: 10, endColumn: 15, severity: 'info', suggestions: [] }],
    },
    {
      input: { script: '#!/bin/sh\nrsync -a --delete *.pdf host:/srv/docs/\n' },
      findings: [{ messageId: 'subset', line: 2, column: 19, endColumn: 24, severity: 'warning' }],
    },
    {
      // no shell: rsync looks for a file named `src/*`
      input: { cmd: ['rsync', '-a', 'src/*', '/backup/'] },
      findings: [{ messageId: 'literal', column: 10, endColumn: 15, severity: 'error', messageIncludes: 'no shell runs the command' }],
    },
    {
      input: { script: '#!/bin/sh\nrsync -a "src/*" /backup/\n' },
      findings: [{ messageId: 'literal', line: 2, column: 10, endColumn: 17, severity: 'error', messageIncludes: 'because it is quoted' }],
    },
  ],
});

import { rule } from '../../rules/cvs-exclude.js';
import { ruleTester } from '../support/rule-tester.js';

const fix = '--exclude=CVS/ --exclude=.svn/ --exclude=.git/';

ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-avz', '--delete', './htdocs/', 'www@web.example.org:/var/www/blog/'] },
    { cmd: ['rsync', '-avz', '--exclude=.git/', 'src/', 'dst/'] },
  ],
  invalid: [
    {
      // case 013: the C of the bundle -avzC (column 11)
      input: { cmd: ['rsync', '-avzC', '--delete', './htdocs/', 'www@web.example.org:/var/www/blog/'] },
      findings: [{
        messageId: 'cvs', column: 11, endColumn: 12, severity: 'warning', messageIncludes: '`-C` drops every file and directory named `core`, `tags`',
        suggestions: [{ message: `name only what you mean to leave out: \`${fix}\``, replacement: fix }],
      }],
    },
    {
      input: { cmd: ['rsync', '--cvs-exclude', '-a', 'src/', 'dst/'] },
      findings: [{ messageId: 'cvs', column: 7, endColumn: 20 }],
    },
    {
      // case 037, in a script
      input: { script: '#!/bin/sh\n# mirror a CVS tree\nrsync -avC --delete ~/src/project/ build.example.org:/home/build/project/\n' },
      findings: [{ messageId: 'cvs', line: 3, column: 10, endColumn: 11 }],
    },
  ],
});

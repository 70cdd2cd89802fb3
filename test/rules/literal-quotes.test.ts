import { rule } from '../../rules/literal-quotes.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { script: "#!/bin/bash\nrsync -a --exclude='*.log' --exclude=\".*\" src/ dst/\n" },
    // escaped on purpose: a name that really holds quotes
    { script: '#!/bin/bash\nrsync -a --exclude=\\"x\\" src/ dst/\n' },
    { script: "#!/bin/bash\nFLAGS=(-avz --exclude='.*')\nrsync \"${FLAGS[@]}\" src/ dst/\n" },
    { cmd: ['rsync', '-a', '--exclude=*.log', 'src/', 'dst/'] },
    { list: "it's\n*.log\n" },
  ],
  invalid: [
    {
      // an argv list with shell quotes in it: "rsync -a --exclude=" is 19 characters
      input: { cmd: ['rsync', '-a', "--exclude='*.log'", 'src/', 'dst/'] },
      findings: [{
        messageId: 'wrapped', column: 20, endColumn: 27, pattern: "'*.log'", messageIncludes: 'no shell runs the command',
        suggestions: [{ message: 'drop the quote characters: `*.log`', replacement: '*.log' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-a', '-f', "- 'cache/'", 'src/', 'dst/'] },
      findings: [{ messageId: 'wrapped', column: 15, endColumn: 23, pattern: "'cache/'" }],
    },
    {
      // case 016: quotes inside a variable's value
      input: { script: "#!/bin/bash\nFLAGS='-avz --exclude=\".*\"'\nrsync $FLAGS ./site/ host:/srv/site/\n" },
      findings: [{
        messageId: 'wrapped', line: 2, column: 23, endColumn: 27, pattern: '".*"', messageIncludes: 'quotes inside the value of `$FLAGS` are not removed',
        suggestions: [{ message: 'drop the quote characters: `.*`', replacement: '.*' }],
      }],
    },
    {
      // a rule file written as if a shell read it
      input: { list: '"*.log"\n' },
      findings: [{ messageId: 'wrapped', line: 1, column: 1, endColumn: 8, pattern: '"*.log"', messageIncludes: 'rsync reads rule files itself' }],
    },
    {
      input: { script: "#!/bin/bash\nP=\"'foo'\"\nrsync --exclude=$P src/ dst/\n" },
      findings: [{ messageId: 'wrapped', line: 3, column: 17, endColumn: 19, pattern: "'foo'" }],
    },
  ],
});

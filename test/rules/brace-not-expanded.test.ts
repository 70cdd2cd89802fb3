import { rule } from '../../rules/brace-not-expanded.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    // bash expands it into two options
    { script: '#!/bin/bash\nrsync -a --exclude={node_modules,.cache} src/ dst/\n' },
    // no comma, no sequence: not a brace expression (GNU arch's `{arch}` directories)
    { script: "#!/bin/sh\nrsync -a --exclude='{arch}' src/ dst/\n" },
    { cmd: ['rsync', '-a', '--exclude=node_modules', 'src/', 'dst/'] },
    { list: '{arch}\n*.jpg\n' },
    // the space case belongs to word-split-pattern
    { script: "#!/bin/bash\nrsync -a --exclude={'a', 'b'} src/ dst/\n" },
  ],
  invalid: [
    {
      // no shell (rsnapshot, CI inputs, argv lists): "rsync -a --exclude=" is 19 characters
      input: { cmd: ['rsync', '-a', '--exclude={*.tmp,*.bak}', 'src/', 'dst/'] },
      findings: [{
        messageId: 'pattern', column: 20, endColumn: 33, pattern: '{*.tmp,*.bak}', messageIncludes: 'because no shell runs the command',
        suggestions: [{ message: "write one rule per name: `--exclude='*.tmp' --exclude='*.bak'`", replacement: "--exclude='*.tmp' --exclude='*.bak'" }],
      }],
    },
    {
      // case 017: quoted names inside the braces, no shell
      input: { cmd: ['rsync', '-avzr', '--delete', "--exclude={'docker/data','.env'}", './', 'host:/srv/'] },
      findings: [{
        messageId: 'pattern', column: 32, endColumn: 54,
        suggestions: [{ message: "write one rule per name: `--exclude='docker/data' --exclude='.env'`", replacement: "--exclude='docker/data' --exclude='.env'" }],
      }],
    },
    {
      // dash has no brace expansion, for patterns and paths alike
      input: { script: '#!/bin/sh\nrsync -a --exclude={a,b} /src/{x,y} dst/\n' },
      findings: [
        { messageId: 'pattern', line: 2, column: 20, endColumn: 25, messageIncludes: '`sh` has no brace expansion' },
        { messageId: 'path', line: 2, column: 26, endColumn: 36, messageIncludes: 'rsync looks for a path literally named `/src/{x,y}`' },
      ],
    },
    {
      input: { script: '#!/bin/bash\nrsync -a -f "- {c,d}/" src/ dst/\n' },
      findings: [{
        messageId: 'pattern', line: 2, column: 16, endColumn: 22, pattern: '{c,d}/', messageIncludes: 'the braces are quoted',
        suggestions: [{ message: "write one rule per name: `-f '- c/' -f '- d/'`", replacement: "-f '- c/' -f '- d/'" }],
      }],
    },
    {
      // a rule file: rsync reads it without any shell
      input: { list: '# images\n*.{jpg,png}\n' },
      findings: [{
        messageId: 'pattern', line: 2, column: 1, endColumn: 12, pattern: '*.{jpg,png}', messageIncludes: 'rsync reads rule files itself',
        suggestions: [{ message: 'write one line per name: `*.jpg`, `*.png`', replacement: '*.jpg\n*.png' }],
      }],
    },
    {
      input: { script: '#!/bin/bash\nEX="{a,b}"\nrsync -a --exclude=$EX src/ dst/\n' },
      findings: [{ messageId: 'pattern', line: 3, column: 20, endColumn: 23, messageIncludes: 'they come from a variable' }],
    },
  ],
});

import * as path from 'node:path';
import { rule } from '../../rules/type-prefix-in-pattern.js';
import { ruleTester } from '../support/rule-tester.js';

const lists = path.resolve('test/fixtures/rules/type-prefix-in-pattern');

// "rsync -a --exclude=" is 19 characters, so a value starts at column 20.
ruleTester(rule, {
  valid: [
    // prefixes are the point of --filter, and a same-type prefix changes nothing
    { cmd: ['rsync', '-a', '-f', '+ foo', '-f', '!', '-f', 'clear', '--exclude=- foo', '--include=+ bar', 'src/', 'dst/'] },
    // `!foo`, `! foo` and `!!` are literal patterns, not clears
    { cmd: ['rsync', '-a', '--exclude=!foo', '--exclude=! foo', '--exclude=!!', 'src/', 'dst/'] },
    // case 024's fine lines: prefixes with a space are what exclude-from files take
    { list: '# project .rsyncignore\n- .git/\n- __pycache__/\n- *.log\n*.ckpt\n-\n' },
    // in a per-directory (full-syntax) file `!` is the clear rule on purpose; `-*.tmp` is invalid-rule's
    { list: '- a\n!\n-*.tmp\n', kind: 'perdir' },
  ],
  invalid: [
    {
      input: { cmd: ['rsync', '-a', '--exclude=+ foo', 'src/', 'dst/'] },
      findings: [{
        messageId: 'flipped', column: 20, endColumn: 25, severity: 'error', pattern: 'foo',
        messageIncludes: 'so rsync includes `foo` instead of excluding it',
        suggestions: [{ message: 'drop the prefix: `--exclude=foo`', replacement: 'foo' }],
      }],
    },
    {
      // in a script the range covers the prefix inside the quotes
      input: { script: "#!/bin/sh\nrsync -a --exclude='+ foo' src/ dst/\n" },
      findings: [{ messageId: 'flipped', line: 2, column: 21, endColumn: 26 }],
    },
    {
      // "rsync -a --include " is 19 characters
      input: { cmd: ['rsync', '-a', '--include', '- *.log', 'src/', 'dst/'] },
      findings: [{ messageId: 'flipped', column: 20, endColumn: 27, messageIncludes: 'so rsync excludes `*.log` instead of including it' }],
    },
    {
      input: { cmd: ['rsync', '-a', '--exclude=foo', '--exclude=!', '--exclude=bar', 'src/', 'dst/'] },
      findings: [{ messageId: 'clearArg', column: 34, endColumn: 35, severity: 'error', pattern: '!', suggestions: [] }],
    },
    {
      // case 024 as a script: the list is linted in the command's context
      input: {
        script: '#!/bin/sh\nrsync -az --exclude-from=rsyncignore.txt ./ gpu01:/scratch/project/\n',
        files: { 'rsyncignore.txt': '# project .rsyncignore, used with --exclude-from\n- .git/\n- __pycache__/\n- *.log\n+ important.log\n-*.tmp\n*.ckpt\n' },
      },
      findings: [{ messageId: 'glued', file: 'rsyncignore.txt', line: 6, column: 1, endColumn: 7, pattern: '-*.tmp' }],
    },
    {
      // case 024: no space after `-`
      input: { list: '- .git/\n- *.log\n+ important.log\n-*.tmp\n+*.c\n-_build\n' },
      findings: [
        {
          messageId: 'glued', line: 4, column: 1, endColumn: 7, severity: 'error', pattern: '-*.tmp',
          messageIncludes: 'only matches names like `-x.tmp`',
          suggestions: [{ message: 'put a space after `-`: `- *.tmp`', replacement: '- *.tmp' }],
        },
        { messageId: 'glued', line: 5, column: 1, endColumn: 5, suggestions: [{ message: 'put a space after `+`: `+ *.c`', replacement: '+ *.c' }] },
        { messageId: 'glued', line: 6, column: 1, endColumn: 8, suggestions: [{ message: 'put a space after `-`: `- build`', replacement: '- build' }] },
      ],
    },
    {
      input: { list: '-/ /etc/shadow\n--exclude=*.bak\n--include=*.c\n' },
      findings: [
        { messageId: 'modifiersInList', line: 1, column: 1, endColumn: 15, suggestions: [] },
        { messageId: 'optionInList', line: 2, column: 1, endColumn: 16, suggestions: [{ message: 'write the rule: `*.bak`', replacement: '*.bak' }] },
        { messageId: 'optionInList', line: 3, column: 1, endColumn: 14, suggestions: [{ message: 'write the rule: `+ *.c`', replacement: '+ *.c' }] },
      ],
    },
    {
      // a lone `!` in an exclude-from file clears the command line's rules too
      input: { list: 'a\n!\nb\n' },
      findings: [{ messageId: 'clearList', line: 2, column: 1, endColumn: 2, severity: 'warning', pattern: '!' }],
    },
    {
      input: { cmd: ['rsync', '-a', '--exclude=.git', '--exclude-from=cleared.txt', 'src/', 'dst/'], cwd: lists },
      findings: [{ messageId: 'clearList', file: 'cleared.txt', line: 2, column: 1, endColumn: 2, severity: 'warning', messageIncludes: 'including those from the command line' }],
    },
    {
      // `merge,-` reads the file without prefixes: `- *.log` is a literal pattern
      input: { cmd: ['rsync', '-a', '-f', 'merge,- prefixed.txt', 'src/', 'dst/'], cwd: lists },
      findings: [
        { messageId: 'prefixIgnored', file: 'prefixed.txt', line: 1, column: 1, endColumn: 8, severity: 'warning', pattern: '- *.log' },
        { messageId: 'prefixIgnored', file: 'prefixed.txt', line: 2, column: 1, endColumn: 11, severity: 'warning', pattern: '+ keep.log' },
      ],
    },
  ],
});

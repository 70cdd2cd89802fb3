import * as os from 'node:os';
import { rule } from '../../rules/invalid-rule.js';
import { lintCommand, lintListText } from '../../src/lint/lint.js';
import { ruleTester } from '../support/rule-tester.js';

const longPattern = 'a'.repeat(4096);
const longLine = `- ${'b'.repeat(5200)}`;

ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-a', '--exclude=.git', '-f', '- foo', '--filter=merge,- /dev/null', 'src/', 'dst/'] },
    // a missing list is missing-filter-file's finding, stdin is not a file at all
    { cmd: ['rsync', '-a', '--exclude-from=surely-not-here-rsync-lint.txt', '--exclude-from=-', 'src/', 'dst/'] },
    { cmd: ['rsync', '-a', '--exclude=', '-f', '', '-C', '-f', ':C', '-f', '!', 'src/', 'dst/'] },
    // combinations rsync accepts: --delete-delay is a --delete-during; -d makes --delete work; sizes with suffixes
    { cmd: ['rsync', '-r', '--delete-delay', '--delete-during', '--max-size=1.5M', '--min-size=100KB', 'src/', 'dst/'] },
    { cmd: ['rsync', '-d', '--delete', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '--info=progress2,stats3', '--debug=FILTER', '--bwlimit=1m', '-B', '1k', '--inplace', '--no-inplace', '--delay-updates', 'src/', 'dst/'] },
    // an unknown word may hold -r: nobody can tell rsync refuses it; one just before a value may be an option that takes it
    { script: '#!/bin/bash\nrsync $OPTS --delete src/ dst/\nrsync -a $X --max-size=10Q src/ dst/\n' },
    { list: '# comment\n; comment\n- a\n+ b\n!\n-foo\n' },
    { list: '# comment\n; comment\n- a\n+ b\nclear\nexclude,s c\n:n- .rules\n', kind: 'perdir' },
  ],
  invalid: [
    {
      // `--exclude ".git"` quoted as one word: "rsync -a " is 9 characters
      input: { cmd: ['rsync', '-a', '--exclude .git', 'src/', 'dst/'] },
      findings: [{
        messageId: 'spacedOption', column: 10, endColumn: 24, messageIncludes: '`--exclude .git`',
        suggestions: [{ message: 'make it one option with its value: `--exclude=.git`', replacement: '--exclude=.git' }],
      }],
    },
    {
      // option combinations and values rsync refuses, at the word that decides it (checked with rsync 3.5.0)
      input: { cmd: ['rsync', '--delete', 'src/', 'dst/'] },
      findings: [{ messageId: 'option', column: 7, endColumn: 15, messageIncludes: '--delete does not work without --recursive (-r) or --dirs (-d).', suggestions: [] }],
    },
    {
      input: { cmd: ['rsync', '-r', '--delete-after', '--delete-before', 'src/', 'dst/'] },
      findings: [{ messageId: 'option', column: 25, endColumn: 40, messageIncludes: 'You may not combine multiple --delete-WHEN options.', suggestions: [] }],
    },
    {
      // a bad value is refused whatever an unknown word later in the command holds
      input: { script: '#!/bin/bash\nrsync -a --max-size=10Q $(date) src/ dst/\n' },
      findings: [{ messageId: 'option', line: 2, column: 10, endColumn: 24, messageIncludes: '--max-size=10Q is invalid', suggestions: [] }],
    },
    {
      // a per-directory file saved "with BOM": rsync reads `\ufeff-` as an unknown rule name
      input: { list: '\ufeff- bom\n', kind: 'perdir' },
      findings: [{
        messageId: 'rule', column: 1, endColumn: 7, messageIncludes: 'Unknown filter rule',
        suggestions: [{ message: 'the line starts with a UTF-8 byte-order mark (bytes EF BB BF) that rsync reads as part of the rule: remove it', replacement: '- bom' }],
      }],
    },
    ...([
      [['--bwlimit=xyz'], '--bwlimit=xyz is invalid'],
      [['--min-size=-5'], '--min-size=-5 is too large'],
      [['--info=bogus'], 'Unknown --info item: "bogus"'],
      [['--debug=filter,nope2'], 'Unknown --debug item: "nope2"'],
      [['--inplace', '--delay-updates'], '--inplace cannot be used with --delay-updates'],
    ] as const).map(([words, why]) => ({
      // "rsync -r " is 9 characters: each refusal sits at the first word after it
      input: { cmd: ['rsync', '-r', ...words, 'src/', 'dst/'] },
      findings: [{ messageId: 'option', column: 10, endColumn: 10 + words[0].length, messageIncludes: why, suggestions: [] }],
    })),
    {
      input: { cmd: ['rsync', '-r', '--max-size=abc', 'src/', 'dst/'] },
      findings: [{ messageId: 'option', column: 10, endColumn: 24, messageIncludes: '--max-size=abc is invalid', suggestions: [] }],
    },
    {
      input: { cmd: ['rsync', '-a', '--bogus', 'src/', 'dst/'] },
      findings: [{ messageId: 'option', column: 10, endColumn: 17, messageIncludes: 'unknown option', suggestions: [] }],
    },
    {
      // "rsync -a -f " is 12 characters
      input: { cmd: ['rsync', '-a', '-f', '-foo', 'src/', 'dst/'] },
      findings: [{
        messageId: 'rule', column: 13, endColumn: 17, messageIncludes: "invalid modifier 'f'",
        suggestions: [{ message: 'put a space after the rule name: `- foo`', replacement: '- foo' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-a', '--filter=excludes x', '-f', '! ', 'src/', 'dst/'] },
      findings: [
        { messageId: 'rule', column: 10, endColumn: 29, messageIncludes: 'Unknown filter rule', suggestions: [] },
        { messageId: 'rule', column: 33, endColumn: 35, messageIncludes: 'trailing characters', suggestions: [{ message: 'write a lone `!`', replacement: '!' }] },
      ],
    },
    {
      // a merge file is full syntax: a bare pattern and a glued prefix are errors
      input: { list: '- ok\nfoo\n-*.tmp\n', kind: 'perdir' },
      findings: [
        { messageId: 'rule', line: 2, column: 1, endColumn: 4, messageIncludes: 'Unknown filter rule' },
        { messageId: 'rule', line: 3, column: 2, endColumn: 7, suggestions: [{ message: 'put a space after the rule name: `- *.tmp`', replacement: '- *.tmp' }] },
      ],
    },
  ],
});

// over-long rules (kept out of the tester, whose test names are the inputs): rsync drops them with a warning and goes on
describe('RSL001 invalid-rule: over-long rules', () => {
  const brief = (f: { line: number; column: number; endColumn: number; severity: string; messageId?: string }) =>
    ({ line: f.line, column: f.column, endColumn: f.endColumn, severity: f.severity, messageId: f.messageId });
  it('reports a 4096-byte pattern and a line over 5119 bytes in a list, not a 4095-byte pattern', () => {
    const got = lintListText('list.txt', `${'c'.repeat(4095)}\n${longPattern}\n${longLine}\n`, 'exclude-list', [rule]).findings;
    expect(got.map(brief)).toEqual([
      { line: 2, column: 1, endColumn: 4097, severity: 'error', messageId: 'discarded' },
      { line: 3, column: 1, endColumn: 5203, severity: 'error', messageId: 'discarded' },
    ]);
    expect(got[0].message).toContain('`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… (4096 bytes)`');
    expect(got[1].message).toContain('line of 5202 bytes');
  });
  it('reports an over-long --exclude value at its word', () => {
    const got = lintCommand(['rsync', '-a', `--exclude=${longPattern}`, 'src/', 'dst/'], os.tmpdir(), [rule]).findings;
    expect(got.map(brief)).toEqual([{ line: 1, column: 10, endColumn: 4116, severity: 'error', messageId: 'discarded' }]);
    expect(got[0].message).toContain('runs without that rule');
  });
});

import { readFileSync } from 'node:fs';
import { sequenceTerms } from '../src/shell/braces.js';
import { parseShellScript, type ShellWord } from '../src/shell/index.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/shell/${name}`, import.meta.url), 'utf8');
const span = (w: ShellWord): string =>
  `${w.range.start.line}:${w.range.start.column}-${w.range.end.line}:${w.range.end.column}`;
const flags = (w: ShellWord): string =>
  [w.braceExpanded && 'expanded', w.unquotedBrace && 'unquoted', w.quotedBrace && 'quoted'].filter(Boolean).join(',');

async function argsOf(line: string, shell: 'sh' | 'bash'): Promise<string[]> {
  const { invocations } = await parseShellScript(`rsync ${line}\n`, { shellHint: shell });
  return invocations[0].args.map((a) => a.text);
}

describe('brace expansion', () => {
  it('expands unquoted braces under bash, with the positions of each part', async () => {
    const { invocations, shell } = await parseShellScript(fixture('braces.sh'), { shellHint: 'bash' });
    expect(shell).toBe('bash');
    const args = invocations[0].args;
    expect(args.map((a) => [a.text, flags(a), span(a)])).toEqual([
      ['-a', '', '1:7-1:9'],
      ['--exclude=a', 'expanded', '1:10-1:31'],
      ['--exclude=b', 'expanded', '1:10-1:31'],
      ['--exclude=c d', 'expanded', '1:10-1:31'],
      ['--exclude={x,y}', 'quoted', '1:32-1:49'],
      ['/d/{1,2}', 'quoted', '1:50-1:60'],
      ['/data/1/', 'expanded', '1:61-1:74'],
      ['/data/2/', 'expanded', '1:61-1:74'],
      ['/data/3/', 'expanded', '1:61-1:74'],
      ['/src/a', 'expanded', '1:75-1:90'],
      ['/src/bc', 'expanded', '1:75-1:90'],
      ['/src/bd', 'expanded', '1:75-1:90'],
      ['{}x', '', '1:91-1:94'],
      ['{a}', '', '1:95-1:98'],
      ['dst/', '', '1:99-1:103'],
    ]);
    const [, a, b, cd] = args;
    expect(a.posAt(10)).toEqual({ line: 1, column: 21 });
    expect(b.posAt(10)).toEqual({ line: 1, column: 23 });
    expect(cd.posAt(10)).toEqual({ line: 1, column: 26 }); // inside 'c d'
    expect(b.posAt(11)).toEqual({ line: 1, column: 31 });
    expect(cd.quoted).toBe('mixed');
    expect(args[7].posAt(6)).toEqual({ line: 1, column: 67 }); // a sequence term maps to its `{`
  });

  it('leaves them literal under sh and flags them', async () => {
    const { invocations, shell } = await parseShellScript(fixture('braces.sh'));
    expect(shell).toBe('sh');
    expect(invocations[0].args.map((a) => [a.text, flags(a)])).toEqual([
      ['-a', ''],
      ['--exclude={a,b,c d}', 'unquoted'],
      ['--exclude={x,y}', 'quoted'],
      ['/d/{1,2}', 'quoted'],
      ['/data/{1..3}/', 'unquoted'],
      ['/src/{a,b{c,d}}', 'unquoted'],
      ['{}x', ''],
      ['{a}', ''],
      ['dst/', ''],
    ]);
  });

  it('follows the shebang over the hint', async () => {
    const { invocations } = await parseShellScript('#!/bin/bash\nrsync {a,b}\n', { shellHint: 'sh' });
    expect(invocations[0].args.map((a) => a.text)).toEqual(['a', 'b']);
  });

  // expected words taken from GNU bash 5.2
  it.each([
    ['x{a,b}y{1,2}', ['xay1', 'xay2', 'xby1', 'xby2']],
    ['{a,b{c,d}}e', ['ae', 'bce', 'bde']],
    ['{a{b,c}}', ['{ab}', '{ac}']],
    ['{{a,b},c}', ['a', 'b', 'c']],
    ['{a,b}}', ['a}', 'b}']],
    ['{{a,b}', ['{a', '{b']],
    ['{,}', []],
    ['a{,}', ['a', 'a']],
    ['{"",a}', ['', 'a']],
    ["{a',b'}", ['{a,b}']],
    ['\\{a,b}', ['{a,b}']],
    ['{a\\,b}', ['{a,b}']],
    ['{a,${X},b}', ['a', '${X}', 'b']], // X unknown: its source text
    ['{01..10..3}', ['01', '04', '07', '10']],
    ['{-3..3..2}', ['-3', '-1', '1', '3']],
    ['{-05..5..5}', ['-05', '000', '005']],
    ['{3..1}', ['3', '2', '1']],
    ['{a..e..2}', ['a', 'c', 'e']],
    ['{Z..b}', ['Z', '[', '', ']', '^', '_', '`', 'a', 'b']],
    ['{1..3.}', ['{1..3.}']],
    ['{a..3}', ['{a..3}']],
    ['{1..2}{a..b}', ['1a', '1b', '2a', '2b']],
    ['{a..c}{', ['a{', 'b{', 'c{']],
  ] as const)('bash expands %s', async (word, expected) => {
    expect(await argsOf(word, 'bash')).toEqual(expected);
  });

  it('computes sequence terms like bash', () => {
    expect(sequenceTerms('1..10..4')).toEqual(['1', '5', '9']);
    expect(sequenceTerms('10..1..-3')).toEqual(['10', '7', '4', '1']);
    expect(sequenceTerms('x..x')).toEqual(['x']);
    expect(sequenceTerms('1..a')).toBeNull();
    expect(sequenceTerms('1..3..x')).toBeNull();
    expect(sequenceTerms('1..100000')).toBeNull(); // too many words: left unexpanded
  });
});

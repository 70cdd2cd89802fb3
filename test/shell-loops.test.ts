// for loops over known words are unrolled to learn the variables they build; facts about quotes and globs that expansions bring.
import { braceWordsOfText, parseShellScript, type ShellWord } from '../src/shell/index.js';

const span = (r: ShellWord['range']): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
const texts = (words: ShellWord[]): string[] => words.map((w) => w.text);

describe('for loops', () => {
  // case 034: a loop collects options in a string; "/$d" doubles the leading slash
  const collect = [
    '#!/bin/bash',
    'SKIP_DIRS="/proc /sys /tmp"',
    'EXCLUDES=""',
    'for d in $SKIP_DIRS; do',
    '  EXCLUDES="$EXCLUDES --exclude=/$d/*"',
    'done',
    'rsync -aHAx $EXCLUDES / /backup/',
  ].join('\n');

  it('runs the body once per word to learn what it assigns', async () => {
    const { invocations } = await parseShellScript(collect);
    const args = invocations[0].args;
    expect(texts(args)).toEqual(['-aHAx', '--exclude=//proc/*', '--exclude=//sys/*', '--exclude=//tmp/*', '/', '/backup/']);
    const [, proc, sys, tmp] = args;
    for (const w of [proc, sys, tmp]) {
      expect(w.valueKnown).toBe(true);
      expect(w.hasUnquotedGlob).toBe(true);
      expect(w.fromExpansion?.name).toBe('EXCLUDES');
      expect(w.range.start.line).toBe(5); // placed in the assignment that built it
    }
    // characters of `$d` map to where it is expanded in the assignment
    expect(tmp.posAt(12)).toEqual({ line: 5, column: 34 });
    expect(span(tmp.range)).toBe('5:23-5:38');
  });

  it('keeps the loop variable at its last value after the loop', async () => {
    const { invocations } = await parseShellScript('for x in a "b c"; do :; done\nrsync "$x" src/ dst/\n');
    expect(texts(invocations[0].args)).toEqual(['b c', 'src/', 'dst/']);
    expect(invocations[0].args[0].known).toBe(true);
  });

  it.each([
    ['a list with an unknown word', 'for x in a $(ls); do V="$V $x"; done'],
    ['a list with a glob', 'for x in *.conf; do V="$V $x"; done'],
    ['a body that breaks', 'for x in a b; do V="$V $x"; break; done'],
    ['a body that continues', 'for x in a b; do [ "$x" = a ] && continue; V="$V $x"; done'],
    ['"$@"', 'for x; do V="$V $x"; done'],
    ['a body that changes directory', 'for x in a b; do cd "$x"; V="$V $x"; done'],
  ])('leaves the variables unknown for %s', async (_what, loop) => {
    const { invocations } = await parseShellScript(`V=start\n${loop}\nrsync "$V" src/ dst/\n`);
    expect(invocations[0].args[0].known).toBe(false);
  });

  it('records an rsync command in the body once, with the loop variable unknown', async () => {
    const { invocations } = await parseShellScript('for h in web1 web2; do\n  rsync -a site/ "$h":/srv/site/\ndone\n');
    expect(invocations).toHaveLength(1);
    expect(invocations[0].args[2].known).toBe(false);
  });

  it('unrolls nested loops', async () => {
    const { invocations } = await parseShellScript('V=""\nfor a in 1 2; do for b in x y; do V="$V$a$b "; done; done\nrsync $V\n');
    expect(texts(invocations[0].args)).toEqual(['1x', '1y', '2x', '2y']);
  });
});

describe('facts that expansions bring', () => {
  it('flags an array element written with an unquoted glob (globbed at the assignment)', async () => {
    const { invocations } = await parseShellScript('A=(--exclude=pyc --exclude=*.log "--exclude=*.o")\nrsync ${A[@]} "${A[@]}"\n');
    const args = invocations[0].args;
    expect(args.map((w) => [w.text, w.elementGlob === true])).toEqual([
      ['--exclude=pyc', false], ['--exclude=*.log', true], ['--exclude=*.o', false],
      ['--exclude=pyc', false], ['--exclude=*.log', true], ['--exclude=*.o', false],
    ]);
  });

  it('flags quote characters that come out of an expansion, not escaped ones written in the word', async () => {
    const { invocations } = await parseShellScript("F='--exclude=\".*\"'\nrsync $F --exclude=\\\"x\\\" \"$F\"\n");
    expect(invocations[0].args.map((w) => [w.text, w.expandedQuotes === true])).toEqual([
      ['--exclude=".*"', true], ['--exclude="x"', false], ['--exclude=".*"', true],
    ]);
  });

  it('ends a character at its own source: before a closing quote, after a whole expansion', async () => {
    const { invocations } = await parseShellScript('EX="{a,b}"\nrsync --exclude="x y" --exclude=$EX\n');
    const [quoted, expanded] = invocations[0].args;
    expect(quoted.endAt(quoted.text.length - 1)).toEqual({ line: 2, column: 21 }); // the `"` after `y` is not included
    expect(expanded.posAt(10)).toEqual({ line: 2, column: 33 });
    expect(expanded.endAt(expanded.text.length - 1)).toEqual({ line: 2, column: 36 }); // after `$EX`
  });

  it('brace-expands plain text for messages', () => {
    expect(braceWordsOfText('{*.tmp,*.bak}')).toEqual(['*.tmp', '*.bak']);
    expect(braceWordsOfText('/nfs/home/{a..c}*')).toEqual(['/nfs/home/a*', '/nfs/home/b*', '/nfs/home/c*']);
    expect(braceWordsOfText('{arch}')).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { parseShellScript, type ShellWord } from '../src/shell/index.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/shell/${name}`, import.meta.url), 'utf8');
const span = (r: ShellWord['range']): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
const at = (w: ShellWord, offset: number): string => {
  const p = w.posAt(offset);
  return `${p.line}:${p.column}`;
};
const texts = (words: ShellWord[]): string[] => words.map((w) => w.text);

describe('arrays', () => {
  it('expands "${EXCL[@]}" to one word per element, at the element positions in the assignment', async () => {
    const { invocations } = await parseShellScript(fixture('arrays.sh'));
    const args = invocations[0].args;
    expect(texts(args)).toEqual(['-a', '--exclude=tmp', '--exclude', '/proc/*', '--exclude=*.iso', 'src/', 'dst/']);
    const [, tmp, excl, proc, iso] = args;
    expect([span(tmp.range), span(excl.range), span(proc.range), span(iso.range)]).toEqual([
      '5:7-5:20',
      '5:21-5:30',
      '5:31-5:40', // '/proc/*' with its quotes
      '6:8-6:25', // from EXCL+=(...)
    ]);
    expect(at(proc, 0)).toBe('5:32');
    expect(at(iso, 10)).toBe('6:19');
    for (const w of [tmp, excl, proc, iso]) {
      expect(w.known).toBe(true);
      expect(w.hasUnquotedGlob).toBe(false);
      expect(w.fromExpansion).toEqual({
        name: 'EXCL',
        quoted: true,
        range: { start: { line: 11, column: 11 }, end: { line: 11, column: 21 } },
      });
    }
    expect(span(args[5].range)).toBe('11:23-11:27');
  });

  it('splits and globs an unquoted ${A[@]}, drops an empty "${E[@]}", and joins "${A[*]}"', async () => {
    const { invocations } = await parseShellScript(fixture('arrays.sh'));
    const second = invocations[1].args;
    expect(texts(second)).toEqual([
      '-a', '--exclude=tmp', '--exclude', '/proc/*', '--exclude=*.iso', '/home/', 'backup@nas:/volume1/home/$(date +%F)',
    ]);
    expect(second.map((w) => w.known)).toEqual([true, true, true, false, false, true, false]);
    expect(second[3].hasUnquotedGlob).toBe(true);
    expect(second[3].fromExpansion?.quoted).toBe(false);
    expect(span(second[5].range)).toBe('8:5-8:11');
    expect(span(second[6].range)).toBe('12:42-12:61');
    expect(at(second[6], 0)).toBe('12:43'); // characters of $DEST map to the expansion
    expect(at(second[6], 24)).toBe('12:48'); // the literal /
    expect(at(second[6], 25)).toBe('12:49'); // $(date +%F) keeps its own source text
    const third = invocations[2].args;
    expect(texts(third)).toEqual(['-a', '--exclude=tmp --exclude /proc/* --exclude=*.iso', '--exclude', '--exclude=tmp', 'x/', 'y/']);
    expect(third[1].known).toBe(true);
  });
});

describe('scalar variables', () => {
  it('expands literal assignments in file order, split when unquoted', async () => {
    const { invocations } = await parseShellScript(fixture('variables.sh'));
    const args = invocations[0].args;
    expect(texts(args)).toEqual([
      '-a', '--delete', '--stats', '--exclude=*.bak', '--log-file=/var/log/rsync.log', 'archive', 'src/', 'dst/',
    ]);
    expect(args.every((w) => w.known)).toBe(true);
    // words split out of $OPTS point into the assignment
    expect(span(args[0].range)).toBe('4:14-4:16');
    expect(span(args[2].range)).toBe('6:9-6:16');
    expect(args[0].fromExpansion).toEqual({
      name: 'OPTS',
      quoted: false,
      range: { start: { line: 7, column: 7 }, end: { line: 7, column: 12 } },
    });
    // in a word mixing text and an expansion, expanded characters map to the expansion
    expect(span(args[3].range)).toBe('7:13-7:29');
    expect(args[3].quoted).toBe('mixed');
    expect(at(args[3], 9)).toBe('7:22');
    expect(at(args[3], 10)).toBe('7:24');
    expect(at(args[3], 14)).toBe('7:24');
    expect(at(args[3], 15)).toBe('7:29');
    expect(span(args[5].range)).toBe('5:17-5:24');
  });

  it('treats conditional, loop, command-substitution, defaulted and never-assigned values as unknown', async () => {
    const { invocations } = await parseShellScript(fixture('variables.sh'));
    const args = invocations[1].args;
    expect(texts(args)).toEqual(['$TARGET', '$LAST', '$(date +%s)', '${PAT:-x}', '$UNSET_ELSEWHERE', '${HOME}']);
    expect(args.every((w) => !w.known)).toBe(true);
    expect(args.map((w) => w.fromExpansion?.name)).toEqual(['TARGET', 'LAST', 'NOW', 'PAT', 'UNSET_ELSEWHERE', 'HOME']);
    expect(span(args[0].range)).toBe('15:7-15:16');
  });

  it('knows that an unset variable is empty', async () => {
    const { invocations } = await parseShellScript(fixture('variables.sh'));
    const args = invocations[2].args;
    expect(texts(args)).toEqual(['', 'x/']);
    expect(args[0].known).toBe(true);
  });

  it('lets functions see globals assigned once, and makes variables a function assigns unknown elsewhere', async () => {
    const { invocations } = await parseShellScript(fixture('variables.sh'));
    const [inFunction, after] = invocations.slice(3);
    expect(inFunction.line).toBe(18);
    expect(texts(inFunction.args)).toEqual(['inner', 'fromfunc', '/var/log/rsync.log']);
    expect(inFunction.args.every((w) => w.known)).toBe(true);
    expect(span(inFunction.args[2].range)).toBe('3:14-3:32');
    expect(texts(after.args)).toEqual(['$GLOBAL', 'y/']);
    expect(after.args[0].known).toBe(false);
  });

  it('resolves a variable defined from another variable to the original definition', async () => {
    const { invocations } = await parseShellScript("P='*.o'\nQ=\"$P\"\nrsync --exclude \"$Q\" $Q\n");
    const [, q, unquoted] = invocations[0].args;
    expect(q.text).toBe('*.o');
    expect(span(q.range)).toBe('1:3-1:8');
    expect(q.fromExpansion?.name).toBe('Q');
    expect(unquoted.hasUnquotedGlob).toBe(true);
    expect(unquoted.known).toBe(false);
  });
});

describe('working directory', () => {
  it('follows cd in straight-line code only', async () => {
    const { invocations } = await parseShellScript(fixture('cd.sh'));
    expect(invocations.map((i) => [i.line, i.cwd])).toEqual([
      [2, undefined],
      [4, '/srv/www'],
      [5, '/srv/www/html'],
      [7, '/srv/www/logs'],
      [10, '/var/tmp/work'],
      [12, undefined],
      [14, '/opt/sub'],
      [15, '/opt'],
      [17, undefined],
    ]);
    expect('cwd' in invocations[0]).toBe(false);
  });

  it('runs an if body in the state where its condition succeeded', async () => {
    const src = 'if [ -d /x ] && cd /x; then rsync . /a/; fi\nrsync . /b/\ncd /y && rsync . /c/ || rsync . /d/\n';
    const { invocations } = await parseShellScript(src);
    expect(invocations.map((i) => [i.line, i.cwd])).toEqual([
      [1, '/x'],
      [2, undefined],
      [3, '/y'],
      [3, '/y'],
    ]);
  });

  it('forgets the directory after a loop or a function call that changes it, and inside functions', async () => {
    const src = [
      'cd /a',
      'go() { cd /elsewhere; }',
      'for d in x y; do cd "$d"; done',
      'rsync . /b/',
      'cd /c',
      'go',
      'rsync . /d/',
      'f() { rsync . /e/; cd /g; rsync . /h/; }',
    ].join('\n');
    const { invocations } = await parseShellScript(src);
    expect(invocations.map((i) => [i.line, i.cwd])).toEqual([
      [4, undefined],
      [7, undefined],
      [8, undefined],
      [8, '/g'],
    ]);
  });
});

describe('expansion matches bash', () => {
  const defs = "#!/bin/bash\nX='p  q'\nS=' lead * mid '\nA=(one 't w o' '' 'x*')\nE=()\n";
  // expected words taken from GNU bash 5.2 (run in an empty directory, so * matched nothing)
  it.each([
    ['{a,${X}}b', ['ab', 'p', 'qb']],
    ['"${A[@]}"{1,2}', ['one', 't w o', '', 'x*1', 'one', 't w o', '', 'x*2']],
    ['x${S}y', ['x', 'lead', '*', 'mid', 'y']],
    ["${A[@]}'-'", ['one', 't', 'w', 'o', 'x*-']],
    ['"x${E[@]}"${E}', ['x']],
    ["${E}''", ['']],
    ['{${S},"${X}"}', ['lead', '*', 'mid', 'p  q']],
    ['a{b,"${A[@]}"}c', ['abc', 'aone', 't w o', '', 'x*c']],
    ["'{'${X}'}'", ['{p', 'q}']],
    ['${A[@]}{,}', ['one', 't', 'w', 'o', 'x*', 'one', 't', 'w', 'o', 'x*']],
    ['"${A[@]}"${S}', ['one', 't w o', '', 'x*', 'lead', '*', 'mid']],
    ['{1..2}"${E[@]}"', ['1', '2']],
  ] as const)('rsync %s', async (word, expected) => {
    const { invocations } = await parseShellScript(`${defs}rsync ${word}\n`);
    expect(texts(invocations[0].args)).toEqual(expected);
  });

  it('flags the glob characters an unquoted expansion brings', async () => {
    const { invocations } = await parseShellScript(`${defs}rsync x\${S}y "\${A[3]}" \${A[3]}\n`);
    const args = invocations[0].args;
    expect(args.map((w) => [w.text, w.hasUnquotedGlob, w.known])).toEqual([
      ['x', false, true],
      ['lead', false, true],
      ['*', true, false],
      ['mid', false, true],
      ['y', false, true],
      ['x*', false, true],
      ['x*', true, false],
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { parseShellScript, type ShellWord } from '../src/shell/index.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/shell/${name}`, import.meta.url), 'utf8');
const span = (w: ShellWord): string =>
  `${w.range.start.line}:${w.range.start.column}-${w.range.end.line}:${w.range.end.column}`;
const at = (w: ShellWord, offset: number): string => {
  const p = w.posAt(offset);
  return `${p.line}:${p.column}`;
};
const view = (w: ShellWord): [string, boolean, string, string] => [w.text, w.known, w.quoted, span(w)];

describe('quote removal and escapes', () => {
  it('joins adjacent parts into one word and removes quotes as bash does', async () => {
    const { invocations } = await parseShellScript(fixture('quoting.sh'));
    expect(invocations[0].args.map(view)).toEqual([
      ['-a', true, 'none', '2:7-2:9'],
      ['--exclude=*.o', true, 'mixed', '2:10-2:25'],
      ['--exclude=*.tmp', true, 'mixed', '2:26-2:43'],
      ['--exclude=*.bak', true, 'mixed', '2:44-2:60'],
      ['-f- *.swp', true, 'mixed', '2:61-2:72'],
      ['--filter=: .rsync-filter', true, 'mixed', '3:3-3:29'],
      ["it's", true, 'double', '3:30-3:36'],
      ["it's", true, 'mixed', '3:37-3:47'],
      ['tab\there', true, 'single', '3:48-3:60'],
      ['hello', true, 'double', '3:61-3:69'],
      ['a "q" $HOME \\ \\x', true, 'double', '4:3-4:25'],
      ['--exclude=foobar', true, 'none', '4:26-5:4'],
      ["--exclude-from=<(printf '%s\\n' core)", false, 'none', '5:5-5:41'],
      ['src/', true, 'none', '5:42-5:46'],
      ['dst dir/', true, 'double', '5:47-5:57'],
    ]);
    expect(invocations[0].args.every((a) => !a.hasUnquotedGlob)).toBe(true);
  });

  it('maps every character back to the file, across quotes, escapes and continuations', async () => {
    const args = (await parseShellScript(fixture('quoting.sh'))).invocations[0].args;
    expect(at(args[1], 10)).toBe('2:21'); // the * inside '*.o'
    expect(at(args[1], 13)).toBe('2:25'); // end of the word, after the closing quote
    expect(at(args[3], 10)).toBe('2:54'); // the backslash of \*
    expect(at(args[8], 3)).toBe('3:53'); // the \t escape of $'tab\there'
    expect(at(args[8], 4)).toBe('3:55');
    expect(at(args[11], 12)).toBe('4:38'); // the o before the backslash-newline
    expect(at(args[11], 13)).toBe('5:1'); // bar continues on the next line
  });

  it('counts columns in UTF-16 code units', async () => {
    const inv = (await parseShellScript(fixture('quoting.sh'))).invocations[1];
    expect(inv.line).toBe(6);
    expect(span(inv.program)).toBe('6:16-6:21'); // after `echo "é 😀" && `: the emoji takes two units
    expect(view(inv.args[0])).toEqual(['--exclude=日本/*', true, 'mixed', '6:22-6:38']);
    expect(at(inv.args[0], 12)).toBe('6:35');
  });

  it('marks tilde, unquoted globs and keeps empty quoted words', async () => {
    const inv = (await parseShellScript(fixture('quoting.sh'))).invocations[2];
    expect(inv.args.map(view)).toEqual([
      ['-a', true, 'none', '7:7-7:9'],
      ['~/src/', false, 'none', '7:10-7:16'],
      ['~backup/dst', false, 'none', '7:17-7:28'],
      ['*.conf', false, 'none', '7:29-7:35'],
      ['', true, 'single', '7:36-7:38'],
      ['', true, 'double', '7:39-7:41'],
    ]);
    expect(inv.args.map((a) => a.hasUnquotedGlob)).toEqual([false, false, false, true, false, false]);
  });

  it('merges the two nodes tree-sitter makes of --x=<(...) and keeps $(...) unknown', async () => {
    const { invocations } = await parseShellScript('rsync --exclude-from=<(cat list) --files-from="$(mktemp)" a b\n');
    const [from, files] = invocations[0].args;
    expect(view(from)).toEqual(['--exclude-from=<(cat list)', false, 'none', '1:7-1:33']);
    expect(at(from, 15)).toBe('1:22');
    expect(view(files)).toEqual(['--files-from=$(mktemp)', false, 'mixed', '1:34-1:58']);
  });
});

describe('CRLF line endings', () => {
  it('keeps the CR on the last word of each line, as bash passes it', async () => {
    const text = fixture('crlf-backup.sh').replace(/\n/g, '\r\n');
    const script = await parseShellScript(text);
    expect(script.crlf).toBe(true);
    expect(script.shell).toBe('bash');
    const [first, second] = script.invocations;
    expect(first.args.map((a) => a.text)).toEqual(['-a', '--exclude=*.tmp', '/home/', '/backup\r\r']);
    expect(span(first.args[3])).toBe('3:35-3:43');
    expect(second.args.map((a) => a.text)).toEqual(['-a', '/etc/', '/backup/etc\r']);
    expect(span(second.args[2])).toBe('4:16-4:28');
    expect(at(second.args[2], 11)).toBe('4:27');
  });

  it('is false for LF files', async () => {
    expect((await parseShellScript(fixture('crlf-backup.sh'))).crlf).toBe(false);
  });
});

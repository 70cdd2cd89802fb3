// The unterminated-quote scanner: valid scripts give no verdict, open quotes are found where they open (bash -n as oracle).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseShellScript } from '../src/shell/index.js';
import { unterminatedConstruct, type OpenKind, type QuoteReading } from '../src/shell/quotes.js';

/** `bash -n` / `dash -n` only parse (they never run the script): an oracle for the scanner, used in tests only. */
function has(shell: string): boolean {
  return spawnSync(shell, ['-c', ':'], { stdio: 'ignore' }).status === 0;
}
const SHELLS: Record<QuoteReading, string> = { bash: 'bash', posix: 'dash' };
const oracle: Partial<Record<QuoteReading, boolean>> = { bash: has('bash'), posix: has('dash') };
if (!oracle.bash) console.warn('bash is not installed: the scanner is not checked against bash -n');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-quotes-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What `<shell> -n` says about a script: clean, or the line and the closer it was looking for at EOF. */
function parseOnly(reading: QuoteReading, text: string): { clean: boolean; line?: number; wanted?: string } {
  const file = path.join(tmp, 'probe.sh');
  fs.writeFileSync(file, text);
  const r = spawnSync(SHELLS[reading], ['-n', file], { encoding: 'utf8' });
  const m = /line (\d+): unexpected EOF while looking for matching `(.)'/.exec(r.stderr);
  // a here-document delimited by the end of the file is only a warning
  return { clean: r.status === 0, line: m ? Number(m[1]) : undefined, wanted: m?.[2] };
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** Valid under both readings (bash and dash agree). */
const VALID: string[] = [
  'echo "a" \'b\' $\'c\\td\' `e`\n',
  'echo "it\'s" # it\'s a comment with "quotes\n',
  "echo it\\'s\n",
  'echo a#"b"\n',
  'echo ${#x} $# "$#"\n',
  'echo "$(echo ")")"\n',
  'x="$(echo "$(echo \')\')")"\n',
  'echo "`echo "a"`"\n',
  'echo "${x:-"a b"}" ${x#\\\'} "${x#\\\'}"\n',
  'echo "${x#\'}\'}"\n',
  'echo $((1 + 2)) "$((x * (y + 1)))" $(( (1) ))\n',
  'echo "$$" "$$((" "$$(" $$\n',
  'x=$(case a in a) echo "y";; esac)\n',
  'x=$(case a in (a) echo ")";; esac)\n',
  'x=$(case a in a) (echo ")");; esac)\n',
  'x=$(case a in\n case) echo;; esac)\n',
  'x=$(case a in a) echo\nesac)\n',
  'x=$(case $v in a|b) echo "(";; *) ;; esac)\n',
  'x=$(echo case; echo esac)\n',
  'echo "$(#c"\n)"\n',
  'echo $(#c"\n)\n',
  'cat <<EOF\nit\'s "open\nEOF\necho ok\n',
  'cat <<EOF; echo "a\nb"\nbody "\nEOF\n',
  "cat <<'EOF'\n$(echo \")\nEOF\n",
  'cat <<-EOF\n\t\tx"\n\tEOF\necho ok\n',
  'cat <<"E"OF\nx"\nEOF\necho ok\n',
  'cat << EOF\nx"\nEOF\necho ok\n',
  'cat <<E\\OF\nx"\nEOF\necho ok\n',
  'cat <<EOF <<EOF2\na"\nEOF\nb\'\nEOF2\necho ok\n',
  'echo "$(cat <<EOF\n"\nEOF\n)"\n',
  'cat <<EOF\nbody "\n',
  "cat <<'EOF'\nab\\\nEOF\necho ok\n",
  'case $x in *\\\'*) ;; *"\'"*) echo;; esac\n',
  "case a in a)#'\n;; esac\n",
  'f() { echo "$@"; }\n',
  'echo a \\\n#\'\n',
  'echo "a\\"b" \'c\\\' \n',
  'echo $"x\\"y"\n',
  'echo "\\\n"\n',
  '\uFEFF#!/bin/sh\necho ok\n',
  'echo $[ $x + 1 ] "$[ ${y} ]" $(( $z + $((1)) + $$ )) $[ 1 + 2 ] "$[ 3 ]" "${x:-$\'a\\\'b\'}"\n',
  '#!/bin/sh\r\necho "ok"\r\n',
];

/** Valid for bash; dash fails on something else than a quote (the POSIX reading need not see it). */
const VALID_BASH: string[] = [
  'x=$((cd a); (cd b))\n',
  'for ((i=0;i<1;i++)); do echo "$i"; done\n',
  'echo a <<< "x" \'y\'\n',
  'a=(1 \'2)\' "3" # comment )"\n)\necho "${a[@]}"\n',
  'diff <(sort a) >(cat)\n',
  // dash also parses `$(` in a here-document body; bash does not
  'cat <<EOF\n$(echo ")\nEOF\n',
];

/** Valid for bash, and dash fails on an open quote. */
const BASH_ONLY: string[] = [
  "echo $'a\\'b'\n",
  '(( x = 1 << 2 ))\necho "a\n2\nb"\n',
];

/** Valid for dash, not for bash. */
const DASH_ONLY: string[] = [
  'echo "${x:-\'}"\n',
  'echo $(( "1 ))\n',
];

/** Open at the end of the file under bash's reading: kind, and the line where it opens. */
const OPEN: [string, OpenKind, number][] = [
  ['#!/bin/bash\necho "hello\nrsync -a --exclude=/home/me/.cache /home/me/ /bk/\n', 'double', 2],
  ['rsync -a --exclude="foo /src/ /dst/\n', 'double', 1],
  ["echo ok\necho 'a\nb\n", 'single', 2],
  ["echo $'a\\'\n", 'ansi-c', 1],
  ['echo `date\n', 'backquote', 1],
  ['echo `echo "`"`\n', 'backquote', 1],
  ['echo "$(echo a"\n', 'double', 1],
  ['echo $(echo "a\n', 'double', 1],
  ["echo ${x:-'}\n", 'single', 1],
  ["echo \"${x/'/b}\"\n", 'single', 1],
  ['echo "${x:-"}"\n', 'parameter', 1],
  ['echo ${x\n', 'parameter', 1],
  ['echo "a\\"\n', 'double', 1],
  ['echo "a\\', 'double', 1],
  ['echo a#"\n', 'double', 1],
  ['echo a\\\n#\'\n', 'single', 2],
  ['x=$(echo a)#\'\n', 'single', 1],
  ["echo {a,'b}\n", 'single', 1],
  ["(( x == '1 ))\n", 'single', 1],
  ["echo $(( '1 ))\n", 'single', 1],
  ["cat <<'EOF'\nab\\\nEOF\n\"\n", 'double', 4],
  ['x=$( (echo a) )"\n', 'double', 1],
  ['x=$(echo a\n', 'command', 1],
  ['x=$(case a in a) echo;; esac\n', 'command', 1],
  ['diff <(sort a b\n', 'process', 1],
  ["x=(a 'b)\n", 'single', 1],
  ['x=(a b\necho c\n', 'array', 1],
  ["cat <<'EOF\nx\n", 'single', 1],
  ['echo "a" "b\nc\nd', 'double', 1],
];

describe('unterminatedConstruct', () => {
  it.each(VALID)('finds nothing open in a valid script: %j', (text) => {
    expect(unterminatedConstruct(text, 'bash')).toBeUndefined();
    expect(unterminatedConstruct(text, 'posix')).toBeUndefined();
    if (oracle.bash) expect(parseOnly('bash', text).clean).toBe(true);
    if (oracle.posix) expect(parseOnly('posix', text).clean).toBe(true);
  });

  it.each(VALID_BASH)('finds nothing open in a valid bash script: %j', (text) => {
    expect(unterminatedConstruct(text, 'bash')).toBeUndefined();
    expect(unterminatedConstruct(text, 'posix')).toBeUndefined();
    if (oracle.bash) expect(parseOnly('bash', text).clean).toBe(true);
  });

  it.each(BASH_ONLY)('reads bash extensions only as bash: %j', (text) => {
    expect(unterminatedConstruct(text, 'bash')).toBeUndefined();
    expect(unterminatedConstruct(text, 'posix')).toBeDefined();
    if (oracle.bash) expect(parseOnly('bash', text).clean).toBe(true);
    if (oracle.posix) expect(parseOnly('posix', text).clean).toBe(false);
  });

  it.each(DASH_ONLY)('reads quotes inside `${...}` and `$((...))` as dash does: %j', (text) => {
    expect(unterminatedConstruct(text, 'posix')).toBeUndefined();
    expect(unterminatedConstruct(text, 'bash')).toBeDefined();
    if (oracle.posix) expect(parseOnly('posix', text).clean).toBe(true);
    if (oracle.bash) expect(parseOnly('bash', text).clean).toBe(false);
  });

  it.each(OPEN)('finds what is open in %j', (text, kind, line) => {
    const open = unterminatedConstruct(text, 'bash');
    expect(open?.kind).toBe(kind);
    expect(lineOf(text, open!.offset)).toBe(line);
    if (oracle.bash) {
      const said = parseOnly('bash', text);
      expect(said.wanted).toBeDefined();
      // bash names the line of the opening quote, but the last line for an open `(`
      if (kind !== 'command' && kind !== 'process' && kind !== 'array') expect(said.line).toBe(line);
    }
  });

  it('joins backslash-newline in an unquoted here-document body, so `ab\\` + `EOF` does not end it', () => {
    const text = 'cat <<EOF\nab\\\nEOF\n"\n';
    expect(unterminatedConstruct(text, 'bash')).toBeUndefined();
    if (oracle.bash) expect(parseOnly('bash', text).clean).toBe(true); // a warning: here-document delimited by end-of-file
  });

  it('gives up (no verdict) on nesting too deep to judge instead of overflowing the stack', () => {
    const text = `echo ${'"$('.repeat(5000)}\n`;
    expect(unterminatedConstruct(text, 'bash')).toBeUndefined();
    expect(unterminatedConstruct(`echo "$(echo "a\n`, 'bash')?.kind).toBe('double');
  });

  it('finds nothing open in the fixtures and examples', () => {
    const files = execFileSync('git', ['ls-files', 'test/fixtures', 'examples'], { encoding: 'utf8' })
      .split('\n').filter((f) => /\.(sh|bash)$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      expect([f, unterminatedConstruct(text, 'bash')]).toEqual([f, undefined]);
      expect([f, unterminatedConstruct(text, 'posix')]).toEqual([f, undefined]);
    }
  });
});

describe('parseShellScript with an open quote', () => {
  it('reports it where it opens and returns no command from there on', async () => {
    const text = '#!/bin/bash\nrsync -a --exclude=x /a/ /b/\nrsync -a --exclude="foo /src/ /dst/\nrsync -a y/ z/\n';
    const script = await parseShellScript(text);
    expect(script.unterminated).toEqual({ line: 3, column: 20, message: 'unterminated double quote: the shell reads to the end of the file' });
    expect(script.invocations.map((i) => i.line)).toEqual([2]);
  });

  it('the user trial: an echo string left open swallows the rsync line', async () => {
    const script = await parseShellScript('#!/bin/bash\necho "hello\nrsync -a --exclude=/home/me/.cache /home/me/ /bk/\n');
    expect(script.unterminated).toEqual({ line: 2, column: 6, message: 'unterminated double quote: the shell reads to the end of the file' });
    expect(script.invocations).toEqual([]);
  });

  it('names each kind of construct', async () => {
    const msg = async (t: string): Promise<string | undefined> => (await parseShellScript(`#!/bin/bash\n${t}`)).unterminated?.message;
    expect(await msg("echo 'a\n")).toBe('unterminated single quote: the shell reads to the end of the file');
    expect(await msg("echo $'a\n")).toBe("unterminated $'...' quote: the shell reads to the end of the file");
    expect(await msg('echo `a\n')).toBe('unterminated backquote: the shell reads to the end of the file');
    expect(await msg('echo $(a\n')).toBe('unterminated command substitution `$(`: the shell reads to the end of the file');
    expect(await msg('echo ${a\n')).toBe('unterminated parameter expansion `${`: the shell reads to the end of the file');
    expect(await msg('echo $((a\n')).toBe('unterminated arithmetic `$((`: the shell reads to the end of the file');
    expect(await msg('diff <(a\n')).toBe('unterminated process substitution `<(`: the shell reads to the end of the file');
    expect(await msg('a=(b\n')).toBe('unterminated array `(`: the shell reads to the end of the file');
  });

  it('an sh script is malformed only when bash and dash both say so', async () => {
    // dash reads `$'` as `$` and a quote, bash as one string: bash runs this, so no error
    expect((await parseShellScript("#!/bin/sh\nx=$'a\\'b'\nrsync -a \"$x\" d/\n")).unterminated).toBeUndefined();
    // dash takes the quote inside "${...}" literally
    expect((await parseShellScript("#!/bin/sh\necho \"${x:-'}\"\nrsync -a s/ d/\n")).unterminated).toBeUndefined();
    expect((await parseShellScript("#!/bin/bash\necho \"${x:-'}\"\nrsync -a s/ d/\n")).unterminated?.line).toBe(2);
    expect((await parseShellScript('#!/bin/sh\necho "a\nrsync -a s/ d/\n')).unterminated?.line).toBe(2);
  });

  it('a valid script that tree-sitter parses with ERROR nodes gets no verdict', async () => {
    const text = '#!/bin/bash\nx=$((cd a); (cd b))\necho "$$((" it\\\'s\ncat <<EOF\nit\'s "\nEOF\nrsync -a --exclude=c s/ d/\n';
    if (oracle.bash) expect(parseOnly('bash', text).clean).toBe(true);
    const script = await parseShellScript(text);
    expect(script.errors.length).toBeGreaterThan(0);
    expect(script.unterminated).toBeUndefined();
    expect(script.invocations.map((i) => i.line)).toEqual([7]);
  });
});

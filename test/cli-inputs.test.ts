// Malformed and awkward inputs at the CLI: a quote left open in a script, file names that are not UTF-8.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findingLines, runCli } from './support/cli-run.js';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-inputs-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Create a file whose name is given as raw bytes (latin1: one char = one byte) under the temp dir. */
const writeBytes = (name: string, text: string): void => {
  const full = Buffer.concat([Buffer.from(tmp + '/'), Buffer.from(name, 'latin1')]);
  fs.mkdirSync(full.subarray(0, full.lastIndexOf('/')), { recursive: true });
  fs.writeFileSync(full, text, { mode: 0o755 });
};

describe('a quote left open in a script', () => {
  it('is an input error at the line where it opens (exit 2), shown by stylish', async () => {
    fs.writeFileSync(path.join(tmp, 'broken.sh'), '#!/bin/bash\necho "hello\nrsync -a --exclude=/home/me/.cache /home/me/ /bk/\n');
    const r = await runCli(['broken.sh'], tmp);
    expect(r.code).toBe(2);
    expect(r.out).toContain('error: broken.sh:2: unterminated double quote: the shell reads to the end of the file\n');
    const json = await runCli(['--format', 'json', 'broken.sh'], tmp);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).errors).toEqual([
      { file: 'broken.sh', line: 2, message: 'unterminated double quote: the shell reads to the end of the file' },
    ]);
  });

  it('the pattern swallowed by the open quote is not linted; the command before it is', async () => {
    fs.writeFileSync(path.join(tmp, 'b.sh'), '#!/bin/sh\nrsync -a --exclude=tmp / nas:/x/\nrsync -a --exclude="foo /src/ /dst/\n');
    const r = await runCli(['--format', 'json', 'b.sh'], tmp);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.errors).toEqual([{ file: 'b.sh', line: 3, message: 'unterminated double quote: the shell reads to the end of the file' }]);
    expect(doc.findings.map((f: { line: number; pattern: string }) => `${f.line} ${f.pattern}`)).toEqual(['2 tmp']);
  });

  it('the examples have no open quote', async () => {
    const r = await runCli(['--format', 'json', 'examples/'], process.cwd());
    expect(JSON.parse(r.out).errors).toEqual([]);
  });
});

describe('file names that are not UTF-8', () => {
  it('an argument Node could not decode says so and names the directory to lint instead', async () => {
    // Node hands `bad\xff\xfename.txt` from argv over as `bad\uFFFD\uFFFDname.txt`
    writeBytes('bad\xff\xfename.txt', 'tmp\n');
    const r = await runCli(['--format', 'json', 'bad\uFFFD\uFFFDname.txt', `${tmp}/sub\uFFFD/x.sh`], tmp);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).errors).toEqual([
      {
        file: 'bad\uFFFD\uFFFDname.txt',
        message: 'cannot open: the name given is not valid UTF-8, and Node cannot pass such bytes from the command line; lint `.`, the directory that holds it, instead',
      },
      {
        file: `${tmp}/sub\uFFFD/x.sh`,
        message: `cannot open: the directory \`sub\uFFFD\` in it is not valid UTF-8, and Node cannot pass such bytes from the command line; lint \`${tmp}\`, the directory that holds it, instead`,
      },
    ]);
  });

  it('a missing name without U+FFFD keeps the plain message', async () => {
    const r = await runCli(['--format', 'json', 'missing.txt'], tmp);
    expect(JSON.parse(r.out).errors).toEqual([{ file: 'missing.txt', message: 'cannot read: no such file or directory' }]);
  });

  it('a directory search reads names as bytes and shows them with rsync\'s \\#ooo escapes', async () => {
    writeBytes('d/exclude\xff.txt', 'lost\\+found\n');
    writeBytes('d/sub\xfe/back\xffup', '#!/bin/sh\nrsync -a --exclude=tmp / nas:/x/\n');
    // chosen by name like any other file: `ex\xffclude.txt` is no more an exclude list than `exXclude.txt`
    writeBytes('d/ex\xffclude.txt', 'lost\\+found\n');
    writeBytes('d/exXclude.txt', 'lost\\+found\n');
    const r = await runCli(['--format', 'json', 'd'], tmp);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors).toEqual([]);
    expect(findingLines(r.out).map((l) => l.replace(/: .*\[/, ' ['))).toEqual([
      'd/exclude\\#377.txt:1:1 [RSL105]',
      'd/sub\\#376/back\\#377up:2:20 [RSL101]',
    ]);
  });
});

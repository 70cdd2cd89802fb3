// A valid script tree-sitter misreads to the end of the file: the line it chokes on is skipped, the rest is linted, a note says so.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintPaths } from '../src/lint/lint.js';
import { parseShellScript } from '../src/shell/index.js';

const SH_QUOTE_IN_DEFAULT = `#!/bin/sh\necho "\${x:-'}"\nrsync -a --exclude=tmp / /mnt/x/\n`;

describe('re-parsing after a line tree-sitter misreads', () => {
  test('the rsync command after `"${x:-\'}"` is found, and the skipped line is named', async () => {
    const s = await parseShellScript(SH_QUOTE_IN_DEFAULT);
    expect(s.invocations.map((i) => [i.line, i.args.map((a) => a.text)])).toEqual([[3, ['-a', '--exclude=tmp', '/', '/mnt/x/']]]);
    expect(s.invocations[0].args[1].range).toEqual({ start: { line: 3, column: 10 }, end: { line: 3, column: 23 } });
    expect(s.unparsed).toEqual([2]);
    expect(s.unterminated).toBeUndefined();
  });

  test('inside an if block, only the misread line is skipped', async () => {
    const s = await parseShellScript(`#!/bin/sh\nif true; then\n  echo "\${x:-'}"\n  rsync -a / /a/\nfi\nrsync -a / /b/\n`);
    expect(s.invocations.map((i) => i.line)).toEqual([4, 6]);
    expect(s.unparsed).toEqual([3]);
  });

  test('a script tree-sitter reads well is parsed once, with nothing skipped', async () => {
    const s = await parseShellScript('#!/bin/sh\necho "${x:-a}"\nrsync -a / /b/\n');
    expect(s.invocations.map((i) => i.line)).toEqual([3]);
    expect(s.unparsed).toBeUndefined();
  });

  test('a quote the shell leaves open is still an input error, not a skipped line', async () => {
    const s = await parseShellScript('#!/bin/bash\necho "abc\nrsync -a / /b/\n');
    expect(s.unparsed).toBeUndefined();
    expect(s.unterminated?.line).toBe(2);
    expect(s.invocations).toEqual([]);
  });

  test('a real syntax error (a loop without `do`) is not skipped over: its recovery stands', async () => {
    const s = await parseShellScript('#!/bin/bash\nfor x in a b\n  rsync -a "$x" dst/\ndone\nrsync -a after/ dst/\n');
    expect(s.unparsed).toBeUndefined();
    expect(s.invocations.map((i) => i.line)).toEqual([3, 5]);
  });

  test('lint: findings on the rsync line and a note, no input error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-reparse-'));
    try {
      fs.writeFileSync(path.join(dir, 'b.sh'), SH_QUOTE_IN_DEFAULT);
      const r = await lintPaths(['b.sh'], dir);
      expect(r.errors).toEqual([]);
      expect(r.notes).toEqual([{ file: 'b.sh', message: 'line 2 could not be parsed (the shell accepts it); rsync commands there were not linted' }]);
      expect(r.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['3:20 RSL101', '3:26 RSL203']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

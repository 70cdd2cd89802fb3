// Patterns with bytes that are not UTF-8, in a list read from disk: judged on their bytes, shown
// with rsync's \#ooo escapes, never taken for a backslash in the pattern.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support/cli-run.js';

interface Doc { findings: { ruleId: string; line: number; message: string; suggestions?: unknown[] }[] }

it('a latin1 name in an exclude list is not a "never matches" backslash; its RSL101 example keeps the escape and offers no rewrite', async () => {
  const t = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-bytes-'));
  try {
    fs.writeFileSync(path.join(t, 'ex.txt'), Buffer.from('- caf\xe9/\n- \xff\xfe\n- lost\\+found\n', 'latin1'));
    const r = await runCli(['--format', 'json', 'ex.txt'], t);
    const doc = JSON.parse(r.out) as Doc;
    expect(doc.findings.filter((f) => f.ruleId === 'RSL105').map((f) => f.line)).toEqual([3]);
    const first = doc.findings.find((f) => f.ruleId === 'RSL101' && f.line === 1);
    expect(first?.message).toContain('for example `some/dir/caf\\#351`');
    expect(first?.suggestions ?? []).toEqual([]);
  } finally {
    fs.rmSync(t, { recursive: true, force: true });
  }
});

it('a script command with bytes that are not UTF-8 is an input error at its line (exit 2), not a finding about U+FFFD; the other commands and a latin1 comment are fine', async () => {
  const t = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-bytes-'));
  try {
    fs.writeFileSync(path.join(t, 'b.sh'), Buffer.from('#!/bin/bash\n# caf\xe9\nrsync -a --exclude=caf\xe9 src/ dst/\nrsync -a --exclude=tmp src/ dst/\n', 'latin1'));
    const r = await runCli(['--format', 'json', 'b.sh'], t);
    const doc = JSON.parse(r.out) as Doc & { errors: { line?: number; message: string }[] };
    expect(r.code).toBe(2);
    expect(doc.errors.map((e) => [e.line, e.message.slice(0, 95)])).toEqual([[3, 'the rsync command holds bytes that are not UTF-8 (`rsync -a --exclude=caf\\#351 src/ dst/`): the']]);
    expect(doc.findings.map((f) => [f.ruleId, f.line])).toEqual([['RSL101', 4]]);
    expect(JSON.stringify(doc)).not.toContain('\ufffd');
    fs.writeFileSync(path.join(t, 'c.sh'), Buffer.from('#!/bin/bash\n# caf\xe9\nrsync -a --exclude=/tmp/ src/ dst/\n', 'latin1'));
    expect((await runCli(['c.sh'], t)).code).toBe(0);
  } finally {
    fs.rmSync(t, { recursive: true, force: true });
  }
});

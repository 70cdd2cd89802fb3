// A comment line inside a `\` continuation ends the rsync command: the linter says so in a note.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support/cli-run.js';

async function lintScript(script: string): Promise<{ code: number; notes: string[]; findings: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-contcomment-'));
  try {
    fs.writeFileSync(path.join(dir, 'backup.sh'), script);
    const r = await runCli(['--format', 'json', 'backup.sh'], dir);
    const doc = JSON.parse(r.out) as { notes: { message: string }[]; findings: { ruleId: string; line: number; column: number; severity: string; message: string }[] };
    return { code: r.code, notes: doc.notes.map((n) => n.message), findings: doc.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const notesOf = async (script: string): Promise<string[]> => (await lintScript(script)).notes;

describe('comment inside a continuation', () => {
  it('is noted with the line of the comment, and what is left of the command (`rsync -a`) is an error: rsync refuses it', async () => {
    const r = await lintScript('#!/bin/bash\nrsync -a \\\n  # --exclude=old \\\n  --exclude=real / /mnt/h/\n');
    expect(r.notes).toEqual([
      'line 3: a comment inside the `\\` continuation of the rsync command on line 2 ends that command there: rsync runs without the options after it, and the following lines run as a separate command',
    ]);
    expect(r.findings).toEqual(['2:1 error RSL001 rsync rejects `rsync -a` and stops before transferring anything (exit 1): it has no source and no destination, so rsync prints its usage']);
    expect(r.code).toBe(1);
  });
  it('stays quiet for a complete command followed by a comment, and for a commented-out last line without a continuation', async () => {
    expect(await notesOf('#!/bin/bash\nrsync -a \\\n  --exclude=x \\\n  / /mnt/h/\n# done\n')).toEqual([]);
    expect(await notesOf('#!/bin/sh\nrsync -a src/ dst/\n  # --exclude=old\n')).toEqual([]);
  });
});

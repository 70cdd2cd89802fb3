// A comment line inside a `\` continuation ends the rsync command: the linter says so in a note.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support/cli-run.js';

async function notesOf(script: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-contcomment-'));
  try {
    fs.writeFileSync(path.join(dir, 'backup.sh'), script);
    const r = await runCli(['--format', 'json', 'backup.sh'], dir);
    return (JSON.parse(r.out) as { notes: { message: string }[] }).notes.map((n) => n.message);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('comment inside a continuation', () => {
  it('is noted with the line of the comment and of the command', async () => {
    expect(await notesOf('#!/bin/bash\nrsync -a \\\n  # --exclude=old \\\n  --exclude=real / /mnt/h/\n')).toEqual([
      'line 3: a comment inside the `\\` continuation of the rsync command on line 2 ends that command there: rsync runs without the options after it, and the following lines run as a separate command',
      // what is left of the command: `rsync -a`
      'line 2: the rsync command has no source and no destination: rsync prints its usage and exits 1',
    ]);
  });
  it('stays quiet for a complete command followed by a comment, and for a commented-out last line without a continuation', async () => {
    expect(await notesOf('#!/bin/bash\nrsync -a \\\n  --exclude=x \\\n  / /mnt/h/\n# done\n')).toEqual([]);
    expect(await notesOf('#!/bin/sh\nrsync -a src/ dst/\n  # --exclude=old\n')).toEqual([]);
  });
});

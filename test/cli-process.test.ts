// The built CLI as a process: what a shell pipeline sees (closed pipes, exit status).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const cli = path.resolve('dist/src/cli.js');
const haveDist = fs.existsSync(cli);
if (!haveDist) console.warn('dist/ is not built: the process-level CLI tests are skipped (npm run build)');
const itBuilt = haveDist ? it : it.skip;

describe('the CLI in a pipeline', () => {
  itBuilt('stops quietly when the reader closes the pipe early (rsync-lint DIR | head -1)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-pipe-'));
    try {
      for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(tmp, `x${i}.list`), `tmp${i}\nsrc\n`);
      for (let run = 0; run < 3; run++) {
        const r = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" . | head -n 1; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: tmp, encoding: 'utf8' });
        expect(r.stdout).toBe('x0.list\n');
        expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
        // the linter's own status (1: findings), not a crash
        expect(r.stderr.trim()).toBe('status 1');
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

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

describe('--scan and directories rsync never reads', () => {
  // an unreadable directory needs a user the permission bits stop: as root, run the CLI as nobody
  const asUser = process.getuid?.() === 0 ? (fs.existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : null) : [];
  const itUser = haveDist && asUser !== null ? it : it.skip;
  itUser('an unreadable directory below an excluded one is a note (rsync never reads it); one rsync reads is an input error, exit 2', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-locked-'));
    try {
      fs.chmodSync(tmp, 0o755);
      fs.mkdirSync(path.join(tmp, 's/ex/locked'), { recursive: true });
      fs.mkdirSync(path.join(tmp, 's/ok'));
      fs.writeFileSync(path.join(tmp, 's/ok/f'), '');
      fs.chmodSync(path.join(tmp, 's/ex/locked'), 0);
      const run = (...words: string[]) => {
        const argv = [...asUser!, process.execPath, cli, 'cmd', '--scan', '--format', 'json', '--', 'rsync', '-a', ...words, 's/', '/nonexistent/d/'];
        const r = spawnSync(argv[0], argv.slice(1), { cwd: tmp, encoding: 'utf8' });
        return { code: r.status, doc: JSON.parse(r.stdout) as { errors: { message: string }[]; notes?: { message: string }[] } };
      };
      const quiet = run('--exclude=/ex/');
      expect(quiet.code).toBe(0);
      expect(quiet.doc.errors).toEqual([]);
      expect(quiet.doc.notes?.map((n) => n.message)).toContain('the scan could not read 1 directory that is excluded or below an excluded one (`ex/locked`); rsync never reads them, so the counts of what those rules drop are a lower bound');
      const loud = run();
      expect(loud.code).toBe(2);
      expect(loud.doc.errors.map((e) => e.message)).toEqual(['cannot read ex/locked: permission denied']);
    } finally {
      fs.chmodSync(path.join(tmp, 's/ex/locked'), 0o755);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

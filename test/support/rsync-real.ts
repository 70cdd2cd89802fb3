// Test support: build small trees in the OS temp dir and ask the real rsync (dry run) what it sends.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Is the real rsync available? When it is not, tests skip loudly, except under CI where that fails. */
export function rsyncAvailable(): boolean {
  const r = spawnSync('rsync', ['--version'], { encoding: 'utf8' });
  const version = r.status === 0 ? /version (\d+\.\d+\.\d+)/.exec(r.stdout)?.[1] : undefined;
  // the model follows rsync 3.5.0; older releases differ on documented points (CRLF lines, `!` with
  // trailing text, merge-file hardening), so comparing with them would report false disagreements
  const ok = version !== undefined && version.startsWith('3.5.');
  if (!ok) {
    const msg = version === undefined
      ? 'rsync is not installed: the differential tests against real rsync are SKIPPED (apt-get install rsync)'
      : `rsync ${version} is installed, but the model follows rsync 3.5.x: the differential tests are SKIPPED (apt-get update && apt-get install rsync)`;
    if (process.env.CI) throw new Error(`${msg}; CI is set, so this is a failure`);
    console.warn(`\n!!! ${msg} !!!\n`);
  }
  return ok;
}

/** One tree entry: a byte path (latin1 string), `/`-terminated for directories; `content` for files. */
export interface SpecEntry {
  path: string;
  content?: string;
  symlink?: string;
}

/** Create a fresh temp dir holding `src/` built from the entries. Returns the temp dir. */
export function makeTree(entries: SpecEntry[]): string {
  const t = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-t-'));
  const base = path.join(t, 'src');
  fs.mkdirSync(base);
  for (const e of entries) {
    const full = Buffer.concat([Buffer.from(base + '/'), Buffer.from(e.path.replace(/\/$/, ''), 'latin1')]);
    const parent = full.subarray(0, full.lastIndexOf(0x2f));
    fs.mkdirSync(parent, { recursive: true });
    if (e.symlink !== undefined) fs.symlinkSync(e.symlink, full);
    else if (e.path.endsWith('/')) fs.mkdirSync(full, { recursive: true });
    else fs.writeFileSync(full, Buffer.from(e.content ?? '', 'latin1'));
  }
  return t;
}

/** Remove a temp tree. */
export function removeTree(t: string): void {
  fs.rmSync(t, { recursive: true, force: true });
}

/** Undo rsync's `\#ooo` escapes. */
function unescape(s: string): string {
  return s.replace(/\\#([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** Run the real rsync in dry-run mode in t; returns the sent names (latin1 byte strings, dirs with `/`), sorted. */
export function realRsync(t: string, args: string[]): { names: string[]; status: number; stderr: string } {
  const r = spawnSync('rsync', ['-n', '-ii', '-8', '--out-format=%i|%n', ...args, 'dest/'], {
    cwd: t, env: { ...process.env, HOME: t, LC_ALL: 'C', CVSIGNORE: '' }, encoding: 'latin1',
  });
  const names: string[] = [];
  for (const line of (r.stdout ?? '').split('\n')) {
    const bar = line.indexOf('|');
    if (bar !== 11) continue;
    const name = unescape(line.slice(bar + 1));
    if (name === './') continue;
    names.push(name);
  }
  names.sort();
  return { names, status: r.status ?? -1, stderr: r.stderr ?? '' };
}

#!/usr/bin/env node
// bench/scan: build a mail-server-like tree of about 1M entries under the OS temp dir, then time in one run
// `find SRC -printf ''`, `rsync -n -r RULES SRC/ DEST/` and `rsync-lint cmd --scan -- rsync -r RULES SRC/ DEST/`,
// and print the ratios and peak RSS. The tree is removed afterwards (unless --keep).
//
// Usage: node bench/scan.mjs [--users N] [--runs N] [--keep] [--tree DIR]   (build first: npm run build)
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const USERS = Number(opt('--users', 3600));
const RUNS = Number(opt('--runs', 3));
const KEEP = args.includes('--keep');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/src/cli.js');
if (!fs.existsSync(cli)) {
  console.error('bench/scan: build first (npm run build)');
  process.exit(2);
}

/** Create an empty file. */
const touch = (p) => fs.closeSync(fs.openSync(p, 'w'));

function buildTree(src) {
  let entries = 0;
  const mk = (p) => {
    fs.mkdirSync(p);
    entries++;
  };
  const files = (dir, n, prefix) => {
    for (let i = 0; i < n; i++) touch(path.join(dir, `${prefix}${i}.M${i}P1.mail`));
    entries += n;
  };
  for (const top of ['tmp', 'proc', 'sys', 'dev', 'run', 'etc', 'var', 'home', 'srv']) mk(path.join(src, top));
  files(path.join(src, 'tmp'), 50, 'sess_');
  for (let u = 0; u < USERS; u++) {
    const home = path.join(src, 'home', `user${u}`);
    mk(home);
    const md = path.join(home, 'Maildir');
    mk(md);
    for (const [folder, counts] of [['', [150, 20, 3]], ['.Sent', [50, 0, 1]], ['.Trash', [15, 0, 0]]]) {
      const base = folder ? path.join(md, folder) : md;
      if (folder) mk(base);
      ['cur', 'new', 'tmp'].forEach((part, i) => {
        mk(path.join(base, part));
        files(path.join(base, part), counts[i], part);
      });
    }
    if (u % 10 === 0) {
      const proj = path.join(home, 'projects', 'app');
      fs.mkdirSync(path.join(proj, 'src'), { recursive: true });
      fs.mkdirSync(path.join(proj, 'tmp'));
      fs.mkdirSync(path.join(proj, 'node_modules', 'lib'), { recursive: true });
      entries += 6;
      files(path.join(proj, 'src'), 20, 'f');
      files(path.join(proj, 'node_modules', 'lib'), 30, 'm');
    }
  }
  return entries;
}

/** Run a command `RUNS` times; median wall ms and peak RSS (KiB, from GNU time when present). */
function measure(cmd, cmdArgs, env) {
  const times = [];
  let rss = null;
  const haveTime = fs.existsSync('/usr/bin/time');
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = haveTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs], { env, encoding: 'utf8', maxBuffer: 1 << 30 })
      : spawnSync(cmd, cmdArgs, { env, encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (haveTime) {
      const lines = r.stderr.trim().split('\n');
      rss = Math.max(rss ?? 0, Number(lines[lines.length - 1]));
    }
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], rssMiB: rss === null ? null : rss / 1024 };
}

const RULES = ['--exclude=tmp', '--exclude=proc', '--exclude=sys', '--exclude=dev', '--exclude=run', '--exclude=node_modules'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-bench-'));
try {
  const src = opt('--tree', null) ?? path.join(tmp, 'src');
  let entries = null;
  if (!opt('--tree', null)) {
    fs.mkdirSync(src);
    const t0 = Date.now();
    entries = buildTree(src);
    console.log(`built ${entries.toLocaleString('en-US')} entries in ${((Date.now() - t0) / 1000).toFixed(1)} s under ${src}`);
  }
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS; // adds ~80 ms to every node start here
  execFileSync('find', [src, '-printf', '']); // warm the caches
  const find = measure('find', [src, '-printf', ''], env);
  const rsync = measure('rsync', ['-n', '-r', ...RULES, `${src}/`, path.join(tmp, 'dest/')], env);
  const lint = measure(process.execPath, [cli, '--format', 'json', 'cmd', '--scan', '--', 'rsync', '-r', ...RULES, `${src}/`, path.join(tmp, 'dest/')], env);
  const row = (name, m) => `${name.padEnd(34)} ${m.ms.toFixed(0).padStart(7)} ms   peak RSS ${m.rssMiB === null ? 'n/a' : `${m.rssMiB.toFixed(0)} MiB`}`;
  console.log(`median of ${RUNS} runs, ${os.cpus().length} cores, node ${process.version}`);
  console.log(row("find SRC -printf ''", find));
  console.log(row('rsync -n -r RULES SRC/ DEST/', rsync));
  console.log(row('rsync-lint cmd --scan', lint));
  console.log(`scan / find     = ${(lint.ms / find.ms).toFixed(2)}x   (target <= 1.00x)`);
  console.log(`rsync-n / scan  = ${(rsync.ms / lint.ms).toFixed(2)}x   (target >= 2.50x)`);
  console.log(`scan peak RSS   = ${lint.rssMiB === null ? 'n/a' : `${lint.rssMiB.toFixed(0)} MiB`}   (target < 150 MiB)`);
} finally {
  if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
}

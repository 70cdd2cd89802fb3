// Fuzz-case runner: build a case in the OS temp dir, ask the real rsync (dry run, or a real local
// transfer with deletions), ask the model, compare; shrink a disagreement to a small reproducer.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { explain } from '../../src/explain/explain.js';
import { displayName } from '../../src/rsync/traverse.js';
import type { FuzzCase, FuzzEntry } from './fuzz-gen.js';

/** What one side answered. */
export interface Answer {
  /** sent names (latin1 bytes, directories with `/`), sorted, unique */
  sent: string[];
  /** deleted names (deletion cases only) */
  deleted: string[];
  /** rsync's exit code, or the model's: 1/11 when it stops on a rule error, else 0 */
  stop: number;
  stderr?: string;
}

/** A compared case. */
export interface Outcome {
  agree: boolean;
  real: Answer;
  model: Answer;
}

/** uid/gid of `nobody`: another user, whom rsync 3.5 does not trust to redirect its opens */
export const NOBODY = 65534;

/** Hand a symlink to another user (only root can; otherwise it stays ours, and trusted). */
function untrust(p: string | Buffer): void {
  if (typeof process.getuid === 'function' && process.getuid() === 0) fs.lchownSync(p, NOBODY, NOBODY);
}

function writeTree(root: string, entries: FuzzEntry[]): void {
  fs.mkdirSync(root, { recursive: true });
  for (const e of entries) {
    const full = Buffer.concat([Buffer.from(root + '/'), Buffer.from(e.path.replace(/\/$/, ''), 'latin1')]);
    fs.mkdirSync(full.subarray(0, full.lastIndexOf(0x2f)), { recursive: true });
    if (e.symlink !== undefined) {
      fs.symlinkSync(Buffer.from(e.symlink, 'latin1'), full);
      if (e.untrusted) untrust(full);
    }
    else if (e.path.endsWith('/')) fs.mkdirSync(full, { recursive: true });
    else fs.writeFileSync(full, Buffer.from(e.content ?? '', 'latin1'));
  }
}

/** Destination entries whose path has a different kind (file/dir) in a source are left out. */
export function withoutClashes(dest: FuzzEntry[], sources: FuzzEntry[][]): FuzzEntry[] {
  // every suffix of a source path may be a transfer name (operands below src/, `src` itself)
  const kinds = new Map<string, Set<string>>();
  const add = (p: string, k: string): void => {
    if (!kinds.has(p)) kinds.set(p, new Set());
    kinds.get(p)!.add(k);
  };
  for (const tree of sources) {
    for (const e of tree) {
      const full = ['src', ...e.path.replace(/\/$/, '').split('/')];
      for (let from = 0; from < full.length; from++) {
        const parts = full.slice(from);
        for (let i = 1; i < parts.length; i++) add(parts.slice(0, i).join('/'), 'dir');
        add(parts.join('/'), e.path.endsWith('/') ? 'dir' : e.symlink !== undefined ? 'link' : 'file');
      }
    }
  }
  return dest.filter((e) => {
    const parts = e.path.replace(/\/$/, '').split('/');
    for (let i = 1; i <= parts.length; i++) {
      const k = kinds.get(parts.slice(0, i).join('/'));
      const want = i < parts.length || e.path.endsWith('/') ? 'dir' : 'file';
      if (k && [...k].some((x) => x !== want)) return false;
    }
    return true;
  });
}

/** Build the case in a fresh temp dir; returns the dir. */
export function materialize(c: FuzzCase): string {
  const t = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-fz-'));
  writeTree(path.join(t, 'src'), c.src);
  if (c.src2) writeTree(path.join(t, 'src2'), c.src2);
  if (c.dest) writeTree(path.join(t, 'dest'), c.destClashes ? c.dest : withoutClashes(c.dest, [c.src, c.src2 ?? []]));
  for (const f of c.files) {
    fs.mkdirSync(path.dirname(path.join(t, f.name)), { recursive: true });
    if (f.symlink !== undefined) {
      fs.symlinkSync(f.symlink, path.join(t, f.name));
      if (f.untrusted) untrust(path.join(t, f.name));
    } else fs.writeFileSync(Buffer.from(path.join(t, f.name)), Buffer.from(f.content, 'latin1'));
  }
  if (c.homeCvsignore !== undefined) fs.writeFileSync(path.join(t, '.cvsignore'), Buffer.from(c.homeCvsignore, 'latin1'));
  return t;
}

const unescape = (s: string): string => s.replace(/\\#([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));

function envFor(t: string, c: FuzzCase): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('RSYNC_')) env[k] = v;
  return { ...env, HOME: t, LC_ALL: 'C', CVSIGNORE: c.cvsignoreEnv ?? '' };
}

/** The real rsync's answer (dry run, or a real transfer when the case has a destination tree). */
export function runReal(t: string, c: FuzzCase): Promise<Answer> {
  const args = [...(c.dest ? [] : ['-n']), '-ii', '-8', '--out-format=%i|%n', ...c.args, 'dest/'];
  return new Promise((resolve) => {
    const child = spawn('rsync', args, { cwd: t, env: envFor(t, c) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const sent = new Set<string>();
      const deleted = new Set<string>();
      for (const line of Buffer.concat(out).toString('latin1').split('\n')) {
        if (line[11] !== '|') continue;
        const name = unescape(line.slice(12));
        if (line.startsWith('*deleting')) deleted.add(name);
        else if (name !== './') sent.add(name);
      }
      resolve({ sent: [...sent].sort(), deleted: [...deleted].sort(), stop: code ?? -1, stderr: Buffer.concat(err).toString('latin1') });
    });
  });
}

/** The model's answer for the same case (run before the real transfer touches dest/). */
export function runModel(t: string, c: FuzzCase): Answer {
  const { json, results } = explain(['rsync', ...c.args, 'dest/'], {
    cwd: t, destFromDisk: c.dest !== undefined, useEnv: true, env: { HOME: t, CVSIGNORE: c.cvsignoreEnv ?? '' },
  });
  const sent = new Set<string>();
  for (const entries of results) for (const e of entries) if (e.action === 'send') sent.add(displayName(e));
  // a name the receiver could not make way for (a directory with protected contents) is not itemized
  for (const e of json.errors) {
    const m = /^could not make way for new [a-z ]+: (.*) \(cannot delete non-empty directory\)$/.exec(e.message);
    if (m) sent.delete(m[1]);
  }
  const deleted = new Set<string>();
  for (const tr of json.transfers) for (const d of tr.deletions ?? []) if (d.action === 'delete') deleted.add(Buffer.from(d.name, 'utf8').toString('latin1'));
  const stopErr = json.errors.find((e) => e.exitCode === 1 || e.exitCode === 11);
  return { sent: [...sent].sort(), deleted: [...deleted].sort(), stop: stopErr?.exitCode ?? 0, stderr: json.errors.map((e) => e.message).join('\n') };
}

/** Names with undecodable bytes come back from displayBytes escaped; turn deletion names into bytes. */
function normalizeDeleted(names: string[]): string[] {
  return names.map((n) => unescape(Buffer.from(n, 'latin1').toString('latin1'))).sort();
}

/**
 * Do the answers agree? Both must stop (exit 1 or 11) or neither; when both stop, which error comes
 * first can depend on readdir order (when several per-directory files are bad), so the code of a
 * stop inside the walk is not compared. Otherwise the names must agree.
 */
export function sameAnswer(real: Answer, model: Answer): boolean {
  const realStop = real.stop === 1 || real.stop === 11 ? real.stop : 0;
  if ((realStop === 0) !== (model.stop === 0)) return false;
  if (realStop) return realStop === model.stop || /\[(sender|generator|receiver)=/.test(real.stderr ?? '');
  const eq = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  return eq(real.sent, model.sent) && eq(normalizeDeleted(real.deleted), normalizeDeleted(model.deleted));
}

/** Run one case on both sides and clean up. */
export async function runCase(c: FuzzCase): Promise<Outcome> {
  const t = materialize(c);
  try {
    let model: Answer;
    try {
      model = runModel(t, c);
    } catch (e) {
      model = { sent: [], deleted: [], stop: -2, stderr: `model threw: ${(e as Error).stack ?? String(e)}` };
    }
    const real = await runReal(t, c);
    return { agree: sameAnswer(real, model), real, model };
  } finally {
    fs.rmSync(t, { recursive: true, force: true });
  }
}

/** Run cases with `parallel` rsync processes in flight; stops early at the first disagreement when asked. */
export async function runMany(cases: FuzzCase[], parallel: number, opts: { stopAtFirst?: boolean; deadline?: number } = {}): Promise<{ ran: number; failures: { c: FuzzCase; o: Outcome; index: number }[] }> {
  let next = 0;
  let ran = 0;
  const failures: { c: FuzzCase; o: Outcome; index: number }[] = [];
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      if (opts.stopAtFirst && failures.length) return;
      if (opts.deadline && Date.now() > opts.deadline) return;
      const index = next++;
      const o = await runCase(cases[index]);
      ran++;
      if (!o.agree) failures.push({ c: cases[index], o, index });
    }
  };
  await Promise.all(Array.from({ length: parallel }, () => worker()));
  failures.sort((a, b) => a.index - b.index);
  return { ran, failures };
}

/** Shrink a failing case: drop rules, entries, files and lines while the disagreement stays. */
export async function minimize(c: FuzzCase): Promise<FuzzCase> {
  const fails = async (x: FuzzCase): Promise<boolean> => !(await runCase(x)).agree;
  let cur = c;
  let progress = true;
  while (progress) {
    progress = false;
    const candidates: FuzzCase[] = [];
    // argument words (a -f and its value go together)
    for (let i = 0; i < cur.args.length; i++) {
      const a = cur.args[i];
      if (a === '-f') candidates.push({ ...cur, args: [...cur.args.slice(0, i), ...cur.args.slice(i + 2)] });
      else if (a.startsWith('-') && a !== '-R' && !/^--delete(-before|-during|-delay|-after)?$/.test(a)) candidates.push({ ...cur, args: [...cur.args.slice(0, i), ...cur.args.slice(i + 1)] });
    }
    for (const key of ['src', 'src2', 'dest'] as const) {
      const tree = cur[key];
      if (!tree) continue;
      for (let i = 0; i < tree.length; i++) candidates.push({ ...cur, [key]: [...tree.slice(0, i), ...tree.slice(i + 1)] });
      tree.forEach((e, i) => {
        if (e.content === undefined) return;
        const lines = e.content.split('\n');
        for (let k = 0; k < lines.length; k++) {
          if (!lines[k]) continue;
          const content = [...lines.slice(0, k), ...lines.slice(k + 1)].join('\n');
          candidates.push({ ...cur, [key]: tree.map((x, j) => (j === i ? { ...x, content } : x)) });
        }
      });
    }
    cur.files.forEach((f, i) => {
      const lines = f.content.split('\n');
      for (let k = 0; k < lines.length; k++) {
        if (!lines[k]) continue;
        const content = [...lines.slice(0, k), ...lines.slice(k + 1)].join('\n');
        candidates.push({ ...cur, files: cur.files.map((x, j) => (j === i ? { ...x, content } : x)) });
      }
    });
    for (const cand of candidates) {
      if (await fails(cand)) {
        cur = cand;
        progress = true;
        break;
      }
    }
  }
  return cur;
}

/** A reproducer for humans: the trees, the files, the command, both answers. */
export function formatCase(c: FuzzCase, o?: Outcome): string {
  const show = (s: string): string => JSON.stringify(s);
  const lines: string[] = [];
  const tree = (label: string, entries: FuzzEntry[] | undefined): void => {
    if (!entries) return;
    lines.push(`${label}:`);
    for (const e of entries) {
      lines.push(`  ${show(e.path)}${e.symlink !== undefined ? ` -> ${show(e.symlink)}` : ''}${e.untrusted ? ' (owned by nobody)' : ''}${e.content !== undefined ? ` = ${show(e.content)}` : ''}`);
    }
  };
  tree('src', c.src);
  tree('src2', c.src2);
  tree('dest', c.dest);
  for (const f of c.files) {
    if (f.symlink !== undefined) {
      lines.push(`file ${f.name} -> ${show(f.symlink)}${f.untrusted ? ' (owned by nobody)' : ''}`);
      continue;
    }
    if (f.content.trim() && c.args.some((a) => a.includes(f.name)) || /[.:]/.test(f.content) && f.content.trim() || f.name.includes('/')) lines.push(`file ${f.name} = ${show(f.content)}`);
  }
  if (c.cvsignoreEnv !== undefined) lines.push(`CVSIGNORE=${show(c.cvsignoreEnv)}  ~/.cvsignore=${show(c.homeCvsignore ?? '')}`);
  lines.push(`argv: rsync ${c.args.map((a) => (/^[\w./=:-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ')} dest/`);
  if (o) {
    lines.push(`rsync: exit ${o.real.stop} sent ${show(o.real.sent.join(' '))} deleted ${show(o.real.deleted.join(' '))}`);
    if (o.real.stderr?.trim()) lines.push(`rsync stderr: ${o.real.stderr.trim().split('\n').slice(0, 4).join(' | ')}`);
    lines.push(`model: stop ${o.model.stop} sent ${show(o.model.sent.join(' '))} deleted ${show(o.model.deleted.join(' '))}`);
    if (o.model.stderr?.trim()) lines.push(`model errors: ${o.model.stderr.trim().split('\n').slice(0, 4).join(' | ')}`);
  }
  return lines.join('\n');
}

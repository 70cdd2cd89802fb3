// The pre-flight scan: walk a source (disk or listing) with the full filter model and count what each rule drops.
import * as fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ioErrorText } from '../io-errors.js';
import { bufferToBytes, utf8ToBytes, type ByteString } from '../rsync/bytes.js';
import { FilterEvaluator, type PerDirState } from '../rsync/evaluate.js';
import { compileRule, noModifiers, ruleMatches, type CompiledRule, type FilterRule } from '../rsync/rule.js';
import type { TransferRoot } from '../rsync/transfer.js';
import { DropStats, type DropStatsData } from './stats.js';
import type { ListingEntry } from './listing.js';

/** What a worker thread sends back (rules by their index in the list). */
export interface WorkerResult {
  entries: number;
  stats: [number, DropStatsData][];
  maildirParts: [ByteString, [string, number][]][];
  mustKeep: { pattern: string; path: ByteString; rule: number; total: number }[];
  mustKeepSeen: string[];
  caseNear: [number, ByteString[]][];
  errors: ScanError[];
}

/**
 * A place the walk could not read. `quiet`: rsync would not complain there either, because the
 * directory lies under an excluded one (the sender never reads it) or vanished while the walk ran
 * (rsync's "file has vanished", a warning).
 */
export interface ScanError {
  path: string;
  message: string;
  quiet?: 'excluded' | 'vanished';
}

/** A Maildir (a directory holding `cur`, `new` and `tmp`) that loses some of its parts. */
export interface BrokenMaildir {
  path: ByteString;
  lost: { part: string; rule: FilterRule }[];
}

/** A path the user declared must survive, dropped by a rule. */
export interface MustKeepHit {
  pattern: string;
  path: ByteString;
  rule: FilterRule;
  /** how many paths this rule drops that this pattern must keep (the first hit carries the total) */
  total?: number;
}

/** The result of scanning one source of one command. */
export interface ScanResult {
  operand: string;
  entries: number;
  stats: Map<FilterRule, DropStats>;
  maildirs: BrokenMaildir[];
  mustKeep: MustKeepHit[];
  /** the --must-keep patterns that match some name of the tree (kept or not) */
  mustKeepSeen: string[];
  /** names in the tree that a literal rule misses only by letter case (a few per rule) */
  caseNear: Map<FilterRule, ByteString[]>;
  errors: ScanError[];
}

/** What the scan needs to know about the transfer. */
export interface ScanSetup {
  rules: FilterRule[];
  root: TransferRoot;
  /** absolute sender cwd (for `/`-modifier rules) */
  cwd: ByteString;
  followLinks: boolean;
  mustKeep: string[];
  /** called now and then with the number of entries seen */
  progress?: (entries: number) => void;
}

interface DirState {
  /** the rule that dropped this directory (itself or an ancestor), or null */
  droppedBy: FilterRule | null;
  perDir: PerDirState;
}

const MAILDIR_PARTS = new Set(['cur', 'new', 'tmp']);
const MAX_MUST_KEEP_HITS = 20;
/** Names kept per rule for the case-mismatch note. */
const MAX_CASE_NEAR = 3;

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Keep the bytewise-smallest few names, so the answer does not depend on walk order or threads. */
function keepSmallest(list: ByteString[], name: ByteString): void {
  if (list.includes(name)) return;
  if (list.length < MAX_CASE_NEAR) list.push(name);
  else if (name < list[list.length - 1]) list[list.length - 1] = name;
  else return;
  list.sort(byteOrder);
}

/** The judge: decisions per entry, with the parent's state, accumulating the per-rule statistics. */
export class ScanJudge {
  readonly result: ScanResult;
  private readonly evaluator: FilterEvaluator;
  private readonly patternDepth = new Map<FilterRule, number>();
  private readonly prefixDepth: number;
  private readonly mustKeep: { text: string; rule: CompiledRule }[];
  /** when every rule judges only the last name component: literal names -> candidate rules, and the wild ones */
  private readonly fast?: { literal: Map<ByteString, { index: number; rule: CompiledRule }[]>; wild: { index: number; rule: CompiledRule }[] };
  /** literal last-component patterns by their lower-case form, to spot names that differ only in case */
  private readonly caseTable: Map<ByteString, { rule: FilterRule; pattern: ByteString }[]>;
  /** Maildir candidates: parent name -> parts seen (with the rule that dropped each, or null) */
  private readonly maildirParts = new Map<ByteString, Map<string, FilterRule | null | 'inherited'>>();

  /** set for listing scans, where entries arrive through entry() rather than child() */
  listing = false;

  constructor(readonly setup: ScanSetup) {
    this.evaluator = new FilterEvaluator(setup.rules, { cwd: setup.cwd });
    this.result = { operand: setup.root.operand, entries: 0, stats: new Map(), maildirs: [], mustKeep: [], mustKeepSeen: [], caseNear: new Map(), errors: [] };
    this.caseTable = caseTable(setup.rules);
    for (const r of setup.rules) {
      const p = r.pattern.replace(/^\//, '').replace(/\/+$/, '');
      this.patternDepth.set(r, p.split('/').length);
    }
    this.prefixDepth = setup.root.itemName !== null && !setup.root.impliedDirs.length && setup.root.itemName.indexOf('/') < 0 ? 1 : 0;
    this.fast = basenameTable(this.evaluator);
    this.mustKeep = setup.mustKeep.map((text) => {
      const pattern = utf8ToBytes(text.startsWith('/') ? text : `/${text}`);
      return { text, rule: compileRule({ kind: 'exclude', pattern, mods: noModifiers(), origin: {}, patternOffset: 0 }) };
    });
  }

  /** The state of the transfer root (never filtered). */
  rootState(): DirState {
    return { droppedBy: null, perDir: new Map() };
  }

  /** Enter a directory that is sent: read its per-directory filter files. */
  enter(state: DirState, dirAbs: ByteString, read: (f: ByteString) => ByteString | null, label: (f: ByteString) => ByteString): DirState {
    if (state.droppedBy || !this.evaluator.hasPerDir) return state;
    return { droppedBy: null, perDir: this.evaluator.enterDir(state.perDir, dirAbs, read, label) };
  }

  private stats(rule: FilterRule): DropStats {
    let s = this.result.stats.get(rule);
    if (!s) {
      s = new DropStats();
      this.result.stats.set(rule, s);
    }
    return s;
  }

  /**
   * Judge a child given its parent's name and its own last component, building the full name only
   * when a rule needs it or the entry is dropped (the scan's hot path).
   */
  child(parent: DirState, parentName: ByteString, base: ByteString, isDir: boolean, size?: number): DirState {
    if (this.caseTable.size) this.noteCase(parentName ? `${parentName}/${base}` : base, base);
    // an included file under an included directory needs no name and leaves no trace
    if (this.fast && !parent.droppedBy && !isDir && this.fastDecide(base, false) === null) {
      this.count();
      return parent;
    }
    return this.entry(parent, parentName ? `${parentName}/${base}` : base, isDir, size);
  }

  /** Remember a name that a literal rule misses only by letter case. */
  private noteCase(name: ByteString, base: ByteString): void {
    const near = this.caseTable.get(base.toLowerCase());
    if (!near) return;
    for (const n of near) {
      if (n.pattern === base) continue;
      const list = this.result.caseNear.get(n.rule) ?? [];
      keepSmallest(list, name);
      this.result.caseNear.set(n.rule, list);
    }
  }

  private count(): void {
    this.result.entries++;
    if (this.setup.progress && (this.result.entries & 0xffff) === 0) this.setup.progress(this.result.entries);
  }

  /** First matching rule by the basename table, or null when the entry is included. */
  private fastDecide(base: ByteString, isDir: boolean): CompiledRule | null {
    const fast = this.fast!;
    let best: { index: number; rule: CompiledRule } | undefined;
    for (const c of fast.literal.get(base) ?? []) {
      if (c.rule.dirOnly && !isDir) continue;
      best = c;
      break;
    }
    for (const w of fast.wild) {
      if (best && w.index > best.index) break;
      if (ruleMatches(w.rule, base, isDir, { cwd: '/' })) {
        best = w;
        break;
      }
    }
    return best && !best.rule.include ? best.rule : null;
  }

  /** Judge one entry under its parent's state; returns the state for a directory's children. */
  entry(parent: DirState, name: ByteString, isDir: boolean, size?: number, implied = false): DirState {
    this.count();
    if (this.mustKeep.length > this.result.mustKeepSeen.length) {
      for (const m of this.mustKeep) {
        if (!this.result.mustKeepSeen.includes(m.text) && ruleMatches(m.rule, name, isDir, { cwd: '/' })) this.result.mustKeepSeen.push(m.text);
      }
    }
    if (implied) return { droppedBy: null, perDir: parent.perDir };
    if (this.caseTable.size && this.listing) this.noteCase(name, name.slice(name.lastIndexOf('/') + 1));
    let droppedBy = parent.droppedBy;
    if (!droppedBy) {
      let rule: CompiledRule | null;
      if (this.fast) {
        rule = this.fastDecide(name.slice(name.lastIndexOf('/') + 1), isDir);
      } else {
        const d = this.evaluator.decide(name, isDir, parent.perDir);
        rule = d.included ? null : d.rule;
      }
      if (rule) {
        droppedBy = rule.rule;
        const comps = name.split('/').length - this.prefixDepth;
        this.stats(droppedBy).match(name, isDir, comps, comps > (this.patternDepth.get(droppedBy) ?? 1));
      }
    }
    if (droppedBy) {
      this.stats(droppedBy).count(isDir, size);
      this.checkMustKeep(name, isDir, droppedBy);
    }
    if (isDir) this.noteMaildirPart(name, parent.droppedBy ? 'inherited' : droppedBy);
    return { droppedBy, perDir: parent.perDir };
  }

  private checkMustKeep(name: ByteString, isDir: boolean, rule: FilterRule): void {
    for (const m of this.mustKeep) {
      if (!ruleMatches(m.rule, name, isDir, { cwd: '/' })) continue;
      const first = this.result.mustKeep.find((h) => h.rule === rule && h.pattern === m.text);
      if (first) first.total = (first.total ?? 1) + 1;
      else if (this.result.mustKeep.length < MAX_MUST_KEEP_HITS) this.result.mustKeep.push({ pattern: m.text, path: name + (isDir ? '/' : ''), rule, total: 1 });
    }
  }

  /** Remember `cur`/`new`/`tmp` directories by parent, with the rule that dropped each itself. */
  private noteMaildirPart(name: ByteString, dropped: FilterRule | null | 'inherited'): void {
    const slash = name.lastIndexOf('/');
    const last = name.slice(slash + 1);
    if (!MAILDIR_PARTS.has(last)) return;
    const parent = slash < 0 ? '' : name.slice(0, slash);
    let parts = this.maildirParts.get(parent);
    if (!parts) {
      parts = new Map();
      this.maildirParts.set(parent, parts);
    }
    parts.set(last, dropped);
  }

  /** This judge's raw results, for the thread that merges (rules by index). */
  dump(): WorkerResult {
    const index = new Map(this.setup.rules.map((r, i) => [r, i]));
    return {
      entries: this.result.entries,
      stats: [...this.result.stats.entries()].map(([r, st]) => [index.get(r)!, st.dump()]),
      maildirParts: [...this.maildirParts.entries()].map(([p, parts]) => [p, [...parts.entries()].map(([k, v]) => [k, v === null ? -1 : v === 'inherited' ? -2 : index.get(v)!])]),
      mustKeep: this.result.mustKeep.map((h) => ({ pattern: h.pattern, path: h.path, rule: index.get(h.rule)!, total: h.total ?? 1 })),
      mustKeepSeen: this.result.mustKeepSeen,
      caseNear: [...this.result.caseNear.entries()].map(([r, names]) => [index.get(r)!, names]),
      errors: this.result.errors,
    };
  }

  /** Fold in a worker's results. */
  merge(w: WorkerResult): void {
    const rules = this.setup.rules;
    this.result.entries += w.entries;
    for (const [i, data] of w.stats) this.stats(rules[i]).merge(data);
    for (const [parent, parts] of w.maildirParts) {
      let mine = this.maildirParts.get(parent);
      if (!mine) {
        mine = new Map();
        this.maildirParts.set(parent, mine);
      }
      for (const [part, v] of parts) mine.set(part, v === -1 ? null : v === -2 ? 'inherited' : rules[v]);
    }
    for (const t of w.mustKeepSeen) if (!this.result.mustKeepSeen.includes(t)) this.result.mustKeepSeen.push(t);
    for (const h of w.mustKeep) {
      const first = this.result.mustKeep.find((x) => x.rule === rules[h.rule] && x.pattern === h.pattern);
      if (first) {
        first.total = (first.total ?? 1) + h.total;
        if (h.path < first.path) first.path = h.path;
      } else if (this.result.mustKeep.length < MAX_MUST_KEEP_HITS) {
        this.result.mustKeep.push({ pattern: h.pattern, path: h.path, rule: rules[h.rule], total: h.total });
      }
    }
    for (const [i, names] of w.caseNear) {
      const list = this.result.caseNear.get(rules[i]) ?? [];
      for (const n of names) keepSmallest(list, n);
      this.result.caseNear.set(rules[i], list);
    }
    this.result.errors.push(...w.errors);
  }

  /** The state of a directory handed over from another thread (no per-directory rules). */
  stateFor(droppedBy: number): DirState {
    return { droppedBy: droppedBy < 0 ? null : this.setup.rules[droppedBy], perDir: new Map() };
  }

  /** The index of the rule that dropped a directory, -1 for none. */
  droppedIndex(state: DirState): number {
    return state.droppedBy ? this.setup.rules.indexOf(state.droppedBy) : -1;
  }

  /** Finish: Maildirs that lose some part while the Maildir itself is sent. */
  finish(): ScanResult {
    for (const [parent, parts] of this.maildirParts) {
      if (parts.size !== 3 || [...parts.values()].includes('inherited')) continue;
      const lost: { part: string; rule: FilterRule }[] = [];
      for (const [part, rule] of parts) if (rule !== null && rule !== 'inherited') lost.push({ part, rule });
      if (lost.length > 0) this.result.maildirs.push({ path: parent, lost });
    }
    // the same answer whichever thread walked what: results in byte order
    const r = this.result;
    r.maildirs.sort((a, b) => byteOrder(a.path, b.path));
    r.mustKeep.sort((a, b) => byteOrder(a.pattern, b.pattern) || byteOrder(a.path, b.path));
    r.mustKeepSeen.sort();
    r.errors.sort((a, b) => byteOrder(a.path, b.path) || byteOrder(a.message, b.message));
    return r;
  }
}

/** Calls back with each entry of a listing; may be called more than once (it re-reads the listing). */
export type ListingFeed = (each: (e: ListingEntry) => void) => void;

/** Scan a listing (entries in any order; parents are implied), streaming it. */
export function scanListing(setup: ScanSetup, feed: ListingFeed, mount: ByteString): ScanResult {
  const judge = new ScanJudge(setup);
  judge.listing = true;
  const root = setup.root;
  const states = new Map<ByteString, DirState>();
  const rootState = judge.rootState();
  const item = root.itemName;
  const implied = new Set(root.impliedDirs);
  // per-directory filter files come with content (`path<TAB>=TEXT`): collect them in a first pass
  const contents = new Map<ByteString, ByteString>();
  if (setup.rules.some((r) => r.kind === 'dir-merge')) feed((e) => {
    if (e.content !== undefined) contents.set(mount + e.path, e.content);
  });
  const dirAbs = (name: ByteString): ByteString => (name ? `${setup.cwd.replace(/\/$/, '')}/${name}` : setup.cwd);
  const stateOf = (dir: ByteString): DirState => {
    if (dir === '') return judge.enter(rootState, dirAbs(''), (f) => contents.get(f) ?? null, (f) => f);
    const known = states.get(dir);
    if (known) return known;
    const slash = dir.lastIndexOf('/');
    const parent = stateOf(slash < 0 ? '' : dir.slice(0, slash));
    const own = judge.entry(parent, dir, true, undefined, implied.has(dir));
    const entered = judge.enter(own, dirAbs(dir), (f) => contents.get(`${dir}/${f}`) ?? null, (f) => `${dir}/${f}`);
    states.set(dir, entered);
    return entered;
  };
  feed((e) => {
    const name = mount + e.path;
    if (item !== null && name !== item && !name.startsWith(`${item}/`)) {
      if (!implied.has(name)) return; // outside the operand (a -R listing holds more)
    }
    const isDir = e.type === 'dir';
    if (isDir) {
      stateOf(name);
    } else {
      const slash = name.lastIndexOf('/');
      const parent = stateOf(slash < 0 ? '' : name.slice(0, slash));
      judge.entry(parent, name, false, e.size);
    }
  });
  return judge.finish();
}

/** A directory whose entries are still to be read. */
export interface Frame {
  fsPath: Buffer;
  name: ByteString;
  state: DirState;
}

const joinPath = (a: Buffer, b: Buffer): Buffer => Buffer.concat([a, Buffer.from('/'), b]);

/** Is this path (reached through symlinks) the directory it lies in, or one above it? */
function leadsBackUp(fsPath: Buffer): boolean {
  try {
    const target = fs.realpathSync(fsPath, { encoding: 'buffer' }).toString('latin1');
    const parent = fs.realpathSync(fsPath.subarray(0, Math.max(fsPath.lastIndexOf(0x2f), 1)), { encoding: 'buffer' }).toString('latin1');
    return parent === target || parent.startsWith(target === '/' ? '/' : `${target}/`);
  } catch {
    return false;
  }
}

/** Read one directory: judge its entries and return the frames of its subdirectories. */
function readFrame(judge: ScanJudge, frame: Frame, setup: ScanSetup, seen: Set<string>): Frame[] {
  const out: Frame[] = [];
  if (setup.followLinks) {
    try {
      const st = fs.statSync(frame.fsPath);
      const id = `${st.dev}:${st.ino}`;
      if (seen.has(id)) {
        // a second way to the same directory is walked once; a link back up is a loop rsync runs into
        if (leadsBackUp(frame.fsPath)) {
          judge.result.errors.push({
            path: frame.name || '.', message: 'a symlink loop under -L: it leads back to a directory above it, so rsync follows it until the kernel stops at 40 links and fails (exit 23); the scan walked it once',
            ...(frame.state.droppedBy ? { quiet: 'excluded' as const } : {}),
          });
        }
        return out;
      }
      seen.add(id);
    } catch {
      // reported by readdir
    }
  }
  // latin1 names are the byte strings the model uses, without a Buffer per name
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(frame.fsPath, { withFileTypes: true, encoding: 'latin1' });
  } catch (e) {
    const quiet = frame.state.droppedBy ? 'excluded' : frame.name !== '' && (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'vanished' : undefined;
    judge.result.errors.push({ path: frame.name || '.', message: ioErrorText(e), ...(quiet ? { quiet } : {}) });
    return out;
  }
  for (const d of dirents) {
    const base = d.name;
    let isDir = d.isDirectory();
    if (!isDir && setup.followLinks && d.isSymbolicLink()) isDir = isDirTarget(joinPath(frame.fsPath, Buffer.from(base, 'latin1')));
    const state = judge.child(frame.state, frame.name, base, isDir);
    if (isDir) {
      const name = frame.name ? `${frame.name}/${base}` : base;
      const fsPath = joinPath(frame.fsPath, Buffer.from(base, 'latin1'));
      out.push({ fsPath, name, state: judge.enter(state, dirAbs(setup, name), (f) => readText(joinPath(fsPath, Buffer.from(f, 'latin1'))), (f) => `${name}/${f}`) });
    }
  }
  return out;
}

const dirAbs = (setup: ScanSetup, name: ByteString): ByteString => (name ? `${setup.cwd.replace(/\/$/, '')}/${name}` : setup.cwd);

function readText(p: Buffer): ByteString | null {
  try {
    return bufferToBytes(fs.readFileSync(p));
  } catch {
    return null;
  }
}

/** Depth-first walk of the given frames to the end. */
export function walkFrames(judge: ScanJudge, frames: Frame[], setup: ScanSetup): void {
  const stack = [...frames].reverse();
  const seen = new Set<string>();
  while (stack.length) {
    const subdirs = readFrame(judge, stack.pop()!, setup, seen);
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

/** The first frames of a disk scan: the transfer root, or the operand item after its implied dirs. */
function startFrames(judge: ScanJudge, setup: ScanSetup, baseAbs: string): Frame[] {
  const root = setup.root;
  const base = Buffer.from(baseAbs);
  const itemFs = root.itemPath ? joinPath(base, Buffer.from(root.itemPath, 'latin1')) : base;
  const read = (fsPath: Buffer) => (f: ByteString) => readText(joinPath(fsPath, Buffer.from(f, 'latin1')));
  if (root.itemName === null) {
    return [{ fsPath: itemFs, name: '', state: judge.enter(judge.rootState(), setup.cwd, read(itemFs), (f) => f) }];
  }
  let st: fs.Stats;
  try {
    st = fs.lstatSync(itemFs);
  } catch (e) {
    judge.result.errors.push({ path: root.operand, message: ioErrorText(e) });
    return [];
  }
  let state = judge.rootState();
  for (const dir of root.impliedDirs) state = judge.entry(state, dir, true, undefined, true);
  const isDir = st.isDirectory() || (setup.followLinks && st.isSymbolicLink() && isDirTarget(itemFs));
  const own = judge.entry(state, root.itemName, isDir, isDir ? undefined : st.size);
  if (!isDir) return [];
  return [{ fsPath: itemFs, name: root.itemName, state: judge.enter(own, dirAbs(setup, root.itemName), read(itemFs), (f) => `${root.itemName}/${f}`) }];
}

/** How many directories the main thread reads before it hands the rest to worker threads. */
const FRONTIER = 256;

/** Scan the disk below `baseAbs` (the directory names are relative to); streaming, memory flat. */
export function scanDisk(setup: ScanSetup, baseAbs: string, threads = 1): ScanResult {
  const judge = new ScanJudge(setup);
  let frames = startFrames(judge, setup, baseAbs);
  const parallel = threads > 1 && !setup.rules.some((r) => r.kind === 'dir-merge') && workerScript() !== null;
  if (parallel) {
    // breadth-first until there is enough work to share, then split it between the threads
    const seen = new Set<string>();
    while (frames.length > 0 && frames.length < FRONTIER) {
      const next: Frame[] = [];
      for (const f of frames) next.push(...readFrame(judge, f, setup, seen));
      frames = next;
    }
    if (frames.length >= threads * 2) {
      runWorkers(judge, frames, setup, threads);
      return judge.finish();
    }
  }
  walkFrames(judge, frames, setup);
  return judge.finish();
}

/** The built worker script, or null when running from TypeScript sources (tests) where threads are not used. */
function workerScript(): URL | null {
  const url = new URL('./scan-worker.js', import.meta.url);
  return import.meta.url.endsWith('.js') && fs.existsSync(url) ? url : null;
}

/** A frame as it crosses to a worker thread. */
export interface FrameData {
  fsPath: Uint8Array;
  name: ByteString;
  dropped: number;
}

/** What a worker thread is given. */
export interface WorkerInput {
  rules: FilterRule[];
  root: TransferRoot;
  cwd: ByteString;
  followLinks: boolean;
  mustKeep: string[];
  frames: FrameData[];
  /** [done flag, entries seen] per worker, shared */
  signal: SharedArrayBuffer;
  slot: number;
  port: MessagePort;
}

/** Frames the main thread walks between two looks at the workers' requests. */
const MAIN_CHUNK = 8;
/** Frames a worker is handed per request (it asks for the next one before walking these). */
const WORKER_CHUNK = 24;

/** A message from a scan worker: a request for frames, or its result. */
export type WorkerMessage = { more: true } | { result: WorkerResult } | { error: string };
/** A reply to a worker: frames to walk, or none left. */
export type WorkerReply = { frames: FrameData[] } | { done: true };

/**
 * Share the frames between this thread and `threads - 1` workers, wait for them, merge their
 * results. Work is handed out in chunks on request, so a worker that starts late or meets big
 * directories takes less, and no thread idles while another has a long queue.
 */
function runWorkers(judge: ScanJudge, frames: Frame[], setup: ScanSetup, threads: number): void {
  const url = workerScript()!;
  const signal = new SharedArrayBuffer(8 * threads);
  const flags = new Int32Array(signal);
  let next = 0;
  const take = (n: number): Frame[] => frames.slice(next, (next = Math.min(frames.length, next + n)));
  const toData = (f: Frame): FrameData => ({ fsPath: new Uint8Array(f.fsPath), name: f.name, dropped: judge.droppedIndex(f.state) });
  const workers: { worker: Worker; port: MessagePort; finished: boolean }[] = [];
  for (let t = 1; t < threads; t++) {
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = {
      rules: setup.rules, root: setup.root, cwd: setup.cwd, followLinks: setup.followLinks, mustKeep: setup.mustKeep,
      frames: take(WORKER_CHUNK).map(toData), signal, slot: t, port: port2,
    };
    workers.push({ worker: new Worker(url, { workerData: input, transferList: [port2] }), port: port1, finished: false });
  }
  /** Answer what the workers have asked; true when every worker has sent its result. */
  const serve = (): boolean => {
    for (const w of workers) {
      let msg;
      while (!w.finished && (msg = receiveMessageOnPort(w.port))) {
        const m = msg.message as WorkerMessage;
        if ('more' in m) {
          const chunk = take(WORKER_CHUNK);
          w.port.postMessage((chunk.length ? { frames: chunk.map(toData) } : { done: true }) satisfies WorkerReply);
        } else {
          w.finished = true;
          if ('result' in m) judge.merge(m.result);
          else judge.result.errors.push({ path: '.', message: `scan worker failed: ${m.error}` });
        }
      }
    }
    return workers.every((w) => w.finished);
  };
  for (let mine = take(MAIN_CHUNK); mine.length; mine = take(MAIN_CHUNK)) {
    walkFrames(judge, mine, setup);
    serve();
  }
  while (!serve()) {
    for (const [k, w] of workers.entries()) {
      if (w.finished) continue;
      Atomics.wait(flags, (k + 1) * 2, 0, 20);
      if (setup.progress) setup.progress(judge.result.entries + workers.reduce((n, _w, j) => n + Atomics.load(flags, (j + 1) * 2 + 1), 0));
      break;
    }
  }
  for (const w of workers) {
    w.port.close();
    void w.worker.terminate();
  }
}

function isDirTarget(p: Buffer): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A decision table for lists in which every sender rule looks only at the last name component
 * (no `/` in the pattern, no `**`, no `!`, no per-directory files): the scan's fast path.
 */
function basenameTable(evaluator: FilterEvaluator): { literal: Map<ByteString, { index: number; rule: CompiledRule }[]>; wild: { index: number; rule: CompiledRule }[] } | undefined {
  const literal = new Map<ByteString, { index: number; rule: CompiledRule }[]>();
  const wild: { index: number; rule: CompiledRule }[] = [];
  for (let index = 0; index < evaluator.compiled.length; index++) {
    const c = evaluator.compiled[index];
    const r = evaluator.rules[index];
    if (c === null) return undefined; // a dir-merge placeholder
    if (r.kind === 'protect' || r.kind === 'risk' || (r.mods.receiverSide && !r.mods.senderSide) || r.mods.xattr) continue;
    if (c.slashCount > 0 || c.wild2 || r.mods.negate || r.mods.absPath) return undefined;
    if (c.wild) wild.push({ index, rule: c });
    else {
      const list = literal.get(c.matchPattern) ?? [];
      list.push({ index, rule: c });
      literal.set(c.matchPattern, list);
    }
  }
  return { literal, wild };
}

/** Literal rules that look at the last name component, by the lower-case form of their pattern. */
function caseTable(rules: readonly FilterRule[]): Map<ByteString, { rule: FilterRule; pattern: ByteString }[]> {
  const table = new Map<ByteString, { rule: FilterRule; pattern: ByteString }[]>();
  for (const rule of rules) {
    if (rule.kind === 'merge' || rule.kind === 'dir-merge' || rule.kind === 'clear' || rule.mods.xattr) continue;
    const pattern = rule.pattern.replace(/\/$/, '').replace(/^\//, '');
    if (pattern.includes('/') || /[*?[]/.test(pattern) || pattern.toLowerCase() === pattern.toUpperCase()) continue;
    const key = pattern.toLowerCase();
    table.set(key, [...(table.get(key) ?? []), { rule, pattern }]);
  }
  return table;
}

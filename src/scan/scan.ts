// The pre-flight scan: walk a source (disk or listing) with the full filter model and count what each rule drops.
import * as fs from 'node:fs';
import { bufferToBytes, utf8ToBytes, type ByteString } from '../rsync/bytes.js';
import { FilterEvaluator, type PerDirState } from '../rsync/evaluate.js';
import { compileRule, noModifiers, ruleMatches, type CompiledRule, type FilterRule } from '../rsync/rule.js';
import type { TransferRoot } from '../rsync/transfer.js';
import { DropStats } from './stats.js';
import type { ListingEntry } from './listing.js';

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
}

/** The result of scanning one source of one command. */
export interface ScanResult {
  operand: string;
  entries: number;
  stats: Map<FilterRule, DropStats>;
  maildirs: BrokenMaildir[];
  mustKeep: MustKeepHit[];
  errors: { path: string; message: string }[];
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

/** The judge: decisions per entry, with the parent's state, accumulating the per-rule statistics. */
export class ScanJudge {
  readonly result: ScanResult;
  private readonly evaluator: FilterEvaluator;
  private readonly patternDepth = new Map<FilterRule, number>();
  private readonly prefixDepth: number;
  private readonly mustKeep: { text: string; rule: CompiledRule }[];
  /** when every rule judges only the last name component: literal names -> candidate rules, and the wild ones */
  private readonly fast?: { literal: Map<ByteString, { index: number; rule: CompiledRule }[]>; wild: { index: number; rule: CompiledRule }[] };
  /** Maildir candidates: parent name -> parts seen (with the rule that dropped each, or null) */
  private readonly maildirParts = new Map<ByteString, Map<string, FilterRule | null | 'inherited'>>();

  constructor(readonly setup: ScanSetup) {
    this.evaluator = new FilterEvaluator(setup.rules, { cwd: setup.cwd });
    this.result = { operand: setup.root.operand, entries: 0, stats: new Map(), maildirs: [], mustKeep: [], errors: [] };
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
    // an included file under an included directory needs no name and leaves no trace
    if (this.fast && !parent.droppedBy && !isDir && this.fastDecide(base, false) === null) {
      this.count();
      return parent;
    }
    return this.entry(parent, parentName ? `${parentName}/${base}` : base, isDir, size);
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
    if (implied) return { droppedBy: null, perDir: parent.perDir };
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
    if (this.result.mustKeep.length >= MAX_MUST_KEEP_HITS) return;
    for (const m of this.mustKeep) {
      if (ruleMatches(m.rule, name, isDir, { cwd: '/' })) this.result.mustKeep.push({ pattern: m.text, path: name + (isDir ? '/' : ''), rule });
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

  /** Finish: Maildirs that lose some part while the Maildir itself is sent. */
  finish(): ScanResult {
    for (const [parent, parts] of this.maildirParts) {
      if (parts.size !== 3 || [...parts.values()].includes('inherited')) continue;
      const lost: { part: string; rule: FilterRule }[] = [];
      for (const [part, rule] of parts) if (rule !== null && rule !== 'inherited') lost.push({ part, rule });
      if (lost.length > 0) this.result.maildirs.push({ path: parent, lost });
    }
    return this.result;
  }
}

/** Calls back with each entry of a listing; may be called more than once (it re-reads the listing). */
export type ListingFeed = (each: (e: ListingEntry) => void) => void;

/** Scan a listing (entries in any order; parents are implied), streaming it. */
export function scanListing(setup: ScanSetup, feed: ListingFeed, mount: ByteString): ScanResult {
  const judge = new ScanJudge(setup);
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

/** Scan the disk below `baseAbs` (the directory names are relative to); streaming, memory flat. */
export function scanDisk(setup: ScanSetup, baseAbs: string): ScanResult {
  const judge = new ScanJudge(setup);
  const root = setup.root;
  const base = Buffer.from(baseAbs);
  const join = (a: Buffer, b: Buffer): Buffer => Buffer.concat([a, Buffer.from('/'), b]);
  const seen = new Set<string>();
  const readText = (p: Buffer): ByteString | null => {
    try {
      return bufferToBytes(fs.readFileSync(p));
    } catch {
      return null;
    }
  };
  type Frame = { fsPath: Buffer; name: ByteString; state: DirState };
  const stack: Frame[] = [];
  const rootState = judge.rootState();
  const item = root.itemPath;
  const itemFs = item ? join(base, Buffer.from(item, 'latin1')) : base;
  const enterFrame = (fsPath: Buffer, name: ByteString, state: DirState): void => {
    const entered = judge.enter(state, name ? `${setup.cwd.replace(/\/$/, '')}/${name}` : setup.cwd, (f) => readText(join(fsPath, Buffer.from(f, 'latin1'))), (f) => (name ? `${name}/${f}` : f));
    stack.push({ fsPath, name, state: entered });
  };
  if (root.itemName === null) {
    enterFrame(itemFs, '', rootState);
  } else {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(itemFs);
    } catch (e) {
      judge.result.errors.push({ path: root.operand, message: (e as NodeJS.ErrnoException).code ?? String(e) });
      return judge.finish();
    }
    let state = rootState;
    for (const dir of root.impliedDirs) state = judge.entry(state, dir, true, undefined, true);
    const isDir = st.isDirectory() || (setup.followLinks && st.isSymbolicLink() && isDirTarget(itemFs));
    const own = judge.entry(state, root.itemName, isDir, isDir ? undefined : st.size);
    if (isDir) enterFrame(itemFs, root.itemName, own);
  }
  while (stack.length) {
    const frame = stack.pop()!;
    if (setup.followLinks) {
      try {
        const st = fs.statSync(frame.fsPath);
        const id = `${st.dev}:${st.ino}`;
        if (seen.has(id)) continue;
        seen.add(id);
      } catch {
        // reported by readdir
      }
    }
    let dirents: fs.Dirent<Buffer>[];
    try {
      dirents = fs.readdirSync(frame.fsPath, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      judge.result.errors.push({ path: frame.name || '.', message: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    for (const d of dirents) {
      const base = d.name.toString('latin1');
      let isDir = d.isDirectory();
      if (!isDir && setup.followLinks && d.isSymbolicLink()) isDir = isDirTarget(join(frame.fsPath, d.name));
      const state = judge.child(frame.state, frame.name, base, isDir);
      if (isDir) enterFrame(join(frame.fsPath, d.name), frame.name ? `${frame.name}/${base}` : base, state);
    }
  }
  return judge.finish();
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

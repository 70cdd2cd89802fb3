// What one rule drops in a scan: counts, depth histogram, and the dropped paths grouped into patterns.
import { displayBytes, type ByteString } from '../rsync/bytes.js';

/** Groups shown when a finer grouping has more than this many (it is then too many to read). */
const READABLE_GROUPS = 12;
/** Groups kept by the coarsest grouping (the rest are counted as other paths). */
const MAX_GROUPS = 40;
const MAX_SAMPLES = 3;

const byBytes = (a: ByteString, b: ByteString): number => (a < b ? -1 : a > b ? 1 : 0);

/** Keep the bytewise-smallest few samples, so the output does not depend on directory order or threads. */
function keepSmallest(samples: ByteString[], candidate: ByteString): void {
  if (samples.length === MAX_SAMPLES && candidate >= samples[MAX_SAMPLES - 1]) return; // the usual case, decided at once
  if (samples.includes(candidate)) return;
  if (samples.length < MAX_SAMPLES) {
    samples.push(candidate);
  } else if (candidate < samples[samples.length - 1]) {
    samples[samples.length - 1] = candidate;
  } else {
    return;
  }
  samples.sort(byBytes);
}

/** The extension of a name (`.mail`, `.gz`), or null: no dot after the first byte, or only digits after it (`syslog.1`). */
function extensionOf(name: ByteString): ByteString | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  for (let i = dot + 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return name.slice(dot);
  }
  return null;
}

/** Key prefixes by depth and kind, padded so that the bytewise key order is the depth order. */
const HEADS: string[] = [];
const headOf = (depth: number, isDir: boolean): string => {
  const i = depth * 2 + (isDir ? 1 : 0);
  return (HEADS[i] ??= `${String(depth).padStart(6, '0')}\0${isDir ? 'd' : 'f'}\0`);
};

/** The longest common suffix of two names. */
function commonSuffix(a: ByteString, b: ByteString): ByteString {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n ? a.slice(a.length - n) : '';
}

/** A group of dropped paths: the components all its paths share, `null` where they vary. */
interface Group {
  parts: (ByteString | null)[];
  /** the last component when all paths share it, else null */
  last: ByteString | null;
  /** the longest suffix of the last component all paths share */
  suffix: ByteString;
  isDir: boolean;
  count: number;
  samples: ByteString[];
}

/** A grouping's plain data (to cross a worker boundary). */
interface TableData {
  groups: [string, Group][];
  overflow: number;
}

/** Fold `other` (same key) into `g`. */
function fold(g: Group, other: Group): void {
  g.count += other.count;
  for (let i = 0; i < g.parts.length; i++) if (g.parts[i] !== null && g.parts[i] !== other.parts[i]) g.parts[i] = null;
  if (g.last !== null && g.last !== other.last) g.last = null;
  g.suffix = commonSuffix(g.suffix, other.suffix);
  for (const smp of other.samples) keepSmallest(g.samples, smp);
}

/** Count one more path in `g` (the scan's hot path: nothing is allocated). */
function bump(g: Group, name: ByteString, parts: ByteString[], last: ByteString): void {
  g.count++;
  for (let i = 0; i < g.parts.length; i++) if (g.parts[i] !== null && g.parts[i] !== parts[i]) g.parts[i] = null;
  if (g.last !== null && g.last !== last) g.last = null;
  if (!last.endsWith(g.suffix)) g.suffix = commonSuffix(g.suffix, last);
  keepSmallest(g.samples, name);
}

/** How a varying last component reads: `*` and the shared suffix from its first punctuation on (`*.mail`, `*.tar.gz`, `*~`). */
function lastPattern(g: Group): ByteString {
  if (g.last !== null) return g.last;
  // skip alphanumerics (`1.mail`/`11.mail` share `1.mail`: show `*.mail`) and stray UTF-8 continuation bytes
  const from = g.suffix.search(/[^0-9A-Za-z\x80-\xbf]/);
  return `*${from < 0 ? '' : g.suffix.slice(from)}`;
}

/**
 * One grouping of dropped paths, keeping at most `cap` groups: the ones with the bytewise-smallest
 * keys, so that which groups survive, and their counts, do not depend on the order paths arrive in
 * or on how they are split between threads. The others are counted in `overflow`.
 */
class GroupTable {
  readonly groups = new Map<string, Group>();
  overflow = 0;
  /** bumped whenever a group is added or evicted (a remembered group or overflow decision is then stale) */
  generation = 0;
  /** the largest key held, when known */
  private largest: string | undefined;

  constructor(private readonly cap: number) {}

  /** Count one path under `key`: its group, or null when it went to the other paths. */
  add(key: string, name: ByteString, parts: ByteString[], last: ByteString, isDir: boolean): Group | null {
    const g = this.groups.get(key);
    if (g) {
      bump(g, name, parts, last);
      return g;
    }
    this.put(key, { parts: [...parts], last, suffix: last, isDir, count: 1, samples: [name] });
    return this.groups.get(key) ?? null;
  }

  /** Count `g` under `key` (g is taken over when the key is new). */
  put(key: string, g: Group): void {
    const mine = this.groups.get(key);
    if (mine) {
      fold(mine, g);
      return;
    }
    if (this.groups.size >= this.cap) {
      const largest = this.largestKey();
      if (key > largest) {
        this.overflow += g.count;
        return;
      }
      this.generation++;
      this.overflow += this.groups.get(largest)!.count;
      this.groups.delete(largest);
      this.largest = undefined;
    } else if (this.largest !== undefined && key > this.largest) {
      this.largest = key;
    }
    this.generation++;
    this.groups.set(key, g);
  }

  private largestKey(): string {
    if (this.largest === undefined) for (const k of this.groups.keys()) if (this.largest === undefined || k > this.largest) this.largest = k;
    return this.largest!;
  }

  dump(): TableData {
    return { groups: [...this.groups.entries()], overflow: this.overflow };
  }

  merge(data: TableData): void {
    this.overflow += data.overflow;
    for (const [key, g] of data.groups) this.put(key, { ...g, parts: [...g.parts], samples: [...g.samples] });
  }

  /** The groups, largest first (ties by pattern), as JSON. */
  toJson(): { pattern: string; count: number; samples: string[] }[] {
    const out = [...this.groups.values()]
      .map((g) => ({
        pattern: displayBytes([...g.parts.map((p) => p ?? '*'), lastPattern(g)].join('/')) + (g.isDir ? '/' : ''),
        count: g.count,
        samples: g.samples.map((s) => displayBytes(s) + (g.isDir ? '/' : '')),
      }))
      .sort((a, b) => b.count - a.count || byBytes(a.pattern, b.pattern));
    if (this.overflow) out.push({ pattern: '(other paths)', count: this.overflow, samples: [] });
    return out;
  }
}

/** The previous path's keys, and what each grouping did with it while unchanged since. */
interface Memo {
  depth: number;
  isDir: boolean;
  ext: ByteString | null;
  last: ByteString;
  first: ByteString;
  parent: ByteString;
  groups: (Group | null)[];
  generations: number[];
}

/** The path's key in each grouping, finest first; shallow groups have the smaller keys, so they are the ones kept. */
function groupKeys(depth: number, isDir: boolean, ext: ByteString | null, last: ByteString, first: ByteString, parent: ByteString): string[] {
  const head = headOf(depth, isDir);
  const coarse = head + (ext === null ? '*' : `.${ext}`);
  const medium = ext === null ? `${head}=${last}` : coarse;
  const parents = depth ? `\0${first}\0${parent}` : '';
  return [medium + parents, medium, coarse + parents, coarse];
}

/**
 * Groups dropped paths into patterns, replacing the components that vary by `*`, at four grains,
 * all by depth and kind: by last name (its extension when it has one: `*.mail`) and first and
 * last parent; by last name only; by the shape of the last name (its extension, else any name)
 * and the parents; by that shape only. The first grouping with at most READABLE_GROUPS groups is
 * shown, else the last. Memory is bounded by the group caps, whatever the number of paths.
 */
export class PathGrouper {
  private readonly fine = new GroupTable(READABLE_GROUPS);
  private readonly medium = new GroupTable(READABLE_GROUPS);
  private readonly shaped = new GroupTable(READABLE_GROUPS);
  private readonly coarse = new GroupTable(MAX_GROUPS);
  /** finest first; the last one is shown when the others overflow */
  private readonly tables = [this.fine, this.medium, this.shaped, this.coarse];
  /** the previous path's keys and groups: paths arrive a directory at a time, so the next one mostly shares them */
  private memo: Memo | undefined;

  add(name: ByteString, isDir: boolean): void {
    const parts = name.split('/');
    const last = parts.pop() ?? name;
    const ext = extensionOf(last);
    const first = parts.length ? parts[0] : '';
    const parent = parts.length ? parts[parts.length - 1] : '';
    let memo = this.memo;
    if (!memo || memo.depth !== parts.length || memo.isDir !== isDir || memo.ext !== ext || (ext === null && memo.last !== last) || memo.first !== first || memo.parent !== parent) {
      memo = this.memo = { depth: parts.length, isDir, ext, last, first, parent, groups: [null, null, null, null], generations: [-1, -1, -1, -1] };
    }
    let keys: string[] | undefined;
    for (let t = 0; t < 4; t++) {
      const table = this.tables[t];
      // a readable grouping that has overflowed is never shown: it need not be kept up
      if (t < 3 && table.overflow) continue;
      if (memo.generations[t] === table.generation) {
        const g = memo.groups[t];
        if (g) bump(g, name, parts, last);
        else table.overflow++;
        continue;
      }
      keys ??= groupKeys(parts.length, isDir, ext, last, first, parent);
      memo.groups[t] = table.add(keys[t], name, parts, last, isDir);
      memo.generations[t] = table.generation;
    }
  }

  /** Plain data for another thread. */
  dump(): { fine: TableData; medium: TableData; shaped: TableData; coarse: TableData } {
    return { fine: this.fine.dump(), medium: this.medium.dump(), shaped: this.shaped.dump(), coarse: this.coarse.dump() };
  }

  /** Fold in another grouper's data. */
  merge(data: ReturnType<PathGrouper['dump']>): void {
    this.fine.merge(data.fine);
    this.medium.merge(data.medium);
    this.shaped.merge(data.shaped);
    this.coarse.merge(data.coarse);
  }

  /** The groups of the finest readable grouping, largest first, as JSON. */
  toJson(): { pattern: string; count: number; samples: string[] }[] {
    const table = [this.fine, this.medium, this.shaped].find((t) => t.overflow === 0) ?? this.coarse;
    return table.toJson();
  }
}

/** DropStats as plain data (to cross a worker boundary). */
export interface DropStatsData {
  files: number;
  dirs: number;
  bytes: number;
  bytesKnown: boolean;
  matched: number;
  nested: number;
  nestedSamples: ByteString[];
  depth: [number, number][];
  groups: ReturnType<PathGrouper['dump']>;
}

/** What a rule drops. */
export class DropStats {
  files = 0;
  dirs = 0;
  bytes = 0;
  bytesKnown = true;
  /** entries the rule itself matched (the tops of the dropped subtrees) */
  matched = 0;
  /** matched entries deeper than the pattern's own component count (below the top level) */
  nested = 0;
  nestedSamples: ByteString[] = [];
  readonly depth = new Map<number, number>();
  readonly groups = new PathGrouper();

  /** Count one dropped entry (matched by the rule, or below a matched directory). */
  count(isDir: boolean, size: number | undefined): void {
    if (isDir) this.dirs++;
    else {
      this.files++;
      if (size === undefined) this.bytesKnown = false;
      else this.bytes += size;
    }
  }

  /** Record an entry the rule matched itself. `depth` is counted from the operand. */
  match(name: ByteString, isDir: boolean, depth: number, nested: boolean): void {
    this.matched++;
    this.depth.set(depth, (this.depth.get(depth) ?? 0) + 1);
    this.groups.add(name, isDir);
    if (nested) {
      this.nested++;
      keepSmallest(this.nestedSamples, name + (isDir ? '/' : ''));
    }
  }

  /** Plain data for another thread. */
  dump(): DropStatsData {
    return {
      files: this.files, dirs: this.dirs, bytes: this.bytes, bytesKnown: this.bytesKnown, matched: this.matched,
      nested: this.nested, nestedSamples: this.nestedSamples, depth: [...this.depth.entries()], groups: this.groups.dump(),
    };
  }

  /** Fold in another thread's statistics for the same rule. */
  merge(d: DropStatsData): void {
    this.files += d.files;
    this.dirs += d.dirs;
    this.bytes += d.bytes;
    this.bytesKnown &&= d.bytesKnown;
    this.matched += d.matched;
    this.nested += d.nested;
    for (const smp of d.nestedSamples) keepSmallest(this.nestedSamples, smp);
    for (const [k, v] of d.depth) this.depth.set(k, (this.depth.get(k) ?? 0) + v);
    this.groups.merge(d.groups);
  }

  /** The `evidence` JSON. */
  toJson(): { excluded: { files: number; dirs: number; bytes?: number }; depth: Record<string, number>; groups: { pattern: string; count: number; samples: string[] }[] } {
    const excluded: { files: number; dirs: number; bytes?: number } = { files: this.files, dirs: this.dirs };
    if (this.bytesKnown && this.files > 0) excluded.bytes = this.bytes;
    const depth: Record<string, number> = {};
    for (const [d, n] of [...this.depth.entries()].sort((a, b) => a[0] - b[0])) depth[String(d)] = n;
    return { excluded, depth, groups: this.groups.toJson() };
  }
}

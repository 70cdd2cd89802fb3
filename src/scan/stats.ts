// What one rule drops in a scan: counts, depth histogram, and the dropped paths grouped into patterns.
import { displayBytes, type ByteString } from '../rsync/bytes.js';

const MAX_GROUPS = 40;
const MAX_SAMPLES = 3;

/** Keep the bytewise-smallest few samples, so the output does not depend on directory order or threads. */
function keepSmallest(samples: ByteString[], candidate: ByteString): void {
  if (samples.includes(candidate)) return;
  if (samples.length < MAX_SAMPLES) {
    samples.push(candidate);
  } else if (candidate < samples[samples.length - 1]) {
    samples[samples.length - 1] = candidate;
  } else {
    return;
  }
  samples.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface Group {
  parts: (ByteString | null)[];
  last: ByteString;
  isDir: boolean;
  count: number;
  samples: ByteString[];
}

/** Groups dropped paths of the same depth and name, replacing the components that vary by `*`. */
export class PathGrouper {
  private readonly groups = new Map<string, Group>();
  private overflow = 0;

  add(name: ByteString, isDir: boolean): void {
    const parts = name.split('/');
    const last = parts.pop() ?? name;
    const key = `${parts.length}\0${isDir ? 'd' : 'f'}\0${last}\0${parts[0] ?? ''}\0${parts[parts.length - 1] ?? ''}`;
    const g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= MAX_GROUPS) {
        this.overflow++;
        return;
      }
      this.groups.set(key, { parts, last, isDir, count: 1, samples: [name] });
      return;
    }
    g.count++;
    for (let i = 0; i < g.parts.length; i++) if (g.parts[i] !== null && g.parts[i] !== parts[i]) g.parts[i] = null;
    keepSmallest(g.samples, name);
  }

  /** Plain data for another thread. */
  dump(): { groups: [string, Group][]; overflow: number } {
    return { groups: [...this.groups.entries()], overflow: this.overflow };
  }

  /** Fold in another grouper's data. */
  merge(data: { groups: [string, Group][]; overflow: number }): void {
    this.overflow += data.overflow;
    for (const [key, other] of data.groups) {
      const g = this.groups.get(key);
      if (!g) {
        if (this.groups.size >= MAX_GROUPS) this.overflow += other.count;
        else this.groups.set(key, { ...other, parts: [...other.parts], samples: [...other.samples] });
        continue;
      }
      g.count += other.count;
      for (let i = 0; i < g.parts.length; i++) if (g.parts[i] !== null && g.parts[i] !== other.parts[i]) g.parts[i] = null;
      for (const smp of other.samples) keepSmallest(g.samples, smp);
    }
  }

  /** The groups, largest first, as JSON. */
  toJson(): { pattern: string; count: number; samples: string[] }[] {
    const out = [...this.groups.values()]
      .sort((a, b) => b.count - a.count)
      .map((g) => ({
        pattern: displayBytes([...g.parts.map((p) => p ?? '*'), g.last].join('/')) + (g.isDir ? '/' : ''),
        count: g.count,
        samples: g.samples.map((s) => displayBytes(s) + (g.isDir ? '/' : '')),
      }));
    if (this.overflow) out.push({ pattern: '(other paths)', count: this.overflow, samples: [] });
    return out;
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

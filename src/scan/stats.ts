// What one rule drops in a scan: counts, depth histogram, and the dropped paths grouped into patterns.
import { displayBytes, type ByteString } from '../rsync/bytes.js';

const MAX_GROUPS = 40;
const MAX_SAMPLES = 3;

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
    const key = `${parts.length}\0${isDir ? 'd' : 'f'}\0${last}\0${parts[0] ?? ''}`;
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
    if (g.samples.length < MAX_SAMPLES) g.samples.push(name);
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
      if (this.nestedSamples.length < MAX_SAMPLES) this.nestedSamples.push(name + (isDir ? '/' : ''));
    }
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

// Grouping dropped paths into patterns: extensions, the coarser fallbacks, and output that depends neither on order nor on threads.
import { PathGrouper } from '../src/scan/stats.js';
import { lintWithTree } from './support/tree-lint.js';

/** A deterministic shuffle (an LCG), so a failure is reproducible. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function grouped(names: [string, boolean][]): ReturnType<PathGrouper['toJson']> {
  const g = new PathGrouper();
  for (const [n, d] of names) g.add(n, d);
  return g.toJson();
}

describe('grouping of dropped files', () => {
  it('groups files of one extension whose names vary: home/*/Maildir/cur/*.mail', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `home/u${i % 100}/Maildir/cur/${i}.mail`);
    const r = lintWithTree(['rsync', '-a', '--exclude=*.mail', './', '/bk/'], lines.join('\n') + '\n');
    const ev = r.findings.find((f) => f.pattern === '*.mail')?.evidence ?? r.summaries.find((s) => s.pattern === '*.mail')?.evidence;
    expect(ev?.groups).toEqual([
      { pattern: 'home/*/Maildir/cur/*.mail', count: 2000, samples: ['home/u0/Maildir/cur/0.mail', 'home/u0/Maildir/cur/100.mail', 'home/u0/Maildir/cur/1000.mail'] },
    ]);
  });

  it('falls back to depth and extension when the directories give too many groups: */*.dat', () => {
    const lines = Array.from({ length: 20000 }, (_, i) => `d${i % 50}/f${i}.dat`);
    const r = lintWithTree(['rsync', '-a', '--exclude=*.dat', 'src/', 'd/'], lines.join('\n') + '\n');
    const ev = r.findings.find((f) => f.pattern === '*.dat')?.evidence;
    expect(ev?.excluded).toEqual({ files: 20000, dirs: 0 });
    expect(ev?.groups).toEqual([{ pattern: '*/*.dat', count: 20000, samples: ['d0/f0.dat', 'd0/f100.dat', 'd0/f1000.dat'] }]);
  });

  it('keeps a name literal while all paths share it, and the parents that do not vary', () => {
    expect(grouped([['home/a/x/core', false], ['home/b/x/core', false], ['srv/core', false]])).toEqual([
      { pattern: 'home/*/x/core', count: 2, samples: ['home/a/x/core', 'home/b/x/core'] },
      { pattern: 'srv/core', count: 1, samples: ['srv/core'] },
    ]);
    expect(grouped([['a/x/one.log', false], ['a/x/one.log.gz', false], ['a/x/two.log.gz', false]])).toEqual([
      { pattern: 'a/x/*.log.gz', count: 2, samples: ['a/x/one.log.gz', 'a/x/two.log.gz'] },
      { pattern: 'a/x/one.log', count: 1, samples: ['a/x/one.log'] },
    ]);
  });

  it('names the shared suffix of names without an extension (`*~`), and treats a numbered name (`syslog.1`) as one without', () => {
    const backups: [string, boolean][] = Array.from({ length: 20 }, (_, i) => [`p${i}/notes${String.fromCharCode(97 + i)}~`, false]);
    expect(grouped(backups)).toEqual([{ pattern: '*/*~', count: 20, samples: ['p0/notesa~', 'p1/notesb~', 'p10/notesk~'] }]);
    const rotated: [string, boolean][] = Array.from({ length: 15 }, (_, i) => [`log${i}/syslog.${i + 1}`, false]);
    expect(grouped(rotated)[0]).toEqual({ pattern: '*/*', count: 15, samples: ['log0/syslog.1', 'log1/syslog.2', 'log10/syslog.11'] });
  });

  it('drops the parents before the name: many Maildir tmp directories under different tops stay `*/*/Maildir/tmp/`', () => {
    const dirs: [string, boolean][] = Array.from({ length: 30 }, (_, i) => [`top${i}/u/Maildir/tmp`, true]);
    dirs.push(['top0/u/Maildir/cur', true]);
    expect(grouped(dirs)).toEqual([
      { pattern: '*/u/Maildir/tmp/', count: 30, samples: ['top0/u/Maildir/tmp/', 'top1/u/Maildir/tmp/', 'top10/u/Maildir/tmp/'] },
      { pattern: 'top0/u/Maildir/cur/', count: 1, samples: ['top0/u/Maildir/cur/'] },
    ]);
  });
});

describe('grouping is deterministic and bounded', () => {
  // 60 extensions at the top level: more than any grouping keeps, so some paths are "other paths"
  const names: [string, boolean][] = [];
  for (let k = 0; k < 60; k++) for (let j = 0; j <= k % 5; j++) names.push([`a${j}.e${k}`, false]);
  for (let k = 0; k < 30; k++) names.push([`dir${k}/sub${k}/x.e1`, false]);

  it('gives the same groups in any order and when split between threads and merged', () => {
    const want = grouped(names);
    expect(want).toHaveLength(41);
    expect(want[want.length - 1].pattern).toBe('(other paths)');
    expect(want.reduce((n, g) => n + g.count, 0)).toBe(names.length);
    // in runs of one key (the remembered groups are reused) and shuffled (they go stale on every eviction)
    expect(grouped([...names].reverse())).toEqual(want);
    for (const seed of [1, 2, 3]) expect(grouped(shuffled(names, seed))).toEqual(want);
    for (const seed of [4, 5]) {
      const parts = [new PathGrouper(), new PathGrouper(), new PathGrouper()];
      shuffled(names, seed).forEach(([n, d], i) => parts[(i * 7 + seed) % 3].add(n, d));
      const merged = new PathGrouper();
      for (const p of shuffled(parts, seed)) merged.merge(p.dump());
      expect(merged.toJson()).toEqual(want);
    }
  });

  it('keeps the groups of the smallest keys (shallow first), with exact counts', () => {
    const want = grouped(names);
    // depth 1 sorts before depth 3, and `.e1` before `.e10`
    expect(want.find((g) => g.pattern === '*/*/x.e1')).toBeUndefined();
    expect(want.find((g) => g.pattern === '*.e1')).toEqual({ pattern: '*.e1', count: 2, samples: ['a0.e1', 'a1.e1'] });
    expect(want.find((g) => g.pattern === '*.e14')).toEqual({ pattern: '*.e14', count: 5, samples: ['a0.e14', 'a1.e14', 'a2.e14'] });
    expect(want.find((g) => g.pattern === 'a0.e0')).toEqual({ pattern: 'a0.e0', count: 1, samples: ['a0.e0'] });
  });

  it('holds a bounded number of groups whatever the number of paths', () => {
    const g = new PathGrouper();
    for (let i = 0; i < 50000; i++) g.add(`d${i}/f${i}.x${i % 997}`, false);
    const d = g.dump();
    expect(d.fine.groups.length).toBeLessThanOrEqual(12);
    expect(d.medium.groups.length).toBeLessThanOrEqual(12);
    expect(d.shaped.groups.length).toBeLessThanOrEqual(12);
    expect(d.coarse.groups.length).toBe(40);
    expect(d.coarse.groups.reduce((n, [, x]) => n + x.count, 0) + d.coarse.overflow).toBe(50000);
  });
});

// Fuzz-case generator: random byte-named trees (files, directories, symlinks, filter files), random
// rule lists from rsync's whole filter grammar, random operand forms, optional destination trees.
import fc from 'fast-check';

/** One entry of a tree (byte path as a latin1 string; `/`-terminated = directory). */
export interface FuzzEntry {
  path: string;
  content?: string;
  symlink?: string;
  /** the symlink is owned by another user (nobody): rsync 3.5 refuses to follow it to a filter file */
  untrusted?: boolean;
}

/** A file beside the trees, in the case's temp dir (merge files, exclude-from, files-from lists). */
export interface FuzzFile {
  name: string;
  content: string;
  /** instead a symlink to this target (its owner another user when `untrusted`) */
  symlink?: string;
  untrusted?: boolean;
}

/** One fuzz case: trees, side files, the rsync options and operands (no destination). */
export interface FuzzCase {
  src: FuzzEntry[];
  /** a second source tree `src2`, for several-source commands */
  src2?: FuzzEntry[];
  files: FuzzFile[];
  /** a destination tree: the case is run for real with deletions */
  dest?: FuzzEntry[];
  /** destination names may have another kind (file/directory) than in a source */
  destClashes?: boolean;
  /** rsync arguments (JS strings; bytes >= 0x80 only as valid UTF-8) before the destination */
  args: string[];
  /** environment for -C: `$CVSIGNORE` (undefined = empty) and `~/.cvsignore` */
  cvsignoreEnv?: string;
  homeCvsignore?: string;
}

// names: spaces, brackets, backslashes, UTF-8 and non-UTF-8 bytes, CVS-ish names, dot files
const NAMES = ['a', 'b', 'c', 'tmp', 'foo bar', 'x[1]', 'b\\c', '.hid', 'foo*', 'Tmp', '\xc3\xa9', '\xe9', '-x', 'a.o',
  'core', 'CVS', '.git', 'x~', '#x', 'sub', 'k\xc3\xa9y', ' sp', 'n_u'];
const PATTERN_PARTS = ['a', 'b', 'c', 'tmp', 'foo bar', 'x[1]', 'x\\[1]', 'b\\c', '*', '?', '**', '***', '[ab]', '[!a]',
  '[[:alpha:]]*', '[[:bogus:]]', 'a*', '*b', '?b', 'foo\\*', 'x[1', '.*', 'src', '[a-c]', '\\a', 'a**b', ']', 'Tmp',
  '\xc3\xa9', '??', '?\xa9', 'sub', '*.o', 'core', '.git', 'k?y', 'k??y', 'n_u', ' sp', '-x'];
/** pattern parts only for files (non-UTF-8 bytes cannot travel in argv) */
const FILE_ONLY_PARTS = ['\xe9', '[\xe9]', '?'];
const PERDIR = ['.rsync-filter', '.pf', '.pg'];
const MERGE_FILES = ['m1', 'm2', 'm3'];

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);

/** A random pattern; `inFile` allows bytes that cannot be passed in argv. */
export function patternArb(inFile: boolean): fc.Arbitrary<string> {
  const parts = inFile ? [...PATTERN_PARTS, ...FILE_ONLY_PARTS] : PATTERN_PARTS;
  return fc.tuple(fc.nat(9), fc.array(pick(parts), { minLength: 1, maxLength: 3 }), fc.nat(9))
    .map(([a, ps, d]) => `${a < 3 ? '/' : ''}${ps.join('/')}${d < 3 ? '/' : d === 3 ? '//' : ''}`);
}

const RULE_NAMES = ['-', '+', 'H', 'S', 'P', 'R', 'exclude', 'include', 'hide', 'show', 'protect', 'risk'];
const MODS = ['', '', '', '', '/', '!', 's', 'r', 'p', 'x', 'sr', '/p', '!p', 'C', 'n', 'e', 'w', ',', 'X', '\t'];

/** One full-syntax filter rule (may be invalid on purpose, rarely). */
export function fullRuleArb(inFile: boolean, depth = 0): fc.Arbitrary<string> {
  const plain = fc.tuple(pick(RULE_NAMES), fc.nat(99), pick(MODS), fc.nat(19), patternArb(inFile))
    .map(([name, rare, mod, sep, pat]) => {
      const m = rare < 85 ? '' : mod;
      const comma = name.length > 1 && m ? ',' : rare > 97 && name.length === 1 ? ',' : '';
      const s = sep < 14 ? ' ' : sep < 18 ? '_' : sep === 18 ? '  ' : '';
      return `${name}${comma}${m}${s}${pat}`;
    });
  const merge = fc.tuple(fc.nat(99), pick(MERGE_FILES), pick(['', 'n', 'e', '-', '+', 'w', 'p', 's', 'r', '/', 'C', 'n-', 'e+', 'sC', '!']))
    .map(([r, f, m]) => (r < 50 ? `.${m ? ',' + m : ''} ${f}` : `merge${m ? ',' + m : ''} ${f}`));
  const dirMerge = fc.tuple(fc.nat(99), pick([...PERDIR, '/.pf', '../.pf', 'sub/.pg', '.cvsignore', '/.rsync-filter', '.pf/']), pick(['', '', 'n', 'e', '-', '+', 'w', 'p', 's', 'r', 'C', 'en', '-n', '/']))
    .map(([r, f, m]) => (r < 50 ? `:${m ? ',' + m : ''} ${f}` : `dir-merge${m ? ',' + m : ''} ${f}`));
  const other = pick(['!', 'clear', '-C', '+C', ':C', '- ', 'clear ', '-', '# comment', 'excludes foo', '-_foo', '-/ src/a', '!,', 'clear,', '!,x']);
  const arbs: fc.Arbitrary<string>[] = [plain, plain, plain, plain, plain, plain, dirMerge, other];
  if (depth < 2) arbs.push(merge);
  return fc.oneof(...arbs);
}

/** The text of a full-syntax rule file (merge or per-directory). */
function ruleFileArb(depth: number): fc.Arbitrary<string> {
  return fc.tuple(
    fc.array(fc.oneof(fullRuleArb(true, depth), pick(['', '# c', '; c', 'clear', '- a ', '+ */', '- *'])), { minLength: 0, maxLength: 5 }),
    pick(['\n', '\n', '\r\n', '\r']),
  ).map(([lines, eol]) => lines.join(eol) + (lines.length ? eol : ''));
}

/** Word-split or exclude-only file contents. */
function wordFileArb(): fc.Arbitrary<string> {
  return fc.array(fc.oneof(patternArb(true), pick(['!', '-', '+', '#', '*.o'])), { minLength: 0, maxLength: 5 })
    .map((ws) => ws.join(' ') + '\n');
}

/** The directory beside the trees that escaping symlinks point into (`OUTSIDE_DIR/x` is a file). */
export const OUTSIDE_DIR = 'out/d';
const OUTSIDE = new Set(['out', OUTSIDE_DIR, `${OUTSIDE_DIR}/x`]);

/** Does the tree hold a symlink whose target (resolved inside the tree, or into OUTSIDE_DIR) does not exist? */
export function hasDanglingLink(entries: FuzzEntry[]): boolean {
  const present = new Set(entries.map((e) => e.path.replace(/\/$/, '')));
  return entries.some((e) => {
    if (e.symlink === undefined) return false;
    if (e.symlink.startsWith('/')) return true;
    const dir = e.path.includes('/') ? e.path.slice(0, e.path.lastIndexOf('/')) : '';
    const stack: string[] = [];
    const parts = (dir ? `${dir}/${e.symlink}` : e.symlink).split('/');
    for (const [i, part] of parts.entries()) {
      if (part === '..') {
        // one level above the tree's root is the case directory
        if (!stack.length) return !OUTSIDE.has(parts.slice(i + 1).filter((p) => p !== '.' && p !== '').join('/'));
        stack.pop();
      } else if (part !== '.' && part !== '') stack.push(part);
    }
    return !present.has(stack.join('/'));
  });
}

/** A tree: unique paths, prefixes made directories, some symlinks, per-directory filter files. */
function treeArb(forDest: boolean): fc.Arbitrary<FuzzEntry[]> {
  return fc.tuple(
    fc.uniqueArray(fc.tuple(fc.array(pick(NAMES), { minLength: 1, maxLength: 3 }), fc.nat(9)), { minLength: 1, maxLength: 12, selector: (x) => x[0].join('/') }),
    fc.array(fc.tuple(fc.nat(20), pick(PERDIR.concat(['.cvsignore'])), fc.oneof(ruleFileArb(1), wordFileArb())), { maxLength: forDest ? 2 : 4 }),
    // links, some of them per-directory files, some owned by another user
    fc.array(fc.tuple(fc.nat(20), pick(['l', 'lnk', 'a', 'l', '.pf', '.rsync-filter']), fc.nat(20), fc.boolean(), fc.nat(3)), { maxLength: 3 }),
  ).map(([items, filters, links]) => buildTree(items, filters, links));
}

function buildTree(items: [string[], number][], filters: [number, string, string][], links: [number, string, number, boolean, number][]): FuzzEntry[] {
  const kinds = new Map<string, 'dir' | 'file'>();
  for (const [parts, k] of items) {
    for (let i = 1; i < parts.length; i++) kinds.set(parts.slice(0, i).join('/'), 'dir');
    const p = parts.join('/');
    if (!kinds.has(p)) kinds.set(p, k < 4 ? 'dir' : 'file');
  }
  for (const [p, k] of kinds) if (k === 'file' && [...kinds.keys()].some((q) => q.startsWith(p + '/'))) kinds.set(p, 'dir');
  const dirs = ['', ...[...kinds].filter(([, k]) => k === 'dir').map(([p]) => p)];
  const out = new Map<string, FuzzEntry>();
  for (const [p, k] of kinds) out.set(p, { path: k === 'dir' ? `${p}/` : p });
  for (const [d, name, content] of filters) {
    const dir = dirs[d % dirs.length];
    const p = dir ? `${dir}/${name}` : name;
    if (kinds.get(p) === 'dir') continue;
    kinds.set(p, 'file');
    out.set(p, { path: p, content });
  }
  // symlinks to files or to directories holding no symlinks and not above the link (no loops)
  for (const [d, name, t, dangling, owner] of links) {
    const dir = dirs[d % dirs.length];
    const p = dir ? `${dir}/${name}` : name;
    if (kinds.has(p)) continue;
    const targets = [...kinds.keys()].filter((q) => !(dir === q || dir.startsWith(q + '/')));
    let target: string;
    const up = dir ? dir.split('/').map(() => '..').join('/') + '/' : '';
    // rarely a link out of the tree (unsafe for --copy-unsafe-links / --safe-links): into the
    // directory beside the trees, to its file, to nowhere above, or absolute
    if (t === 20) target = d % 4 === 3 ? '/nonexistent' : `${up}../${[OUTSIDE_DIR, `${OUTSIDE_DIR}/x`, 'nowhere'][d % 4]}`;
    else if (dangling || !targets.length) target = 'nowhere';
    else target = up + targets[t % targets.length];
    kinds.set(p, 'file');
    out.set(p, owner === 0 ? { path: p, symlink: target, untrusted: true } : { path: p, symlink: target });
  }
  // no loops: drop links into a directory that holds a link somewhere below it
  for (let changed = true; changed;) {
    changed = false;
    for (const [p, e] of out) {
      if (e.symlink === undefined || e.symlink === 'nowhere') continue;
      const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
      const parts = (dir ? `${dir}/${e.symlink}` : e.symlink).split('/');
      const stack: string[] = [];
      for (const part of parts) if (part === '..') stack.pop(); else stack.push(part);
      const target = stack.join('/');
      if (kinds.get(target) !== 'dir') continue;
      if ([...out].some(([q, x]) => x.symlink !== undefined && q.startsWith(target + '/'))) {
        out.delete(p);
        kinds.delete(p);
        changed = true;
      }
    }
  }
  return [...out.values()];
}

/** A destination tree derived from the source: some of its entries, plus names only the destination has. */
function destArb(): fc.Arbitrary<(src: FuzzEntry[]) => { entries: FuzzEntry[]; clashes: boolean }> {
  return fc.tuple(fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), treeArb(true)).map(([keep, extra]) => (src: FuzzEntry[]) => {
    // in half the cases a destination name may have another kind than in the source (a directory
    // where the source has a file: the receiver empties it to make way, itemizing its contents)
    const clashes = keep[19];
    const out = new Map<string, FuzzEntry>();
    src.forEach((e, i) => {
      if (keep[i % keep.length] && !e.symlink) out.set(e.path.replace(/\/$/, ''), e.content !== undefined ? { path: e.path, content: e.content } : { path: e.path });
    });
    const srcKinds = new Map(src.map((e) => [e.path.replace(/\/$/, ''), e.path.endsWith('/') ? 'dir' : 'file']));
    for (const e of extra) {
      const p = e.path.replace(/\/$/, '');
      const parts = p.split('/');
      let clash = false;
      for (let i = 1; i <= parts.length; i++) {
        const q = parts.slice(0, i).join('/');
        const k = srcKinds.get(q);
        const want = i < parts.length || e.path.endsWith('/') ? 'dir' : 'file';
        if (k && k !== want) clash = true;
      }
      if (clash && clashes) {
        // make room: drop the kept copies this path gives another kind
        for (let i = 1; i <= parts.length; i++) {
          const q = parts.slice(0, i).join('/');
          const want = i < parts.length || e.path.endsWith('/') ? 'dir' : 'file';
          for (const [k, x] of [...out]) {
            const isDir = x.path.endsWith('/');
            if ((want === 'dir' && k === q && !isDir) || (want === 'file' && ((k === q && isDir) || k.startsWith(q + '/')))) out.delete(k);
          }
        }
      }
      // the destination's own symlinks (in half the cases; otherwise they become files)
      if ((!clash || clashes) && !out.has(p)) out.set(p, e.symlink !== undefined && !keep[18] ? { path: p, content: '' } : e);
    }
    return { entries: [...out.values()], clashes };
  });
}

const OPTION_SETS = ['-F', '-FF', '-C', '-m', '-L', '--copy-dirlinks', '--no-i-r', '-d', '--delete-excluded', '--from0', '--ignore-errors',
  '--copy-unsafe-links', '--safe-links', '--insecure-links', '-b'];

const DELETE_WHEN = ['--delete', '--delete', '--delete', '--delete', '--delete-before', '--delete-during', '--delete-delay', '--delete-after', '--delete-after', '--delete-after'];

/** The whole case. */
export function caseArb(): fc.Arbitrary<FuzzCase> {
  const argRule = fc.oneof(
    fullRuleArb(false).map((r) => ['-f', r]),
    fullRuleArb(false).map((r) => ['-f', r]),
    patternArb(false).map((p) => [`--exclude=${p}`]),
    patternArb(false).map((p) => [`--include=${p}`]),
    fc.tuple(pick(['- ', '+ ', '', '!', '-  ']), patternArb(false)).map(([pre, p]) => [pre === '!' ? '--exclude=!' : `--exclude=${pre}${p}`]),
    pick(['--exclude-from=ef', '--include-from=if']).map((o) => [o]),
  );
  return fc.record({
    src: treeArb(false),
    src2: fc.option(treeArb(false), { freq: 5 }),
    rules: fc.array(argRule, { maxLength: 5 }),
    opts: fc.subarray(OPTION_SETS, { maxLength: 3 }),
    mergeFiles: fc.tuple(ruleFileArb(0), ruleFileArb(1), ruleFileArb(1), wordFileArb(), wordFileArb()),
    operand: fc.nat(99),
    recurse: fc.nat(9),
    dest: fc.option(destArb(), { freq: 3 }),
    filesFrom: fc.array(fc.tuple(fc.nat(30), pick(['', '/', '#', ';', 'x/../']), fc.nat(39)), { maxLength: 4 }),
    cvsEnv: fc.option(fc.tuple(wordFileArb(), wordFileArb()), { freq: 8 }),
    // -0 (rarely): where it stands among the rule options, and which side files end records with NUL
    from0: fc.tuple(fc.nat(99), fc.nat(63)),
    // when deletions happen (--delete-after reads the per-directory files the transfer wrote)
    deleteWhen: fc.nat(9),
    // side files as symlinks to the real file (1 case in 4), owned by another user or not
    sideLinks: fc.nat(255),
  }).map((r) => {
    const files: FuzzFile[] = [
      { name: 'm1', content: r.mergeFiles[0] }, { name: 'm2', content: r.mergeFiles[1] }, { name: 'm3', content: r.mergeFiles[2] },
      { name: 'ef', content: r.mergeFiles[3] }, { name: 'if', content: r.mergeFiles[4] },
    ];
    if ([r.src, ...(r.src2 ? [r.src2] : [])].some((tree) => tree.some((e) => e.symlink?.includes(OUTSIDE_DIR)))) files.push({ name: `${OUTSIDE_DIR}/x`, content: '' });
    // -0 is order-dependent (files read while options are parsed see only an earlier one), so it
    // goes among the rule options rather than with the other option sets
    const from0 = r.opts.includes('--from0') && r.from0[0] < 34;
    let opts = r.opts.filter((o) => o !== '--from0');
    if (from0) {
      for (const [k, f] of files.entries()) if ((r.from0[1] >> k) & 1) f.content = f.content.replace(/\n/g, '\0');
    }
    if (r.sideLinks >= 192) {
      for (const [k, f] of [...files.entries()]) {
        if (k > 4 || !((r.sideLinks >> k) & 1)) continue;
        files.push({ name: `real-${f.name}`, content: f.content });
        files[k] = { name: f.name, content: '', symlink: `real-${f.name}`, ...((r.sideLinks & 32) ? { untrusted: true } : {}) };
      }
    }
    const deleting = r.dest !== null;
    // a dangling symlink followed by -L is a sender I/O error: whether deletions still happen then
    // depends on timing, so deletion cases do not combine them (unless --ignore-errors: then they do)
    const dangling = hasDanglingLink(r.src) || (r.src2 !== null && hasDanglingLink(r.src2));
    if (deleting && dangling && !opts.includes('--ignore-errors')) opts = opts.filter((o) => o !== '-L' && o !== '--copy-unsafe-links');
    if (!deleting) opts = opts.filter((o) => o !== '--delete-excluded');
    const args: string[] = [];
    const recursive = r.recurse > 0 && !opts.includes('-d');
    if (recursive) args.push('-r');
    args.push('-l');
    args.push(...opts);
    if (deleting) args.push(DELETE_WHEN[r.deleteWhen]);
    r.rules.forEach((rule, i) => {
      if (from0 && r.from0[0] % (r.rules.length + 1) === i) args.push(r.from0[0] % 2 ? '-0' : '--from0');
      args.push(...rule.map(latin1ToUtf16));
    });
    if (from0 && r.from0[0] % (r.rules.length + 1) === r.rules.length) args.push(r.from0[0] % 2 ? '-0' : '--from0');
    // operand forms
    const dirs = r.src.filter((e) => e.path.endsWith('/')).map((e) => e.path.slice(0, -1));
    const sub = dirs.length ? dirs[r.operand % dirs.length] : '';
    const form = r.operand % 10;
    const fc2: FuzzCase = { src: r.src, files, args, ...(deleting ? {} : {}) };
    if (form === 0 && sub) args.push('-R', latin1ToUtf16(`src/./${sub}`));
    else if (form === 1 && sub) args.push('-R', latin1ToUtf16(`src/${sub}`));
    else if (form === 2 && r.src2) {
      fc2.src2 = r.src2;
      args.push('src/', r.operand % 3 === 0 ? 'src2/' : 'src2');
    } else if (form === 3 && r.src2) {
      fc2.src2 = r.src2;
      args.push('src', 'src2/');
    } else if (form === 4 && !deleting) {
      const all = r.src.map((e) => e.path);
      const lines = r.filesFrom.map(([i, how, rare]) => {
        const p = all.length ? all[i % all.length] : 'a';
        // rarely a NUL inside a line: without -0 it ends the entry (a find -print0 list)
        const nul = rare === 0 ? `\0${all[(i + 1) % Math.max(all.length, 1)] ?? 'b'}` : rare === 1 ? '\0' : '';
        if (rare === 2) return `\0${p}`;
        if (how === '#' || how === ';') return `${how}${p}${nul}`;
        if (how === 'x/../') return `x/../${p}${nul}`;
        return (how === '/' ? `/${p.replace(/\/$/, '')}/` : p.replace(/\/$/, '')) + nul;
      });
      const eol = from0 && (r.from0[1] & 32) ? '\0' : '\n';
      files.push({ name: 'ff', content: lines.join(eol) + eol });
      args.push('--files-from=ff', 'src');
    } else if (form === 5 && sub) args.push(latin1ToUtf16(`src/${sub}`));
    else if (form === 6) args.push('src/.');
    else if (form < 5 || form === 7) args.push('src/');
    else args.push('src');
    if (deleting) {
      const d = r.dest!(r.src);
      fc2.dest = d.entries;
      if (d.clashes) fc2.destClashes = true;
    }
    if (r.cvsEnv && opts.includes('-C')) {
      fc2.cvsignoreEnv = r.cvsEnv[0].trim();
      fc2.homeCvsignore = r.cvsEnv[1];
    }
    return fc2;
  });
}

/** View latin1 bytes as the JS string that encodes to them (valid UTF-8 only). */
export function latin1ToUtf16(s: string): string {
  return Buffer.from(s, 'latin1').toString('utf8');
}

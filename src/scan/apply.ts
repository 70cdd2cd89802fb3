// Running the scan for lint units (--scan, --tree) and turning its results into evidence and summaries.
import * as os from 'node:os';
import * as path from 'node:path';
import { displayBytes, utf8ToBytes, type ByteString } from '../rsync/bytes.js';
import { ruleText, type FilterRule } from '../rsync/rule.js';
import type { TransferRoot } from '../rsync/transfer.js';
import type { Evidence, Finding, InputError, LintUnit, Location, Summary } from '../engine/types.js';
import { ioErrorText } from '../io-errors.js';
import { ListingFile, type TreeFormat } from './listing.js';
import { scanDisk, scanListing, type ScanResult } from './scan.js';

/** How to scan. */
export interface ScanOptions {
  /** a listing of the source tree */
  tree?: string;
  treeFormat?: TreeFormat;
  /** walk local sources on disk */
  scan?: boolean;
  mustKeep?: string[];
  /** where relative paths resolve */
  cwd: string;
  progress?: (entries: number) => void;
  /** threads for the disk walk (default: the cores, at most 4) */
  threads?: number;
}

/** Threads for a disk scan: RSYNC_LINT_THREADS, else the cores (at most 4). */
function defaultThreads(): number {
  const env = Number(process.env.RSYNC_LINT_THREADS);
  if (Number.isInteger(env) && env >= 1) return Math.min(env, 16);
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** Where a listing (relative to the source directory) is mounted among the names of a transfer. */
function listingMount(root: TransferRoot, relative: boolean): string {
  if (root.itemName === null) return '';
  if (!relative) return `${root.itemPath}/`;
  if (root.operand.includes('/./')) return '';
  const slash = root.itemPath.lastIndexOf('/');
  return slash >= 0 ? root.itemPath.slice(0, slash + 1) : '';
}

const LIST_ROOT: TransferRoot = { operand: './', baseDir: '.', itemPath: '', itemName: null, impliedDirs: [], absoluteNames: false };

/** A source as the scan sees it: the operand as written, its path part and its transfer root. */
interface ScannedSource {
  operand: string;
  path: string;
  remote: boolean;
  root: TransferRoot;
}

/** How each scan names the per-directory filter files it read (their labels are relative to the transfer root's base). */
const perDirNamer = new WeakMap<ScanResult, (label: ByteString) => string>();

/**
 * The name of a per-directory filter file as the user would write it: below the operand's base
 * directory as written (`src/c/.rsync-filter`), after the host part for a remote source
 * (`host:/src/c/.rsync-filter`).
 */
function perDirFileName(src: ScannedSource, label: ByteString): string {
  const host = src.remote ? src.operand.slice(0, src.operand.length - src.path.length) : '';
  return host + path.posix.join(src.root.baseDir || '.', displayBytes(label));
}

/** A word for a shell command line: single-quoted unless it is plain. */
const shellWord = (w: string): string => (/^[\w@%+=:,./~-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** The note for a remote source that --scan cannot walk: how to make a listing of it. */
function remoteNote(operand: string): string {
  const dir = operand.endsWith('/') ? operand : `${operand}/`;
  return `source \`${operand}\` is remote, so --scan did not read it: make a listing with \`rsync --list-only -r ${shellWord(dir)} > tree.txt\` and lint with \`--tree tree.txt\``;
}

/** Scan every unit's sources; results go to `unit.scans`, and what was not scanned, or scanned with a borrowed listing, to `notes`. */
export function applyScans(units: LintUnit[], opts: ScanOptions, errors: InputError[], notes: { file: string; message: string }[] = []): void {
  if (!opts.tree && !opts.scan) return;
  let listing: ListingFile | undefined;
  if (opts.tree) {
    try {
      listing = new ListingFile(path.resolve(opts.cwd, opts.tree), opts.treeFormat);
    } catch (e) {
      errors.push({ file: opts.tree, message: `cannot read --tree listing: ${ioErrorText(e)}` });
      return;
    }
    if (listing.format === null) {
      errors.push({ file: opts.tree, message: 'cannot tell the listing format (its lines fit different formats): give --tree-format paths|find|rsync' });
      return;
    }
    if (opts.scan) notes.push({ file: opts.tree, message: '--scan and --tree: the listing stands for the sources, the disk was not walked' });
  }
  /** the source operands the listing was used for, in order */
  const listedFor: string[] = [];
  for (const unit of units) {
    unit.mustKeep = opts.mustKeep;
    const rules = unit.model ? unit.model.filters.rules : unit.sites.map((s) => s.rule);
    const sources: (ScannedSource & { relative: boolean })[] = unit.kind === 'command'
      ? unit.sources.map((s) => ({ operand: s.operand, path: s.path, root: s.root, remote: s.remote, relative: unit.relative }))
      : listing ? [{ operand: LIST_ROOT.operand, path: LIST_ROOT.operand, root: LIST_ROOT, remote: false, relative: false }] : [];
    const scans: ScanResult[] = [];
    for (const src of sources) {
      const base = path.resolve(unit.cwd ?? opts.cwd, src.root.baseDir);
      const setup = {
        rules, root: src.root, cwd: utf8ToBytes(base), mustKeep: opts.mustKeep ?? [], progress: opts.progress,
        followLinks: Boolean(unit.model?.flags.copyLinks || unit.model?.flags.copyDirlinks),
      };
      let result: ScanResult;
      if (listing) {
        result = scanListing(setup, listing.feed, utf8ToBytes(listingMount(src.root, src.relative)));
        if (unit.kind === 'command' && !listedFor.includes(src.operand)) listedFor.push(src.operand);
      } else if (!src.remote) {
        result = scanDisk(setup, base, opts.threads ?? defaultThreads());
        for (const e of result.errors) {
          if (e.quiet) continue;
          errors.push({ file: `${unit.file}: source ${src.root.operand}`, message: e.message.startsWith('a symlink loop') ? `${displayBytes(e.path)}: ${e.message}` : e.path === '.' || e.path === src.root.operand ? `cannot read it: ${e.message}` : `cannot read ${displayBytes(e.path)}: ${e.message}` });
        }
        // what rsync never reads (below an excluded directory) or sees vanish is no input error
        for (const kind of ['excluded', 'vanished'] as const) {
          const quiet = result.errors.filter((e) => e.quiet === kind).map((e) => `\`${displayBytes(e.path)}\``);
          if (!quiet.length) continue;
          const which = `${quiet.slice(0, 3).join(', ')}${quiet.length > 3 ? ` and ${quiet.length - 3} more` : ''}`;
          const note = {
            file: `${unit.file}: source ${src.root.operand}`,
            message: kind === 'excluded'
              ? `the scan could not read ${quiet.length} director${quiet.length > 1 ? 'ies that are' : 'y that is'} excluded or below an excluded one (${which}); rsync never reads them, so the counts of what those rules drop are a lower bound`
              : `${quiet.length} director${quiet.length > 1 ? 'ies' : 'y'} vanished while the scan ran (${which}); rsync reports such names as vanished (a warning, exit 24)`,
          };
          if (!notes.some((n) => n.file === note.file && n.message === note.message)) notes.push(note);
        }
      } else {
        const message = remoteNote(src.operand);
        if (!notes.some((n) => n.file === unit.file && n.message === message)) notes.push({ file: unit.file, message });
        continue;
      }
      perDirNamer.set(result, (label) => perDirFileName(src, label));
      scans.push(result);
    }
    if (scans.length) unit.scans = scans;
    // a --must-keep pattern that names nothing in the tree checks nothing (a typo, or the wrong anchor)
    if (scans.length) {
      for (const keep of opts.mustKeep ?? []) {
        if (scans.some((s) => s.mustKeepSeen.includes(keep))) continue;
        const message = `--must-keep ${keep} matches no path in ${scans.map((s) => `\`${s.operand}\``).join(', ')}, so it checks nothing: is it spelled and anchored as a path from the transfer root?`;
        if (!notes.some((n) => n.message === message)) notes.push({ file: unit.file, message });
      }
    }
  }
  if (listing) for (const p of listing.problems) errors.push({ file: opts.tree!, line: p.line, message: p.message });
  if (listedFor.length > 1) {
    notes.push({
      file: opts.tree!,
      message: `this one listing was used for ${listedFor.length} different sources (${listedFor.map((o) => `\`${o}\``).join(', ')}): what it shows for a source it was not made from is not that source's tree; lint each source with its own listing`,
    });
  }
}

/** Sum a rule's drop statistics over the unit's scans, as evidence. */
function evidenceOf(unit: LintUnit, rule: FilterRule): Evidence | undefined {
  const all = (unit.scans ?? []).map((s) => s.stats.get(rule)).filter((x) => x !== undefined);
  if (!all.length) return undefined;
  const ev = all[0]!.toJson();
  for (const more of all.slice(1)) {
    const j = more!.toJson();
    ev.excluded.files += j.excluded.files;
    ev.excluded.dirs += j.excluded.dirs;
    if (ev.excluded.bytes !== undefined && j.excluded.bytes !== undefined) ev.excluded.bytes += j.excluded.bytes;
    for (const [d, n] of Object.entries(j.depth)) ev.depth[d] = (ev.depth[d] ?? 0) + n;
    for (const g of j.groups) {
      const same = ev.groups.find((x) => x.pattern === g.pattern);
      if (!same) {
        ev.groups.push(g);
        continue;
      }
      same.count += g.count;
      same.samples = [...new Set([...same.samples, ...g.samples])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 3);
    }
  }
  // largest first, the other paths last, as for one scan
  const other = (g: { pattern: string }): number => (g.pattern === '(other paths)' ? 1 : 0);
  ev.groups.sort((a, b) => other(a) - other(b) || b.count - a.count || (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
  return ev;
}

/** Where a rule read from a per-directory filter file during the scan is written: that file's name and line. */
function perDirLocation(unit: LintUnit, rule: FilterRule): Location | undefined {
  const { file, line } = rule.origin;
  if (file === undefined || line === undefined) return undefined;
  const scan = unit.scans?.find((s) => s.stats.has(rule));
  const name = scan && perDirNamer.get(scan);
  if (!name) return undefined;
  // the file's text is not kept after the scan: the column counts bytes, which is exact for the usual ASCII prefix (`- `)
  const column = (rule.origin.offset ?? 0) + rule.patternOffset + 1;
  return { file: name(file), line, column, endLine: line, endColumn: column + displayBytes(rule.pattern).length };
}

/** Attach evidence to findings at a rule's pattern; the rules that drop things without a finding become summaries. */
export function attachEvidence(units: LintUnit[], findings: Finding[]): Summary[] {
  const byPlace = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.unitIndex}:${f.file}:${f.line}:${f.column}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), f]);
  }
  const summaries: Summary[] = [];
  const summarised = new Set<string>();
  units.forEach((unit, unitIndex) => {
    if (!unit.scans) return;
    const rulesWithStats = new Set(unit.scans.flatMap((s) => [...s.stats.keys()]));
    for (const rule of rulesWithStats) {
      const evidence = evidenceOf(unit, rule);
      if (!evidence) continue;
      const site = unit.sites.find((s) => s.rule === rule);
      // a rule with no site was read from a per-directory filter file on the way
      const loc = site ? site.location ?? unit.commandLocation : perDirLocation(unit, rule) ?? unit.commandLocation;
      if (!loc) continue;
      const key = `${loc.file}:${loc.line}:${loc.column}`;
      const here = site?.location ? byPlace.get(`${unitIndex}:${key}`) : undefined;
      if (here) {
        for (const f of here) f.evidence ??= evidence;
      } else if (!summarised.has(`${key}:${ruleText(rule)}`)) {
        summarised.add(`${key}:${ruleText(rule)}`);
        summaries.push({ file: loc.file, line: loc.line, column: loc.column, pattern: displayBytes(rule.pattern), rule: displayBytes(ruleText(rule)), evidence });
      }
    }
  });
  return summaries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

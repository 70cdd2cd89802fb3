// Running the scan for lint units (--scan, --tree) and turning its results into evidence and summaries.
import * as os from 'node:os';
import * as path from 'node:path';
import { displayBytes, utf8ToBytes } from '../rsync/bytes.js';
import { ruleText, type FilterRule } from '../rsync/rule.js';
import type { TransferRoot } from '../rsync/transfer.js';
import type { Evidence, Finding, InputError, LintUnit, Summary } from '../engine/types.js';
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

/** Scan every unit's sources; results go to `unit.scans`. */
export function applyScans(units: LintUnit[], opts: ScanOptions, errors: InputError[]): void {
  if (!opts.tree && !opts.scan) return;
  let listing: ListingFile | undefined;
  if (opts.tree) {
    try {
      listing = new ListingFile(path.resolve(opts.cwd, opts.tree), opts.treeFormat);
    } catch (e) {
      errors.push({ file: opts.tree, message: `cannot read --tree listing: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    if (listing.format === null) {
      errors.push({ file: opts.tree, message: 'cannot tell the listing format (its lines fit different formats): give --tree-format paths|find|rsync' });
      return;
    }
  }
  for (const unit of units) {
    unit.mustKeep = opts.mustKeep;
    const rules = unit.model ? unit.model.filters.rules : unit.sites.map((s) => s.rule);
    const sources = unit.kind === 'command'
      ? unit.sources.map((s) => ({ root: s.root, remote: s.remote, relative: unit.relative }))
      : listing ? [{ root: LIST_ROOT, remote: false, relative: false }] : [];
    const scans: ScanResult[] = [];
    for (const src of sources) {
      const base = path.resolve(unit.cwd ?? opts.cwd, src.root.baseDir);
      const setup = {
        rules, root: src.root, cwd: utf8ToBytes(base), mustKeep: opts.mustKeep ?? [], progress: opts.progress,
        followLinks: Boolean(unit.model?.flags.copyLinks || unit.model?.flags.copyDirlinks),
      };
      if (listing) {
        scans.push(scanListing(setup, listing.feed, utf8ToBytes(listingMount(src.root, src.relative))));
      } else if (!src.remote) {
        const result = scanDisk(setup, base, opts.threads ?? defaultThreads());
        for (const e of result.errors) errors.push({ file: `${unit.file}: source ${src.root.operand}`, message: `cannot read ${displayBytes(e.path)}: ${e.message}` });
        scans.push(result);
      }
    }
    if (scans.length) unit.scans = scans;
  }
  if (listing) for (const p of listing.problems) errors.push({ file: opts.tree!, line: p.line, message: p.message });
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
    ev.groups.push(...j.groups);
  }
  return ev;
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
      const loc = site?.location ?? unit.commandLocation;
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

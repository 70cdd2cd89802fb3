// `rsync-lint explain`: what each path of each source does under the command's filter rules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bufferToBytes, displayBytes, utf8ToBytes, type ByteString } from '../rsync/bytes.js';
import { FilterEvaluator } from '../rsync/evaluate.js';
import type { RuleFileReader } from '../rsync/filter-list.js';
import { buildModel, type RsyncModel, type SourceModel } from '../rsync/model.js';
import { ruleText, type CompiledRule, type RuleOrigin } from '../rsync/rule.js';
import { senderCwd } from '../rsync/transfer.js';
import { displayName, walkTransfer, type EntryResult } from '../rsync/traverse.js';
import { DiskTree, ListingTree, type TreeSource } from '../rsync/tree.js';

/** The JSON form of a rule origin. */
export type OriginJson = { argv: number } | { file: string; line: number } | { builtin: string };

/** One entry of the explain JSON contract. */
export interface EntryJson {
  name: string;
  action: 'send' | 'exclude' | 'unvisited';
  rule: { text: string; origin: OriginJson } | null;
  pruned?: boolean;
}

/** The explain JSON document. */
export interface ExplainJson {
  version: 1;
  transfers: { operand: string; entries: EntryJson[] }[];
  errors: { file: string; line?: number; message: string }[];
}

/** An input error: explain cannot run (exit 2). */
export class ExplainInputError extends Error {}

/** Read rule files from disk relative to a directory. */
export function diskReader(cwd: string): RuleFileReader {
  return {
    resolve: (p) => (p === '-' ? p : path.resolve(cwd, p)),
    read: (p) => {
      if (p === '-') return { error: 'reading rules from standard input is not supported' };
      try {
        return { data: bufferToBytes(fs.readFileSync(p)) };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { error: code === 'ENOENT' ? 'No such file or directory' : code ?? String(e) };
      }
    },
  };
}

function originJson(o: RuleOrigin, cwd: string): OriginJson {
  if (o.file !== undefined) return { file: path.relative(cwd, o.file) || o.file, line: o.line ?? 1 };
  if (o.argv !== undefined) return { argv: o.argv };
  return { builtin: o.builtin ?? 'unknown' };
}

function ruleJson(c: CompiledRule | null, cwd: string): EntryJson['rule'] {
  if (!c) return null;
  return { text: displayBytes(ruleText(c.rule)), origin: originJson(c.rule.origin, cwd) };
}

/** The tree for one source: the listing (mounted as the issue describes) or the disk. */
function treeFor(src: SourceModel, listing: ByteString | undefined, cwd: string, relative: boolean): { tree: TreeSource; problems: string[] } {
  if (listing === undefined) {
    if (src.remote) throw new ExplainInputError(`source ${src.operand.text} is remote: give its contents with --tree LISTING`);
    return { tree: new DiskTree(path.resolve(cwd, src.root.baseDir)), problems: [] };
  }
  // The listing holds the source directory's contents; mount it where the names put it.
  let mount = '';
  if (src.root.itemName !== null) {
    if (!relative) mount = src.root.itemPath + '/';
    else if (!src.operand.text.includes('/./')) {
      const slash = src.root.itemPath.lastIndexOf('/');
      mount = slash >= 0 ? src.root.itemPath.slice(0, slash + 1) : '';
    }
  }
  const tree = new ListingTree(listing, utf8ToBytes(mount));
  return { tree, problems: tree.problems.map((p) => `line ${p.line}: ${p.message}`) };
}

/** Run explain for rsync argv words (words[0] = rsync). */
export function explain(words: string[], opts: { listing?: ByteString; cwd: string }): { json: ExplainJson; model: RsyncModel; results: EntryResult[][] } {
  const model = buildModel(words, diskReader(opts.cwd));
  const json: ExplainJson = { version: 1, transfers: [], errors: [] };
  for (const e of model.argv.errors) json.errors.push({ file: '<command line>', message: `argument ${e.wordIndex}: ${e.message}` });
  for (const p of model.filters.problems) {
    const where = p.origin.file !== undefined ? { file: p.origin.file, line: p.origin.line } : { file: '<command line>' };
    json.errors.push({ ...where, message: p.message });
  }
  if (model.sources.length === 0) json.errors.push({ file: '<command line>', message: 'no source operand' });
  const results: EntryResult[][] = [];
  for (const src of model.sources) {
    const { tree, problems } = treeFor(src, opts.listing, opts.cwd, model.flags.relative);
    for (const m of problems) json.errors.push({ file: '--tree', message: m });
    const cwdAbs = utf8ToBytes(senderCwd(src.root, opts.cwd));
    const evaluator = new FilterEvaluator(model.filters.rules, { cwd: cwdAbs }, model.flags.deleteExcluded);
    const walk = walkTransfer(src.root, tree, evaluator, {
      recursive: model.flags.recursive, dirs: model.flags.dirs, copyLinks: model.flags.copyLinks,
      copyDirlinks: model.flags.copyDirlinks, pruneEmptyDirs: model.flags.pruneEmptyDirs,
    }, cwdAbs);
    for (const err of walk.errors) json.errors.push({ file: src.operand.text, message: `${displayBytes(err.path)}: ${err.message}` });
    for (const p of evaluator.perDirProblems) json.errors.push({ file: displayBytes(p.file), line: p.line, message: p.message });
    results.push(walk.entries);
    json.transfers.push({
      operand: src.operand.text,
      entries: walk.entries.map((e) => {
        const entry: EntryJson = { name: displayBytes(displayName(e)), action: e.action, rule: ruleJson(e.rule, opts.cwd) };
        if (e.pruned) entry.pruned = true;
        return entry;
      }),
    });
  }
  return { json, model, results };
}

/** The stylish (human) form of an explain result. */
export function formatExplainStylish(json: ExplainJson): string {
  const lines: string[] = [];
  for (const t of json.transfers) {
    lines.push(`transfer ${t.operand}`);
    for (const e of t.entries) {
      const why = e.rule ? `  ${e.rule.text}  (${formatOrigin(e.rule.origin)})` : '';
      lines.push(`  ${e.action.padEnd(9)} ${e.name}${e.pruned ? '  (pruned by -m)' : ''}${why}`);
    }
    if (t.entries.length === 0) lines.push('  (no entries)');
  }
  for (const e of json.errors) lines.push(`error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  return lines.join('\n') + '\n';
}

function formatOrigin(o: OriginJson): string {
  if ('argv' in o) return `argument ${o.argv}`;
  if ('file' in o) return `${o.file}:${o.line}`;
  return o.builtin;
}

// `rsync-lint explain`: what each path of each source does under the command's filter rules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bufferToBytes, bytesToBuffer, displayBytes, displayFileName, utf8ToBytes, type ByteString } from '../rsync/bytes.js';
import { FilterEngine } from '../rsync/filter-engine.js';
import { filesFromItems } from '../rsync/files-from.js';
import { makeCvsList, type FilterList, type ListFlags, type RuleFileReader } from '../rsync/filter-list.js';
import { cleanAbs, DiskFs, joinAbs, ListingFs, type FsView } from '../rsync/fs-view.js';
import { defaultTrustedUid, refusedSymlink, UNTRUSTED_LINK } from '../rsync/owner-walk.js';
import { buildModel, type RsyncModel, type SourceModel } from '../rsync/model.js';
import { hasFlag, lastValue, parseRsyncArgv, preservesLinks } from '../rsync/options.js';
import { compareFlistOrder, DeletingFs, receivedNonDirs, runDeletions, type DeletionEntry } from '../rsync/receiver.js';
import { ruleText, type CompiledRule, type RuleOrigin } from '../rsync/rule.js';
import { MAX_FOLLOWED_ENTRIES, runSender, type SenderEntry, type SenderItem } from '../rsync/sender.js';
import { displayName, type EntryResult } from '../rsync/traverse.js';
import { addBackups, backupSuffixOf, ownedAbove, transferWrites, TransferredFs, writeFlagsOf, writesBeforeDeletion } from '../rsync/transfer-writes.js';
import { ListingTree } from '../rsync/tree.js';

/** The JSON form of a rule origin. */
export type OriginJson = { argv: number } | { file: string; line: number } | { builtin: string };

/** One entry of the explain JSON contract. */
export interface EntryJson {
  name: string;
  action: 'send' | 'exclude' | 'unvisited';
  rule: { text: string; origin: OriginJson } | null;
  pruned?: boolean;
  /** in the sender's list but not copied, and why */
  skipped?: string;
}

/** One destination name of the deletion pass (`explain --dest-tree`). */
export interface DeletionJson {
  name: string;
  action: 'delete' | 'protect';
  rule: { text: string; origin: OriginJson } | null;
  /** a directory kept because protected names lie inside it */
  keptForContents?: boolean;
}

/** The explain JSON document. */
export interface ExplainJson {
  version: 1;
  transfers: { operand: string; entries: EntryJson[]; deletions?: DeletionJson[] }[];
  /** `incomplete`: a directory could not be read, so the entries below it are unknown */
  errors: { file: string; line?: number; message: string; exitCode?: number; incomplete?: boolean }[];
  /** things the model could not see or did not read (for example `~/.cvsignore` without useEnv) */
  notes?: string[];
}

/** What explain needs besides the words. */
export interface ExplainOptions {
  /**
   * the source tree as a listing (the `--tree` format), used for every source operand, or one
   * listing per source operand in order; the disk below cwd otherwise
   */
  listing?: ByteString | ByteString[];
  cwd: string;
  /** the destination tree as a listing: adds the deletion pass of `--delete*` runs */
  destListing?: ByteString;
  /** read `~/.cvsignore` and `$CVSIGNORE` for `-C` (rsync does; a linter does only when asked) */
  useEnv?: boolean;
  /** the environment for useEnv (default: process.env) */
  env?: Readonly<Record<string, string | undefined>>;
  /** compare deletions against the destination on disk (`<cwd>/<dest>`) when no destListing is given */
  destFromDisk?: boolean;
  /** how many names to list while following symlinks before the answer is cut short (tests lower it) */
  maxFollowedEntries?: number;
}

/** An input error: explain cannot run (exit 2). */
export class ExplainInputError extends Error {}

/** Read rule files from disk relative to a directory. */
export function diskReader(cwd: string, trustedUid = defaultTrustedUid()): RuleFileReader {
  return {
    resolve: (p) => (p === '-' ? p : path.resolve(cwd, p)),
    read: (p, how) => {
      if (p === '-') return { error: 'reading rules from standard input is not supported' };
      const refused = how?.insecureLinks ? null : refusedSymlink(utf8ToBytes(p), utf8ToBytes(cwd), trustedUid);
      if (refused !== null) return { error: 'Too many levels of symbolic links (40)', refused: displayBytes(refused) };
      try {
        return { data: bufferToBytes(fs.readFileSync(p)) };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { error: code === 'ENOENT' ? 'No such file or directory (2)' : code ?? String(e) };
      }
    },
  };
}

/** How a file is named for the user: by its place in a remote source's listing, else relative to cwd. */
interface FileNamer {
  cwd: string;
  /** listings of remote sources: where each is mounted and how its root is named (`host:/src/`) */
  remoteMounts: { at: ByteString; label: string }[];
}

function fileName(file: ByteString, namer: FileNamer): string {
  for (const m of namer.remoteMounts) {
    if (file.startsWith(m.at === '/' ? '/' : `${m.at}/`)) return m.label + displayBytes(file.slice(m.at === '/' ? 1 : m.at.length + 1));
  }
  return path.relative(namer.cwd, displayBytes(file)) || displayBytes(file);
}

function originJson(o: RuleOrigin, namer: FileNamer): OriginJson {
  if (o.file !== undefined) return { file: fileName(o.file, namer), line: o.line ?? 1 };
  if (o.argv !== undefined) return { argv: o.argv };
  return { builtin: o.builtin ?? 'unknown' };
}

function ruleJson(c: CompiledRule | null, namer: FileNamer): EntryJson['rule'] {
  if (!c) return null;
  return { text: displayBytes(ruleText(c.rule)), origin: originJson(c.rule.origin, namer) };
}

/** Where a source's listing is mounted (the listing holds the source directory's contents). */
function listingMount(src: SourceModel, relative: boolean): ByteString {
  let mount = '';
  if (src.root.itemName !== null) {
    if (!relative) mount = src.root.itemPath + '/';
    else if (!src.operand.text.includes('/./')) {
      const slash = src.root.itemPath.lastIndexOf('/');
      mount = slash >= 0 ? src.root.itemPath.slice(0, slash + 1) : '';
    }
  }
  return utf8ToBytes(mount);
}

/** The CVS environment (`~/.cvsignore`, `$CVSIGNORE`) when useEnv is set. */
function cvsEnv(opts: ExplainOptions, reader: RuleFileReader, insecureLinks: boolean, warnings: string[]): ListFlags['cvsEnv'] {
  if (!opts.useEnv) return undefined;
  const env = opts.env ?? process.env;
  const home = env.HOME;
  let homeData: ByteString | null = null;
  let homePath: string | undefined;
  if (home) {
    homePath = path.join(home, '.cvsignore');
    const got = reader.read(homePath, { insecureLinks });
    if ('data' in got) homeData = got.data;
    else if (got.refused !== undefined) warnings.push(`${UNTRUSTED_LINK}: ${got.refused}, so ${homePath} is not read (--insecure-links follows it)`);
  }
  return { home: homeData, homePath, env: env.CVSIGNORE === undefined ? undefined : utf8ToBytes(env.CVSIGNORE) };
}

const VANISHED = 'file has vanished or symlink has no referent: ';

/**
 * A "vanished" name that is really a symlink loop under -L (the kernel gives up after 40 links):
 * the message rsync's opendir gives for it, naming the path, else undefined.
 */
function symlinkLoop(message: string): string | undefined {
  if (!message.startsWith(VANISHED)) return undefined;
  const p = message.slice(VANISHED.length);
  try {
    fs.statSync(bytesToBuffer(utf8ToBytes(p)));
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOOP') return undefined;
  }
  return `symlink loop below ${p.replace(/(\/[^/]+\/[^/]+)(\1)+.*$/, '$1')}: Too many levels of symbolic links (40); -L follows the link back into a directory it is in`;
}

/** Run explain for rsync argv words (words[0] = rsync). */
export function explain(words: string[], opts: ExplainOptions): { json: ExplainJson; model: RsyncModel; results: EntryResult[][] } {
  const reader = diskReader(opts.cwd);
  // files read after option parsing see the final --insecure-links
  const insecureLinks = hasFlag(parseRsyncArgv(words), 'insecure-links');
  const homeWarnings: string[] = [];
  const env = cvsEnv(opts, reader, insecureLinks, homeWarnings);
  const model = buildModel(words, reader, undefined, { cvsEnv: env });
  const json: ExplainJson = { version: 1, transfers: [], errors: [] };
  for (const m of homeWarnings) json.errors.push({ file: '<environment>', message: m, exitCode: 0 });
  for (const e of model.argv.errors) json.errors.push({ file: '<command line>', message: `argument ${e.wordIndex}: ${e.message}`, exitCode: 1 });
  // rsync stops at the first fatal one: rule errors come up while options are parsed, the checks
  // of option combinations after
  for (const p of model.filters.problems) {
    const where = p.origin.file !== undefined ? { file: displayBytes(p.origin.file), line: p.origin.line } : { file: '<command line>' };
    // name the word on the command line, as rsync quotes the rule it could not read
    const word = p.origin.file === undefined && p.origin.argv !== undefined ? words[p.origin.argv] : undefined;
    const message = word !== undefined ? `${p.message} (argument ${p.origin.argv}: \`${word}\`)` : p.message;
    // a problem that does not stop rsync is its warning (exit 0): the rule or line is dropped, as rsync does
    json.errors.push({ ...where, message, exitCode: p.exitCode ?? (p.fatal ? undefined : 0) });
  }
  for (const m of model.flags.problems) json.errors.push({ file: '<command line>', message: m, exitCode: 1 });
  if (model.filters.notes?.length) json.notes = [...model.filters.notes];
  for (const r of model.filters.rules) {
    if (r.kind === 'dir-merge' && r.pattern.includes('/')) {
      // setup_merge_file's parent scan reads the file in every directory from the named one down
      (json.notes ??= []).push(opts.listing !== undefined
        ? `\`${displayBytes(ruleText(r))}\`: rsync also reads this file in the directories above the transfer root; those lie outside the given tree, so they were not read`
        : `\`${displayBytes(ruleText(r))}\`: rsync also reads this file in every directory above the transfer root, up to \`/\`; explain read those inside ${opts.cwd}, not the ones above it`);
    }
  }
  if (model.sources.length === 0) json.errors.push({ file: '<command line>', message: 'no source operand' });
  const cwdAbs = cleanAbs(utf8ToBytes(path.resolve(opts.cwd)));
  const flags = model.flags;

  // the file system the sender sees
  let srcFs: FsView;
  const namer: FileNamer = { cwd: opts.cwd, remoteMounts: [] };
  const listed: { tree: ListingTree; at: ByteString }[] = [];
  const listingViews: ListingFs[] = [];
  if (opts.listing !== undefined) {
    const lfs = new ListingFs();
    listingViews.push(lfs);
    const per = Array.isArray(opts.listing) ? opts.listing : null;
    if (per && per.length !== model.sources.length) {
      throw new ExplainInputError(`${per.length} --tree listings for ${model.sources.length} source operand${model.sources.length === 1 ? '' : 's'}: give one listing for all of them, or one per source operand, in order`);
    }
    for (const [i, src] of model.sources.entries()) {
      const tree = new ListingTree(per ? per[i] : opts.listing as ByteString);
      for (const p of tree.problems) json.errors.push({ file: '--tree', message: `line ${p.line}: ${p.message}` });
      const at = cleanAbs(joinAbs(joinAbs(cwdAbs, utf8ToBytes(src.root.baseDir)), listingMount(src, flags.relative)));
      lfs.mount(at, tree);
      listed.push({ tree, at });
      if (src.remote) {
        const text = src.operand.text;
        const host = text.endsWith(src.path) ? text.slice(0, text.length - src.path.length) : '';
        const shown = src.path.startsWith('/') ? displayBytes(at) : path.relative(opts.cwd, displayBytes(at));
        namer.remoteMounts.push({ at, label: `${host}${shown}${shown === '' || shown.endsWith('/') ? '' : '/'}` });
      }
    }
    srcFs = lfs;
  } else {
    for (const src of model.sources) {
      if (src.remote) throw new ExplainInputError(`source ${src.operand.text} is remote: give its contents with --tree LISTING`);
    }
    srcFs = new MultiDiskFs([cwdAbs, ...model.sources.map((s) => joinAbs(cwdAbs, utf8ToBytes(s.root.baseDir)))]);
  }

  // what the sender is asked to send
  let items: SenderItem[] = model.sources.map((s, i) => ({ source: i, path: utf8ToBytes(s.path) }));
  let origCwd = cwdAbs;
  if (flags.filesFrom !== undefined && model.sources.length) {
    const got = reader.read(reader.resolve(flags.filesFrom), { insecureLinks });
    if ('error' in got) {
      // rsync reports it with strerror alone and stops with a usage error (exit 1)
      if (got.refused !== undefined) json.errors.push({ file: '<command line>', message: `${UNTRUSTED_LINK}: ${got.refused} (--insecure-links follows it)` });
      json.errors.push({ file: '<command line>', message: `failed to open files-from file ${flags.filesFrom}: ${got.error.replace(/ \(\d+\)$/, '')}`, exitCode: 1 });
      items = [];
    } else {
      origCwd = joinAbs(cwdAbs, utf8ToBytes(model.sources[0].path));
      items = filesFromItems(got.data, flags.from0).map((p) => ({ source: 0, path: p, fromFilesFrom: true }));
    }
  }
  const incRecurse = flags.recursive && !flags.pruneEmptyDirs && flags.deleteTiming !== 'before' && flags.deleteTiming !== 'after'
    && !hasFlag(model.argv, 'delay-updates') && !hasFlag(model.argv, 'qsort') && incRecursiveAllowed(model);
  // rsync 3.5 walks the path of every filter file it opens and refuses symlinks owned by another
  // user (not root, not its euid); only the disk knows owners, so a listing refuses nothing
  const trustedUid = defaultTrustedUid();
  const ownerWalk = insecureLinks ? undefined : (abs: ByteString): ByteString | null => refusedSymlink(abs, '/', trustedUid);
  const sendEngine = new FilterEngine(model.filters.rules, {
    side: 'sender', deleteExcluded: flags.deleteExcluded, fs: srcFs, cwd: origCwd, from0: flags.from0, refused: opts.listing === undefined ? ownerWalk : undefined,
    cvsList: (mods, origin, kind) => makeCvsList(mods, kind, origin, env, flags.from0).rules,
  });
  if (model.filters.cvsList) sendEngine.setCvsList(model.filters.cvsList);
  const sent = runSender(items, sendEngine, srcFs, {
    recursive: flags.recursive, dirs: flags.dirs, relative: flags.relative, impliedDirs: flags.relative && flags.impliedDirs,
    copyLinks: flags.copyLinks, copyDirlinks: flags.copyDirlinks, copyUnsafeLinks: flags.copyUnsafeLinks, incRecurse,
    // (the symlink-following modes -L, --copy-dirlinks, --copy-unsafe-links keep the old stat)
    maxFollowedEntries: opts.maxFollowedEntries,
    filesFromWalk: opts.listing === undefined && !insecureLinks && !flags.copyLinks && !flags.copyDirlinks && !flags.copyUnsafeLinks
      ? (dir, name) => refusedSymlink(name, dir, trustedUid) : undefined,
  }, origCwd);
  let loops = 0;
  for (const p of sent.problems) {
    if (p.exitCode === 0 && !p.fatal && p.message.startsWith('skipping directory')) continue;
    const loop = opts.listing === undefined ? symlinkLoop(p.message) : undefined;
    if (loop !== undefined && loops++ > 0) continue; // one message for a loop, not one per level
    json.errors.push({
      file: p.file !== undefined ? displayBytes(p.file) : '<transfer>', line: p.line, message: loop ?? p.message, exitCode: p.exitCode,
      ...(p.incomplete || loop !== undefined ? { incomplete: true } : {}),
    });
  }

  // flist_sort_and_clean: of two entries with one name, a directory wins over a non-directory
  const dirNames = new Set(sent.entries.filter((e) => e.action === 'send' && e.isDir).map((e) => e.name));
  const dropped = new Set(sent.entries.filter((e) => e.action === 'send' && !e.isDir && dirNames.has(e.name)));

  // the receiver's view: in a local transfer it is forked after option parsing and holds the same
  // list; each side skips the rules that name only the other side
  const destAbs = model.dest && !model.dest.remote ? joinAbs(cwdAbs, utf8ToBytes(model.dest.path)) : null;
  // the receiver's chdir into the destination goes through the same ownership walk
  const destLink = destAbs !== null && ownerWalk && opts.listing === undefined && opts.destListing === undefined ? ownerWalk(destAbs) : null;
  if (destLink !== null) {
    json.errors.push({
      file: '<receiver>', exitCode: 3,
      message: `change_dir "${displayBytes(destAbs!)}/" failed: Too many levels of symbolic links (40): ${UNTRUSTED_LINK}: ${displayBytes(destLink)} (--insecure-links follows it); nothing is transferred`,
    });
  }
  const receiverRules = (): FilterList => model.filters;
  const pruned = flags.pruneEmptyDirs ? pruneEmptyDirs(sent.entries, receiverRules(), flags.deleteExcluded, srcFs, destAbs ?? cwdAbs, opts.listing === undefined ? ownerWalk : undefined) : new Set<SenderEntry>();

  // the deletion pass
  let deletions: DeletionEntry[] | null = null;
  const fatal = json.errors.some((e) => e.exitCode === 1 || e.exitCode === 11 || e.exitCode === 3);
  if (flags.deleteMode && destAbs !== null && (opts.destListing !== undefined || opts.destFromDisk) && !fatal) {
    // rsync skips deletion after a sender I/O error it knows of, unless --ignore-errors (delete_in_dir).
    // With incremental recursion the error reaches the deleting side mid-transfer: directories listed
    // after it are certainly skipped, ones before it only maybe (timing); the model takes the outcome
    // rsync shows on small trees, where the sender runs ahead: no deletion at all (fuzz regression "IO error under -L skips deletion")
    // (a missing name is not one: rsync sets io_error for a failed link_stat only when errno is not ENOENT)
    const ioError = !flags.ignoreErrors && sent.problems.some((p) => p.exitCode === 23 && !(p.message.startsWith('link_stat') && p.message.endsWith('No such file or directory (2)')));
    let destFs: FsView;
    if (opts.destListing !== undefined) {
      const lfs = new ListingFs();
      listingViews.push(lfs);
      lfs.mount(destAbs, new ListingTree(opts.destListing));
      destFs = lfs;
    } else destFs = new MultiDiskFs([destAbs]);
    // --delete-after in a real run reads the per-directory files the transfer has just written
    const destBefore = destFs;
    const left = (e: SenderEntry): boolean => pruned.has(e) || dropped.has(e);
    const received = receivedNonDirs(sent.entries, left, preservesLinks(model.argv), flags.safeLinks);
    const written = writesBeforeDeletion(model.argv, flags.deleteTiming, flags.listOnly)
      ? transferWrites(received.map((e) => ({ srcAbs: joinAbs(e.base, e.name), destAbs: joinAbs(destAbs, e.name), symlink: e.symlink === true })), srcFs, destFs, writeFlagsOf(model.argv))
      : null;
    const backupSuffix = backupSuffixOf(model.argv);
    if (written && backupSuffix !== undefined) {
      addBackups(written, sent.entries.filter((e) => e.action === 'send' && e.isDir && !pruned.has(e)).map((e) => e.name), destAbs, destFs, backupSuffix, flags.safeLinks);
    }
    if (written) destFs = new TransferredFs(destFs, written);
    // what the transfer wrote is the receiver's own (trusted); the path above it is walked on disk
    const recvWalk = opts.destListing !== undefined || !ownerWalk ? undefined
      : (abs: ByteString): ByteString | null => ownerWalk(written ? ownedAbove(written, abs) : abs);
    const delFs = new DeletingFs(destFs);
    const recvEngine = new FilterEngine(receiverRules().rules, {
      side: 'receiver', deleteExcluded: flags.deleteExcluded, fs: delFs, cwd: destAbs, from0: flags.from0, refused: recvWalk,
      cvsList: (mods, origin, kind) => makeCvsList(mods, kind, origin, env, flags.from0).rules,
    });
    if (receiverRules().cvsList) recvEngine.setCvsList(receiverRules().cvsList!);
    // the receiver's list holds each name once (duplicate directories merge their flags)
    const sentNames = new Set<ByteString>();
    const dirMap = new Map<ByteString, { name: ByteString; content: boolean; source: number }>();
    for (const e of sent.entries) {
      if (e.action !== 'send' || pruned.has(e) || dropped.has(e)) continue;
      sentNames.add(e.name);
      if (!e.isDir) continue;
      const had = dirMap.get(e.name);
      if (had) had.content ||= e.content === true;
      else dirMap.set(e.name, { name: e.name, content: e.content === true, source: e.source });
    }
    const dirs = [...dirMap.values()];
    if (ioError) {
      json.errors.push({
        file: '<transfer>',
        message: 'IO error encountered -- skipping file deletion'
          + (incRecurse ? ' (with incremental recursion rsync may still delete in directories it reached before the error)' : ''),
      });
      deletions = [];
    } else {
      const replaced = new Map<ByteString, string>();
      for (const f of received) if (!dirMap.has(f.name) && !replaced.has(f.name)) replaced.set(f.name, f.symlink ? 'symlink' : 'regular file');
      const del = runDeletions(dirs, sentNames, recvEngine, delFs, {
        replaced, before: destBefore, passMode: flags.deleteTiming === 'before' || flags.deleteTiming === 'after',
        passFiles: [...sentNames].filter((n) => !dirMap.has(n)),
        dirsCreated: !hasFlag(model.argv, 'dry-run') && flags.deleteTiming !== 'before',
        backupInPlace: backupSuffix, safeLinks: flags.safeLinks,
        delay: flags.deleteTiming === 'delay',
      });
      for (const m of del.problems) json.errors.push({ file: '<receiver>', message: m.message, exitCode: m.exitCode ?? del.exitCode });
      deletions = del.deletions;
    }
  }

  if (flags.deleteMode && deletions === null && !fatal && model.sources.length) {
    (json.notes ??= []).push(destAbs === null
      ? 'the destination is remote: give its contents with --dest-tree LISTING to see what the --delete run deletes'
      : 'give the destination\'s contents with --dest-tree LISTING to see what the --delete run deletes');
  }

  // options that change the deletions and are not modelled: say so rather than answer wrongly
  if (deletions !== null && deletions.some((d) => d.action === 'delete')) {
    const unmodelled = ['max-delete', 'backup-dir', 'compare-dest', 'link-dest', 'copy-dest', 'keep-dirlinks'].filter((o) => lastValue(model.argv, o) !== undefined);
    if (unmodelled.length) {
      (json.notes ??= []).push(`${unmodelled.map((o) => `--${o}`).join(', ')} ${unmodelled.length > 1 ? 'are' : 'is'} not modelled: the deletions listed are what rsync would delete without ${unmodelled.length > 1 ? 'them' : 'it'}${unmodelled.includes('max-delete') ? ' (with --max-delete rsync stops deleting after that many and exits 25)' : ''}`);
    }
  }

  // a listing without file contents (find or rsync --list-only output) cannot show per-directory rules
  const unread = [...new Set(listed.flatMap(({ tree, at }) => [...tree.readWithoutContent].map((p) => fileName(joinAbs(at, p), namer))))].sort();
  if (unread.length) {
    (json.notes ??= []).push(`the listing gives no contents for the filter file${unread.length > 1 ? 's' : ''} ${unread.slice(0, 5).map((f) => `\`${f}\``).join(', ')}${unread.length > 5 ? ` and ${unread.length - 5} more` : ''}, so ${unread.length > 1 ? 'they were' : 'it was'} read as empty: add \`PATH<TAB>=TEXT\` lines to apply ${unread.length > 1 ? 'their' : 'its'} rules`);
  }

  const outside = [...new Set(listingViews.flatMap((v) => [...v.outsideLinks].map((p) => fileName(p, namer))))].sort();
  if (outside.length) {
    (json.notes ??= []).push(`the filter file${outside.length > 1 ? 's' : ''} ${outside.slice(0, 5).map((f) => `\`${f}\``).join(', ')}${outside.length > 5 ? ` and ${outside.length - 5} more` : ''} ${outside.length > 1 ? 'are symlinks' : 'is a symlink'} to a place outside the listing, so ${outside.length > 1 ? 'they were' : 'it was'} read as missing: list the target's contents to apply ${outside.length > 1 ? 'their' : 'its'} rules`);
  }

  const results: EntryResult[][] = [];
  model.sources.forEach((src, i) => {
    const mine = sent.entries.filter((e) => e.source === i);
    const skipped = sent.skipped.filter((e) => e.source === i);
    const entries = collectEntries(mine, skipped, srcFs, flags, pruned, preservesLinks(model.argv), dropped, opts.maxFollowedEntries ?? MAX_FOLLOWED_ENTRIES);
    results.push(entries);
    const transfer: ExplainJson['transfers'][number] = {
      operand: src.operand.text,
      entries: entries.map((e) => {
        const entry: EntryJson = { name: displayFileName(displayName(e)), action: e.action, rule: ruleJson(e.rule, namer) };
        if (e.pruned) entry.pruned = true;
        if (e.skippedSymlink) entry.skipped = preservesLinks(model.argv) ? 'unsafe symlink with --safe-links' : 'symlink without --links';
        if (e.duplicate) entry.skipped = 'a directory of the same name is sent by another source';
        return entry;
      }),
    };
    if (deletions !== null) {
      transfer.deletions = deletions
        .filter((d) => (d.source ?? 0) === i)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((d) => {
          const j: DeletionJson = { name: displayFileName(displayName(d)), action: d.action, rule: ruleJson(d.rule, namer) };
          if (d.keptForContents) j.keptForContents = true;
          return j;
        });
    }
    json.transfers.push(transfer);
  });
  return { json, model, results };
}

function incRecursiveAllowed(model: RsyncModel): boolean {
  let allowed = true;
  for (const o of model.argv.options) {
    if (o.name === 'inc-recursive') allowed = true;
    if (o.name === 'no-inc-recursive') allowed = false;
  }
  return allowed;
}

/** The disk below several absolute directories. */
class MultiDiskFs implements FsView {
  private readonly disks: DiskFs[];
  constructor(roots: ByteString[]) {
    this.disks = [...new Set(roots)].map((r) => new DiskFs(r));
  }
  private pick<T>(f: (d: DiskFs) => T | null): T | null {
    for (const d of this.disks) {
      const got = f(d);
      if (got !== null) return got;
    }
    return null;
  }
  lstat(abs: ByteString) { return this.pick((d) => d.lstat(abs)); }
  stat(abs: ByteString) { return this.pick((d) => d.stat(abs)); }
  list(abs: ByteString) { return this.pick((d) => d.list(abs)); }
  read(abs: ByteString) { return this.pick((d) => d.read(abs)); }
  readlink(abs: ByteString) { return this.pick((d) => d.readlink(abs)); }
  meta(abs: ByteString, follow: boolean) { return this.pick((d) => d.meta(abs, follow)); }
}

/** -m on the receiver: drop directories with nothing but directories below, unless a receiver rule excludes them. */
function pruneEmptyDirs(entries: SenderEntry[], rules: FilterList, deleteExcluded: boolean, fs: FsView, destAbs: ByteString, refused?: (abs: ByteString) => ByteString | null): Set<SenderEntry> {
  const engine = new FilterEngine(rules.rules, { side: 'receiver', deleteExcluded, fs, cwd: destAbs, refused });
  if (rules.cvsList) engine.setCvsList(rules.cvsList);
  const keep = new Set<ByteString>();
  const sent = entries.filter((e) => e.action === 'send');
  const markParents = (name: ByteString, self: boolean): void => {
    let p = name;
    if (self) keep.add(p);
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/')) {
      p = p.slice(0, i);
      keep.add(p);
    }
  };
  const seen = new Map<ByteString, boolean>();
  const last = sent.reduce<SenderEntry | null>((m, e) => (m === null || compareFlistOrder(e, m) > 0 ? e : m), null);
  for (const e of sent) {
    // a duplicate name is cleared from the receiver's list, and the cleared slot counts as a
    // non-directory for -m: it keeps the directories above it, and the directory itself when both
    // were directories (the slot sorts after it) -- unless nothing follows it in the sorted list
    // (the pruning loop stops at the last live entry). An rsync quirk, seen with two sources.
    const before = seen.get(e.name);
    if (before !== undefined && last !== null && compareFlistOrder(last, e) > 0) markParents(e.name, before && e.isDir);
    seen.set(e.name, (before ?? false) || e.isDir);
    if (!e.isDir) markParents(e.name, false);
    else if (e.name === '.' || engine.check(e.name, true).excluded === true) markParents(e.name, true);
  }
  return new Set(sent.filter((e) => e.isDir && e.name !== '.' && !keep.has(e.name)));
}

/** Every path of a source: the sender's decisions, and what it never looked at. */
function collectEntries(mine: SenderEntry[], skipped: SenderEntry[], fs: FsView, flags: RsyncModel['flags'], pruned: Set<SenderEntry>, links: boolean, dropped: Set<SenderEntry>, maxFollowed: number): EntryResult[] {
  const out = new Map<ByteString, EntryResult>();
  const bases = new Map<ByteString, ByteString>();
  for (const e of mine) {
    if (e.name === '.') {
      bases.set('.', e.base);
      continue;
    }
    const prev = out.get(e.name);
    if (prev && prev.action === 'send') continue;
    // with incremental recursion the sender lists the implied directories of a -R path even under
    // --no-implied-dirs, but the receiver does not create them: they are not sent
    if (e.implied && !flags.impliedDirs) continue;
    const r: EntryResult = { name: e.name, isDir: e.isDir, action: e.action, rule: e.rule };
    if (e.implied) r.implied = true;
    if (pruned.has(e)) {
      r.action = 'exclude';
      r.pruned = true;
    }
    if (dropped.has(e)) {
      r.action = 'exclude';
      r.duplicate = true;
    }
    if (e.symlink && (!links || (flags.safeLinks && e.unsafeLink)) && e.action === 'send') {
      // in the list, but the receiver skips it: "skipping non-regular file" ("ignoring unsafe symlink")
      r.action = 'exclude';
      r.skippedSymlink = true;
    }
    out.set(e.name, r);
    bases.set(e.name, e.base);
  }
  const typeOf = (abs: ByteString): boolean => {
    const l = flags.copyLinks ? fs.stat(abs) : fs.lstat(abs);
    if (!l) return false;
    if (l.type === 'symlink' && flags.copyDirlinks) return fs.stat(abs)?.type === 'dir';
    return l.type === 'dir';
  };
  const join = (d: ByteString, n: ByteString): ByteString => (d === '.' ? n : `${d}/${n}`);
  // (following symlinks, loops can multiply what lies below an excluded directory too: cut it short)
  const following = flags.copyLinks || flags.copyDirlinks;
  const unvisited = (dir: ByteString, base: ByteString, rule: CompiledRule | null, depth: number): void => {
    if (depth > 64 || (following && out.size > maxFollowed)) return;
    for (const n of [...(fs.list(joinAbs(base, dir)) ?? [])].sort()) {
      const name = join(dir, n);
      if (out.has(name)) continue;
      const isDir = typeOf(joinAbs(base, name));
      out.set(name, { name, isDir, action: 'unvisited', rule });
      if (isDir) unvisited(name, base, rule, depth + 1);
    }
  };
  for (const e of skipped) {
    out.set(e.name, { name: e.name, isDir: true, action: 'unvisited', rule: null });
    unvisited(e.name, e.base, null, 0);
  }
  for (const [name, base] of [...bases.entries()]) {
    const r = out.get(name);
    if (name !== '.' && (!r || !r.isDir)) continue;
    unvisited(name, base, r && r.action === 'exclude' && !r.pruned ? r.rule : null, 0);
  }
  return [...out.values()].sort((a, b) => (displayName(a) < displayName(b) ? -1 : displayName(a) > displayName(b) ? 1 : 0));
}

/** The stylish (human) form of an explain result. */
export function formatExplainStylish(json: ExplainJson): string {
  const lines: string[] = [];
  for (const t of json.transfers) {
    lines.push(`transfer ${t.operand}`);
    for (const e of t.entries) {
      const why = e.rule ? `  ${e.rule.text}  (${formatOrigin(e.rule.origin)})` : e.skipped ? `  (${e.skipped})` : '';
      lines.push(`  ${e.action.padEnd(9)} ${e.name}${e.pruned ? '  (pruned by -m)' : ''}${why}`);
    }
    if (t.entries.length === 0) lines.push('  (no entries)');
    if (t.deletions) lines.push(`deletions on the receiver for ${t.operand}${t.deletions.length ? '' : ': none'}`);
    for (const d of t.deletions ?? []) {
      const why = d.rule ? `  ${d.rule.text}  (${formatOrigin(d.rule.origin)})` : d.keptForContents ? '  (protected contents)' : '';
      lines.push(`  ${d.action.padEnd(9)} ${d.name}${why}`);
    }
  }
  for (const n of json.notes ?? []) lines.push(`note: ${n}`);
  // rsync's own warnings (it goes on, exit 0) and partial-transfer errors (23, 24) read as warnings
  for (const e of json.errors) {
    const level = !e.incomplete && (e.exitCode === 0 || e.exitCode === 23 || e.exitCode === 24) ? 'warning' : 'error';
    lines.push(`${level}: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }
  return lines.join('\n') + '\n';
}

function formatOrigin(o: OriginJson): string {
  if ('argv' in o) return `argument ${o.argv}`;
  if ('file' in o) return `${o.file}:${o.line}`;
  return o.builtin;
}

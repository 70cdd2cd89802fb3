// The CLI: argument parsing (yargs), subcommands, output and exit codes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import yargs from 'yargs';
import { bufferToBytes, utf8ToBytes } from './rsync/bytes.js';
import { compileGlob } from './rsync/wildmatch.js';
import { explain, ExplainInputError, formatExplainStylish } from './explain/explain.js';
import { VERSION } from './version.js';
import { ioErrorText } from './io-errors.js';
import { lintCommand, lintPaths, type LintResult } from './lint/lint.js';
import type { ScanOptions } from './scan/apply.js';
import { listingAsPaths, type TreeFormat } from './scan/listing.js';
import { unwrap } from './shell/wrappers.js';
import { formatJson } from './formatters/json.js';
import { formatStylish } from './formatters/stylish.js';

/** Exit codes: 0 clean, 1 findings, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
};

/** Split argv at the first `--`: rsync's words come after it. */
function splitAtDashDash(args: string[]): { own: string[]; rsync: string[] | undefined } {
  const at = args.indexOf('--');
  if (at < 0) return { own: args, rsync: undefined };
  return { own: args.slice(0, at), rsync: args.slice(at + 1) };
}

/** `rsync` or a path ending in `/rsync`. */
function isRsyncProgram(word: string): boolean {
  return word === 'rsync' || word.endsWith('/rsync');
}

/** Check that the rsync words start with the rsync program and could be read as rsync gets them. */
function checkProgram(words: string[] | undefined): string | null {
  if (!words || words.length === 0) return 'expected `-- rsync ARGS...` after the options';
  // Node decodes argv as UTF-8 and replaces bytes that are not with U+FFFD: the bytes rsync would get are lost
  const lossy = words.findIndex((w) => w.includes('\uFFFD'));
  if (lossy >= 0) {
    return `argument ${lossy} (${JSON.stringify(words[lossy])}) holds bytes that are not valid UTF-8, and Node cannot pass such bytes from the command line: `
      + 'put the pattern in a file and give it with --exclude-from=FILE';
  }
  const prog = words[0];
  if (!isRsyncProgram(prog)) return `the first word after -- must be the rsync program (rsync or a path ending in /rsync), not ${JSON.stringify(prog)}`;
  return null;
}

/** `--format json` / `--format=json` among raw arguments (when yargs could not parse them). */
function formatFromArgs(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--format') return args[i + 1];
    if (args[i].startsWith('--format=')) return args[i].slice('--format='.length);
  }
  return undefined;
}

/** Run the CLI with the given arguments; returns the exit code. */
export async function main(args: string[], io: Io = defaultIo): Promise<number> {
  const { own, rsync } = splitAtDashDash(args);
  let usageError: string | null = null;
  const parser = yargs()
    .scriptName('rsync-lint')
    .usage([
      'Usage:',
      '  $0 [options] [paths..]                  lint scripts, exclude lists, .rsync-filter files, directories',
      '  $0 cmd [options] -- rsync ARGS...       lint one rsync command line (before running it)',
      '  $0 explain [options] -- rsync ARGS...   show what rsync sends, excludes or never visits',
    ].join('\n'))
    .option('format', { choices: ['stylish', 'json'] as const, default: 'stylish', requiresArg: true, describe: 'output format' })
    .option('tree', { type: 'string', requiresArg: true, describe: 'a listing of the source tree (paths, `find SRC -printf \'%y %P\\n\'` or `rsync --list-only -r SRC/` output): show what each rule drops' })
    .option('tree-format', { choices: ['paths', 'find', 'rsync'] as const, requiresArg: true, describe: 'the format of the --tree listing (detected when unambiguous)' })
    .option('dest-tree', { type: 'string', requiresArg: true, describe: 'explain: a listing of the destination tree, to show what a --delete run deletes or protects, and by which rule' })
    .option('use-env', { type: 'boolean', describe: 'explain: with -C, read ~/.cvsignore and $CVSIGNORE as rsync does' })
    .option('scan', { type: 'boolean', describe: 'walk the local source directories on disk and show what each rule drops' })
    .option('must-keep', { type: 'string', requiresArg: true, describe: 'with --scan or --tree: a path that must survive (rsync pattern anchored at the transfer root, e.g. **/Maildir/tmp/); repeatable' })
    .example('$0 backup.sh excludes.txt', 'lint a script and a list')
    .example("$0 cmd -- rsync -a --exclude=tmp / /mnt/new/", 'lint a command line before running it')
    .example('$0 explain -- rsync -r --exclude=tmp src/ d/', 'show what rsync would send')
    .epilog('Exit status: 0 no warnings or errors, 1 warnings or errors found, 2 usage or input error.')
    .wrap(110)
    .version(VERSION)
    .help()
    .alias('help', 'h')
    .strictOptions()
    .exitProcess(false)
    .fail((msg, err) => {
      usageError = msg ?? err?.message ?? 'invalid arguments';
    });
  // parse with a callback: yargs then hands back --help / --version text instead of printing it
  let printed = '';
  const argv = await new Promise<Awaited<ReturnType<typeof parser.parseAsync>>>((resolve) => {
    void parser.parse(own, {}, (_err, parsed, output) => {
      printed = output;
      resolve(parsed as Awaited<ReturnType<typeof parser.parseAsync>>);
    });
  });
  if (printed && !usageError) io.out(printed.endsWith('\n') ? printed : `${printed}\n`);
  // the format is known even when the rest of the line is not: a JSON user gets one document
  const wantsJson = (argv?.format ?? formatFromArgs(own)) === 'json';
  const usage = (message: string): number => {
    if (wantsJson) io.out(JSON.stringify({ version: 1, findings: [], errors: [{ file: '<command line>', message }], notes: [], summaries: [] }, null, 2) + '\n');
    io.err(`rsync-lint: ${message}\nTry 'rsync-lint --help'.\n`);
    return EXIT.error;
  };
  if (usageError) return usage(usageError);
  if (argv.help || argv.version) return EXIT.ok;
  const positional = (argv._ as (string | number)[]).map(String);
  const sub = positional[0];
  const format = argv.format as 'stylish' | 'json';
  const mustKeep = [argv['must-keep'] ?? []].flat().map(String);
  if (mustKeep.length && !argv.scan && argv.tree === undefined) return usage('--must-keep needs --scan or --tree: it is checked against the source tree');
  const badKeep = mustKeep.find((k) => compileGlob(utf8ToBytes(k.replace(/^\/+/, ''))).never);
  if (badKeep !== undefined) return usage(`--must-keep ${badKeep}: the pattern can never match (an unterminated [ or an unknown [:class:])`);
  // an option given twice comes as an array: only explain's --tree may be repeated (one per source)
  for (const name of ['dest-tree', 'tree-format', ...(sub === 'explain' ? [] : ['tree'])]) {
    if (Array.isArray(argv[name])) return usage(`--${name} was given more than once${name === 'tree' ? ' (only explain takes one --tree per source operand)' : ''}`);
  }
  if (sub === 'explain') {
    const trees = argv.tree === undefined ? undefined : [argv.tree].flat().map(String);
    return runExplain(rsync, trees, format, io, {
      destTree: argv['dest-tree'] as string | undefined, useEnv: argv['use-env'] === true, treeFormat: argv['tree-format'] as TreeFormat | undefined,
    });
  }
  if (sub === 'cmd') {
    if (positional.length > 1) return usage('cmd: put `--` before the rsync command: rsync-lint cmd [options] -- rsync ARGS...');
    // `sudo -u backup nice -n 19 rsync ...`: skip the wrappers a script linter skips too
    const found = rsync && checkProgram(rsync) ? unwrap(rsync.map((text) => ({ text, known: true })), (w) => isRsyncProgram(w.text)) : null;
    const skip = found && found.index > 0 && found.chdir === undefined ? found.index : 0;
    const bad = checkProgram(rsync?.slice(skip));
    if (bad) return usage(`cmd: ${bad}`);
    return report(lintCommand(rsync!.slice(skip), io.cwd, undefined, scanOptions(argv, io), rsync!.slice(0, skip)), format, io);
  }
  if (rsync !== undefined) return usage('`-- rsync ARGS...` goes with the `cmd` or `explain` subcommand');
  const paths = positional;
  if (paths.length === 0) return usage('no files or directories to lint');
  return report(await lintPaths(paths, io.cwd, undefined, scanOptions(argv, io)), format, io);
}

/** The scan options from the command line; a progress line on a terminal when a scan runs long. */
function scanOptions(argv: Record<string, unknown>, io: Io): Omit<ScanOptions, 'cwd'> {
  const started = Date.now();
  const tty = io === defaultIo && process.stderr.isTTY;
  let shown = false;
  const progress = tty ? (n: number): void => {
    const secs = (Date.now() - started) / 1000;
    if (secs < 1) return;
    shown = true;
    io.err(`\rscanning: ${n.toLocaleString('en-US')} entries (${Math.round(n / secs).toLocaleString('en-US')}/s)`);
  } : undefined;
  if (tty) process.once('beforeExit', () => {
    if (shown) io.err('\n');
  });
  return {
    tree: argv.tree as string | undefined,
    treeFormat: argv['tree-format'] as ScanOptions['treeFormat'],
    scan: Boolean(argv.scan),
    mustKeep: [argv['must-keep'] ?? []].flat().map(String),
    progress,
  };
}

/** Print a lint result and compute the exit code (2 wins over 1). */
function report(result: LintResult, format: 'stylish' | 'json', io: Io): number {
  io.out(format === 'json' ? formatJson(result) : formatStylish(result));
  if (format === 'json') for (const e of result.errors) io.err(`rsync-lint: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
  if (result.errors.length) return EXIT.error;
  return result.findings.some((f) => f.severity !== 'info') ? EXIT.findings : EXIT.ok;
}

function runExplain(words: string[] | undefined, trees: string[] | undefined, format: 'stylish' | 'json', io: Io, more: { destTree?: string; useEnv?: boolean; treeFormat?: TreeFormat } = {}): number {
  const fail = (message: string): number => {
    if (format === 'json') io.out(JSON.stringify({ version: 1, transfers: [], errors: [{ file: '<command line>', message }] }, null, 2) + '\n');
    io.err(`rsync-lint explain: ${message}\n`);
    return EXIT.error;
  };
  const bad = checkProgram(words);
  if (bad) return fail(bad);
  let listings: string[] | undefined;
  for (const tree of trees ?? []) {
    let listing: string;
    try {
      listing = bufferToBytes(fs.readFileSync(tree === '-' ? 0 : path.resolve(io.cwd, tree)));
    } catch (e) {
      return fail(`cannot read --tree ${tree}: ${ioErrorText(e)}`);
    }
    const nul = listing.indexOf('\0');
    if (nul >= 0) return fail(`--tree ${tree}: line ${listing.slice(0, nul).split('\n').length} holds a NUL byte: a listing has one path per line, and no name contains NUL (a binary file?)`);
    const asPaths = listingAsPaths(listing, more.treeFormat);
    if (typeof asPaths !== 'string') return fail(`--tree ${tree}: ${asPaths.error}`);
    (listings ??= []).push(asPaths);
  }
  const listing = listings && listings.length === 1 ? listings[0] : listings;
  let destListing: string | undefined;
  if (more.destTree !== undefined) {
    try {
      destListing = bufferToBytes(fs.readFileSync(path.resolve(io.cwd, more.destTree)));
    } catch (e) {
      return fail(`cannot read --dest-tree ${more.destTree}: ${ioErrorText(e)}`);
    }
    const nul = destListing.indexOf('\0');
    if (nul >= 0) return fail(`--dest-tree ${more.destTree}: line ${destListing.slice(0, nul).split('\n').length} holds a NUL byte: a listing has one path per line, and no name contains NUL (a binary file?)`);
    const asPaths = listingAsPaths(destListing, more.treeFormat);
    if (typeof asPaths !== 'string') return fail(`--dest-tree ${more.destTree}: ${asPaths.error}`);
    destListing = asPaths;
  }
  try {
    // with the sources read from disk, a local destination is read from disk too (read-only)
    const { json } = explain(words!, { listing, cwd: io.cwd, destListing, useEnv: more.useEnv, destFromDisk: listing === undefined && destListing === undefined });
    io.out(format === 'json' ? JSON.stringify(json, null, 2) + '\n' : formatExplainStylish(json));
    if (format === 'json') for (const e of json.errors) io.err(`rsync-lint explain: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
    // input errors, what would stop rsync (syntax 1, file I/O 11, a destination it cannot enter 3) and unreadable directories (the
    // explanation is incomplete) fail; other transfer warnings (a dangling symlink: 23) are reported only
    const failing = json.errors.some((e) => e.exitCode === undefined || e.exitCode === 1 || e.exitCode === 3 || e.exitCode === 11 || e.incomplete === true);
    return failing ? EXIT.error : EXIT.ok;
  } catch (e) {
    if (e instanceof ExplainInputError) return fail(e.message);
    throw e;
  }
}

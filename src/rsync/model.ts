// The transfer model of one rsync command line: options, ordered filter rules, sources with their roots.
import { utf8ToBytes } from './bytes.js';
import { buildFilterList, type FilterList, type FilterOption, type ListFlags, type RuleFileReader } from './filter-list.js';
import { classifyOperand, effectiveFlags, parseRsyncArgv, splitSourcesAndDest, type ParsedArgv, type ParsedOperand, type ParsedOption } from './options.js';
import { transferRoot, type TransferRoot } from './transfer.js';

/** One source operand of the command. */
export interface SourceModel {
  operand: ParsedOperand;
  remote: boolean;
  /** the local path (or the path part of a remote operand) */
  path: string;
  root: TransferRoot;
}

/** Everything the linter knows about one rsync invocation. */
export interface RsyncModel {
  words: string[];
  argv: ParsedArgv;
  flags: ReturnType<typeof effectiveFlags>;
  filters: FilterList;
  sources: SourceModel[];
  dest?: { operand: ParsedOperand; remote: boolean; path: string };
}

const RULE_OPTIONS: Record<string, { syntax: 'full' | 'old'; kind: 'exclude' | 'include' }> = {
  exclude: { syntax: 'old', kind: 'exclude' },
  include: { syntax: 'old', kind: 'include' },
  filter: { syntax: 'full', kind: 'exclude' },
};

/**
 * The value of `-0`/`--from0` when rsync reaches `option`: popt sets eol_nulls in command-line order,
 * and the files rsync reads while it parses options (`--exclude-from`, `. FILE`) see only an earlier `-0`.
 */
export function from0When(argv: ParsedArgv, option: ParsedOption): boolean {
  let from0 = false;
  for (const o of argv.options) {
    if (o === option) break;
    if (o.name === 'from0') from0 = true;
    else if (o.name === 'no-from0') from0 = false;
  }
  return from0;
}

/** The filter-bearing options of a parsed command line, in order. */
export function filterOptions(argv: ParsedArgv, unknownWords: ReadonlySet<number> = new Set()): FilterOption[] {
  const out: FilterOption[] = [];
  let from0 = false; // as from0When, in one pass
  let insecureLinks = false; // --insecure-links is set in order too: a file read before it is walked
  for (const o of argv.options) {
    if (o.name === 'from0') from0 = true;
    else if (o.name === 'no-from0') from0 = false;
    else if (o.name === 'insecure-links') insecureLinks = true;
    else if (o.name === 'no-insecure-links') insecureLinks = false;
    if (unknownWords.has(o.valueWordIndex ?? o.wordIndex)) continue;
    const origin = { argv: o.valueWordIndex ?? o.wordIndex, offset: o.valueOffset, option: o.spelled };
    const r = RULE_OPTIONS[o.name];
    if (r && o.value !== undefined) {
      out.push({ type: 'rule', syntax: r.syntax, defaultKind: r.kind, text: utf8ToBytes(o.value), origin, from0, insecureLinks });
    } else if ((o.name === 'exclude-from' || o.name === 'include-from') && o.value !== undefined) {
      out.push({ type: 'file', defaultKind: o.name === 'exclude-from' ? 'exclude' : 'include', path: o.value, origin, from0, insecureLinks });
    } else if (o.name === 'cvs-exclude') {
      out.push({ type: 'cvs-exclude', origin: { argv: o.wordIndex, option: o.spelled } });
    } else if (o.spelled === '-F' || o.name === 'F') {
      out.push({ type: 'F', origin: { argv: o.wordIndex, option: o.spelled } });
    }
  }
  return out;
}

/** Optional inputs of the model beyond the command line. */
export interface ModelOptions {
  /** `~/.cvsignore` and `$CVSIGNORE` for `-C` (read only when given: the `useEnv` setting) */
  cvsEnv?: ListFlags['cvsEnv'];
}

/** The list-building flags of a parsed command line. */
export function listFlags(argv: ParsedArgv, flags: ReturnType<typeof effectiveFlags>, options: ModelOptions = {}): ListFlags {
  const backup = argv.options.some((o) => o.name === 'backup');
  const backupDir = argv.options.some((o) => o.name === 'backup-dir');
  const suffix = [...argv.options].reverse().find((o) => o.name === 'suffix')?.value ?? '~';
  return {
    from0: flags.from0,
    oldDirs: flags.oldDirs,
    backupSuffix: backup && flags.deleteMode && !backupDir && !flags.deleteExcluded ? suffix : undefined,
    cvsEnv: options.cvsEnv,
  };
}

/**
 * Build the model of `words` (words[0] is the rsync program). Words listed in `unknownWords`
 * hold values a linter cannot know (an unknown `$VAR`, `$(...)`): they are never taken for a
 * source or destination operand.
 */
export function buildModel(words: string[], reader: RuleFileReader, unknownWords: ReadonlySet<number> = new Set(), options: ModelOptions = {}): RsyncModel {
  const argv = parseRsyncArgv(words);
  const flags = effectiveFlags(argv);
  const filters = buildFilterList(filterOptions(argv, unknownWords), reader, listFlags(argv, flags, options));
  // unknown words keep their operand position (so the destination stays the last operand) but are
  // never taken for a source or the destination
  const split = splitSourcesAndDest(argv);
  const sources = split.sources.filter((o) => !unknownWords.has(o.wordIndex));
  const dest = split.dest && !unknownWords.has(split.dest.wordIndex) ? split.dest : undefined;
  const model: RsyncModel = {
    words, argv, flags, filters,
    sources: sources.map((operand) => {
      const c = classifyOperand(operand.text);
      // --files-from: names are the list's entries, relative to the source directory itself
      const root = flags.filesFrom !== undefined
        ? { operand: c.path, baseDir: c.path || '.', itemPath: '', itemName: null, impliedDirs: [], absoluteNames: false }
        : transferRoot(c.path, flags.relative);
      return { operand, remote: c.remote, path: c.path, root };
    }),
  };
  if (dest) {
    const c = classifyOperand(dest.text);
    model.dest = { operand: dest, remote: c.remote, path: c.path };
  }
  return model;
}

// rsync 3.5.0 command line model: the popt option table, a popt-faithful argv parser, and operand classification.

/** Whether an option takes a value: popt's ARG_NONE/ARG_VAL (`none`) or ARG_STRING/ARG_INT (`required`). */
export type ValueKind = 'none' | 'required';

/** How popt converts a value: kept as text, or parsed as a C `int` (strtoll base 0, whole word). */
export type ValueType = 'string' | 'int';

/** One entry of the option table: a canonical long name and every other spelling that means the same. */
export interface OptionSpec {
  /** Canonical long name without dashes; for short-only options (-D, -F, -P) the letter itself. */
  readonly name: string;
  /** Other long spellings (without dashes) that rsync treats as this option. */
  readonly aliases: readonly string[];
  /** The short letter, if any. */
  readonly short?: string;
  /** Whether the option takes a value. */
  readonly value: ValueKind;
  /** Value conversion, for options that take one. */
  readonly valueType?: ValueType;
  /** Canonical names of the options this one turns off (set for the `no-XXX` entries). */
  readonly negates?: readonly string[];
  /** `count`: repeating it means more (-vv, -FF, -xx); `list`: every value is kept (--exclude, --filter). */
  readonly repeat?: 'count' | 'list';
  /** Seeing this option makes rsync re-parse the whole command line with the daemon table. */
  readonly daemonSwitch?: boolean;
  /** Only meaningful between two rsyncs (--server, --sender). */
  readonly internal?: boolean;
}

interface SpecExtra {
  aliases?: readonly string[];
  repeat?: 'count' | 'list';
  daemonSwitch?: boolean;
  internal?: boolean;
}

function flag(name: string, short?: string, extra: SpecExtra = {}): OptionSpec {
  return { name, short, value: 'none', aliases: extra.aliases ?? [], ...pickExtra(extra) };
}

function str(name: string, short?: string, extra: SpecExtra = {}): OptionSpec {
  return { name, short, value: 'required', valueType: 'string', aliases: extra.aliases ?? [], ...pickExtra(extra) };
}

function int(name: string, short?: string, extra: SpecExtra = {}): OptionSpec {
  return { name, short, value: 'required', valueType: 'int', aliases: extra.aliases ?? [], ...pickExtra(extra) };
}

/** A `no-XXX` entry: `name` turns off every option in `negates`; `aliases` are its other spellings. */
function no(name: string, negates: readonly string[], ...aliases: string[]): OptionSpec {
  return { name, value: 'none', aliases, negates };
}

function pickExtra(extra: SpecExtra): Partial<OptionSpec> {
  const out: { repeat?: 'count' | 'list'; daemonSwitch?: boolean; internal?: boolean } = {};
  if (extra.repeat) out.repeat = extra.repeat;
  if (extra.daemonSwitch) out.daemonSwitch = true;
  if (extra.internal) out.internal = true;
  return out;
}

const COUNT: SpecExtra = { repeat: 'count' };
const LIST: SpecExtra = { repeat: 'list' };

/** Output, verbosity and general options. */
const GENERAL_OPTIONS: readonly OptionSpec[] = [
  flag('help'),
  flag('version', 'V', COUNT),
  flag('verbose', 'v', COUNT),
  no('no-verbose', ['verbose'], 'no-v'),
  str('info', undefined, LIST),
  str('debug', undefined, LIST),
  str('stderr'),
  flag('msgs2stderr'),
  no('no-msgs2stderr', ['msgs2stderr']),
  flag('quiet', 'q', COUNT),
  flag('motd'),
  no('no-motd', ['motd']),
  flag('stats'),
  flag('human-readable', 'h', COUNT),
  no('no-human-readable', ['human-readable'], 'no-h'),
  flag('dry-run', 'n'),
  flag('archive', 'a'),
];

/** Recursion, directory and attribute-preservation options. */
const TREE_OPTIONS: readonly OptionSpec[] = [
  flag('recursive', 'r'),
  no('no-recursive', ['recursive'], 'no-r'),
  flag('inc-recursive', undefined, { aliases: ['i-r'] }),
  no('no-inc-recursive', ['inc-recursive'], 'no-i-r'),
  flag('dirs', 'd'),
  no('no-dirs', ['dirs', 'old-dirs'], 'no-d'),
  flag('old-dirs', undefined, { aliases: ['old-d'] }),
  flag('perms', 'p'),
  no('no-perms', ['perms'], 'no-p'),
  flag('executability', 'E'),
  flag('acls', 'A'),
  no('no-acls', ['acls'], 'no-A'),
  flag('xattrs', 'X', COUNT),
  no('no-xattrs', ['xattrs'], 'no-X'),
  flag('times', 't'),
  no('no-times', ['times'], 'no-t'),
  flag('atimes', 'U', COUNT),
  no('no-atimes', ['atimes'], 'no-U'),
  flag('open-noatime'),
  no('no-open-noatime', ['open-noatime']),
  flag('crtimes', 'N'),
  no('no-crtimes', ['crtimes'], 'no-N'),
  flag('omit-dir-times', 'O'),
  no('no-omit-dir-times', ['omit-dir-times'], 'no-O'),
  flag('omit-link-times', 'J'),
  no('no-omit-link-times', ['omit-link-times'], 'no-J'),
  int('modify-window', '@'),
  flag('super'),
  no('no-super', ['super', 'fake-super']),
  flag('fake-super'),
  flag('owner', 'o'),
  no('no-owner', ['owner'], 'no-o'),
  flag('group', 'g'),
  no('no-group', ['group'], 'no-g'),
  flag('D', 'D'),
  no('no-D', ['D']),
  flag('devices'),
  no('no-devices', ['devices']),
  flag('copy-devices'),
  flag('write-devices'),
  no('no-write-devices', ['write-devices']),
  flag('specials'),
  no('no-specials', ['specials']),
  flag('drop-D'),
  no('no-drop-D', ['drop-D']),
];

/** Symlink, hard-link, path-name and comparison options. */
const LINK_OPTIONS: readonly OptionSpec[] = [
  str('confine-root'),
  flag('links', 'l'),
  no('no-links', ['links'], 'no-l'),
  flag('copy-links', 'L'),
  flag('copy-unsafe-links'),
  flag('safe-links'),
  flag('insecure-links'),
  no('no-insecure-links', ['insecure-links']),
  flag('munge-links'),
  no('no-munge-links', ['munge-links']),
  flag('copy-dirlinks', 'k'),
  flag('keep-dirlinks', 'K'),
  flag('hard-links', 'H', COUNT),
  no('no-hard-links', ['hard-links'], 'no-H'),
  flag('relative', 'R'),
  no('no-relative', ['relative'], 'no-R'),
  flag('implied-dirs', undefined, { aliases: ['i-d'] }),
  no('no-implied-dirs', ['implied-dirs'], 'no-i-d'),
  str('chmod', undefined, LIST),
  flag('ignore-times', 'I'),
  flag('size-only'),
  flag('one-file-system', 'x', COUNT),
  no('no-one-file-system', ['one-file-system'], 'no-x'),
  flag('update', 'u'),
  flag('existing', undefined, { aliases: ['ignore-non-existing'] }),
  flag('ignore-existing'),
  str('max-size'),
  str('min-size'),
  str('max-alloc'),
  flag('sparse', 'S'),
  no('no-sparse', ['sparse'], 'no-S'),
  flag('preallocate'),
  flag('inplace'),
  no('no-inplace', ['inplace']),
  flag('append'),
  flag('append-verify'),
  no('no-append', ['append', 'append-verify']),
];

/** Deletion and filter options. */
const DELETE_FILTER_OPTIONS: readonly OptionSpec[] = [
  flag('delete'),
  flag('delete-before'),
  flag('delete-during', undefined, { aliases: ['del'] }),
  flag('delete-delay'),
  flag('delete-after'),
  flag('delete-excluded'),
  flag('delete-missing-args'),
  flag('ignore-missing-args'),
  flag('remove-sent-files'),
  flag('remove-source-files'),
  flag('force'),
  no('no-force', ['force']),
  flag('ignore-errors'),
  no('no-ignore-errors', ['ignore-errors']),
  int('max-delete'),
  flag('F', 'F', COUNT),
  str('filter', 'f', LIST),
  str('exclude', undefined, LIST),
  str('include', undefined, LIST),
  str('exclude-from', undefined, LIST),
  str('include-from', undefined, LIST),
  flag('cvs-exclude', 'C'),
];

/** Delta-transfer, compression, partial-transfer and logging options. */
const TRANSFER_OPTIONS: readonly OptionSpec[] = [
  flag('whole-file', 'W'),
  no('no-whole-file', ['whole-file'], 'no-W'),
  flag('checksum', 'c'),
  no('no-checksum', ['checksum'], 'no-c'),
  str('checksum-choice', undefined, { aliases: ['cc'] }),
  str('block-size', 'B'),
  str('compare-dest', undefined, LIST),
  str('copy-dest', undefined, LIST),
  str('link-dest', undefined, LIST),
  flag('fuzzy', 'y', COUNT),
  no('no-fuzzy', ['fuzzy'], 'no-y'),
  flag('compress', 'z', COUNT),
  flag('old-compress'),
  flag('new-compress'),
  no('no-compress', ['compress', 'old-compress', 'new-compress', 'compress-choice'], 'no-z'),
  str('compress-choice', undefined, { aliases: ['zc'] }),
  str('skip-compress'),
  int('compress-level', undefined, { aliases: ['zl'] }),
  int('compress-threads', undefined, { aliases: ['zt'] }),
  flag('P', 'P'),
  flag('progress'),
  no('no-progress', ['progress']),
  flag('partial'),
  no('no-partial', ['partial']),
  str('partial-dir'),
  flag('delay-updates'),
  no('no-delay-updates', ['delay-updates']),
  flag('prune-empty-dirs', 'm'),
  no('no-prune-empty-dirs', ['prune-empty-dirs'], 'no-m'),
  str('log-file'),
  str('log-file-format'),
  str('out-format', undefined, { aliases: ['log-format'] }),
  flag('itemize-changes', 'i', COUNT),
  no('no-itemize-changes', ['itemize-changes'], 'no-i'),
  str('bwlimit'),
  no('no-bwlimit', ['bwlimit']),
  flag('backup', 'b'),
  no('no-backup', ['backup']),
  str('backup-dir'),
  str('suffix'),
  flag('list-only'),
  str('read-batch'),
  str('write-batch'),
  str('only-write-batch'),
  str('files-from'),
  flag('from0', '0'),
  no('no-from0', ['from0']),
];

/** Argument-protection, ownership-mapping, connection and internal options. */
const CONNECTION_OPTIONS: readonly OptionSpec[] = [
  flag('old-args', undefined, COUNT),
  no('no-old-args', ['old-args']),
  flag('secluded-args', 's', { aliases: ['protect-args'] }),
  no('no-secluded-args', ['secluded-args'], 'no-protect-args', 'no-s'),
  flag('trust-sender'),
  flag('numeric-ids'),
  no('no-numeric-ids', ['numeric-ids']),
  str('usermap'),
  str('groupmap'),
  str('chown'),
  int('timeout'),
  no('no-timeout', ['timeout']),
  int('contimeout'),
  no('no-contimeout', ['contimeout']),
  flag('fsync'),
  str('stop-after', undefined, { aliases: ['time-limit'] }),
  str('stop-at'),
  str('rsh', 'e'),
  str('rsync-path'),
  str('temp-dir', 'T'),
  str('iconv'),
  no('no-iconv', ['iconv']),
  flag('ipv4', '4'),
  flag('ipv6', '6'),
  flag('8-bit-output', '8'),
  no('no-8-bit-output', ['8-bit-output'], 'no-8'),
  flag('mkpath'),
  no('no-mkpath', ['mkpath']),
  flag('qsort'),
  str('copy-as'),
  str('address'),
  int('port'),
  str('sockopts'),
  str('password-file'),
  str('early-input'),
  flag('blocking-io'),
  no('no-blocking-io', ['blocking-io']),
  str('outbuf'),
  str('remote-option', 'M', LIST),
  int('protocol'),
  int('checksum-seed'),
  flag('server', undefined, { internal: true }),
  flag('sender', undefined, { internal: true }),
  str('config', undefined, { daemonSwitch: true }),
  flag('daemon', undefined, { daemonSwitch: true }),
  str('dparam', undefined, { daemonSwitch: true }),
  flag('detach', undefined, { daemonSwitch: true }),
  flag('no-detach', undefined, { daemonSwitch: true }),
];

/** Every option of rsync 3.5.0's client/server popt table, in popt table order (grouped). */
export const RSYNC_OPTIONS: readonly OptionSpec[] = [
  ...GENERAL_OPTIONS,
  ...TREE_OPTIONS,
  ...LINK_OPTIONS,
  ...DELETE_FILTER_OPTIONS,
  ...TRANSFER_OPTIONS,
  ...CONNECTION_OPTIONS,
];

/** The table rsync switches to once it sees --daemon (or --config, --dparam, --detach, --no-detach). */
export const RSYNC_DAEMON_OPTIONS: readonly OptionSpec[] = [
  str('address'),
  int('bwlimit'),
  str('config'),
  flag('daemon'),
  str('dparam', 'M', LIST),
  flag('ipv4', '4'),
  flag('ipv6', '6'),
  flag('detach'),
  no('no-detach', ['detach']),
  str('log-file'),
  str('log-file-format'),
  int('port'),
  str('sockopts'),
  int('protocol'),
  flag('server'),
  str('temp-dir', 'T'),
  flag('verbose', 'v', COUNT),
  no('no-verbose', ['verbose'], 'no-v'),
  flag('help', 'h'),
];

interface OptionTable {
  readonly long: ReadonlyMap<string, OptionSpec>;
  readonly short: ReadonlyMap<string, OptionSpec>;
}

function buildTable(specs: readonly OptionSpec[]): OptionTable {
  const long = new Map<string, OptionSpec>();
  const short = new Map<string, OptionSpec>();
  for (const spec of specs) {
    if (spec.name.length > 1 || !spec.short) long.set(spec.name, spec);
    for (const alias of spec.aliases) long.set(alias, spec);
    if (spec.short) short.set(spec.short, spec);
  }
  return { long, short };
}

const CLIENT_TABLE = buildTable(RSYNC_OPTIONS);
const DAEMON_TABLE = buildTable(RSYNC_DAEMON_OPTIONS);

/** Which option table a lookup uses: the normal one, or the one rsync uses in daemon mode. */
export type OptionMode = 'client' | 'daemon';

function tableFor(mode: OptionMode): OptionTable {
  return mode === 'daemon' ? DAEMON_TABLE : CLIENT_TABLE;
}

/** Look up a long spelling (without the leading `--`); exact match only, as popt does (no abbreviations). */
export function lookupLongOption(name: string, mode: OptionMode = 'client'): OptionSpec | undefined {
  return tableFor(mode).long.get(name);
}

/** Look up a short letter. */
export function lookupShortOption(letter: string, mode: OptionMode = 'client'): OptionSpec | undefined {
  return tableFor(mode).short.get(letter);
}

/** Resolve a spelling such as `R`, `-R`, `--no-R`, `del` or `relative` to its table entry. */
export function resolveOption(spelling: string, mode: OptionMode = 'client'): OptionSpec | undefined {
  const bare = spelling.replace(/^-{1,2}/, '');
  if (bare.length === 1) return lookupShortOption(bare, mode) ?? lookupLongOption(bare, mode);
  return lookupLongOption(bare, mode);
}

/** True when `word` names the rsync program (`rsync` or a path ending in `/rsync`). */
export function isRsyncProgram(word: string): boolean {
  return word === 'rsync' || word.endsWith('/rsync');
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/** One option occurrence, in command-line order. */
export interface ParsedOption {
  /** Canonical long name without dashes (negations keep their `no-` form, e.g. `no-relative`). */
  name: string;
  /** The value, when the option takes one. */
  value?: string;
  /** Index in words of the word that holds the option name. */
  wordIndex: number;
  /** Index of the word holding the value (same as wordIndex when attached). */
  valueWordIndex?: number;
  /** Char offset of the value inside words[valueWordIndex]. */
  valueOffset?: number;
  /** As written: `-f`, `--filter`, `-C` (for bundles, the single letter with a dash). */
  spelled: string;
  /** Char offset of the spelling inside words[wordIndex] (the letter's position for bundles). */
  nameOffset: number;
  /** Set when popt replaced `!#:+` in the value by a later word; that word's index (it is not an operand). */
  splicedWordIndex?: number;
}

/** A word that is not an option. */
export interface ParsedOperand {
  text: string;
  wordIndex: number;
}

/** Why rsync would refuse the command line (popt's error kinds, plus --sender outside --server). */
export type ArgvErrorCode =
  | 'unknown-option'
  | 'missing-argument'
  | 'unwanted-argument'
  | 'invalid-number'
  | 'number-range'
  | 'usage';

/** Something rsync would refuse; rsync stops at the first one, this parser reports them all. */
export interface ArgvError {
  wordIndex: number;
  message: string;
  code: ArgvErrorCode;
}

/** The parsed command line. */
export interface ParsedArgv {
  options: ParsedOption[];
  operands: ParsedOperand[];
  errors: ArgvError[];
  /** Which table rsync ends up using: `daemon` after --daemon & co, `server` after --server. */
  mode: 'client' | 'daemon' | 'server';
  /** Index of the `--` word that ended option parsing, if any. */
  endOfOptions?: number;
  /** rsync prints something and exits without transferring: --help (or a lone -h), -V. */
  exitsWith?: 'help' | 'version';
}

/** Parser settings. */
export interface ParseArgvSettings {
  /** POSIXLY_CORRECT or POSIX_ME_HARDER is set: popt stops taking options at the first operand. */
  posixlyCorrect?: boolean;
}

interface ScanState {
  readonly words: readonly string[];
  readonly mode: OptionMode;
  readonly posix: boolean;
  readonly spliced: Set<number>;
  readonly out: ParsedArgv;
  next: number;
  rest: boolean;
  switchToDaemon: boolean;
}

/** Parse rsync's argv (`words[0]` is the program) exactly the way rsync's popt loop reads it. */
export function parseRsyncArgv(words: readonly string[], settings: ParseArgvSettings = {}): ParsedArgv {
  const posix = settings.posixlyCorrect ?? false;
  const client = scan(words, 'client', posix);
  if (!client.switchToDaemon) return finish(client.out, words);
  const daemon = scan(words, 'daemon', posix).out;
  daemon.mode = 'daemon';
  return finish(daemon, words);
}

function scan(words: readonly string[], mode: OptionMode, posix: boolean): ScanState {
  const out: ParsedArgv = { options: [], operands: [], errors: [], mode: 'client' };
  const state: ScanState = { words, mode, posix, spliced: new Set(), out, next: 1, rest: false, switchToDaemon: false };
  while (state.next < words.length && !state.switchToDaemon) {
    const index = state.next++;
    if (!state.spliced.has(index)) scanWord(state, index);
  }
  return state;
}

function scanWord(state: ScanState, index: number): void {
  const word = state.words[index];
  if (state.rest || !word.startsWith('-') || word === '-') {
    state.out.operands.push({ text: word, wordIndex: index });
    if (state.posix) state.rest = true;
  } else if (word === '--') {
    state.rest = true;
    state.out.endOfOptions ??= index;
  } else if (word.startsWith('--')) {
    parseLongWord(state, index);
  } else {
    parseShortBundle(state, index);
  }
}

function addError(state: ScanState, wordIndex: number, code: ArgvErrorCode, text: string): void {
  state.out.errors.push({ wordIndex, code, message: `${state.words[wordIndex]}: ${text}` });
}

const POPT_TEXT: Record<ArgvErrorCode, string> = {
  'unknown-option': 'unknown option',
  'missing-argument': 'missing argument',
  'unwanted-argument': 'option does not take an argument',
  'invalid-number': 'invalid numeric value',
  'number-range': 'number too large or too small',
  usage: 'only valid together with --server',
};

function fail(state: ScanState, wordIndex: number, code: ArgvErrorCode): void {
  addError(state, wordIndex, code, POPT_TEXT[code]);
}

/** `--name`, `--name=value` or `--name value`. */
function parseLongWord(state: ScanState, index: number): void {
  const body = state.words[index].slice(2);
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  const spec = lookupLongOption(name, state.mode);
  if (!spec) {
    fail(state, index, 'unknown-option');
    return;
  }
  const option: ParsedOption = { name: spec.name, wordIndex: index, spelled: `--${name}`, nameOffset: 0 };
  if (spec.value === 'none') {
    if (eq >= 0) fail(state, index, 'unwanted-argument');
    else accept(state, spec, option);
    return;
  }
  if (eq >= 0) setValue(state, spec, option, index, eq + 3);
  else takeNextWord(state, spec, option);
}

/** `-abc`, `-f- *.o`, `-f=x` (popt drops one leading `=`), `-e ssh`. */
function parseShortBundle(state: ScanState, index: number): void {
  const word = state.words[index];
  for (let pos = 1; pos < word.length; pos++) {
    const spec = lookupShortOption(word[pos], state.mode);
    if (!spec) {
      fail(state, index, 'unknown-option');
      return;
    }
    const option: ParsedOption = { name: spec.name, wordIndex: index, spelled: `-${word[pos]}`, nameOffset: pos };
    const restAt = pos + 1;
    if (spec.value === 'none') {
      if (word[restAt] === '=') {
        fail(state, index, 'unwanted-argument');
        return;
      }
      accept(state, spec, option);
      continue;
    }
    if (restAt < word.length) setValue(state, spec, option, index, restAt + (word[restAt] === '=' ? 1 : 0));
    else takeNextWord(state, spec, option);
    return;
  }
}

/** The value is the next word, whatever it looks like (even `--` or `-x`). */
function takeNextWord(state: ScanState, spec: OptionSpec, option: ParsedOption): void {
  if (state.next >= state.words.length) {
    fail(state, option.wordIndex, 'missing-argument');
    return;
  }
  setValue(state, spec, option, state.next++, 0);
}

function setValue(state: ScanState, spec: OptionSpec, option: ParsedOption, wordIndex: number, offset: number): void {
  const raw = state.words[wordIndex].slice(offset);
  const expanded = expandNextArg(state, raw);
  option.value = expanded.value;
  option.valueWordIndex = wordIndex;
  option.valueOffset = offset;
  if (expanded.spliced !== undefined) option.splicedWordIndex = expanded.spliced;
  if (spec.valueType === 'int') {
    const code = checkCInt(option.value);
    if (code) {
      addError(state, option.wordIndex, code, POPT_TEXT[code]);
      return;
    }
  }
  accept(state, spec, option);
}

/**
 * popt's expandNextArg: every `!#:+` in a value is replaced by the next later word that does not
 * start with `-`, and that word is removed from the command line (it is neither option nor operand).
 */
function expandNextArg(state: ScanState, value: string): { value: string; spliced?: number } {
  if (!value.includes('!#:+')) return { value };
  const found = findNextPlainWord(state);
  if (found === undefined) return { value };
  state.spliced.add(found);
  return { value: value.split('!#:+').join(state.words[found]), spliced: found };
}

function findNextPlainWord(state: ScanState): number | undefined {
  for (let i = state.next; i < state.words.length; i++) {
    if (!state.spliced.has(i) && !state.words[i].startsWith('-')) return i;
  }
  return undefined;
}

function accept(state: ScanState, spec: OptionSpec, option: ParsedOption): void {
  const clean = state.out.errors.length === 0;
  if (spec.daemonSwitch && state.mode === 'client') {
    if (clean) state.switchToDaemon = true;
    state.out.options.push(option);
    return;
  }
  if (state.mode === 'client' && spec.name === 'server' && clean) state.out.mode = 'server';
  if (state.mode === 'client' && spec.name === 'sender' && state.out.mode !== 'server') {
    fail(state, option.wordIndex, 'usage');
    return;
  }
  state.out.options.push(option);
}

/** What rsync prints and exits with, judged from the options seen before the first error. */
function finish(parsed: ParsedArgv, words: readonly string[]): ParsedArgv {
  const firstError = parsed.errors.length ? parsed.errors[0].wordIndex : Infinity;
  const seen = (name: string): boolean => parsed.options.some((o) => o.name === name && o.wordIndex < firstError);
  const clean = parsed.errors.length === 0;
  if (seen('help')) parsed.exitsWith = 'help'; // --help exits at once, before later errors
  else if (clean && parsed.mode !== 'daemon' && seen('version')) parsed.exitsWith = 'version';
  else if (clean && parsed.mode === 'client' && words.length === 2 && seen('human-readable')) {
    parsed.exitsWith = 'help'; // the old meaning of -h, kept when it is the only argument
  }
  return parsed;
}

/**
 * popt converts int values with strtoll(value, &end, 0) and insists that `end` is the end of the
 * word: optional C whitespace, a sign, then 0x-hex, 0-octal or decimal digits. An empty word is 0.
 */
function checkCInt(value: string): ArgvErrorCode | undefined {
  if (value === '') return undefined;
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(value);
  if (!m) return 'invalid-number';
  const magnitude = cDigitsValue(m[2]);
  const n = m[1] === '-' ? -magnitude : magnitude;
  return n < -2147483648n || n > 2147483647n ? 'number-range' : undefined;
}

/** The value of C integer digits: `0x1f` is hex, `017` octal, `17` decimal. */
function cDigitsValue(digits: string): bigint {
  if (/^0[xX]/.test(digits)) return BigInt(digits);
  if (digits.startsWith('0')) return BigInt(`0o${digits.slice(1) || '0'}`);
  return BigInt(digits);
}

// ---------------------------------------------------------------------------------------------
// Reading options back
// ---------------------------------------------------------------------------------------------

function canonicalName(name: string): string {
  return resolveOption(name)?.name ?? name;
}

function negatesName(option: ParsedOption, target: string): boolean {
  return lookupLongOption(option.name)?.negates?.includes(target) ?? false;
}

/** The value rsync ends up with for a value option: the last one wins, a later negation clears it. */
export function optionValue(p: ParsedArgv, name: string): string | undefined {
  const target = canonicalName(name);
  let value: string | undefined;
  for (const option of p.options) {
    if (option.name === target) value = option.value;
    else if (negatesName(option, target)) value = undefined;
  }
  return value;
}

/** Every value given to a list option (--exclude, --filter, ...), in order. */
export function optionValues(p: ParsedArgv, name: string): string[] {
  const target = canonicalName(name);
  return p.options.flatMap((o) => (o.name === target && o.value !== undefined ? [o.value] : []));
}

/**
 * Whether the option is on at the end of the command line, reading its own spellings and its
 * negations in order (`-R --no-R` is off). For a `no-XXX` name: whether that negation won.
 * Implications (-a meaning -r) are not applied here; see effectiveFlags.
 */
export function hasFlag(p: ParsedArgv, name: string): boolean {
  const spec = resolveOption(name);
  if (spec?.negates) return lastState(p, spec.negates[0]) === 'off';
  return lastState(p, spec?.name ?? name) === 'on';
}

/** The last value given to an option (`''` for one given without a value), or undefined. */
export function lastValue(p: ParsedArgv, name: string): string | undefined {
  let v: string | undefined;
  for (const o of p.options) if (o.name === name) v = o.value ?? '';
  return v;
}

/** Whether the last of the options that turn a setting on (`on`) or off (`off`) turned it on. */
function lastTurnedOn(p: ParsedArgv, on: readonly string[], off: string): boolean {
  let state = false;
  for (const o of p.options) {
    if (on.includes(o.name)) state = true;
    if (o.name === off) state = false;
  }
  return state;
}

/** -l / -a (and not --no-l): symlinks are copied as symlinks; otherwise the receiver skips them. */
export function preservesLinks(p: ParsedArgv): boolean {
  return lastTurnedOn(p, ['links', 'archive'], 'no-links');
}

/** -o / -a (and not --no-o): the receiver sets the owner of what it gets (only root can). */
export function preservesOwner(p: ParsedArgv): boolean {
  return lastTurnedOn(p, ['owner', 'archive'], 'no-owner');
}

/** Whether the last option touching `target` turned it on or off. */
function lastState(p: ParsedArgv, target: string): 'on' | 'off' | undefined {
  let last: 'on' | 'off' | undefined;
  for (const option of p.options) {
    if (option.name === target) last = 'on';
    else if (negatesName(option, target)) last = 'off';
  }
  return last;
}

// ---------------------------------------------------------------------------------------------
// Effective flags (options.c implications)
// ---------------------------------------------------------------------------------------------

/** When deletions happen (before/during/delay/after), or undefined when rsync picks its default. */
export type DeleteTiming = 'before' | 'during' | 'delay' | 'after';

/** The settings rsync derives from the options that matter for file selection and filtering. */
export interface EffectiveFlags {
  recursive: boolean;
  relative: boolean;
  dirs: boolean;
  impliedDirs: boolean;
  copyLinks: boolean;
  copyDirlinks: boolean;
  /** `--copy-unsafe-links`: the sender follows symlinks that point outside the transfer */
  copyUnsafeLinks: boolean;
  /** `--safe-links`: the receiver skips symlinks that point outside the transfer */
  safeLinks: boolean;
  pruneEmptyDirs: boolean;
  deleteMode: boolean;
  deleteTiming?: DeleteTiming;
  deleteExcluded: boolean;
  cvsExclude: boolean;
  from0: boolean;
  /** `--ignore-errors`: a sender I/O error no longer cancels deletion */
  ignoreErrors: boolean;
  oldDirs: boolean;
  listOnly: boolean;
  filesFrom?: string;
  /** How many times -F was given (1: dir-merge /.rsync-filter, 2: also - .rsync-filter). */
  fCount: number;
  /** rsync's own refusals that follow from these settings (e.g. --delete without -r/-d). */
  problems: string[];
}

interface FlagVars {
  recurse: number;
  xferDirs: number;
  relative: number;
  impliedDirs: number;
  copyLinks: boolean;
  copyDirlinks: boolean;
  copyUnsafeLinks: boolean;
  safeLinks: boolean;
  prune: boolean;
  deleteMode: boolean;
  deleteBefore: boolean;
  deleteDuring: number;
  deleteAfter: boolean;
  deleteExcluded: boolean;
  cvs: boolean;
  from0: boolean;
  ignoreErrors: boolean;
  listOnly: number;
  readBatch: boolean;
  filesFrom?: string;
  fCount: number;
}

type FlagHandler = (v: FlagVars, o: ParsedOption) => void;

const FLAG_HANDLERS: Record<string, FlagHandler> = {
  archive: (v) => { if (!v.recurse) v.recurse = 1; },
  recursive: (v) => { v.recurse = 2; },
  'no-recursive': (v) => { v.recurse = 0; },
  dirs: (v) => { v.xferDirs = 2; },
  'no-dirs': (v) => { v.xferDirs = 0; },
  'old-dirs': (v) => { v.xferDirs = 4; },
  relative: (v) => { v.relative = 1; },
  'no-relative': (v) => { v.relative = 0; },
  'implied-dirs': (v) => { v.impliedDirs = 1; },
  'no-implied-dirs': (v) => { v.impliedDirs = 0; },
  'copy-links': (v) => { v.copyLinks = true; },
  'copy-dirlinks': (v) => { v.copyDirlinks = true; },
  'copy-unsafe-links': (v) => { v.copyUnsafeLinks = true; },
  'safe-links': (v) => { v.safeLinks = true; },
  'prune-empty-dirs': (v) => { v.prune = true; },
  'no-prune-empty-dirs': (v) => { v.prune = false; },
  delete: (v) => { v.deleteMode = true; },
  'delete-before': (v) => { v.deleteBefore = true; },
  'delete-during': (v) => { v.deleteDuring = 1; },
  'delete-delay': (v) => { v.deleteDuring = 2; },
  'delete-after': (v) => { v.deleteAfter = true; },
  'delete-excluded': (v) => { v.deleteExcluded = true; },
  'cvs-exclude': (v) => { v.cvs = true; },
  from0: (v) => { v.from0 = true; },
  'no-from0': (v) => { v.from0 = false; },
  'ignore-errors': (v) => { v.ignoreErrors = true; },
  'no-ignore-errors': (v) => { v.ignoreErrors = false; },
  'list-only': (v) => { v.listOnly = 2; },
  'read-batch': (v) => { v.readBatch = true; },
  'files-from': (v, o) => { v.filesFrom = o.value; },
  F: (v) => { v.fCount++; },
};

function initialVars(): FlagVars {
  return {
    recurse: 0, xferDirs: -1, relative: -1, impliedDirs: 1, copyLinks: false, copyDirlinks: false, copyUnsafeLinks: false, safeLinks: false,
    prune: false, deleteMode: false, deleteBefore: false, deleteDuring: 0, deleteAfter: false,
    deleteExcluded: false, cvs: false, from0: false, ignoreErrors: false, listOnly: 0, readBatch: false, fCount: 0,
  };
}

/** Apply options.c's post-parse implications for recursion, dirs and --relative, in its order. */
function applyTreeImplications(v: FlagVars, operandCount: number): void {
  if (v.filesFrom !== undefined) {
    if (v.recurse === 1) v.recurse = 0; // -a does not recurse with --files-from, an explicit -r does
    if (v.xferDirs < 0) v.xferDirs = 1;
  }
  if (operandCount < 2 && !v.readBatch) v.listOnly |= 1;
  if (v.xferDirs >= 4) {
    v.recurse = 1; // --old-dirs: recursion plus an appended "- /*/*" rule
    v.xferDirs = 1;
  } else if (v.recurse) v.xferDirs = 1;
  else if (v.xferDirs < 0) v.xferDirs = v.listOnly ? 1 : 0;
  if (v.relative < 0) v.relative = v.filesFrom !== undefined ? 1 : 0;
  if (!v.relative) v.impliedDirs = 0;
}

/** Apply the --delete implications and collect rsync's refusals that follow from the settings. */
function applyDeleteImplications(v: FlagVars, operandCount: number): string[] {
  const problems: string[] = [];
  const whens = Number(v.deleteBefore) + Number(v.deleteDuring > 0) + Number(v.deleteAfter);
  if (whens > 1) problems.push('You may not combine multiple --delete-WHEN options.');
  if (whens > 0 || v.deleteExcluded) v.deleteMode = true;
  if (!v.xferDirs && v.deleteMode) problems.push('--delete does not work without --recursive (-r) or --dirs (-d).');
  if (v.filesFrom !== undefined && (operandCount > 2 || operandCount === 1)) {
    problems.push('--files-from takes exactly a source directory and a destination.');
  }
  return problems;
}

/**
 * rsync's refusals of the backup suffix (options.c, checked with rsync 3.5.0): one with a `/` in it,
 * with or without -b; an empty one without a --backup-dir (`--suffix=`; an empty or `.`
 * --backup-dir is the destination itself). Without --suffix it is `~`, or empty with a --backup-dir.
 */
function backupProblems(p: ParsedArgv): string[] {
  const dir = lastValue(p, 'backup-dir');
  const suffix = lastValue(p, 'suffix') ?? (dir !== undefined ? '' : '~');
  if (suffix.includes('/')) return [`--suffix cannot contain slashes: ${suffix}`];
  const realDir = dir !== undefined && !['', '.'].includes(dir.replace(/^(\.\/)+/, ''));
  if (!realDir && suffix === '') return [`--suffix cannot be empty ${dir !== undefined ? 'when --backup-dir is the same as the dest dir' : 'without a --backup-dir'}`];
  return [];
}

function deleteTiming(v: FlagVars): DeleteTiming | undefined {
  if (v.deleteBefore) return 'before';
  if (v.deleteDuring === 1) return 'during';
  if (v.deleteDuring === 2) return 'delay';
  return v.deleteAfter ? 'after' : undefined;
}

/**
 * The flags rsync ends up with after its option loop and post-processing in options.c:
 * -a is -rlptgoD (recursion only when nothing set it yet), --files-from implies --relative and
 * --dirs and cancels -a's (not -r's) recursion, --old-dirs turns recursion on, any --delete-WHEN or
 * --delete-excluded implies --delete, --no-R drops implied dirs, fewer than 2 operands lists.
 */
export function effectiveFlags(p: ParsedArgv): EffectiveFlags {
  const v = initialVars();
  for (const option of p.options) FLAG_HANDLERS[option.name]?.(v, option);
  const oldDirs = v.xferDirs >= 4;
  applyTreeImplications(v, p.operands.length);
  const problems = [...applyDeleteImplications(v, p.operands.length), ...backupProblems(p)];
  return {
    recursive: v.recurse > 0,
    relative: v.relative > 0,
    dirs: v.xferDirs > 0,
    impliedDirs: v.impliedDirs > 0,
    copyLinks: v.copyLinks,
    copyDirlinks: v.copyDirlinks,
    copyUnsafeLinks: v.copyUnsafeLinks,
    safeLinks: v.safeLinks,
    pruneEmptyDirs: v.prune,
    deleteMode: v.deleteMode,
    deleteTiming: deleteTiming(v),
    deleteExcluded: v.deleteExcluded,
    cvsExclude: v.cvs,
    from0: v.from0,
    ignoreErrors: v.ignoreErrors,
    oldDirs,
    listOnly: v.listOnly > 0,
    filesFrom: v.filesFrom,
    fCount: v.fCount,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Operands
// ---------------------------------------------------------------------------------------------

/** What an operand names: a local path, a remote-shell path, or a daemon module path. */
export interface OperandInfo {
  remote: boolean;
  host?: string;
  user?: string;
  /** Port from an rsync:// URL, when one is given. */
  port?: number;
  /** The path part (for daemon operands it starts with the module name). */
  path: string;
  /** For daemon operands: the module name (path up to the first slash). */
  module?: string;
  daemon: boolean;
  url: boolean;
}

interface HostSpec {
  user?: string;
  host: string;
  /** Index just past the `:` or `/` that ended the host part (or the end of the string). */
  end: number;
  port?: number;
}

const URL_PREFIX = 'rsync://';

interface HostScan {
  hostStart: number;
  /** -1 until the end of the host part is known. */
  hostLen: number;
  userLen: number;
}

/**
 * rsync's parse_hostspec: the host part ends at the first `:` (or, in URL mode, `/`); a `/` first
 * means a local path; `user@` before it is split off (the last `@` wins); `[...]` holds an IPv6 address.
 */
function parseHostSpec(s: string, url: boolean): HostSpec | undefined {
  const scan: HostScan = { hostStart: 0, hostLen: -1, userLen: 0 };
  for (let i = 0; ; i++) {
    if (i >= s.length) return url ? makeHostSpec(s, scan, i) : undefined;
    const c = s[i];
    if (c === ':' || c === '/') return endHostPart(s, scan, i, url);
    if (c === '@') {
      scan.userLen = i + 1;
      scan.hostStart = i + 1;
    } else if (c === '[') {
      const close = scanBracketHost(s, scan, i);
      if (close === undefined) return undefined;
      i = close;
    }
  }
}

/** `[addr]` must start the host part, be non-empty, and be followed by the end, `/` or `:`. */
function scanBracketHost(s: string, scan: HostScan, open: number): number | undefined {
  if (open !== scan.hostStart) return undefined;
  scan.hostStart = open + 1;
  let i = scan.hostStart;
  while (i < s.length && s[i] !== ']' && s[i] !== '/') i++;
  scan.hostLen = i - scan.hostStart;
  const after = s[i + 1];
  if (s[i] !== ']' || (after !== undefined && after !== '/' && after !== ':') || !scan.hostLen) return undefined;
  return i;
}

/** The host part ends at `s[at]` (`:` or `/`); in URL mode a `:` may be followed by a port and `/`. */
function endHostPart(s: string, scan: HostScan, at: number, url: boolean): HostSpec | undefined {
  if (scan.hostLen < 0) scan.hostLen = at - scan.hostStart;
  if (s[at] === '/') return url ? makeHostSpec(s, scan, at + 1) : undefined;
  if (!url) return makeHostSpec(s, scan, at + 1);
  const digits = /^[0-9]*/.exec(s.slice(at + 1))?.[0] ?? '';
  let end = at + 1 + digits.length;
  if (end < s.length && s[end++] !== '/') return undefined;
  return makeHostSpec(s, scan, end, Number(digits) || undefined);
}

function makeHostSpec(s: string, scan: HostScan, end: number, port?: number): HostSpec {
  const hostLen = scan.hostLen < 0 ? end - scan.hostStart : scan.hostLen;
  const spec: HostSpec = { host: s.substr(scan.hostStart, hostLen), end };
  if (scan.userLen) spec.user = s.slice(0, scan.userLen - 1);
  if (port) spec.port = port;
  return spec;
}

function remoteInfo(spec: HostSpec, path: string, daemon: boolean, url: boolean): OperandInfo {
  const info: OperandInfo = { remote: true, host: spec.host, path, daemon, url };
  if (spec.user !== undefined) info.user = spec.user;
  if (spec.port !== undefined) info.port = spec.port;
  if (daemon) info.module = path.split('/')[0];
  return info;
}

/**
 * Classify an operand as rsync's check_for_hostspec does: `rsync://[USER@]HOST[:PORT]/PATH`,
 * `[USER@]HOST::PATH` (daemon), `[USER@]HOST:PATH` (remote shell, empty HOST allowed: `:PATH`),
 * else local (`./a:b` and `/x/a:b` are local because a `/` comes before the `:`).
 */
export function classifyOperand(text: string): OperandInfo {
  if (text.slice(0, URL_PREFIX.length).toLowerCase() === URL_PREFIX) {
    const rest = text.slice(URL_PREFIX.length);
    const spec = parseHostSpec(rest, true);
    if (spec) return remoteInfo(spec, rest.slice(spec.end), true, true);
  }
  const spec = parseHostSpec(text, false);
  if (!spec) return { remote: false, path: text, daemon: false, url: false };
  if (text[spec.end] === ':') return remoteInfo(spec, text.slice(spec.end + 1), true, false);
  return remoteInfo(spec, text.slice(spec.end), false, false);
}

/**
 * Split operands as rsync's start_client does: the last is the destination when there are 2+,
 * except when the first is remote and the last starts with `:` (another remote source: a listing).
 * One operand is listed (sources only). With --read-batch every operand but the last is ignored
 * by rsync and the last is the destination.
 */
export function splitSourcesAndDest(p: ParsedArgv): { sources: ParsedOperand[]; dest?: ParsedOperand } {
  const ops = p.operands;
  if (optionValue(p, 'read-batch') !== undefined) {
    return ops.length ? { sources: [], dest: ops[ops.length - 1] } : { sources: [] };
  }
  if (ops.length < 2) return { sources: [...ops] };
  const last = ops[ops.length - 1];
  if (classifyOperand(ops[0].text).remote && last.text.startsWith(':')) return { sources: [...ops] };
  return { sources: ops.slice(0, -1), dest: last };
}

/**
 * What rsync does with fewer than two operands: with none it prints its usage and exits 1
 * (`none`), with one it lists that operand and copies nothing (`one`). Undefined when there are
 * two or more, or when the command needs none (--version, --help, --read-batch, --daemon,
 * --server, --list-only).
 */
export function operandShortfall(p: ParsedArgv): { kind: 'none' } | { kind: 'one'; operand: string } | undefined {
  if (p.errors.length || p.mode !== 'client') return undefined;
  if (p.options.some((o) => ['version', 'help', 'read-batch', 'daemon', 'server', 'list-only'].includes(o.name))) return undefined;
  if (p.operands.length === 0) return { kind: 'none' };
  if (p.operands.length === 1) return { kind: 'one', operand: p.operands[0].text };
  return undefined;
}

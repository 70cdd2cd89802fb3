// Command lines rsync refuses before it transfers anything (options.c), each at the argv word
// that decides it: combinations of options, and option values it cannot parse.
import { hasFlag, type EffectiveFlags, type ParsedArgv } from './options.js';
import { parseSizeArg } from './transfer-writes.js';

/** One refusal: rsync's message, the word it is about, and whether it depends on the whole command. */
export interface Refusal {
  message: string;
  wordIndex: number;
  /** a combination of options: only certain when every word of the command is known */
  combination?: boolean;
}

/** Options rsync refuses in combination or for their value, each at the word that decides it. */
export function refusedOptions(argv: ParsedArgv, flags: EffectiveFlags): Refusal[] {
  const out: Refusal[] = [];
  const opts = argv.options;
  const lastOf = (names: string[]) => [...opts].reverse().find((o) => names.includes(o.name));
  for (const message of flags.problems) {
    const at = message.startsWith('You may not combine') ? lastOf(['delete-before', 'delete-during', 'delete-delay', 'delete-after'])
      : message.startsWith('--delete does not work') ? opts.find((o) => o.name.startsWith('delete') || o.name === 'del')
        : message.startsWith('--files-from') ? lastOf(['files-from'])
          : message.startsWith('--suffix') ? lastOf(['suffix']) ?? lastOf(['backup-dir']) : undefined;
    if (at) out.push({ message, wordIndex: at.wordIndex, combination: true });
  }
  const at = (o: (typeof opts)[number]): number => o.valueWordIndex ?? o.wordIndex;
  for (const o of opts) {
    if (o.value === undefined) continue;
    if (['max-size', 'min-size', 'bwlimit', 'block-size'].includes(o.name) && parseSizeArg(o.value) === null) {
      const negative = /^-\d/.test(o.value) && (o.name === 'max-size' || o.name === 'min-size');
      out.push({ message: `--${o.name}=${o.value} is ${negative ? 'too large' : 'invalid'}`, wordIndex: at(o) });
    }
    if (o.name === 'info' || o.name === 'debug') {
      const known = o.name === 'info' ? INFO_ITEMS : DEBUG_ITEMS;
      const bad = o.value.split(',').find((item) => item !== '' && !(/^([a-z]+)(\d*)$/i.test(item) && known.has(item.replace(/\d+$/, '').toLowerCase())));
      if (bad !== undefined) out.push({ message: `Unknown --${o.name} item: "${bad}"`, wordIndex: at(o) });
    }
  }
  const inplace = lastOf(['inplace']);
  if (inplace && hasFlag(argv, 'inplace') && hasFlag(argv, 'delay-updates')) out.push({ message: '--inplace cannot be used with --delay-updates', wordIndex: inplace.wordIndex, combination: true });
  return out;
}

/** The --info and --debug items of rsync 3.5.0 (`rsync --info=help`, `--debug=help`). */
const INFO_ITEMS = new Set(['backup', 'copy', 'del', 'flist', 'misc', 'mount', 'name', 'nonreg', 'progress', 'remove', 'skip', 'stats', 'symsafe', 'all', 'none', 'help']);
const DEBUG_ITEMS = new Set(['acl', 'backup', 'bind', 'chdir', 'connect', 'cmd', 'del', 'deltasum', 'dup', 'exit', 'filter', 'flist', 'fuzzy', 'genr', 'hash', 'hlink', 'iconv', 'io', 'nstr', 'own', 'proto', 'recv', 'send', 'time', 'all', 'none', 'help']);

// Skips wrapper commands (sudo, nice, env, time...) and their options to find the program they run.
import { isNameChar, isNameStart } from './atoms.js';

/** Option syntax of one wrapper command. */
interface WrapperSpec {
  /** Short options that take a value. */
  shortArg?: string;
  /** Short options after which no command is run (e.g. `command -v`). */
  shortStop?: string;
  /** Long options (without `--`) that take a value when not written `--opt=value`. */
  longArg?: string[];
  longStop?: string[];
  /** Accepts `NAME=value` words before the command. */
  assignments?: boolean;
  /** Accepts `-N` numeric options (nice -10). */
  numeric?: boolean;
  /** Accepts a lone `-` (env). */
  dash?: boolean;
  /** Positional words before the command (timeout DURATION). */
  positional?: number;
  /** Options that change directory: short letter and long name. */
  chdirShort?: string;
  chdirLong?: string;
}

const WRAPPERS: ReadonlyMap<string, WrapperSpec> = new Map<string, WrapperSpec>([
  ['sudo', {
    shortArg: 'ugCDhprtTUR', shortStop: 'elvKV',
    longArg: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'role', 'type', 'command-timeout', 'other-user', 'chroot'],
    longStop: ['edit', 'list', 'validate', 'remove-timestamp', 'version', 'help'],
    assignments: true, chdirShort: 'D', chdirLong: 'chdir',
  }],
  ['doas', { shortArg: 'u', shortStop: 'C' }],
  ['nice', { shortArg: 'n', longArg: ['adjustment'], numeric: true }],
  ['ionice', { shortArg: 'cn', shortStop: 'pPu', longArg: ['class', 'classdata'], longStop: ['pid', 'pgid', 'uid'] }],
  ['time', { shortArg: 'fo', longArg: ['format', 'output'] }],
  ['env', {
    shortArg: 'uCS', longArg: ['unset', 'chdir', 'split-string'], assignments: true, dash: true,
    chdirShort: 'C', chdirLong: 'chdir',
  }],
  ['command', { shortStop: 'vV' }],
  ['nohup', {}],
  ['exec', { shortArg: 'a' }],
  ['timeout', { shortArg: 'sk', longArg: ['signal', 'kill-after'], positional: 1 }],
  ['stdbuf', { shortArg: 'ioe', longArg: ['input', 'output', 'error'] }],
  // flock [options] FILE COMMAND...: `-c CMD` runs a shell command (not followed)
  ['flock', { shortArg: 'wE', shortStop: 'c', longArg: ['timeout', 'wait', 'conflict-exit-code'], longStop: ['command'], positional: 1 }],
  ['setsid', {}],
]);

/** The basename of a command word. */
export function baseName(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1);
}

/** True for `NAME=value`. */
export function isAssignmentWord(text: string): boolean {
  const eq = text.indexOf('=');
  if (eq <= 0 || !isNameStart(text[0])) return false;
  for (let i = 1; i < eq; i++) if (!isNameChar(text[i])) return false;
  return true;
}

/** The minimal view of a word the wrapper parser needs. */
export interface WordLike {
  text: string;
  known: boolean;
}

/** Result of skipping wrappers: index of the program word, wrappers seen, and a directory set by them. */
export interface Unwrapped {
  index: number;
  wrappers: string[];
  /** Directory from `sudo -D` / `env -C` (null: set but unknown). */
  chdir?: string | null;
}

/** Skips one wrapper's options; returns the index of the next command word, or -1 when no command runs. */
function skipOptions(words: readonly WordLike[], from: number, spec: WrapperSpec, seen: Unwrapped): number {
  let i = from;
  const setDir = (w: WordLike | undefined): void => {
    seen.chdir = w && w.known ? w.text : null;
  };
  while (i < words.length) {
    const t = words[i].text;
    if (t === '--') return i + 1 + (spec.positional ?? 0);
    if (t === '-' && spec.dash) {
      i++;
      continue;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = t.slice(2, eq < 0 ? undefined : eq);
      if (spec.longStop?.includes(name)) return -1;
      if (eq < 0 && spec.longArg?.includes(name)) {
        if (name === spec.chdirLong) setDir(words[i + 1]);
        i += 2;
        continue;
      }
      if (name === spec.chdirLong) seen.chdir = words[i].known ? t.slice(eq + 1) : null;
      i++;
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      if (spec.numeric && /* -10 */ [...t.slice(1)].every((c) => c >= '0' && c <= '9')) {
        i++;
        continue;
      }
      let next = i + 1;
      for (let k = 1; k < t.length; k++) {
        const c = t[k];
        if (spec.shortStop?.includes(c)) return -1;
        if (spec.shortArg?.includes(c)) {
          const inline = t.slice(k + 1);
          if (c === spec.chdirShort) {
            if (inline) seen.chdir = words[i].known ? inline : null;
            else setDir(words[i + 1]);
          }
          if (!inline) next = i + 2;
          break;
        }
      }
      i = next;
      continue;
    }
    if (spec.assignments && isAssignmentWord(t)) {
      i++;
      continue;
    }
    break;
  }
  return i + (spec.positional ?? 0);
}

/**
 * Finds the program run by a command line: skips `sudo`, `nice`, `ionice`, `time`, `env`, `command`, `nohup`,
 * `exec`, `timeout`, `stdbuf`, `doas`, `flock`, `setsid` with their options, and an unknown `$VAR` directly before `rsync`.
 * Returns null when the line runs no program (e.g. `command -v rsync`).
 */
export function unwrap(words: readonly WordLike[], isProgram: (w: WordLike) => boolean): Unwrapped | null {
  const seen: Unwrapped = { index: 0, wrappers: [] };
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (isProgram(w)) break;
    const spec = w.known ? WRAPPERS.get(baseName(w.text)) : undefined;
    if (spec) {
      seen.wrappers.push(w.text);
      i = skipOptions(words, i + 1, spec, seen);
      if (i < 0) return null;
      continue;
    }
    // `$SUDO rsync ...` with an unknown SUDO: treat the unknown word as a wrapper
    if (!w.known && i + 1 < words.length && isProgram(words[i + 1])) {
      seen.wrappers.push(w.text);
      i++;
      continue;
    }
    break;
  }
  if (i >= words.length) return null;
  seen.index = i;
  return seen;
}

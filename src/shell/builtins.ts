// Effects of shell builtins on the tracked state: cd, pushd, popd, exit/return, read and friends.
import { posix } from 'node:path';
import type { WordLike } from './wrappers.js';
import { readerTargets } from './prepass.js';
import type { State } from './state.js';

/** The working directory after a `cd` to a directory the linter cannot know (not the unknown start directory). */
export const LOST_DIR = '\0lost';
/** Prefix of a working directory relative to the script's own directory (`cd "$(dirname "$0")/conf"`). */
export const SCRIPT_DIR = '\0script/';

/** Resolves `cd DIR` against the current directory (logical, like bash's default `cd -L`). */
export function resolveDir(base: string | undefined, dir: string): string | undefined {
  if (dir === '') return base;
  if (dir.startsWith('/')) return posix.resolve(dir);
  if (base === LOST_DIR) return LOST_DIR;
  if (base?.startsWith(SCRIPT_DIR)) return SCRIPT_DIR + posix.normalize(`${base.slice(SCRIPT_DIR.length)}/${dir}`);
  return base === undefined ? undefined : posix.resolve(base, dir);
}

/** `$(dirname "$0")`, `$(dirname -- "$0")`, `` `dirname $0` ``, `${0%/*}` (double quotes removed), then `/DIR` or nothing. */
const SCRIPT_DIR_WORD = /^(?:\$\((?:command )?dirname (?:-- )?\$(?:0|\{0\}|\{BASH_SOURCE(?:\[0\])?\}|BASH_SOURCE)\)|`dirname (?:-- )?\$(?:0|\{0\})`|\$\{0%\/\*\})(\/[^$`\\'"*?[\s]*)?$/;

/** The directory a `cd` word names relative to the script's own directory, as written; undefined if it is not one. */
export function scriptDirTarget(raw: string): string | undefined {
  const m = SCRIPT_DIR_WORD.exec(raw.replace(/"/g, ''));
  if (!m) return undefined;
  return SCRIPT_DIR + posix.normalize(`.${m[1] ?? ''}`);
}

/** `cd [-L|-P] [--] DIR`; `cd -` goes back; no argument means $HOME (unknown). */
function cd(args: readonly (WordLike & { raw?: string })[], s: State): void {
  let i = 0;
  while (i < args.length && args[i].text.startsWith('-') && args[i].text.length > 1) {
    if (args[i++].text === '--') break;
  }
  const t = args[i];
  const prev = s.cwd;
  if (!t) s.cwd = LOST_DIR;
  else if (t.known && t.text === '-') s.cwd = s.oldpwd;
  // a CRLF script's `cd DIR\r` is taken to mean DIR
  else if (t.known) s.cwd = resolveDir(prev, t.text.endsWith('\r') ? t.text.slice(0, -1) : t.text);
  else s.cwd = (t.raw !== undefined ? scriptDirTarget(t.raw) : undefined) ?? LOST_DIR;
  s.oldpwd = prev;
}

/** What builtins need from the walker. */
export interface BuiltinEnv {
  /** Functions that change the working directory. */
  cdFunctions: ReadonlySet<string>;
  /** Makes a variable unknown. */
  forget(name: string): void;
}

/** Applies the effect of running command `name` with `args` to the state. */
export function applyBuiltin(name: string, args: readonly (WordLike & { raw?: string })[], s: State, env: BuiltinEnv): void {
  switch (name) {
    case 'cd':
      return cd(args, s);
    case 'pushd': {
      const t = args[0];
      if (!t || t.text.startsWith('-') || t.text.startsWith('+')) {
        s.cwd = LOST_DIR;
        s.dirStack = [];
        return;
      }
      s.dirStack.push(s.cwd);
      return cd(args, s);
    }
    case 'popd':
      s.oldpwd = s.cwd;
      s.cwd = args.length === 0 && s.dirStack.length > 0 ? s.dirStack.pop() : LOST_DIR;
      return;
    case 'exit':
    case 'return':
      s.dead = true;
      return;
    case 'read':
    case 'mapfile':
    case 'readarray':
    case 'getopts':
    case 'printf':
      for (const t of readerTargets(name, args.map((a) => a.text))) env.forget(t);
      return;
    default:
      if (env.cdFunctions.has(name)) {
        s.cwd = LOST_DIR;
        s.oldpwd = undefined;
      }
  }
}

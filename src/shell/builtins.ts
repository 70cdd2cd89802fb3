// Effects of shell builtins on the tracked state: cd, pushd, popd, exit/return, read and friends.
import { posix } from 'node:path';
import type { WordLike } from './wrappers.js';
import { readerTargets } from './prepass.js';
import type { State } from './state.js';

/** Resolves `cd DIR` against the current directory (logical, like bash's default `cd -L`). */
export function resolveDir(base: string | undefined, dir: string): string | undefined {
  if (dir === '') return base;
  if (dir.startsWith('/')) return posix.resolve(dir);
  return base === undefined ? undefined : posix.resolve(base, dir);
}

/** `cd [-L|-P] [--] DIR`; `cd -` goes back; no argument means $HOME (unknown). */
function cd(args: readonly WordLike[], s: State): void {
  let i = 0;
  while (i < args.length && args[i].text.startsWith('-') && args[i].text.length > 1) {
    if (args[i++].text === '--') break;
  }
  const t = args[i];
  const prev = s.cwd;
  if (!t) s.cwd = undefined;
  else if (t.known && t.text === '-') s.cwd = s.oldpwd;
  // a CRLF script's `cd DIR\r` is taken to mean DIR
  else s.cwd = t.known ? resolveDir(prev, t.text.endsWith('\r') ? t.text.slice(0, -1) : t.text) : undefined;
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
export function applyBuiltin(name: string, args: readonly WordLike[], s: State, env: BuiltinEnv): void {
  switch (name) {
    case 'cd':
      return cd(args, s);
    case 'pushd': {
      const t = args[0];
      if (!t || t.text.startsWith('-') || t.text.startsWith('+')) {
        s.cwd = undefined;
        s.dirStack = [];
        return;
      }
      s.dirStack.push(s.cwd);
      return cd(args, s);
    }
    case 'popd':
      s.oldpwd = s.cwd;
      s.cwd = args.length === 0 && s.dirStack.length > 0 ? s.dirStack.pop() : undefined;
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
        s.cwd = undefined;
        s.oldpwd = undefined;
      }
  }
}

// The shell state tracked along straight-line code: known variable values, the working directory, reachability.
import { LOST_DIR } from './builtins.js';
import type { QuoteKind } from './atoms.js';

/** One character of a variable's value, mapped to the source span it came from. */
export interface ValueChar {
  ch: string;
  start: number;
  end: number;
  q: QuoteKind;
  /** An unquoted glob character left by pathname expansion at assignment time (array elements). */
  glob: boolean;
}

/** A scalar value or one array element, with its definition's source span. */
export interface Value {
  chars: ValueChar[];
  /** False when part of the value is unknown; unknown parts keep their source text. */
  known: boolean;
  /** Source span [start, end) of the value as written (quotes included). */
  range: [number, number];
}

/** What is known about a variable. */
export type VarState =
  | { kind: 'scalar'; value: Value }
  | { kind: 'array'; elems: Value[] }
  | { kind: 'unknown' }
  | { kind: 'unset' };

/** The value of an unknown variable (also used for never-assigned ones). */
export const UNKNOWN: VarState = { kind: 'unknown' };

/** Mutable state of the simulated shell at one point of the script. */
export class State {
  vars = new Map<string, VarState>();
  /** Working directory, undefined when unknown. */
  cwd: string | undefined;
  oldpwd: string | undefined;
  /** pushd stack (top last). */
  dirStack: (string | undefined)[] = [];
  /** The code after an `exit`/`return`/`exec` is unreachable on this path. */
  dead = false;

  /** An independent copy (values themselves are immutable and shared). */
  clone(): State {
    const s = new State();
    s.vars = new Map(this.vars);
    s.cwd = this.cwd;
    s.oldpwd = this.oldpwd;
    s.dirStack = [...this.dirStack];
    s.dead = this.dead;
    return s;
  }

  /** Replaces this state's contents with another's. */
  assign(other: State): void {
    this.vars = new Map(other.vars);
    this.cwd = other.cwd;
    this.oldpwd = other.oldpwd;
    this.dirStack = [...other.dirStack];
    this.dead = other.dead;
  }

  /** The state after control flow joins: anything that differs between live paths becomes unknown. */
  static merge(states: readonly State[]): State {
    const live = states.filter((s) => !s.dead);
    if (live.length === 0) {
      const s = states[0].clone();
      s.dead = true;
      return s;
    }
    const out = live[0].clone();
    for (const other of live.slice(1)) {
      for (const name of new Set([...out.vars.keys(), ...other.vars.keys()])) {
        if (out.vars.get(name) !== other.vars.get(name)) out.vars.set(name, UNKNOWN);
      }
      // paths that end in different directories: where the commands after the join run is not known
      if (out.cwd !== other.cwd) out.cwd = LOST_DIR;
      if (out.oldpwd !== other.oldpwd) out.oldpwd = undefined;
      const sameStack =
        out.dirStack.length === other.dirStack.length && out.dirStack.every((d, i) => d === other.dirStack[i]);
      if (!sameStack) out.dirStack = out.dirStack.map(() => undefined);
    }
    return out;
  }
}

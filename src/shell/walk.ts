// Walks the syntax tree in execution order, tracking variables and the working directory, and collects rsync commands.
import type { Node } from 'web-tree-sitter';
import { type AssignEnv, assignVariable, declareVariables, unsetVariables } from './assign.js';
import { type ExpandCtx, expandWord, groupWords, wordToValue } from './expand.js';
import { applyBuiltin, LOST_DIR, resolveDir } from './builtins.js';
import type { IndexedWord } from './fields.js';
import { assignedNames, changesDir, type Prepass, prepass } from './prepass.js';
import { recoverError, skipKeywords } from './recovery.js';
import { State, UNKNOWN, type VarState } from './state.js';
import type { ShellDialect } from './types.js';
import { baseName, type Unwrapped, unwrap } from './wrappers.js';

/** An rsync command found by the walk; positions are string indices. */
export interface FoundInvocation {
  /** Where the command starts (for ordering). */
  at: number;
  /** Index of the program word where the command is written. */
  programAt: number;
  program: IndexedWord;
  args: IndexedWord[];
  cwd?: string;
  wrappers: string[];
}

const STATEMENTS = new Set([
  'command', 'list', 'pipeline', 'subshell', 'compound_statement', 'if_statement', 'while_statement', 'for_statement',
  'c_style_for_statement', 'case_statement', 'function_definition', 'negated_command', 'redirected_statement',
  'declaration_command', 'unset_command', 'test_command', 'variable_assignment', 'variable_assignments',
]);
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
/** Commands that leave a loop body early: a loop holding one is not unrolled. */
const JUMPS = new Set(['break', 'continue', 'return', 'exit']);
/** Most words a `for` list may have to be unrolled, and most body runs per script. */
const MAX_UNROLL_WORDS = 64;
const MAX_UNROLL_RUNS = 1024;

/** True for the word `rsync` or a path ending in `/rsync`. */
export function isRsyncWord(w: { text: string }): boolean {
  const t = w.text.endsWith('\r') ? w.text.slice(0, -1) : w.text;
  return t === 'rsync' || t.endsWith('/rsync');
}

function namedKids(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => c !== null);
}

function kids(n: Node): Node[] {
  return n.children.filter((c): c is Node => c !== null);
}

class Walker {
  readonly found: FoundInvocation[] = [];
  private readonly deferred: Node[] = [];
  private inFunction = false;
  /** Set while a loop is unrolled to learn its effect on variables: nothing is recorded. */
  private silent = false;
  private unrollRuns = 0;
  private readonly pre: Prepass;

  constructor(
    private readonly src: string,
    private readonly shell: ShellDialect,
    root: Node,
  ) {
    this.pre = prepass(root);
  }

  run(root: Node): void {
    const top = new State();
    this.exec(root, top);
    // Function bodies run later with the globals assigned exactly once at top level.
    const globals = new State();
    for (const [name, v] of top.vars) {
      if (v.kind !== 'unknown' && this.pre.assignCount.get(name) === 1) globals.vars.set(name, v);
    }
    this.inFunction = true;
    for (let body = this.deferred.shift(); body; body = this.deferred.shift()) this.exec(body, globals.clone());
  }

  private ctx(s: State): ExpandCtx {
    return { src: this.src, state: s, shell: this.shell };
  }

  /** Runs a statement on `s` (mutated to the state after it); returns the state when it succeeded. */
  private exec(n: Node, s: State): State {
    switch (n.type) {
      case 'program':
      case 'compound_statement':
      case 'do_group':
        return this.seq(kids(n), s);
      case 'negated_command':
        this.seq(kids(n), s);
        return s;
      case 'ERROR':
        this.recover(n, s);
        return s;
      case 'command':
        return this.command(n, s);
      case 'variable_assignment':
        this.subs([n], s);
        this.assign(n, s, false);
        return s;
      case 'variable_assignments':
        this.subs([n], s);
        for (const c of namedKids(n)) if (c.type === 'variable_assignment') this.assign(c, s, false);
        return s;
      case 'declaration_command':
        return this.declare(n, s);
      case 'unset_command':
        return this.unset(n, s);
      case 'redirected_statement':
        return this.redirected(n, s);
      case 'pipeline':
        for (const c of namedKids(n)) this.exec(c, s.clone());
        return s;
      case 'subshell':
        this.seq(kids(n), s.clone());
        return s;
      case 'list':
        return this.list(n, s);
      case 'if_statement':
        return this.ifStatement(n, s);
      case 'while_statement':
      case 'for_statement':
      case 'c_style_for_statement':
        return this.loop(n, s);
      case 'case_statement':
        return this.caseStatement(n, s);
      case 'function_definition': {
        const body = n.childForFieldName('body');
        if (body && !this.silent) this.deferred.push(body);
        return s;
      }
      case 'comment':
        return s;
      default:
        this.subs([n], s);
        return s;
    }
  }

  /**
   * Runs statements in order (one followed by `&` runs in the background, in a subshell); returns the state
   * in which the last one succeeded.
   */
  private seq(nodes: readonly Node[], s: State): State {
    let ok = s;
    for (const c of nodes) {
      if (!c.isNamed) continue;
      if (c.nextSibling?.type === '&') {
        this.exec(c, s.clone());
        ok = s;
      } else ok = this.exec(c, s);
    }
    return ok;
  }

  /** Runs the command and process substitutions found in `nodes` (each in a subshell). */
  private subs(nodes: readonly Node[], s: State): void {
    const walk = (n: Node, top: boolean): void => {
      if (SUBSTITUTIONS.has(n.type)) {
        this.seq(kids(n), s.clone());
        return;
      }
      if (!top && STATEMENTS.has(n.type)) return;
      for (const c of kids(n)) walk(c, false);
    };
    for (const n of nodes) walk(n, true);
  }

  /** Error recovery: statements still found are run; loose words are regrouped into one command per line. */
  private recover(n: Node, s: State): void {
    recoverError(this.src, n, {
      statement: (c) => this.exec(c, s),
      words: (c) => this.subs([c], s),
      line: (nodes) => this.looseCommand(nodes, s),
    }, STATEMENTS);
  }

  /** A command rebuilt from loose words (leading keywords such as `do` or `then` skipped). */
  private looseCommand(nodes: Node[], s: State): void {
    const rest = skipKeywords(nodes);
    if (rest.length === 0) return;
    const ctx = this.ctx(s);
    const words = groupWords(this.src, rest).flatMap((g) => expandWord(ctx, g));
    const un = unwrap(words, isRsyncWord);
    if (un && isRsyncWord(words[un.index])) this.record(rest[0].startIndex, words, un, s);
  }

  private list(n: Node, s: State): State {
    const [left, right] = namedKids(n);
    const op = kids(n).find((c) => !c.isNamed)?.type;
    if (!left || !right) return this.seq(kids(n), s);
    const leftOk = this.exec(left, s);
    if (op === '&&') {
      const r = leftOk.clone();
      const rightOk = this.exec(right, r);
      s.assign(State.merge([s, r]));
      return rightOk;
    }
    const okCopy = leftOk.clone();
    const r = s.clone();
    const rightOk = this.exec(right, r);
    const ok = State.merge([okCopy, rightOk]);
    s.assign(State.merge([okCopy, r]));
    return ok;
  }

  private ifStatement(n: Node, s: State): State {
    const split = (node: Node): [Node[], Node[]] => {
      const cond: Node[] = [];
      const body: Node[] = [];
      let inBody = node.type === 'else_clause';
      for (const c of kids(node)) {
        if (c.type === 'then') inBody = true;
        else if (c.type !== 'elif_clause' && c.type !== 'else_clause') (inBody ? body : cond).push(c);
      }
      return [cond, body];
    };
    const [cond, body] = split(n);
    const ends: State[] = [];
    const b = this.seq(cond, s).clone(); // the body runs where the condition succeeded
    this.seq(body, b);
    ends.push(b);
    let cur = s.clone();
    let hasElse = false;
    for (const c of namedKids(n)) {
      if (c.type !== 'elif_clause' && c.type !== 'else_clause') continue;
      const [ccond, cbody] = split(c);
      hasElse ||= c.type === 'else_clause';
      const next = cur.clone();
      const eb = this.seq(ccond, next).clone();
      this.seq(cbody, eb);
      ends.push(eb);
      cur = next;
    }
    if (!hasElse) ends.push(cur);
    s.assign(State.merge(ends));
    return s;
  }

  /**
   * Loops: whatever the body assigns (or the loop variable) is unknown at entry and after the loop. The body
   * runs once, in that state, for the commands it holds. A `for` loop over known words is also unrolled
   * (silently) to learn the variables after it, such as options collected with `X="$X --exclude=/$d"`.
   */
  private loop(n: Node, s: State): State {
    const unrolled = n.type === 'for_statement' ? this.unrollFor(n, s.clone()) : undefined;
    const names = assignedNames(n);
    const forget = (): void => {
      for (const name of names) s.vars.set(name, UNKNOWN);
    };
    forget();
    if (changesDir(n, this.pre.cdFunctions)) {
      s.cwd = LOST_DIR;
      s.oldpwd = undefined;
    }
    const body = n.childForFieldName('body');
    for (const c of kids(n)) {
      if (body && c.equals(body)) continue;
      if (STATEMENTS.has(c.type) && c.type !== 'variable_assignment') this.exec(c, s);
      else this.subs([c], s);
    }
    forget();
    if (body) {
      const b = s.clone();
      this.exec(body, b);
      s.assign(State.merge([s, b]));
    }
    if (unrolled) s.assign(unrolled);
    return s;
  }

  /**
   * The state after `for x in WORDS; do BODY; done`, run once per word, when the words are known (no
   * unknown expansion, no pathname expansion), the body cannot leave early (break, continue, return, exit)
   * and does not change directory; undefined otherwise. `s` is the state before the loop (consumed).
   */
  private unrollFor(n: Node, s: State): State | undefined {
    if (n.child(0)?.type !== 'for') return undefined; // `select` asks the user
    const variable = n.childForFieldName('variable');
    const body = n.childForFieldName('body');
    const valueNodes = n.childrenForFieldName('value').filter((c): c is Node => c !== null);
    if (!variable || !body || valueNodes.length === 0) return undefined; // `for x; do` walks "$@"
    if (changesDir(n, this.pre.cdFunctions) || leavesEarly(body)) return undefined;
    const words = groupWords(this.src, valueNodes).flatMap((g) => expandWord(this.ctx(s), g));
    if (words.length > MAX_UNROLL_WORDS || words.some((w) => !w.known)) return undefined;
    if (this.unrollRuns + words.length > MAX_UNROLL_RUNS) return undefined;
    this.unrollRuns += words.length;
    const wasSilent = this.silent;
    this.silent = true;
    try {
      for (const w of words) {
        this.setVar(s, variable.text, { kind: 'scalar', value: wordToValue(w) });
        this.exec(body, s);
      }
    } finally {
      this.silent = wasSilent;
    }
    return s;
  }

  private caseStatement(n: Node, s: State): State {
    const ends: State[] = [];
    for (const c of namedKids(n)) {
      if (c.type !== 'case_item') {
        this.subs([c], s);
        continue;
      }
      const b = s.clone();
      c.children.forEach((k, i) => {
        if (!k) return;
        if (c.fieldNameForChild(i) === 'value') this.subs([k], b);
        else if (STATEMENTS.has(k.type)) this.exec(k, b);
      });
      ends.push(b);
    }
    ends.push(s.clone());
    s.assign(State.merge(ends));
    return s;
  }

  private redirected(n: Node, s: State): State {
    const body = n.childForFieldName('body');
    const tails: { op: string | undefined; node: Node }[] = [];
    for (const r of namedKids(n)) {
      if (body && r.equals(body)) continue;
      if (r.type !== 'heredoc_redirect') {
        this.subs([r], s);
        continue;
      }
      // tree-sitter puts what follows `<<EOF` on the same line (`| cmd`, `&& cmd`) inside the redirect
      let op: string | undefined;
      for (const c of kids(r)) {
        if (!c.isNamed) op = c.type;
        else if (STATEMENTS.has(c.type)) tails.push({ op, node: c });
        else this.subs([c], s);
      }
    }
    const ok = body ? this.exec(body, s) : s;
    for (const t of tails) {
      if (t.node.type === 'pipeline' || t.op === '|') this.exec(t.node, s.clone());
      else if (t.op === '&&' || t.op === '||') {
        const r = (t.op === '&&' ? ok : s).clone();
        this.exec(t.node, r);
        s.assign(State.merge([s, r]));
      } else this.exec(t.node, s);
    }
    return ok;
  }

  private setVar(s: State, name: string, v: VarState): void {
    s.vars.set(name, !this.inFunction && this.pre.tainted.has(name) ? UNKNOWN : v);
  }

  private assignEnv(s: State): AssignEnv {
    return { ctx: this.ctx(s), set: (name, v) => this.setVar(s, name, v) };
  }

  private assign(n: Node, s: State, forceUnknown: boolean): void {
    assignVariable(n, this.assignEnv(s), forceUnknown);
  }

  private declare(n: Node, s: State): State {
    this.subs([n], s);
    declareVariables(n, this.assignEnv(s));
    return s;
  }

  private unset(n: Node, s: State): State {
    unsetVariables(n, this.assignEnv(s));
    return s;
  }

  private command(n: Node, s: State): State {
    this.subs(namedKids(n), s);
    const nameNode = n.childForFieldName('name');
    const wordNodes = [nameNode, ...n.childrenForFieldName('argument')]
      .filter((c): c is Node => c !== null)
      .sort((a, b) => a.startIndex - b.startIndex);
    const ctx = this.ctx(s);
    const words = groupWords(this.src, wordNodes).flatMap((g) => expandWord(ctx, g));
    if (words.length === 0) {
      // only assignments (or words that expanded to nothing): they stay in the shell
      for (const c of namedKids(n)) if (c.type === 'variable_assignment') this.assign(c, s, false);
      return s;
    }
    const un = unwrap(words, isRsyncWord);
    if (!un) return s;
    const prog = words[un.index];
    const execs = un.wrappers.some((w) => baseName(w) === 'exec');
    if (isRsyncWord(prog)) this.record(n.startIndex, words, un, s);
    else if (prog.known) this.builtin(prog.text, words.slice(un.index + 1), s);
    if (execs) s.dead = true;
    return s;
  }

  private record(at: number, words: IndexedWord[], un: Unwrapped, s: State): void {
    if (this.silent) return;
    const prog = words[un.index];
    let cwd = s.cwd;
    if (un.chdir === null) cwd = LOST_DIR;
    else if (un.chdir !== undefined) cwd = resolveDir(s.cwd, un.chdir);
    this.found.push({
      at,
      programAt: prog.fromExpansion ? prog.fromExpansion.range[0] : prog.range[0],
      program: prog,
      args: words.slice(un.index + 1),
      cwd,
      wrappers: un.wrappers,
    });
  }

  /** Effects of builtins (cd, pushd, popd, exit, read...) on the tracked state. */
  private builtin(name: string, args: IndexedWord[], s: State): void {
    const written = args.map((a) => ({ text: a.text, known: a.known, raw: this.src.slice(a.range[0], a.range[1]) }));
    applyBuiltin(name, written, s, {
      cdFunctions: this.pre.cdFunctions,
      forget: (v) => this.setVar(s, v, UNKNOWN),
    });
  }
}

/** True when a loop body holds a command that leaves it early (functions defined in it aside). */
function leavesEarly(body: Node): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found || n.type === 'function_definition') return;
    if (n.type === 'command') {
      const name = n.childForFieldName('name')?.text;
      if (name && JUMPS.has(name)) found = true;
    }
    for (const c of kids(n)) visit(c);
  };
  visit(body);
  return found;
}

/** Finds the rsync commands of a parsed script, in source order. */
export function findInvocations(root: Node, src: string, shell: ShellDialect): FoundInvocation[] {
  const w = new Walker(src, shell, root);
  w.run(root);
  return w.found.sort((a, b) => a.at - b.at || a.programAt - b.programAt);
}

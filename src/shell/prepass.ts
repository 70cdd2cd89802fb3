// Whole-file facts gathered before the walk: where variables are assigned, and which functions change directory.
import type { Node } from 'web-tree-sitter';
import { isNameChar, isNameStart } from './atoms.js';

/** Commands that assign the variables named in their arguments. */
const READERS = new Set(['read', 'mapfile', 'readarray', 'getopts', 'printf']);
const DIR_COMMANDS = new Set(['cd', 'pushd', 'popd']);
/** Constructs whose directory changes do not reach the code after them. */
const SUBSHELLS = new Set(['subshell', 'command_substitution', 'process_substitution', 'pipeline', 'function_definition']);

/** True for a valid variable name. */
export function isName(text: string): boolean {
  return text.length > 0 && isNameStart(text[0]) && [...text].every(isNameChar);
}

function commandName(n: Node): string | undefined {
  return n.childForFieldName('name')?.text;
}

/** Names a `read`/`mapfile`/`getopts`/`printf -v` command may assign (over-approximated from the raw words). */
export function readerTargets(name: string, args: readonly string[]): string[] {
  if (name === 'printf') {
    const v = args.indexOf('-v');
    return v >= 0 && args[v + 1] !== undefined && isName(args[v + 1]) ? [args[v + 1]] : [];
  }
  if (name === 'getopts') return args[1] !== undefined && isName(args[1]) ? [args[1]] : [];
  return args.filter(isName);
}

function visit(n: Node, f: (n: Node) => boolean | void): void {
  if (f(n) === false) return;
  for (const c of n.children) if (c) visit(c, f);
}

/** Calls `f` for every variable assignment site in `root`, with the assigned name. */
function forEachAssignment(root: Node, f: (name: string, site: Node) => void): void {
  visit(root, (n) => {
    if (n.type === 'variable_assignment' && n.parent?.type !== 'command') {
      let name = n.childForFieldName('name');
      if (name?.type === 'subscript') name = name.childForFieldName('name');
      if (name) f(name.text, n);
    } else if (n.type === 'for_statement') {
      const v = n.childForFieldName('variable');
      if (v) f(v.text, n);
    } else if (n.type === 'unset_command') {
      for (const c of n.namedChildren) if (c && isName(c.text)) f(c.text, n);
    } else if (n.type === 'command') {
      const name = commandName(n);
      if (name && READERS.has(name)) {
        const args = n.childrenForFieldName('argument').map((a) => a?.text ?? '');
        for (const t of readerTargets(name, args)) f(t, n);
      }
    }
  });
}

/** Every name assigned somewhere inside `root`. */
export function assignedNames(root: Node): Set<string> {
  const out = new Set<string>();
  forEachAssignment(root, (name) => out.add(name));
  return out;
}

/** Names declared with `local` / `declare` / `typeset` (without -g) inside a function body. */
function localNames(body: Node): Set<string> {
  const out = new Set<string>();
  visit(body, (n) => {
    if (n.type !== 'declaration_command') return;
    const kw = n.child(0)?.type;
    if (kw !== 'local' && kw !== 'declare' && kw !== 'typeset') return;
    if (n.namedChildren.some((c) => c?.type === 'word' && c.text.startsWith('-') && c.text.includes('g'))) return;
    for (const c of n.namedChildren) {
      if (c?.type === 'variable_name') out.add(c.text);
      else if (c?.type === 'variable_assignment') {
        const name = c.childForFieldName('name');
        if (name) out.add(name.type === 'subscript' ? (name.childForFieldName('name')?.text ?? '') : name.text);
      }
    }
  });
  return out;
}

/** Whole-file facts. */
export interface Prepass {
  /** Variables a function assigns without `local`: unknown outside that function. */
  tainted: Set<string>;
  /** Number of assignment sites per variable. */
  assignCount: Map<string, number>;
  /** Functions that change the caller's working directory. */
  cdFunctions: Set<string>;
}

/** True when running `root` may change the working directory of the code after it. */
export function changesDir(root: Node, cdFunctions: ReadonlySet<string>): boolean {
  let found = false;
  visit(root, (n) => {
    if (found || (n !== root && SUBSHELLS.has(n.type))) return false;
    if (n.type === 'command') {
      const name = commandName(n);
      if (name && (DIR_COMMANDS.has(name) || cdFunctions.has(name))) found = true;
    }
  });
  return found;
}

/** Gathers the whole-file facts of a parsed script. */
export function prepass(root: Node): Prepass {
  const assignCount = new Map<string, number>();
  forEachAssignment(root, (name) => assignCount.set(name, (assignCount.get(name) ?? 0) + 1));
  const functions = new Map<string, Node>();
  visit(root, (n) => {
    if (n.type !== 'function_definition') return;
    const name = n.childForFieldName('name')?.text;
    const body = n.childForFieldName('body');
    if (name && body) functions.set(name, body);
  });
  const tainted = new Set<string>();
  for (const body of functions.values()) {
    const locals = localNames(body);
    for (const name of assignedNames(body)) if (!locals.has(name)) tainted.add(name);
  }
  const cdFunctions = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, body] of functions) {
      if (!cdFunctions.has(name) && body.type !== 'subshell' && changesDir(body, cdFunctions)) {
        cdFunctions.add(name);
        changed = true;
      }
    }
  }
  return { tainted, assignCount, cdFunctions };
}

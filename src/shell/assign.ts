// Variable assignments: `X=v`, `X+=v`, arrays, `declare`/`local`/`export`/`readonly`, and `unset`.
import type { Node } from 'web-tree-sitter';
import { type ExpandCtx, expandArray, expandAssignment, groupWords } from './expand.js';
import { UNKNOWN, type Value, type VarState } from './state.js';

/** What an assignment needs: the expansion context (holding the state) and a setter that applies tainting. */
export interface AssignEnv {
  ctx: ExpandCtx;
  set(name: string, v: VarState): void;
}

function kids(n: Node): Node[] {
  return n.children.filter((c): c is Node => c !== null);
}

/** The elements a `+=(...)` appends to, undefined when the variable is unknown. */
function appendBase(prev: VarState | undefined): Value[] | undefined {
  if (!prev || prev.kind === 'unset') return [];
  if (prev.kind === 'array') return prev.elems;
  return prev.kind === 'scalar' ? [prev.value] : undefined;
}

/** Applies `X=v`, `X+=v`, `A=(...)`, `A+=(...)` or `A[i]=v` (the last makes A unknown). */
export function assignVariable(n: Node, env: AssignEnv, forceUnknown: boolean): void {
  const { ctx } = env;
  const vars = ctx.state.vars;
  const nameNode = n.childForFieldName('name');
  if (!nameNode) return;
  if (nameNode.type === 'subscript') {
    const name = nameNode.childForFieldName('name')?.text;
    if (name) vars.set(name, UNKNOWN);
    return;
  }
  const name = nameNode.text;
  const op = kids(n).find((c) => c.type === '=' || c.type === '+=');
  if (!op || forceUnknown) {
    vars.set(name, UNKNOWN);
    return;
  }
  const append = op.type === '+=';
  const valueNodes = kids(n).filter((c) => c.startIndex >= op.endIndex && c.isNamed);
  const prev = vars.get(name);
  if (valueNodes[0]?.type === 'array') {
    const elems = expandArray(ctx, valueNodes[0]);
    const base = append ? appendBase(prev) : [];
    env.set(name, base ? { kind: 'array', elems: [...base, ...elems] } : UNKNOWN);
    return;
  }
  const group = valueNodes.length > 0 ? groupWords(ctx.src, valueNodes)[0] : [];
  let value = expandAssignment(ctx, group, op.endIndex);
  if (append && prev && prev.kind !== 'unset') {
    const old = prev.kind === 'scalar' ? prev.value : prev.kind === 'array' ? prev.elems[0] : undefined;
    if (!old) return env.set(name, UNKNOWN);
    value = { chars: [...old.chars, ...value.chars], known: old.known && value.known, range: value.range };
  }
  if (prev?.kind === 'array') {
    // a scalar assignment to an array sets (or appends to) element 0
    env.set(name, { kind: 'array', elems: [value, ...prev.elems.slice(1)] });
    return;
  }
  env.set(name, { kind: 'scalar', value });
}

/** `export`/`readonly`/`local`/`declare`/`typeset`: integer, case-changing, nameref and associative values are unknown. */
export function declareVariables(n: Node, env: AssignEnv): void {
  const keyword = n.child(0)?.type ?? '';
  const named = n.namedChildren.filter((c): c is Node => c !== null);
  const flags = named
    .filter((c) => c.type === 'word' && c.text.startsWith('-'))
    .map((c) => c.text.slice(1))
    .join('');
  if (flags.includes('f') || flags.includes('F') || flags.includes('p')) return;
  const attrsUnknown = [...'Ainlu'].some((c) => flags.includes(c));
  for (const c of named) {
    if (c.type === 'variable_assignment') assignVariable(c, env, attrsUnknown);
    else if (c.type === 'variable_name') {
      const prev = env.ctx.state.vars.get(c.text);
      if (flags.includes('a') && prev?.kind !== 'array') env.set(c.text, { kind: 'array', elems: [] });
      else if (keyword === 'local') env.ctx.state.vars.set(c.text, { kind: 'unset' });
    }
  }
}

/** `unset NAME...` (not `unset -f`): the variables expand to nothing. */
export function unsetVariables(n: Node, env: AssignEnv): void {
  const words = n.namedChildren.map((c) => c?.text ?? '');
  if (words.includes('-f')) return;
  for (const w of words) if (!w.startsWith('-')) env.set(w, { kind: 'unset' });
}

// Expands words: bash brace expansion, tracked variables and arrays, field splitting, tilde and glob detection.
import type { Node } from 'web-tree-sitter';
import { type Atom, type ExpAtom, isNameChar, isNameStart, lexWord } from './atoms.js';
import { braceExpand, hasBraceExpansion, type BraceOps } from './braces.js';
import { type FChar, FieldSink, type IndexedWord, type Site, fieldToWord } from './fields.js';
import { type State, type Value, UNKNOWN } from './state.js';
import type { ShellDialect } from './types.js';

/** What expansion needs to know. */
export interface ExpandCtx {
  src: string;
  state: State;
  shell: ShellDialect;
}

type Resolved = { t: 'unknown'; name?: string } | { t: 'values'; name: string; values: Value[]; joined: boolean };

const GLOB_CHARS = '*?[';
const IFS_WS = ' \t\n';

function lookup(state: State, name: string, index: string | null): Resolved {
  const v = state.vars.get(name) ?? UNKNOWN;
  if (v.kind === 'unknown') return { t: 'unknown', name };
  const elems = v.kind === 'array' ? v.elems : v.kind === 'scalar' ? [v.value] : [];
  if (index === '@' || index === '*') return { t: 'values', name, values: elems, joined: index === '*' };
  let k = 0;
  if (index !== null) {
    const n = Number(index);
    if (!Number.isInteger(n) || index.trim() === '') return { t: 'unknown', name };
    k = n < 0 ? elems.length + n : n;
  }
  const e = k >= 0 ? elems[k] : undefined;
  return { t: 'values', name, values: e ? [e] : [], joined: true };
}

/** Resolves `$X`, `${X}`, `${A[@]}`, `${A[*]}`, `${A[n]}`; anything else (operators, `$(...)`, `$1`...) is unknown. */
function resolve(atom: ExpAtom, state: State): Resolved {
  const n = atom.node;
  if (!n) return atom.name && isNameStart(atom.name[0]) ? lookup(state, atom.name, null) : { t: 'unknown', name: atom.name };
  if (n.type === 'simple_expansion') {
    const v = n.namedChildren[0];
    if (!v) return { t: 'unknown' };
    if (v.type !== 'variable_name' || !isNameStart(v.text[0])) return { t: 'unknown', name: v.text };
    return lookup(state, v.text, null);
  }
  if (n.type !== 'expansion') return { t: 'unknown' };
  const kids = n.children;
  const mid = kids[1];
  const nameNode = mid?.type === 'subscript' ? mid.childForFieldName('name') : mid;
  const name = nameNode?.type === 'variable_name' ? nameNode.text : undefined;
  if (kids.length !== 3 || kids[0]?.type !== '${' || kids[2]?.type !== '}' || !mid || !name) return { t: 'unknown', name };
  if (mid.type === 'variable_name') return lookup(state, name, null);
  const index = mid.childForFieldName('index');
  if (mid.childCount !== 4 || !index) return { t: 'unknown', name };
  return lookup(state, name, index.text);
}

function valueChar(c: Value['chars'][number], site: Site, unk: boolean, glob: boolean): FChar {
  return { ch: c.ch, start: c.start, end: c.end, q: site.quoted ? 'double' : 'none', glob, site, unk, defGlob: c.glob };
}

type Mode = 'word' | 'assign';

function pushUnknown(sink: FieldSink, src: string, atom: ExpAtom, name: string | undefined): void {
  const site: Site = { name, quoted: atom.quoted, start: atom.start, end: atom.end, known: false };
  if (atom.quoted) sink.mark('double', site);
  for (let i = atom.start; i < atom.end; i++) {
    sink.char({ ch: src[i], start: i, end: i + 1, q: atom.quoted ? 'double' : 'none', glob: false, site, unk: true }, false);
  }
}

function pushExpansion(sink: FieldSink, ctx: ExpandCtx, atom: ExpAtom, mode: Mode): void {
  const r = resolve(atom, ctx.state);
  if (r.t === 'unknown') return pushUnknown(sink, ctx.src, atom, r.name);
  const site: Site = { name: r.name, quoted: atom.quoted, start: atom.start, end: atom.end, known: true };
  if (atom.quoted || mode === 'assign') {
    if (r.joined || mode === 'assign') {
      // "$X", "${A[*]}": one string, elements joined by a space
      sink.mark('double', site);
      r.values.forEach((v, k) => {
        if (k > 0) {
          const at = r.values[k - 1].range[1];
          sink.char({ ch: ' ', start: at, end: at, q: 'double', glob: false, site, unk: false }, false);
        }
        for (const c of v.chars) sink.char(valueChar(c, site, !v.known, mode === 'word' && c.glob), false);
      });
      if (r.values.length === 1) sink.cur.whole.push(r.values[0]);
      return;
    }
    // "${A[@]}": one field per element
    r.values.forEach((v, k) => {
      if (k > 0) sink.split();
      sink.mark('double', site);
      for (const c of v.chars) sink.char(valueChar(c, site, !v.known, c.glob), false);
      sink.cur.whole.push(v);
    });
    return;
  }
  // unquoted: every element is split on IFS whitespace and may glob
  r.values.forEach((v, k) => {
    if (k > 0) sink.split();
    for (const c of v.chars) {
      if (IFS_WS.includes(c.ch)) sink.split();
      else sink.char(valueChar(c, site, !v.known, c.glob || GLOB_CHARS.includes(c.ch)), false);
    }
    if (v.chars.length > 0 && !v.chars.some((c) => IFS_WS.includes(c.ch))) sink.cur.whole.push(v);
  });
}

function pushAtoms(sink: FieldSink, ctx: ExpandCtx, atoms: readonly Atom[], mode: Mode): void {
  for (const a of atoms) {
    if (a.kind === 'lit') {
      const glob = mode === 'word' && a.q === 'none' && GLOB_CHARS.includes(a.ch);
      sink.char({ ch: a.ch, start: a.start, end: a.end, q: a.q, glob, site: null, unk: false }, true);
    } else if (a.kind === 'mark') sink.mark(a.q, null);
    else pushExpansion(sink, ctx, a, mode);
  }
}

/** The character of an unquoted literal atom, else null. */
function unquotedChar(a: Atom | undefined): string | null {
  return a !== undefined && a.kind === 'lit' && a.q === 'none' ? a.ch : null;
}

function isUnquoted(a: Atom | undefined, ch: string): boolean {
  return unquotedChar(a) === ch;
}

/** An unquoted `~` / `~user` prefix at `from` (ended by an unquoted `/` or `stop`), which expands to an unknown home. */
function tildeAt(atoms: readonly Atom[], from: number, stop: string): boolean {
  if (!isUnquoted(atoms[from], '~')) return false;
  for (let i = from + 1; i < atoms.length; i++) {
    const a = atoms[i];
    const c = unquotedChar(a);
    if (c === '/' || (stop && c === stop)) return true;
    if (c === null || !(isNameChar(c) || '.-+'.includes(c))) return false;
  }
  return true;
}

const ATOM_BRACE_OPS: BraceOps<Atom> = {
  syn: (a) => (a.kind === 'lit' && a.q === 'none' ? a.ch : null),
  raw: (a) => (a.kind === 'lit' && a.q !== 'escaped' ? a.ch : null),
  // a generated `\` (as in {Z..a}) is removed by quote removal, leaving an empty word
  make: (text, open, close) =>
    text === '\\'
      ? [{ kind: 'mark', q: 'escaped', start: open.start, end: close.end }]
      : text.split('').map((ch): Atom => ({ kind: 'lit', ch, start: open.start, end: close.end, q: 'none' })),
};

/** Source span of a word, extended over a CR that ends its line (bash keeps it in the word). */
function wordSpan(src: string, nodes: readonly Node[]): [number, number] {
  const start = nodes[0].startIndex;
  let end = nodes[nodes.length - 1].endIndex;
  if (src[end] === '\r' && (end + 1 === src.length || src[end + 1] === '\n')) end++;
  return [start, end];
}

/** Expands one source word (adjacent nodes) into the words the program receives. */
export function expandWord(ctx: ExpandCtx, nodes: readonly Node[]): IndexedWord[] {
  const [start, end] = wordSpan(ctx.src, nodes);
  const atoms = lexWord(ctx.src, nodes, start, end);
  let seqs: Atom[][] = [atoms];
  let braceExpanded = false;
  let unquotedBrace = false;
  if (ctx.shell === 'bash') {
    const r = braceExpand(atoms, ATOM_BRACE_OPS);
    seqs = r.words;
    braceExpanded = r.expanded;
  } else unquotedBrace = hasBraceExpansion(atoms, ATOM_BRACE_OPS);
  const out: IndexedWord[] = [];
  for (const seq of seqs) {
    const sink = new FieldSink();
    if (tildeAt(seq, 0, '')) sink.cur.known = false;
    pushAtoms(sink, ctx, seq, 'word');
    for (const f of sink.finish()) out.push(fieldToWord(f, { useRange: [start, end], braceExpanded, unquotedBrace }));
  }
  return out;
}

/** Converts an expanded word into a stored value. */
export function wordToValue(w: IndexedWord): Value {
  const chars = w.text.split('').map((ch, i) => ({ ch, start: w.idx[i], end: w.ends[i], q: w.qs[i], glob: w.glob[i] }));
  return { chars, known: w.known, range: w.range };
}

/**
 * The value of a scalar assignment `X=...` (no splitting, globbing or brace expansion).
 * `nodes` is empty for `X=`; `at` is then the index after the `=`.
 */
export function expandAssignment(ctx: ExpandCtx, nodes: readonly Node[], at: number): Value {
  let start = at;
  let end = at;
  let atoms: Atom[] = [];
  if (nodes.length > 0) {
    [start, end] = wordSpan(ctx.src, nodes);
    atoms = lexWord(ctx.src, nodes, start, end);
  } else if (ctx.src[at] === '\r' && (at + 1 === ctx.src.length || ctx.src[at + 1] === '\n')) {
    end = at + 1;
    atoms = [{ kind: 'lit', ch: '\r', start: at, end, q: 'none' }];
  }
  const sink = new FieldSink();
  sink.cur.keep = true; // an assignment always has a value, possibly empty
  if (atoms.some((a, i) => (i === 0 || isUnquoted(atoms[i - 1], ':')) && tildeAt(atoms, i, ':'))) sink.cur.known = false;
  pushAtoms(sink, ctx, atoms, 'assign');
  const [field] = sink.finish();
  return wordToValue(fieldToWord(field, { useRange: [start, end], braceExpanded: false, unquotedBrace: false }));
}

/** True when the text between two nodes is only backslash-newline continuations (the nodes form one word). */
function joined(src: string, a: number, b: number): boolean {
  for (let i = a; i < b; i += 2) if (src[i] !== '\\' || src[i + 1] !== '\n') return false;
  return (b - a) % 2 === 0;
}

/** Groups argument nodes into words: nodes whose ranges touch form one word (tree-sitter splits `--x=<(...)`). */
export function groupWords(src: string, nodes: readonly Node[]): Node[][] {
  const out: Node[][] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && joined(src, prev.endIndex, n.startIndex)) last.push(n);
    else out.push([n]);
  }
  return out;
}

/** The elements of an array literal `(a 'b c' "${B[@]}")`, fully expanded as words. */
export function expandArray(ctx: ExpandCtx, array: Node): Value[] {
  const elems = array.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const out: Value[] = [];
  for (const group of groupWords(ctx.src, elems)) for (const w of expandWord(ctx, group)) out.push(wordToValue(w));
  return out;
}

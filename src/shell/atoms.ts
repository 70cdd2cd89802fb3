// Lexes one shell word (adjacent tree-sitter nodes) into atoms: quoted/unquoted literal characters and expansion sites.
import type { Node } from 'web-tree-sitter';

/** How one literal character was quoted: `escaped` is a backslash outside double quotes. */
export type QuoteKind = 'none' | 'single' | 'double' | 'escaped';

/** A literal character after quote removal; `start`/`end` are its source span (escape included). */
export interface LitAtom {
  kind: 'lit';
  ch: string;
  start: number;
  end: number;
  q: QuoteKind;
}

/** An empty quoted segment (`''`, `""`): keeps an otherwise empty word alive. */
export interface MarkAtom {
  kind: 'mark';
  q: QuoteKind;
  start: number;
  end: number;
}

/** An expansion: `$X`, `${...}`, `$(...)`, backticks, `$((...))`, `<(...)`. `node` is null for ones lexed by hand. */
export interface ExpAtom {
  kind: 'exp';
  node: Node | null;
  /** Variable name for a hand-lexed `$NAME` / `$1`. */
  name?: string;
  start: number;
  end: number;
  /** Inside double quotes. */
  quoted: boolean;
}

/** One piece of a word. */
export type Atom = LitAtom | MarkAtom | ExpAtom;

/** Node types that are expansions. */
export const EXPANSION_TYPES: ReadonlySet<string> = new Set([
  'simple_expansion',
  'expansion',
  'command_substitution',
  'process_substitution',
  'arithmetic_expansion',
]);

const QUOTED_TYPES = new Set(['string', 'raw_string', 'ansi_c_string', 'translated_string']);

function lit(ch: string, start: number, end: number, q: QuoteKind): LitAtom {
  return { kind: 'lit', ch, start, end, q };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** True for characters that may start a shell variable name. */
export function isNameStart(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/** True for characters that may continue a shell variable name. */
export function isNameChar(c: string | undefined): boolean {
  return isNameStart(c) || isDigit(c);
}

const SPECIAL_PARAMS = '@*#?$!-';

/** The index after the bracket closing the one at `open` (`{`/`(`), or -1. Quotes are not considered. */
function closeBracket(src: string, open: number, end: number): number {
  const o = src[open];
  const c = o === '{' ? '}' : ')';
  let depth = 0;
  for (let j = open; j < end; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === o) depth++;
    else if (src[j] === c && --depth === 0) return j + 1;
  }
  return -1;
}

/**
 * Hand-lexes `$1`, `$@`, `$NAME`, `${NAME}`, `${...}`, `$(...)` at `i`, which tree-sitter sometimes leaves as
 * plain text; returns the end or -1. Only `$NAME`/`${NAME}` keep a name that can be resolved.
 */
function lexDollar(src: string, i: number, end: number, out: Atom[], quoted: boolean): number {
  const c = src[i + 1];
  if (i + 1 >= end || c === undefined) return -1;
  if (c === '{' || c === '(') {
    const close = closeBracket(src, i + 1, end);
    if (close < 0) return -1;
    const inner = src.slice(i + 2, close - 1);
    const name = c === '{' && inner.length > 0 && isNameStart(inner[0]) && [...inner].every(isNameChar) ? inner : undefined;
    out.push({ kind: 'exp', node: null, name, start: i, end: close, quoted });
    return close;
  }
  if (isDigit(c) || SPECIAL_PARAMS.includes(c)) {
    out.push({ kind: 'exp', node: null, name: c, start: i, end: i + 2, quoted });
    return i + 2;
  }
  if (!isNameStart(c)) return -1;
  let j = i + 1;
  while (j < end && isNameChar(src[j])) j++;
  out.push({ kind: 'exp', node: null, name: src.slice(i + 1, j), start: i, end: j, quoted });
  return j;
}

/** Pushes the UTF-16 unit(s) of the code point at `i` as escaped literal(s) starting at the backslash `at`. */
function pushEscaped(src: string, at: number, i: number, out: Atom[], q: QuoteKind): number {
  const code = src.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < src.length) {
    out.push(lit(src[i], at, i + 1, q), lit(src[i + 1], i + 1, i + 2, q));
    return i + 2;
  }
  out.push(lit(src[i], at, i + 1, q));
  return i + 1;
}

/** Quotes in text tree-sitter did not structure (e.g. inside a `regex` node): returns the end or -1. */
function lexRawQuote(src: string, i: number, b: number, out: Atom[]): number {
  const before = out.length;
  let j = i + 1;
  if (src[i] === "'") {
    while (j < b && src[j] !== "'") j++;
    if (j >= b) return -1;
    for (let k = i + 1; k < j; k++) out.push(lit(src[k], k, k + 1, 'single'));
  } else {
    while (j < b && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
    if (j >= b) return -1;
    lexDouble(src, i + 1, j, out);
  }
  if (out.length === before) out.push({ kind: 'mark', q: src[i] === "'" ? 'single' : 'double', start: i, end: j + 1 });
  return j + 1;
}

function lexUnquoted(src: string, a: number, b: number, out: Atom[], next: Node | null): void {
  let i = a;
  while (i < b) {
    const c = src[i];
    if (c === "'" || c === '"') {
      const j = lexRawQuote(src, i, b, out);
      if (j > 0) {
        i = j;
        continue;
      }
    }
    if (c === '\\' && i + 1 < b) {
      if (src[i + 1] === '\n') {
        i += 2; // line continuation inside a word
        continue;
      }
      i = pushEscaped(src, i, i + 1, out, 'escaped');
      continue;
    }
    if (c === '$') {
      if (i + 1 === b && next && next.startIndex === b && (next.type === 'string' || next.type === 'translated_string')) {
        i++; // $"..." (locale translation) is a double-quoted string
        continue;
      }
      const j = lexDollar(src, i, b, out, false);
      if (j > 0) {
        i = j;
        continue;
      }
    }
    out.push(lit(c, i, i + 1, 'none'));
    i++;
  }
}

const DQ_ESCAPABLE = '$`"\\';

function lexDouble(src: string, a: number, b: number, out: Atom[]): void {
  let i = a;
  while (i < b) {
    const c = src[i];
    if (c === '\\' && i + 1 < b) {
      const n = src[i + 1];
      if (n === '\n') {
        i += 2;
        continue;
      }
      if (DQ_ESCAPABLE.includes(n)) {
        out.push(lit(n, i, i + 2, 'double'));
        i += 2;
        continue;
      }
    }
    if (c === '$') {
      const j = lexDollar(src, i, b, out, true);
      if (j > 0) {
        i = j;
        continue;
      }
    }
    out.push(lit(c, i, i + 1, 'double'));
    i++;
  }
}

function hexValue(c: string | undefined): number {
  if (c === undefined) return -1;
  const v = parseInt(c, 16);
  return Number.isNaN(v) ? -1 : v;
}

const ANSI_SIMPLE: ReadonlyMap<string, string> = new Map([
  ['a', '\x07'], ['b', '\b'], ['e', '\x1b'], ['E', '\x1b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t'],
  ['v', '\v'], ['\\', '\\'], ["'", "'"], ['"', '"'], ['?', '?'],
]);

/** Decodes the body of `$'...'` (bash ANSI-C quoting); each produced character maps to its escape's start. */
function lexAnsiC(src: string, a: number, b: number, out: Atom[]): void {
  let i = a;
  const push = (text: string, start: number, end: number): void => {
    for (const unit of text.split('')) out.push(lit(unit, start, end, 'single'));
  };
  while (i < b) {
    if (src[i] !== '\\' || i + 1 >= b) {
      out.push(lit(src[i], i, i + 1, 'single'));
      i++;
      continue;
    }
    const e = src[i + 1];
    const simple = ANSI_SIMPLE.get(e);
    if (simple !== undefined) {
      push(simple, i, i + 2);
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      let v = 0;
      while (j < b && j < i + 4 && src[j] >= '0' && src[j] <= '7') v = v * 8 + Number(src[j++]);
      push(String.fromCharCode(v & 0xff), i, j);
      i = j;
      continue;
    }
    const maxHex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (maxHex > 0) {
      let j = i + 2;
      let v = 0;
      while (j < b && j < i + 2 + maxHex && hexValue(src[j]) >= 0) v = v * 16 + hexValue(src[j++]);
      if (j > i + 2 && v <= 0x10ffff) {
        push(e === 'x' ? String.fromCharCode(v) : String.fromCodePoint(v), i, j);
        i = j;
        continue;
      }
    }
    if (e === 'c' && i + 2 < b) {
      push(String.fromCharCode(src.charCodeAt(i + 2) & 0x1f), i, i + 3);
      i += 3;
      continue;
    }
    push('\\' + e, i, i + 2);
    i += 2;
  }
}

/**
 * Lexes a quoted string. An empty one (`''`, `""`) leaves a mark so that it still makes a word; expansions
 * inside double quotes decide themselves whether they make a word (`"${A[@]}"` of an empty array does not).
 */
function lexQuoted(src: string, n: Node, out: Atom[]): void {
  const before = out.length;
  const s = n.startIndex;
  const e = n.endIndex;
  const q: QuoteKind = n.type === 'raw_string' || n.type === 'ansi_c_string' ? 'single' : 'double';
  lexQuotedBody(src, n, out);
  if (out.length === before) out.push({ kind: 'mark', q, start: s, end: e });
}

function lexQuotedBody(src: string, n: Node, out: Atom[]): void {
  const s = n.startIndex;
  const e = n.endIndex;
  if (n.type === 'raw_string') {
    const close = e - s >= 2 && src[e - 1] === "'" ? e - 1 : e;
    for (let i = s + 1; i < close; i++) out.push(lit(src[i], i, i + 1, 'single'));
    return;
  }
  if (n.type === 'ansi_c_string') {
    lexAnsiC(src, s + 2, e - s >= 3 && src[e - 1] === "'" ? e - 1 : e, out);
    return;
  }
  // "..." or $"...": lex the gaps between expansion children as double-quoted text.
  const open = src[s] === '$' ? s + 2 : s + 1;
  const close = e - open >= 1 && src[e - 1] === '"' ? e - 1 : e;
  let i = open;
  const exps: Node[] = [];
  collect(n, exps, EXPANSION_TYPES);
  for (const x of exps) {
    if (x.startIndex < i || x.endIndex > close) continue;
    lexDouble(src, i, x.startIndex, out);
    out.push({ kind: 'exp', node: x, start: x.startIndex, end: x.endIndex, quoted: true });
    i = x.endIndex;
  }
  lexDouble(src, i, close, out);
}

/** Collects the outermost descendants of `n` (excluding `n`) whose type is in `types`, in order. */
function collect(n: Node, acc: Node[], types: ReadonlySet<string>): void {
  for (const c of n.children) {
    if (!c) continue;
    if (types.has(c.type)) acc.push(c);
    else collect(c, acc, types);
  }
}

const STRUCT_TYPES: ReadonlySet<string> = new Set([...EXPANSION_TYPES, ...QUOTED_TYPES]);

/**
 * Lexes the source span [start, end) covered by `nodes` (one word) into atoms.
 * Quoted strings and expansions come from the tree; the text between them is unquoted text.
 */
export function lexWord(src: string, nodes: readonly Node[], start: number, end: number): Atom[] {
  const structs: Node[] = [];
  for (const n of nodes) {
    if (STRUCT_TYPES.has(n.type)) structs.push(n);
    else collect(n, structs, STRUCT_TYPES);
  }
  const out: Atom[] = [];
  let i = start;
  for (let k = 0; k < structs.length; k++) {
    const n = structs[k];
    if (n.startIndex < i || n.endIndex > end) continue;
    lexUnquoted(src, i, n.startIndex, out, n);
    if (EXPANSION_TYPES.has(n.type)) out.push({ kind: 'exp', node: n, start: n.startIndex, end: n.endIndex, quoted: false });
    else lexQuoted(src, n, out);
    i = n.endIndex;
  }
  lexUnquoted(src, i, end, out, null);
  return out;
}

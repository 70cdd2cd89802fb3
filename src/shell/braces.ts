// Bash brace expansion ({a,b}, {1..3}) over sequences of items, following the algorithm of bash's braces.c.

/** How brace expansion sees the items of a word. */
export interface BraceOps<T> {
  /** The character when the item is an unquoted literal that may act as brace syntax, else null. */
  syn(item: T): string | null;
  /** The character as it appears in the raw text when it is not backslash-escaped (quoted chars included), else null. */
  raw(item: T): string | null;
  /** Items for one generated sequence term such as `07` or `c`, placed at the braces `open`..`close`. */
  make(text: string, open: T, close: T): T[];
}

/** The words produced, and whether any brace expression was expanded. */
export interface BraceResult<T> {
  words: T[][];
  expanded: boolean;
}

const MAX_WORDS = 4096;

class TooMany extends Error {}

function synAt<T>(items: readonly T[], i: number, ops: BraceOps<T>): string | null {
  return i >= 0 && i < items.length ? ops.syn(items[i]) : null;
}

/** bash brace_gobbler: the index of the next `satisfy` char at nesting level 0 (for `}`: only after a `,` or `..`). */
function gobble<T>(items: readonly T[], from: number, satisfy: string, ops: BraceOps<T>): [string | null, number] {
  let level = 0;
  let commas = satisfy === '}' ? 0 : 1;
  let i = from;
  for (; i < items.length; i++) {
    const c = ops.syn(items[i]);
    if (c === null) continue;
    if (c === satisfy && level === 0 && commas > 0) {
      // bash ignores `{` at the start of the text followed by the end or by `}`
      if (c === '{' && i === 0 && (i + 1 === items.length || synAt(items, i + 1, ops) === '}')) continue;
      return [c, i];
    }
    if (c === '{') level++;
    else if (c === '}' && level > 0) level--;
    else if (satisfy === '}' && level === 0 && c === ',') commas++;
    else if (satisfy === '}' && level === 0 && c === '.' && synAt(items, i + 1, ops) === '.' && synAt(items, i + 2, ops) !== '}') commas++;
  }
  return [null, i];
}

function concat<T>(a: T[][], b: T[][]): T[][] {
  if (a.length * b.length > MAX_WORDS) throw new TooMany();
  const out: T[][] = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out;
}

/** bash's check that an amble holds a comma not escaped by a backslash (quoted commas count). */
function hasSeparator<T>(amble: readonly T[], ops: BraceOps<T>): boolean {
  for (let j = 0; j < amble.length; j++) {
    const r = ops.raw(amble[j]);
    if (r === '\\') j++;
    else if (r === ',') return true;
  }
  return false;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isAlpha(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/** strtoimax on `s` from `at`: the value and the index after the digits (`at` when none). */
function strtoimax(s: string, at: number): [number, number] {
  let i = at;
  while (s[i] === ' ' || s[i] === '\t') i++;
  let sign = 1;
  if (s[i] === '+' || s[i] === '-') sign = s[i++] === '-' ? -1 : 1;
  const digits = i;
  let v = 0;
  while (isDigit(s[i])) v = v * 10 + Number(s[i++]);
  return i === digits ? [0, at] : [sign * v, i];
}

function legalNumber(s: string): number | null {
  const [v, end] = strtoimax(s, 0);
  if (end === 0) return null;
  let i = end;
  while (s[i] === ' ' || s[i] === '\t') i++;
  return i === s.length && Number.isSafeInteger(v) ? v : null;
}

function padInt(n: number, width: number): string {
  const digits = String(Math.abs(n));
  return n < 0 ? '-' + digits.padStart(width - 1, '0') : digits.padStart(width, '0');
}

/** bash expand_seqterm: the terms of `a..b[..incr]`, or null when the text is not a valid sequence. */
export function sequenceTerms(text: string): string[] | null {
  const dd = text.indexOf('..');
  if (dd < 0) return null;
  const lhs = text.slice(0, dd);
  const rhs = text.slice(dd + 2);
  if (!lhs || !rhs) return null;
  const lhsNum = legalNumber(lhs);
  const lhsType = lhsNum !== null ? 'int' : isAlpha(lhs[0]) && lhs.length === 1 ? 'char' : 'bad';
  let rhsType: 'int' | 'char' | 'bad' = 'bad';
  let rhsNum = 0;
  let ep = 0;
  if (isDigit(rhs[0]) || ((rhs[0] === '+' || rhs[0] === '-') && isDigit(rhs[1]))) {
    [rhsNum, ep] = strtoimax(rhs, 0);
    rhsType = (ep < rhs.length && rhs[ep] !== '.') || !Number.isSafeInteger(rhsNum) ? 'bad' : 'int';
  } else if (isAlpha(rhs[0]) && (rhs.length === 1 || rhs[1] === '.')) {
    rhsType = 'char';
    ep = 1;
  }
  const rhsLen = ep;
  let incr = 1;
  if (rhsType !== 'bad') {
    if (rhs[ep] === '.' && rhs[ep + 1] === '.' && ep + 2 < rhs.length) [incr, ep] = strtoimax(rhs, ep + 2);
    if (ep < rhs.length) rhsType = 'bad';
  }
  if (lhsType !== rhsType || lhsType === 'bad') return null;
  let start: number;
  let end: number;
  let width = 0;
  if (lhsType === 'char') {
    start = lhs.charCodeAt(0);
    end = rhs.charCodeAt(0);
  } else {
    start = lhsNum ?? 0;
    end = rhsNum;
    const l = lhs.length;
    if ((l > 1 && lhs[0] === '0') || (l > 2 && lhs[0] === '-' && lhs[1] === '0')) width = l;
    if (((rhsLen > 1 && rhs[0] === '0') || (rhsLen > 2 && rhs[0] === '-' && rhs[1] === '0')) && width < rhsLen) width = rhsLen;
    if (width > 0) width = Math.max(width, l, rhsLen);
  }
  if (!Number.isSafeInteger(incr)) return null;
  if (incr === 0) incr = 1;
  if (start > end && incr > 0) incr = -incr;
  else if (start < end && incr < 0) incr = -incr;
  if (Math.abs(end - start) / Math.abs(incr) + 1 > MAX_WORDS) return null;
  const out: string[] = [];
  for (let n = start; ; n += incr) {
    out.push(lhsType === 'char' ? String.fromCharCode(n) : width > 0 ? padInt(n, width) : String(n));
    if ((incr < 0 && n + incr < end) || (incr > 0 && n + incr > end)) break;
  }
  return out;
}

function expandSeq<T>(amble: readonly T[], open: T, close: T, ops: BraceOps<T>): T[][] | null {
  let text = '';
  for (const it of amble) {
    const c = ops.syn(it);
    if (c === null) return null; // quoted or expanded parts never form a sequence
    text += c;
  }
  const terms = sequenceTerms(text);
  return terms ? terms.map((t) => ops.make(t, open, close)) : null;
}

function expandAmble<T>(amble: readonly T[], ops: BraceOps<T>, st: { expanded: boolean }): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (;;) {
    const [c, i] = gobble(amble, start, ',', ops);
    for (const w of expand(amble.slice(start, i), ops, st)) {
      if (out.length >= MAX_WORDS) throw new TooMany();
      out.push(w);
    }
    if (c === null) return out;
    start = i + 1;
  }
}

function expand<T>(items: readonly T[], ops: BraceOps<T>, st: { expanded: boolean }): T[][] {
  let i = 0;
  let c: string | null = null;
  for (;;) {
    [c, i] = gobble(items, i, '{', ops);
    if (c === null) break;
    if (gobble(items, i + 1, '}', ops)[0] !== null) break;
    i++;
  }
  if (c !== '{') return [items.slice()];
  const open = i;
  const [cc, close] = gobble(items, open + 1, '}', ops);
  if (cc === null) return [items.slice()];
  const amble = items.slice(open + 1, close);
  let tack: T[][] | null;
  if (hasSeparator(amble, ops)) {
    tack = expandAmble(amble, ops, st);
    st.expanded = true;
  } else {
    tack = expandSeq(amble, items[open], items[close], ops);
    if (tack) st.expanded = true;
    else if (close + 1 < items.length) tack = [items.slice(open, close + 1)];
    else return [items.slice()];
  }
  let result = concat([items.slice(0, open)], tack);
  if (close + 1 < items.length) result = concat(result, expand(items.slice(close + 1), ops, st));
  return result;
}

/**
 * Brace-expands a word the way bash does. Quoted items, escapes and expansions are never brace syntax.
 * A word that would expand to more than a few thousand words is left unexpanded.
 */
export function braceExpand<T>(items: readonly T[], ops: BraceOps<T>): BraceResult<T> {
  const st = { expanded: false };
  try {
    return { words: expand(items, ops, st), expanded: st.expanded };
  } catch (err) {
    if (err instanceof TooMany) return { words: [items.slice()], expanded: false };
    throw err;
  }
}

/** True when bash would brace-expand something in the word. */
export function hasBraceExpansion<T>(items: readonly T[], ops: BraceOps<T>): boolean {
  return braceExpand(items, ops).expanded;
}

const TEXT_OPS: BraceOps<string> = { syn: (c) => c, raw: (c) => c, make: (text) => text.split('') };

/**
 * The words bash would make of a plain text (every character unquoted) by brace expansion, or null when
 * it has no brace expression. Used to explain a `{a,b}` that reaches a program literally.
 */
export function braceWordsOfText(text: string): string[] | null {
  const r = braceExpand([...text], TEXT_OPS);
  return r.expanded ? r.words.map((w) => w.join('')) : null;
}

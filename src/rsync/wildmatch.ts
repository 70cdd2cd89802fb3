// rsync's glob dialect (lib/wildmatch.c semantics) on byte strings, matched by NFA simulation.
import type { ByteString } from './bytes.js';

/** One compiled pattern element. */
type Token =
  | { kind: 'byte'; byte: number }
  | { kind: 'one' } // `?`: any byte but `/`
  | { kind: 'star' } // `*`: any run without `/`
  | { kind: 'starstar' } // `**` (or longer run of `*`): any run
  | { kind: 'set'; member: Uint8Array }; // `[...]`: one byte in the set (never `/`)

/** A compiled glob: `never` is set when rsync's matcher can never succeed with it. */
export interface Glob {
  tokens: Token[];
  never: boolean;
}

const CLASSES: Record<string, (c: number) => boolean> = {
  alnum: (c) => isAlpha(c) || isDigit(c),
  alpha: (c) => isAlpha(c),
  blank: (c) => c === 0x20 || c === 0x09,
  cntrl: (c) => c < 0x20 || c === 0x7f,
  digit: (c) => isDigit(c),
  graph: (c) => c > 0x20 && c < 0x7f,
  lower: (c) => c >= 0x61 && c <= 0x7a,
  print: (c) => c >= 0x20 && c < 0x7f,
  punct: (c) => c > 0x20 && c < 0x7f && !isAlpha(c) && !isDigit(c),
  space: (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d),
  upper: (c) => c >= 0x41 && c <= 0x5a,
  xdigit: (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
};

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Parse a bracket expression starting just after `[` at index i; returns the set and the index after `]`, or null (never matches). */
function parseSet(p: ByteString, start: number): { member: Uint8Array; next: number } | null {
  const member = new Uint8Array(256);
  let i = start;
  let negate = false;
  if (p[i] === '!' || p[i] === '^') {
    negate = true;
    i++;
  }
  let prev = -1; // previous member byte that may start a range, -1 when none
  let first = true;
  for (;;) {
    if (i >= p.length) return null;
    const c = p.charCodeAt(i);
    if (c === 0x5d /* ] */ && !first) break;
    first = false;
    if (c === 0x5c /* \ */) {
      i++;
      if (i >= p.length) return null;
      const lit = p.charCodeAt(i);
      member[lit] = 1;
      prev = lit;
      i++;
      continue;
    }
    if (c === 0x2d /* - */ && prev >= 0 && i + 1 < p.length && p[i + 1] !== ']') {
      i++;
      let hi = p.charCodeAt(i);
      if (hi === 0x5c) {
        i++;
        if (i >= p.length) return null;
        hi = p.charCodeAt(i);
      }
      for (let b = prev; b <= hi; b++) member[b] = 1;
      prev = -1;
      i++;
      continue;
    }
    if (c === 0x5b /* [ */ && p[i + 1] === ':') {
      const nameStart = i + 2;
      let j = nameStart;
      while (j < p.length && p[j] !== ']') j++;
      if (j >= p.length) return null;
      const len = j - nameStart - 1;
      if (len < 0 || p[j - 1] !== ':') {
        // no `:]`: the `[` is an ordinary member and scanning resumes after it
        member[0x5b] = 1;
        prev = 0x5b;
        i++;
        continue;
      }
      const test = CLASSES[p.slice(nameStart, nameStart + len)];
      if (!test) return null;
      for (let b = 0; b < 256; b++) if (test(b)) member[b] = 1;
      prev = -1;
      i = j + 1;
      continue;
    }
    member[c] = 1;
    prev = c;
    i++;
  }
  if (negate) for (let b = 0; b < 256; b++) member[b] = member[b] ? 0 : 1;
  member[0x2f] = 0;
  return { member, next: i + 1 };
}

/** Compile an rsync wild pattern (bytes) into tokens. */
export function compileGlob(pattern: ByteString): Glob {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      if (i + 1 >= pattern.length) return { tokens, never: true };
      tokens.push({ kind: 'byte', byte: pattern.charCodeAt(i + 1) });
      i += 2;
    } else if (c === 0x3f /* ? */) {
      tokens.push({ kind: 'one' });
      i++;
    } else if (c === 0x2a /* * */) {
      let j = i;
      while (j < pattern.length && pattern[j] === '*') j++;
      tokens.push({ kind: j - i >= 2 ? 'starstar' : 'star' });
      i = j;
    } else if (c === 0x5b /* [ */) {
      const set = parseSet(pattern, i + 1);
      if (!set) return { tokens, never: true };
      tokens.push({ kind: 'set', member: set.member });
      i = set.next;
    } else {
      tokens.push({ kind: 'byte', byte: c });
      i++;
    }
  }
  return { tokens, never: false };
}

/** Does the compiled glob match the whole text (a byte string)? Linear in pattern x text. */
export function globMatches(glob: Glob, text: ByteString): boolean {
  if (glob.never) return false;
  const toks = glob.tokens;
  const n = toks.length;
  let cur = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  cur[0] = 1;
  closure(toks, cur);
  for (let t = 0; t < text.length; t++) {
    const c = text.charCodeAt(t);
    next.fill(0);
    let any = false;
    for (let s = 0; s < n; s++) {
      if (!cur[s]) continue;
      const tok = toks[s];
      switch (tok.kind) {
        case 'byte':
          if (tok.byte === c) { next[s + 1] = 1; any = true; }
          break;
        case 'one':
          if (c !== 0x2f) { next[s + 1] = 1; any = true; }
          break;
        case 'set':
          if (tok.member[c]) { next[s + 1] = 1; any = true; }
          break;
        case 'star':
          if (c !== 0x2f) { next[s] = 1; any = true; }
          break;
        case 'starstar':
          next[s] = 1;
          any = true;
          break;
      }
    }
    if (!any) return false;
    closure(toks, next);
    const swap = cur;
    cur = next;
    next = swap;
  }
  return cur[n] === 1;
}

/** Add the states reachable by letting a star match nothing. */
function closure(toks: Token[], states: Uint8Array): void {
  for (let s = 0; s < toks.length; s++) {
    if (states[s] && (toks[s].kind === 'star' || toks[s].kind === 'starstar')) states[s + 1] = 1;
  }
}

/** rsync's wildmatch(pattern, text): the whole text must match. */
export function wildmatch(pattern: ByteString, text: ByteString): boolean {
  return globMatches(compileGlob(pattern), text);
}

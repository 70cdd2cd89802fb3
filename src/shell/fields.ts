// Collects expanded characters into fields (words) and turns each field into an index-based word.
import type { QuoteKind } from './atoms.js';
import { braceExpand, type BraceOps } from './braces.js';
import type { Value } from './state.js';
import type { QuoteStyle } from './types.js';

/** Where an expansion is written. `known` is false when its value is unknown (its text is then the source text). */
export interface Site {
  name?: string;
  quoted: boolean;
  start: number;
  end: number;
  known: boolean;
}

/** One character of an expanded word. */
export interface FChar {
  ch: string;
  /** Source span the character came from (for expanded values: the definition). */
  start: number;
  end: number;
  q: QuoteKind;
  /** Pathname expansion may treat it as a glob character. */
  glob: boolean;
  /** The expansion that produced it, null for literal text. */
  site: Site | null;
  /** Part of an unknown value. */
  unk: boolean;
  /** An unquoted glob character in an array element's definition (pathname-expanded at assignment). */
  defGlob?: boolean;
}

/** A word being built. */
export interface Field {
  chars: FChar[];
  /** Keep even when empty (it had quotes). */
  keep: boolean;
  known: boolean;
  kinds: Set<QuoteKind>;
  /** Has characters written literally in the word (not produced by an expansion). */
  literal: boolean;
  sites: Set<Site>;
  /** Values appended whole, without splitting. */
  whole: Value[];
}

function newField(): Field {
  return { chars: [], keep: false, known: true, kinds: new Set(), literal: false, sites: new Set(), whole: [] };
}

/** Receives characters, quote marks and field breaks; yields the fields. */
export class FieldSink {
  private readonly done: Field[] = [];
  cur: Field = newField();

  /** Appends a character; `literal` when written in the word itself. */
  char(c: FChar, literal: boolean): void {
    this.cur.chars.push(c);
    this.cur.kinds.add(c.site ? (c.site.quoted ? 'double' : 'none') : c.q);
    if (literal) this.cur.literal = true;
    if (c.site) this.cur.sites.add(c.site);
  }

  /** Notes a quoted (possibly empty) segment: the field survives even if empty. */
  mark(kind: QuoteKind, site: Site | null): void {
    this.cur.keep = true;
    this.cur.kinds.add(kind);
    if (site) this.cur.sites.add(site);
  }

  /** Ends the current field (IFS whitespace or an array element boundary); empty unquoted fields vanish. */
  split(): void {
    if (this.cur.chars.length > 0 || this.cur.keep) this.done.push(this.cur);
    this.cur = newField();
  }

  /** All fields. */
  finish(): Field[] {
    this.split();
    return this.done;
  }
}

/** A word after expansion; positions are string indices. */
export interface IndexedWord {
  text: string;
  known: boolean;
  range: [number, number];
  /** Per character: source index for posAt, its end, quoting and glob flag. */
  idx: number[];
  ends: number[];
  qs: QuoteKind[];
  glob: boolean[];
  quoted: QuoteStyle;
  fromExpansion?: { name: string; quoted: boolean; range: [number, number] };
  hasUnquotedGlob: boolean;
  /** the text is known except for the pathname expansion its unquoted glob may undergo */
  valueKnown: boolean;
  braceExpanded: boolean;
  unquotedBrace: boolean;
  quotedBrace: boolean;
  /** An array element written with an unquoted glob: bash pathname-expanded it at the assignment. */
  elementGlob: boolean;
  /** A quote character produced by an expansion: it reaches the program, quote removal does not apply. */
  expandedQuotes: boolean;
}

function quoteStyle(kinds: Set<QuoteKind>): QuoteStyle {
  const set = new Set([...kinds].map((k) => (k === 'escaped' ? 'single' : k)));
  if (set.size === 0) return 'none';
  if (set.size > 1) return 'mixed';
  return [...set][0] as QuoteStyle;
}

function hasGlob(chars: readonly FChar[], flag: (c: FChar) => boolean = (c) => c.glob): boolean {
  return chars.some(
    (c, i) => flag(c) && (c.ch === '*' || c.ch === '?' || (c.ch === '[' && chars.slice(i + 1).some((d) => d.ch === ']'))),
  );
}

/** Brace syntax that no shell will expand: quoted characters or characters from known expansions. */
const INERT_BRACE_OPS: BraceOps<FChar> = {
  syn: (c) => ((c.site ? c.site.known : c.q !== 'none') ? c.ch : null),
  raw: (c) => ((c.site ? c.site.known : c.q !== 'none') ? c.ch : null),
  make: () => [],
};

/** Flags of the source word shared by all its fields. */
export interface WordFlags {
  useRange: [number, number];
  braceExpanded: boolean;
  unquotedBrace: boolean;
}

/**
 * Turns a field into a word. A word made entirely by one known expansion maps to the expanded value's
 * definition; otherwise the word spans the source word and expanded characters map to their expansion site.
 */
export function fieldToWord(f: Field, flags: WordFlags): IndexedWord {
  const chars = f.chars;
  const text = chars.map((c) => c.ch).join('');
  const single = !f.literal && f.sites.size === 1 ? [...f.sites][0] : undefined;
  let range: [number, number];
  let idx: number[];
  let ends: number[];
  let fromExpansion: IndexedWord['fromExpansion'];
  if (single?.name) fromExpansion = { name: single.name, quoted: single.quoted, range: [single.start, single.end] };
  if (single?.known) {
    idx = chars.map((c) => c.start);
    ends = chars.map((c) => c.end);
    const whole = f.whole.length === 1 && f.whole[0].chars.length === chars.length ? f.whole[0] : undefined;
    if (whole) range = whole.range;
    else if (chars.length > 0) range = [idx[0], ends[ends.length - 1]];
    else range = [single.start, single.end];
  } else {
    idx = chars.map((c) => (c.site?.known ? c.site.start : c.start));
    ends = chars.map((c) => (c.site?.known ? c.site.end : c.end));
    range = flags.useRange;
  }
  const hasUnquotedGlob = hasGlob(chars);
  return {
    text,
    known: f.known && !hasUnquotedGlob && chars.every((c) => !c.unk),
    valueKnown: f.known && chars.every((c) => !c.unk),
    range,
    idx,
    ends,
    qs: chars.map((c) => c.q),
    glob: chars.map((c) => c.glob),
    quoted: quoteStyle(f.kinds),
    fromExpansion,
    hasUnquotedGlob,
    braceExpanded: flags.braceExpanded,
    unquotedBrace: flags.unquotedBrace,
    quotedBrace: braceExpand(chars, INERT_BRACE_OPS).expanded,
    elementGlob: hasGlob(chars, (c) => c.defGlob === true),
    expandedQuotes: chars.some((c) => c.site !== null && c.site.known && (c.ch === '"' || c.ch === "'")),
  };
}

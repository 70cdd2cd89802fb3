// Facts about a pattern's text that several rules share: never-matching forms, broken text, example names.

/** The blanks rsync keeps when they surround a pattern (it trims none of them). */
export const PATTERN_BLANKS = ' \t\n\v\f\r';

/** Where the pattern's text starts and ends once its leading and trailing `blanks` are cut off. */
export function blankTrim(p: string, blanks: string = PATTERN_BLANKS): { start: number; end: number } {
  let start = 0;
  while (start < p.length && blanks.includes(p[start])) start++;
  let end = p.length;
  while (end > start && blanks.includes(p[end - 1])) end--;
  return { start, end };
}

/** The whitespace and comment after a pattern: ` # note`, `\t; note`. */
const TRAILING_COMMENT = /(?<![ \t])[ \t]+(?:#|;(?=[ \t]|$))/; // the lookbehind keeps it linear on long blank runs

/** A ` # ...` or ` ; ...` after a pattern, which rsync keeps as part of it: where its blanks start and where its `#`/`;` is. */
export function trailingComment(p: string): { start: number; mark: number } | null {
  const m = TRAILING_COMMENT.exec(p);
  return m ? { start: m.index, mark: m.index + m[0].length - 1 } : null;
}

/** An indented `#`/`;` line, which rsync takes as a pattern (only a mark in the first column starts a comment). */
export function indentedComment(p: string): boolean {
  return /^[ \t]+[#;]/.test(p);
}

/**
 * The pattern's text holds more than its author meant as the pattern: surrounding blanks
 * (surrounding-whitespace) or a comment after it or an indented comment line (inline-comment),
 * or it is a piece of a brace list the shell split at a space (`{a,` of `{'a', 'b'}`:
 * word-split-pattern). Rules that would repeat the text in a fix stay quiet on such a pattern.
 */
export function brokenPatternText(p: string): boolean {
  const { start, end } = blankTrim(p);
  return start > 0 || end < p.length || trailingComment(p) !== null || unbalancedBraces(p);
}

/** More `{` than `}` or the other way round (a brace list cut in pieces). */
function unbalancedBraces(p: string): boolean {
  let open = 0;
  for (const ch of p.replace(/\\./g, '')) {
    if (ch === '{') open++;
    else if (ch === '}' && --open < 0) return true;
  }
  return open !== 0;
}

/** Why the pattern can never match, with a repaired pattern when one is clear; null when it can match. */
export function neverMatchReason(p: string, wild: boolean, globNever: boolean): { why: string; fix?: string } | null {
  if (p === '/') return { why: 'the name `/` never occurs: rsync names have no leading or trailing slash' };
  if (p.includes('//')) return { why: 'rsync names never contain `//`', fix: p.replace(/\/{2,}/g, '/') };
  const parts = p.replace(/^\//, '').replace(/\/$/, '').split('/');
  if (parts.some((c) => c === '.' || c === '..')) {
    const fixed = parts.filter((c) => c !== '.').join('/');
    return { why: 'rsync cleans names, so they never hold a `.` or `..` component', fix: parts.includes('..') ? undefined : (p.startsWith('/') ? '/' : '') + fixed + (p.endsWith('/') ? '/' : '') };
  }
  if (globNever) {
    if (/\\$/.test(p.replace(/\/$/, ''))) return { why: 'a wild pattern ending in a lone `\\` never matches' };
    return { why: 'it has an unterminated `[` or an unknown `[:class:]`, which makes rsync\'s matcher fail on every name' };
  }
  // a backslash that escapes nothing (a trailing one) is not an escape gone wrong: `foo\` names a file `foo\`
  if (!wild && p.includes('\\') && p.replace(/\\(.)/g, '$1') !== p) {
    return { why: 'without `*`, `?` or `[` the backslash is an ordinary character, so it matches only a name that contains `\\`', fix: p.replace(/\\(.)/g, '$1') };
  }
  return null;
}

/** Well-known places where a floating name also turns up, for messages. */
const NESTED_EXAMPLES: Record<string, string> = {
  tmp: 'home/user/Maildir/tmp', new: 'home/user/Maildir/new', cur: 'home/user/Maildir/cur',
  run: 'srv/app/run', dev: 'usr/share/doc/dev', proc: 'usr/src/linux/proc', sys: 'usr/src/linux/include/sys',
  src: 'tests/src', vendor: 'modules/payment/vendor', build: 'src/build', dist: 'packages/ui/dist',
  cache: 'var/lib/app/cache', home: 'var/lib/home', lib: 'usr/lib', test: 'src/test', tests: 'src/tests',
  public: 'themes/default/public', images: 'themes/default/images', uploads: 'wp-content/uploads',
};

/** A concrete name a glob could stand for (`*.gz` -> `x.gz`, `[ab]c` -> `ac`), for messages. */
export function sampleName(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      out += pattern[++i];
    } else if (c === '*') {
      while (pattern[i + 1] === '*') i++;
      out += 'x';
    } else if (c === '?') {
      out += 'x';
    } else if (c === '[') {
      let close = pattern.indexOf(']', i + 2);
      const cls = pattern.startsWith('[:', i + 1) ? pattern.indexOf(':]', i + 3) : -1;
      if (cls >= 0) close = pattern.indexOf(']', cls + 2);
      if (close < 0) return out + pattern.slice(i);
      const body = pattern.slice(i + 1, close);
      out += body.startsWith('!') || body.startsWith('^') || body.startsWith('[:') ? 'x' : body.charAt(0);
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** An example of a deeper path a floating pattern also matches. */
export function nestedExample(bare: string): string {
  const sample = sampleName(bare);
  return NESTED_EXAMPLES[bare] ?? `some/dir/${sample}`;
}

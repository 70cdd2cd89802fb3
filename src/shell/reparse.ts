// Recovery from tree-sitter misreadings of a valid script: blank the line it chokes on and parse again.
import type { Node, Parser, Tree } from 'web-tree-sitter';

/** Characters that open a quoted string. */
const QUOTES = new Set(["'", '"', '`']);

/** How many lines may be blanked before giving up (each try is a full parse). */
const MAX_BLANKED = 20;

/** The innermost ERROR node that runs to the end of the text. */
function errorToEnd(root: Node, length: number): Node | undefined {
  if (!root.hasError) return undefined;
  let found: Node | undefined;
  const walk = (n: Node): void => {
    if (!n.hasError && !n.isError) return;
    if (n.isError && n.endIndex >= length) found = n;
    for (const c of n.children) if (c && c.endIndex >= length) walk(c);
  };
  walk(root);
  return found;
}

/** The text with one line's characters (the line ending kept) replaced by spaces, so that offsets stay. */
function blankLine(text: string, row: number): string {
  let start = 0;
  for (let r = 0; r < row; r++) start = text.indexOf('\n', start) + 1;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/** A parse of the script and the 1-based lines blanked to get it (none when the first parse stands). */
export interface Reparsed {
  tree: Tree;
  text: string;
  blanked: number[];
}

/**
 * Parses the text; when the script is valid for the shell (`valid`: the caller's quote scanner finds nothing open) but
 * tree-sitter reads a quote as open to the end of the file (an ERROR from a quote character to the end), the line
 * of that quote is blanked and the text parsed again, until the end of the file is reached normally. The script
 * is never run.
 */
export function parseRecovering(parser: Parser, text: string, valid: () => boolean): Reparsed {
  const first = parser.parse(text);
  if (!first) throw new Error('tree-sitter could not parse the script');
  let tree = first;
  const blanked: number[] = [];
  let cur = text;
  while (blanked.length < MAX_BLANKED) {
    const err = errorToEnd(tree.rootNode, cur.trimEnd().length);
    // only a quote read as open to the end: other errors (a missing `do`) are real, and recovered elsewhere
    if (!err || !QUOTES.has(cur[err.startIndex]) || (blanked.length === 0 && !valid())) break;
    const row = err.startPosition.row;
    if (blanked.includes(row + 1)) break;
    const next = parser.parse(blankLine(cur, row));
    if (!next) break;
    if (tree !== first) tree.delete();
    tree = next;
    cur = blankLine(cur, row);
    blanked.push(row + 1);
  }
  // blanking did not reach a clean end of file: keep the first reading (its recovery regroups loose words)
  if (tree !== first && errorToEnd(tree.rootNode, cur.trimEnd().length)) {
    tree.delete();
    return { tree: first, text, blanked: [] };
  }
  if (tree !== first) first.delete();
  return { tree, text: cur, blanked: blanked.sort((a, b) => a - b) };
}

// Error recovery: regroups the words tree-sitter leaves loose inside ERROR nodes into one command per line.
import type { Node } from 'web-tree-sitter';

/** Word-like nodes that error recovery may leave outside any command. */
const LOOSE_WORDS = new Set([
  'word', 'string', 'raw_string', 'ansi_c_string', 'translated_string', 'concatenation', 'simple_expansion',
  'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion', 'number', 'brace_expression',
]);
/** Tokens that end a loose command; other anonymous tokens inside an ERROR are pieces of words (`-a`). */
const BREAKS = new Set([
  ';', ';;', '&', '&&', '||', '|', '|&', '(', ')', '{', '}', '((', '))', '[[', ']]', '\n', '<', '>', '>>', '<<', '<<-',
  '<<<', '&>', '&>>', '>&', '<&', '>|', 'if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until',
  'case', 'esac', 'function', 'select',
]);
const KEYWORDS = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'esac', '{', '}', '!']);

/** Splits loose words into lines: at nulls (operators, keywords) and at newlines not escaped by a backslash. */
function splitLines(src: string, nodes: readonly (Node | null)[]): Node[][] {
  const out: Node[][] = [];
  let cur: Node[] = [];
  const end = (): void => {
    if (cur.length > 0) out.push(cur);
    cur = [];
  };
  for (const n of nodes) {
    if (!n) {
      end();
      continue;
    }
    const prev = cur[cur.length - 1];
    if (prev) {
      for (let i = prev.endIndex; i < n.startIndex; i++) {
        if (src[i] === '\n' && src[i - 1] !== '\\') {
          end();
          break;
        }
      }
    }
    cur.push(n);
  }
  end();
  return out;
}

/** What the walker does with the pieces of an ERROR node. */
export interface RecoveryHandlers {
  /** A statement tree-sitter still recognised. */
  statement(n: Node): void;
  /** A loose word (its command substitutions still run). */
  words(n: Node): void;
  /** The loose words of one line. */
  line(nodes: Node[]): void;
}

/** The words of a loose line without leading keywords (`do`, `then`, `{`...). */
export function skipKeywords(nodes: readonly Node[]): Node[] {
  let i = 0;
  while (i < nodes.length && KEYWORDS.has(nodes[i].text)) i++;
  return nodes.slice(i);
}

/**
 * Walks an ERROR node: statements are handed over as they come; loose words (anonymous tokens such as the
 * `-` and `a` of `-a` included) are grouped per line so that an rsync line after a broken construct is kept.
 */
export function recoverError(src: string, n: Node, h: RecoveryHandlers, statements: ReadonlySet<string>): void {
  const loose: (Node | null)[] = [];
  const flush = (): void => {
    for (const line of splitLines(src, loose)) h.line(line);
    loose.length = 0;
  };
  const visit = (x: Node): void => {
    for (const c of x.children) {
      if (!c) continue;
      if (c.type === 'ERROR') visit(c);
      else if (statements.has(c.type)) {
        flush();
        h.statement(c);
      } else if (c.isNamed ? LOOSE_WORDS.has(c.type) : !BREAKS.has(c.type)) {
        h.words(c);
        loose.push(c);
      } else loose.push(null);
    }
  };
  visit(n);
  flush();
}

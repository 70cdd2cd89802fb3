// Script-level facts: the shell named by the shebang, and the syntax errors tree-sitter recovered from.
import type { Node } from 'web-tree-sitter';
import type { LineMap } from './positions.js';
import type { ShellDialect, ShellError } from './types.js';
import { baseName, isAssignmentWord } from './wrappers.js';

const BASH_LIKE = new Set(['bash', 'zsh', 'ksh', 'ksh93', 'mksh', 'pdksh']);
const SH_LIKE = new Set(['sh', 'dash', 'ash', 'posh', 'yash', 'bosh']);

function splitBlanks(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of line) {
    if (c === ' ' || c === '\t') {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * The shell that runs the script, from its `#!` line: bash, zsh and ksh count as bash; sh, dash, ash as sh.
 * Without a recognised shebang the hint is used, else sh.
 */
export function detectShell(text: string, hint?: ShellDialect): ShellDialect {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!body.startsWith('#!')) return hint ?? 'sh';
  let end = body.indexOf('\n');
  if (end < 0) end = body.length;
  const words = splitBlanks(body.slice(2, end).replace('\r', ''));
  let i = 0;
  let prog = baseName(words[i] ?? '');
  if (prog === 'env' || prog === 'busybox') {
    i++;
    while (i < words.length && (words[i].startsWith('-') || isAssignmentWord(words[i]))) i++;
    prog = baseName(words[i] ?? '');
  }
  if (BASH_LIKE.has(prog)) return 'bash';
  if (SH_LIKE.has(prog)) return 'sh';
  return hint ?? 'sh';
}

/** One error at the first non-blank character of a node, quoting the start of its text. */
function errorAt(src: string, n: Node, lines: LineMap): ShellError {
  let i = n.startIndex;
  while (i < n.endIndex && ' \t\r\n'.includes(src[i])) i++;
  if (i === n.endIndex) i = n.startIndex;
  let j = i;
  while (j < n.endIndex && src[j] !== '\n' && j - i < 30) j++;
  const snippet = src.slice(i, j).trim();
  return { ...lines.pos(i), message: snippet ? `syntax error near '${snippet}'` : 'syntax error' };
}

/**
 * The syntax errors tree-sitter recovered from: every MISSING node, and every ERROR node that has no
 * ERROR or MISSING node inside it (the inner ones point closer to the mistake).
 */
export function syntaxErrors(src: string, root: Node, lines: LineMap): ShellError[] {
  const out: ShellError[] = [];
  const walk = (n: Node): void => {
    if (n.isMissing) {
      out.push({ ...lines.pos(n.startIndex), message: `missing '${n.type}'` });
      return;
    }
    if (!n.hasError) return;
    const before = out.length;
    for (const c of n.children) if (c) walk(c);
    if (n.isError && out.length === before) out.push(errorAt(src, n, lines));
  };
  walk(root);
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

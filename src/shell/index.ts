// Finds every rsync invocation in a sh/bash script, with expanded argument words and their exact file positions.
import type { IndexedWord } from './fields.js';
import { getBashParser } from './parser.js';
import { LineMap } from './positions.js';
import { detectShell, syntaxErrors } from './script.js';
import type { ShellDialect, ShellScript, ShellWord } from './types.js';
import { findInvocations } from './walk.js';

export type {
  Pos, QuoteStyle, RsyncInvocation, ShellDialect, ShellError, ShellScript, ShellWord, SourceRange,
} from './types.js';
export { detectShell } from './script.js';
export { braceWordsOfText } from './braces.js';

function toShellWord(w: IndexedWord, lines: LineMap): ShellWord {
  const range = lines.range(w.range[0], w.range[1]);
  const word: ShellWord = {
    text: w.text,
    known: w.known,
    valueKnown: w.valueKnown,
    range,
    posAt(offset: number) {
      const i = Math.floor(offset);
      if (i >= w.text.length) return range.end;
      return lines.pos(w.idx[Math.max(0, i)]);
    },
    endAt(offset: number) {
      const i = Math.floor(offset);
      if (i >= w.text.length || i < 0) return range.end;
      return lines.pos(w.ends[i]);
    },
    quoted: w.quoted,
    hasUnquotedGlob: w.hasUnquotedGlob,
  };
  if (w.fromExpansion) {
    const [a, b] = w.fromExpansion.range;
    word.fromExpansion = { name: w.fromExpansion.name, quoted: w.fromExpansion.quoted, range: lines.range(a, b) };
  }
  if (w.braceExpanded) word.braceExpanded = true;
  if (w.unquotedBrace) word.unquotedBrace = true;
  if (w.quotedBrace) word.quotedBrace = true;
  if (w.elementGlob) word.elementGlob = true;
  if (w.expandedQuotes) word.expandedQuotes = true;
  return word;
}

/**
 * Parses a sh/bash script and returns its rsync invocations (in source order), the shell that runs it,
 * the syntax errors the parser recovered from, and whether it has CRLF line endings.
 */
export async function parseShellScript(text: string, options: { shellHint?: ShellDialect } = {}): Promise<ShellScript> {
  const parser = await getBashParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter could not parse the script');
  try {
    const shell = detectShell(text, options.shellHint);
    const lines = new LineMap(text);
    const invocations = findInvocations(tree.rootNode, text, shell).map((f) => {
      const inv = {
        program: toShellWord(f.program, lines),
        args: f.args.map((a) => toShellWord(a, lines)),
        cwd: f.cwd,
        line: lines.pos(f.programAt).line,
        wrappers: f.wrappers,
      };
      if (inv.cwd === undefined) delete inv.cwd;
      return inv;
    });
    return { shell, invocations, errors: syntaxErrors(text, tree.rootNode, lines), crlf: text.includes('\r\n') };
  } finally {
    tree.delete();
  }
}

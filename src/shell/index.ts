// Finds every rsync invocation in a sh/bash script, with expanded argument words and their exact file positions.
import type { IndexedWord } from './fields.js';
import { getBashParser } from './parser.js';
import { LineMap } from './positions.js';
import { describeOpen, unterminatedConstruct, type OpenConstruct } from './quotes.js';
import { LOST_DIR, SCRIPT_DIR } from './builtins.js';
import { parseRecovering } from './reparse.js';
import { detectShell, syntaxErrors } from './script.js';
import type { ShellDialect, ShellScript, ShellWord } from './types.js';
import { findInvocations, type FoundInvocation } from './walk.js';

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

/** An invocation without its `cwd` (the walker's marker for an unknown or script-relative directory). */
function without<T extends { cwd?: string }>(inv: T): Omit<T, 'cwd'> {
  const rest: T = { ...inv };
  delete rest.cwd;
  return rest;
}

/**
 * The construct the shell leaves open at the end of the file, or undefined. A bash script is read as bash
 * reads it; an sh script is malformed only when bash and a POSIX sh (dash) both say so (each reads `$'...'`,
 * `"${x:-'a'}"` and `$(( "1" ))` its own way), at dash's reading. tree-sitter must have seen an error too.
 */
function openAtEnd(text: string, shell: ShellDialect, treeHasError: boolean): OpenConstruct | undefined {
  if (!treeHasError) return undefined;
  const bash = unterminatedConstruct(text, 'bash');
  if (!bash || shell === 'bash') return bash;
  return unterminatedConstruct(text, 'posix');
}

/**
 * Parses a sh/bash script and returns its rsync invocations (in source order), the shell that runs it,
 * the syntax errors the parser recovered from, a quote left open, and whether it has CRLF line endings.
 */
export async function parseShellScript(text: string, options: { shellHint?: ShellDialect } = {}): Promise<ShellScript> {
  const parser = await getBashParser();
  const shell = detectShell(text, options.shellHint);
  let scanned: OpenConstruct | undefined;
  let wasScanned = false;
  const scan = (): OpenConstruct | undefined => {
    if (!wasScanned) scanned = openAtEnd(text, shell, true);
    wasScanned = true;
    return scanned;
  };
  // the shell accepts the script's quoting: a tree-sitter ERROR that runs to the end of the file is a misreading
  const reparsed = parseRecovering(parser, text, () => scan() === undefined);
  const tree = reparsed.tree;
  const source = reparsed.text;
  try {
    const lines = new LineMap(text);
    const open = tree.rootNode.hasError ? scan() : undefined;
    // from an open quote on the shell runs nothing: commands there are pieces of one unfinished word
    const runs = (f: FoundInvocation): boolean =>
      !open || (f.at < open.offset && f.args.every((a) => a.range[1] <= open.offset));
    const invocations = findInvocations(tree.rootNode, source, shell).filter(runs).map((f) => {
      const inv = {
        program: toShellWord(f.program, lines),
        args: f.args.map((a) => toShellWord(a, lines)),
        cwd: f.cwd,
        line: lines.pos(f.programAt).line,
        wrappers: f.wrappers,
      };
      if (inv.cwd === undefined) delete inv.cwd;
      else if (inv.cwd === LOST_DIR) return { ...without(inv), cwdUnknown: true as const };
      else if (inv.cwd.startsWith(SCRIPT_DIR)) return { ...without(inv), cwdInScriptDir: inv.cwd.slice(SCRIPT_DIR.length) };
      return inv;
    });
    const script: ShellScript = { shell, invocations, errors: syntaxErrors(source, tree.rootNode, lines), crlf: text.includes('\r\n') };
    if (reparsed.blanked.length > 0) script.unparsed = reparsed.blanked;
    if (open) script.unterminated = { ...lines.pos(open.offset), message: `${describeOpen(open)}: the shell reads to the end of the file` };
    return script;
  } finally {
    tree.delete();
  }
}

// Public types of the shell scanner: file positions, expanded words and rsync invocations.

/** A file position: 1-based line, 1-based column counted in UTF-16 code units. */
export interface Pos {
  line: number;
  column: number;
}

/** A span of the file; `end` is exclusive. */
export interface SourceRange {
  start: Pos;
  end: Pos;
}

/** Which shell dialect a script is run by. */
export type ShellDialect = 'sh' | 'bash';

/** How the characters of a word were quoted in the source. */
export type QuoteStyle = 'none' | 'single' | 'double' | 'mixed';

/** One argument word as the program receives it, with a map back to the file. */
export interface ShellWord {
  /** The word after quote removal, escapes and known expansions; unknown parts keep their source text. */
  text: string;
  /** False when any part's value is unknown (unknown `$VAR`, `$(...)`, `<(...)`, `~`, an unquoted glob...). */
  known: boolean;
  /** The text is known apart from the pathname expansion an unquoted glob in it may undergo at run time. */
  valueKnown: boolean;
  /** The whole word in the file (for a word made entirely by one known expansion: the expanded value's definition). */
  range: SourceRange;
  /**
   * Maps an offset in `text` (0..text.length) to the file position of the character it came from.
   * In a word mixing literal text and an expansion, characters produced by the expansion map to the
   * expansion's start; `posAt(text.length)` is `range.end`.
   */
  posAt(offset: number): Pos;
  /**
   * The file position just after the source of the character at `offset`: after the character itself (or
   * its escape), or after the whole expansion that produced it. For a range of the word ending at offset
   * `end`, `endAt(end - 1)` is its exclusive end (never past a closing quote).
   */
  endAt(offset: number): Pos;
  /** Quoting of the parts that made the word (a backslash escape counts as 'single'). */
  quoted: QuoteStyle;
  /** Set when the word was produced entirely by expanding one variable or array. */
  fromExpansion?: { name: string; quoted: boolean; range: SourceRange };
  /** Contains an unquoted `*`, `?` or `[...]` that the shell could pathname-expand. */
  hasUnquotedGlob: boolean;
  /** Produced by bash brace expansion. */
  braceExpanded?: boolean;
  /** The source word has an unquoted `{a,b}` / `{1..3}` that this shell (sh) does not expand. */
  unquotedBrace?: boolean;
  /** The word contains a `{a,b}` / `{1..3}` made of quoted or expanded characters, which no shell expands. */
  quotedBrace?: boolean;
  /** Part of the word is an array element written with an unquoted glob, pathname-expanded at the assignment. */
  elementGlob?: boolean;
  /** A quote character in the word was produced by an expansion, so it reaches the program literally. */
  expandedQuotes?: boolean;
}

/** One rsync command found in the script. */
export interface RsyncInvocation {
  /** The `rsync` / `/usr/bin/rsync` word. */
  program: ShellWord;
  /** The argument words after the program, in order, after expansion. */
  args: ShellWord[];
  /** Directory set by the last `cd DIR` before the command in straight-line code (undefined when unknown). */
  cwd?: string;
  /** The working directory relative to the script's own directory (`cd "$(dirname "$0")/conf"` gives `conf`). */
  cwdInScriptDir?: string;
  /** The script changed to a directory that cannot be known (`cd "$DIR"`, a `cd` in one branch only). */
  cwdUnknown?: true;
  /** Line of the program word where the command is written. */
  line: number;
  /** Wrapper commands skipped before the program, as written (e.g. `['sudo', 'nice']`). */
  wrappers: string[];
}

/** A syntax problem reported by the parser. */
export interface ShellError {
  line: number;
  column: number;
  message: string;
}

/** The result of scanning one script. */
export interface ShellScript {
  shell: ShellDialect;
  invocations: RsyncInvocation[];
  errors: ShellError[];
  /**
   * A quote (or `$(`, `${`, backquote...) the shell never closes: the script is malformed, the shell reads
   * from there to the end of the file; at its opening. Invocations from there on are not returned.
   */
  unterminated?: ShellError;
  /** The file has CRLF line endings. */
  crlf: boolean;
  /**
   * Lines (1-based) the shell accepts but the parser misreads to the end of the file: they were skipped so that
   * the commands after them are read; rsync commands on them are not returned.
   */
  unparsed?: number[];
}

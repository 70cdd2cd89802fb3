// Finds a quote, `$(`, `${` or backquote that the shell never closes: a lexical scan independent of tree-sitter.
//
// tree-sitter-bash recovers from a missing closing quote by swallowing the rest of the file (and it also
// leaves ERROR nodes in some valid scripts), so the verdict "this script is malformed" comes from here:
// a small model of how bash (or a POSIX sh such as dash) reads quotes, with comments, escapes, here-document
// bodies, `case` patterns inside `$(...)` and arithmetic respected. It reads; it never runs anything.

/** What was left open at the end of the file. */
export type OpenKind = 'single' | 'double' | 'ansi-c' | 'backquote' | 'command' | 'process' | 'array' | 'parameter' | 'arithmetic';

/** A construct the shell is still reading when the file ends. */
export interface OpenConstruct {
  kind: OpenKind;
  /** Offset (UTF-16 index into the text) of its opening character(s). */
  offset: number;
  /** The opening text: `"`, `'`, `$'`, `` ` ``, `$(`, `<(`, `>(`, `(` (an array), `${`, `$((`, `$[` or `((`. */
  opener: string;
}

/** Which shell's reading: bash, or a POSIX sh without bash's extensions (dash). */
export type QuoteReading = 'bash' | 'posix';

/** Thrown inside the scanner when the file ends inside a construct (the innermost one, like bash's message). */
class Unterminated {
  constructor(readonly open: OpenConstruct) {}
}
/** Thrown when nesting is too deep to judge (a hostile file); the scan then gives no verdict. */
class TooDeep {}

const MAX_DEPTH = 400;

/** Where words end in command context. */
const METACHARS = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
/** Reserved words after which the next word is again a command name. */
const COMMAND_PREFIXES = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '{', '!', 'time', 'coproc']);

/**
 * Where the parser is in a command list (only what matters for finding the `)` that closes `$(`):
 * at a command name, in a command's words, after `for`, or inside `case ... in ... esac`.
 */
type Mode = 'command' | 'words' | 'for' | 'case-subject' | 'case-in' | 'pattern' | 'pattern-rest';

/** A command list that ends at a `)`: `$(...)`, `<(...)`, `>(...)`, or the words of an array `a=(...)`. */
interface Nested {
  kind: 'command' | 'process' | 'array';
  offset: number;
  opener: string;
}

/** `NAME=` or `NAME+=` (also `NAME[i]=`): a `(` right after it opens an array's words. */
const ARRAY_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
  /** A quoted delimiter: the body is literal, so a trailing backslash does not join lines. */
  quoted: boolean;
}

class QuoteScanner {
  private pos = 0;
  private depth = 0;
  private pending: Heredoc[] = [];
  private readonly bash: boolean;

  constructor(private readonly src: string, reading: QuoteReading) {
    this.bash = reading === 'bash';
  }

  run(): OpenConstruct | undefined {
    try {
      this.commands(undefined);
      return undefined;
    } catch (e) {
      if (e instanceof Unterminated) return e.open;
      if (e instanceof TooDeep) return undefined;
      throw e;
    }
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new TooDeep();
  }

  private fail(kind: OpenKind, offset: number, opener: string): never {
    throw new Unterminated({ kind, offset, opener });
  }

  /**
   * A command list: the whole file (`nested` undefined, ends at the end of the file), or the inside of
   * `$(`, `<(`, `>(` (ends at its closing `)`, which a `case` pattern's `)` is not), or an array's words.
   */
  private commands(nested: Nested | undefined): void {
    this.enter();
    const s = this.src;
    const array = nested?.kind === 'array';
    let mode = (array ? 'words' : 'command') as Mode;
    let parens = 0;
    let cases = 0;
    let word = '';
    let inWord = false;
    let plain = true;
    const isPattern = (): boolean => mode === 'pattern' || mode === 'pattern-rest';
    const begin = (literal: boolean): void => {
      inWord = true;
      if (!literal) plain = false;
    };
    const endWord = (): void => {
      if (!inWord) return;
      const w = plain ? word : undefined;
      inWord = false;
      word = '';
      plain = true;
      if (array) return; // an array's words are never commands
      switch (mode) {
        case 'command':
          if (w === 'case') {
            cases++;
            mode = 'case-subject';
          } else if (w === 'esac' && cases > 0) {
            cases--;
            mode = 'words';
          } else if (w === 'for') mode = 'for';
          else if (w === undefined || !COMMAND_PREFIXES.has(w)) mode = 'words';
          break;
        case 'for':
          mode = 'words';
          break;
        case 'case-subject':
          mode = 'case-in';
          break;
        case 'case-in':
          mode = 'pattern';
          break;
        case 'pattern':
          if (w === 'esac' && cases > 0) {
            cases--;
            mode = 'words';
          } else mode = 'pattern-rest';
          break;
        default:
          break;
      }
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      const next = s[this.pos + 1];
      if (c === ' ' || c === '\t') {
        endWord();
        this.pos++;
      } else if (c === '\n') {
        endWord();
        this.pos++;
        if ((mode === 'words' || mode === 'for') && !array) mode = 'command';
        this.heredocBodies();
      } else if (c === '#' && !inWord) {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl;
      } else if (c === '\\') {
        if (next === '\n') this.pos += 2; // a line continuation joins the word with the next line
        else {
          begin(false);
          this.pos += 2;
        }
      } else if (c === "'") {
        begin(false);
        this.single();
      } else if (c === '"') {
        begin(false);
        this.double();
      } else if (c === '`') {
        begin(false);
        this.backquote();
      } else if (c === '$') {
        begin(false);
        if (!this.dollar('command')) this.pos++;
      } else if (c === ';') {
        endWord();
        if (next === ';') this.pos += s[this.pos + 2] === '&' ? 3 : 2;
        else this.pos += next === '&' ? 2 : 1;
        mode = cases > 0 && (next === ';' || next === '&') ? 'pattern' : 'command';
      } else if (c === '&') {
        endWord();
        if (next === '>') this.pos += s[this.pos + 2] === '>' ? 3 : 2; // `&>file` redirects
        else {
          this.pos += next === '&' ? 2 : 1;
          mode = 'command';
        }
      } else if (c === '|') {
        endWord();
        this.pos += next === '|' || next === '&' ? 2 : 1;
        mode = isPattern() && next !== '|' ? 'pattern' : 'command';
      } else if (c === '<' || c === '>') {
        endWord();
        if (c === '<' && next === '<' && s[this.pos + 2] === '<') this.pos += 3; // here-string
        else if (c === '<' && next === '<') this.heredocStart();
        else if (next === '(') {
          const at = this.pos;
          this.pos += 2;
          this.commands({ kind: 'process', offset: at, opener: `${c}(` });
        } else this.pos += next === '&' || next === '|' || next === '>' || next === '<' ? 2 : 1;
      } else if (c === '(') {
        if (inWord && plain && ARRAY_ASSIGNMENT.test(word)) {
          const at = this.pos;
          this.pos++;
          this.commands({ kind: 'array', offset: at, opener: '(' });
        } else if (inWord) {
          parens++; // `a=(`, `@(...)`, `f()`
          this.pos++;
        } else if (mode === 'pattern') {
          this.pos++; // the optional `(` before a case pattern
        } else if (this.bash && (mode === 'command' || mode === 'for') && next === '(') {
          const opened = this.pos;
          this.pos += 2;
          if (this.arithmetic(opened, '((') === 'subshell') parens++;
          mode = 'words';
        } else {
          parens++;
          this.pos++;
          mode = 'command';
        }
      } else if (c === ')') {
        endWord();
        this.pos++;
        if (parens > 0) {
          parens--;
          mode = isPattern() ? 'pattern-rest' : 'words';
        } else if (isPattern() && cases > 0) mode = 'command';
        else if (nested) {
          this.depth--;
          return;
        }
      } else {
        begin(true);
        word += c;
        this.pos++;
      }
    }
    if (nested) this.fail(nested.kind, nested.offset, nested.opener);
    this.depth--;
  }

  /**
   * After `$`: reads `$(...)`, `$((...))`, `${...}`, `$'...'`, `$"..."`, `$[...]` when they start here
   * (`where` says what quoting surrounds it); false when the `$` is an ordinary character.
   */
  private dollar(where: 'command' | 'double' | 'parameter' | 'parameter-in-double'): boolean {
    const s = this.src;
    const at = this.pos;
    const next = s[at + 1];
    if (next === '$') {
      this.pos += 2; // `$$`, the shell's process id: the next character is ordinary
      return true;
    }
    if (next === '(') {
      if (s[at + 2] === '(') {
        this.pos += 3;
        this.arithmetic(at, '$((');
      } else {
        this.pos += 2;
        this.commands({ kind: 'command', offset: at, opener: '$(' });
      }
      return true;
    }
    if (next === '{') {
      this.pos += 2;
      this.parameter(at, where === 'double' || where === 'parameter-in-double');
      return true;
    }
    if (next === '[' && this.bash) {
      this.pos += 2;
      this.arithmetic(at, '$[');
      return true;
    }
    // bash's extquote: $'...' is also read inside a "${...}"
    if (next === "'" && this.bash && where !== 'double') {
      this.ansiC();
      return true;
    }
    if (next === '"' && where !== 'double' && where !== 'parameter-in-double') {
      this.pos++;
      this.double();
      return true;
    }
    return false;
  }

  private single(): void {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) this.fail('single', this.pos, "'");
    this.pos = end + 1;
  }

  private ansiC(): void {
    const s = this.src;
    const open = this.pos;
    this.pos += 2;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === "'") {
        this.pos++;
        return;
      } else this.pos++;
    }
    this.fail('ansi-c', open, "$'");
  }

  private double(): void {
    this.enter();
    const s = this.src;
    const open = this.pos;
    this.pos++;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '"') {
        this.pos++;
        this.depth--;
        return;
      }
      if (c === '\\') this.pos += 2;
      else if (c === '`') this.backquote();
      else if (c === '$') {
        if (!this.dollar('double')) this.pos++;
      } else this.pos++;
    }
    this.fail('double', open, '"');
  }

  /** `` `...` ``: bash finds the closing backquote by escapes alone and reads the inside only when it runs it. */
  private backquote(): void {
    const s = this.src;
    const open = this.pos;
    this.pos++;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '`') {
        this.pos++;
        return;
      } else this.pos++;
    }
    this.fail('backquote', open, '`');
  }

  /** `${...}`: ends at the first `}` outside quotes and nested expansions. */
  private parameter(open: number, inDouble: boolean): void {
    this.enter();
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '}') {
        this.pos++;
        this.depth--;
        return;
      }
      if (c === '\\') this.pos += 2;
      // inside double quotes dash takes a single quote in `${x:-'a'}` literally; bash still pairs it
      else if (c === "'" && (this.bash || !inDouble)) this.single();
      else if (c === '"') this.double();
      else if (c === '`') this.backquote();
      else if (c === '$') {
        if (!this.dollar(inDouble ? 'parameter-in-double' : 'parameter')) this.pos++;
      } else this.pos++;
    }
    this.fail('parameter', open, '${');
  }

  /**
   * `$((...))`, `((...))` or `$[...]`: like bash, only the parentheses (brackets) are matched here; whether
   * the inside is arithmetic or a subshell (`$((cd a); (cd b))`) is decided when it runs. Returns 'subshell'
   * when the `)` matching the second `(` of a command `((` is not followed by `)`: two subshells were opened.
   */
  private arithmetic(open: number, opener: '$((' | '((' | '$['): 'closed' | 'subshell' {
    this.enter();
    const s = this.src;
    const [up, down] = opener === '$[' ? ['[', ']'] : ['(', ')'];
    let level = opener === '$((' ? 2 : 1;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === up) {
        level++;
        this.pos++;
      } else if (c === down) {
        this.pos++;
        if (--level === 0) {
          this.depth--;
          if (opener !== '((') return 'closed';
          if (s[this.pos] !== ')') return 'subshell';
          this.pos++;
          return 'closed';
        }
      } else if (c === '\\') this.pos += 2;
      // dash takes quotes in `$((...))` literally
      else if (c === "'" && this.bash) this.single();
      else if (c === '"' && this.bash) this.double();
      else if (c === '`') this.backquote();
      // inside `$((...))` bash reads `$(...)` but takes `${` and `$[` as plain characters
      else if (c === '$' && (opener === '$[' || s[this.pos + 1] === '(' || s[this.pos + 1] === '$')) {
        if (!this.dollar('command')) this.pos++;
      } else this.pos++;
    }
    this.fail('arithmetic', open, opener);
  }

  /** `<<WORD` / `<<-WORD`: reads the delimiter (quote removal); the body is skipped at the next newline. */
  private heredocStart(): void {
    const s = this.src;
    this.pos += 2;
    let stripTabs = false;
    if (s[this.pos] === '-') {
      stripTabs = true;
      this.pos++;
    }
    while (s[this.pos] === ' ' || s[this.pos] === '\t') this.pos++;
    let delimiter = '';
    let quoted = false;
    while (this.pos < s.length && !METACHARS.has(s[this.pos])) {
      const c = s[this.pos];
      if (c === '\\') {
        quoted = true;
        delimiter += s[this.pos + 1] ?? '';
        this.pos += 2;
      } else if (c === "'") {
        quoted = true;
        const from = this.pos + 1;
        this.single();
        delimiter += s.slice(from, this.pos - 1);
      } else if (c === '"') {
        quoted = true;
        const open = this.pos;
        this.pos++;
        while (this.pos < s.length && s[this.pos] !== '"') {
          if (s[this.pos] === '\\' && '"\\$`'.includes(s[this.pos + 1] ?? '')) this.pos++;
          delimiter += s[this.pos];
          this.pos++;
        }
        if (this.pos >= s.length) this.fail('double', open, '"');
        this.pos++;
      } else {
        delimiter += c;
        this.pos++;
      }
    }
    if (delimiter !== '' || quoted) this.pending.push({ delimiter, stripTabs, quoted });
  }

  /** Skips the bodies of the here-documents started on the line that just ended (none ends early: EOF is allowed). */
  private heredocBodies(): void {
    const s = this.src;
    for (const h of this.pending) {
      while (this.pos < s.length) {
        let line = '';
        for (;;) {
          let end = s.indexOf('\n', this.pos);
          if (end < 0) end = s.length;
          let raw = s.slice(this.pos, end);
          this.pos = Math.min(end + 1, s.length);
          if (h.stripTabs) raw = raw.replace(/^\t+/, '');
          // in an unquoted body, backslash-newline joins lines before the delimiter is compared
          if (!h.quoted && end < s.length && /(^|[^\\])(\\\\)*\\$/.test(raw)) {
            line += raw.slice(0, -1);
            continue;
          }
          line += raw;
          break;
        }
        if (line === h.delimiter) break;
      }
    }
    this.pending = [];
  }
}

/**
 * The construct left open at the end of the file under one shell's reading, or undefined when every
 * quote and substitution closes (or the nesting is too deep to judge).
 */
export function unterminatedConstruct(text: string, reading: QuoteReading): OpenConstruct | undefined {
  return new QuoteScanner(text, reading).run();
}

/** How an open construct is named in an error message. */
export function describeOpen(open: OpenConstruct): string {
  switch (open.kind) {
    case 'single': return 'unterminated single quote';
    case 'double': return 'unterminated double quote';
    case 'ansi-c': return "unterminated $'...' quote";
    case 'backquote': return 'unterminated backquote';
    case 'command': return 'unterminated command substitution `$(`';
    case 'process': return `unterminated process substitution \`${open.opener}\``;
    case 'array': return 'unterminated array `(`';
    case 'parameter': return 'unterminated parameter expansion `${`';
    case 'arithmetic': return `unterminated arithmetic \`${open.opener}\``;
  }
}

// Lint engine types: findings, rule modules (ESLint's meta/create shape), and the lint unit rules read.
import type { ByteString } from '../rsync/bytes.js';
import type { RsyncModel } from '../rsync/model.js';
import type { CompiledRule, FilterRule } from '../rsync/rule.js';
import type { TransferRoot } from '../rsync/transfer.js';

/** Finding severities, weakest first. */
export type Severity = 'info' | 'warning' | 'error';

/** A range in a file: 1-based lines and columns (UTF-16 units), end exclusive. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A suggested replacement pattern. */
export interface Suggestion {
  message: string;
  replacement: string;
}

/** One finding, as the JSON contract gives it. */
export interface Finding extends Location {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  pattern?: string;
  suggestions: Suggestion[];
  /** which of the rule's messages (not part of the JSON contract) */
  messageId?: string;
}

/** An input that could not be (fully) linted. */
export interface InputError {
  file: string;
  line?: number;
  message: string;
}

/** A filter rule of a lint unit, with where its pattern is written. */
export interface RuleSite {
  rule: FilterRule;
  compiled: CompiledRule;
  /** the pattern for humans (UTF-8, or `\#ooo` escapes) */
  pattern: string;
  /** where the pattern is written; undefined when it cannot be placed (then the rule is not reported) */
  location?: Location;
  /** where the rule came from */
  carrier: 'argv' | 'list' | 'perdir';
}

/** One source operand as the rules see it. */
export interface SourceInfo {
  operand: string;
  remote: boolean;
  /** the path part (local path, or the remote path after `host:`) */
  path: string;
  root: TransferRoot;
}

/** How one argv word reached rsync (shell facts for the RSL3xx rules). */
export interface WordFacts {
  /** the word as rsync receives it */
  text: string;
  /** the word as written in the file (before quote removal and expansion) */
  raw: string;
  /** the value is known (no unknown expansion); an unquoted glob may still expand */
  valueKnown: boolean;
  quoted: 'none' | 'single' | 'double' | 'mixed';
  /** produced entirely by expanding a variable or array; `range` is where it is expanded */
  fromExpansion?: { name: string; quoted: boolean; location: Location };
  hasUnquotedGlob: boolean;
  braceExpanded?: boolean;
  unquotedBrace?: boolean;
  quotedBrace?: boolean;
  location: Location;
}

/** A rule or option rsync would reject, or a warning it prints, placed in a file. */
export interface UnitProblem {
  message: string;
  /** rsync stops (exit 1 for syntax, 11 for file I/O) */
  fatal: boolean;
  exitCode?: number;
  location?: Location;
  kind: 'option' | 'rule' | 'file';
  /** for kind 'file': the path as written */
  path?: string;
}

/** What a rule checks: one rsync invocation (with the lists it reads) or one filter file on its own. */
export interface LintUnit {
  kind: 'command' | 'list' | 'perdir';
  /** the file holding the command or the list */
  file: string;
  model?: RsyncModel;
  sites: RuleSite[];
  /** known sources (empty for a list with no known source) */
  sources: SourceInfo[];
  relative: boolean;
  /** location of the whole command (its program word), for command-level findings */
  commandLocation?: Location;
  /** for perdir files: the directory holding the file, relative to where it was found */
  perDirDir?: ByteString;
  /** the argv words with their shell facts (commands only; words[0] is the program) */
  words?: WordFacts[];
  /** who splits the words: a shell (`sh`/`bash`), or nobody (`none`: argv given directly) */
  shell?: 'sh' | 'bash' | 'none';
  /** the script has CRLF line endings */
  crlf?: boolean;
  /** what rsync would reject or warn about (bad rules, bad options, unreadable rule files) */
  problems: UnitProblem[];
}

/** A report from a rule. */
export interface Report {
  location: Location;
  messageId: string;
  data?: Record<string, string>;
  /** overrides the default severity (severity from certainty) */
  severity?: Severity;
  pattern?: string;
  suggest?: Suggestion[];
}

/** What a rule gets. */
export interface RuleContext {
  unit: LintUnit;
  report(r: Report): void;
}

/** A rule's description. */
export interface RuleMeta {
  code: string;
  name: string;
  defaultSeverity: Severity;
  type: 'problem' | 'suggestion';
  description: string;
  messages: Record<string, string>;
  hasSuggestions: boolean;
}

/** A rule module. */
export interface LintRule {
  meta: RuleMeta;
  create(context: RuleContext): void;
}

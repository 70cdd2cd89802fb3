// Lint engine types: findings, rule modules (ESLint's meta/create shape), and the lint unit rules read.
import type { ByteString } from '../rsync/bytes.js';
import type { RsyncModel } from '../rsync/model.js';
import type { CompiledRule, FilterRule } from '../rsync/rule.js';
import type { TransferRoot } from '../rsync/transfer.js';
import type { ScanResult } from '../scan/scan.js';

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
  /** with a tree: what the finding's rule drops */
  evidence?: Evidence;
  /** index of the lint unit that reported it (not part of the JSON contract) */
  unitIndex?: number;
}

/** What a rule drops in the scanned tree (the `evidence` JSON). */
export interface Evidence {
  excluded: { files: number; dirs: number; bytes?: number };
  depth: Record<string, number>;
  groups: { pattern: string; count: number; samples: string[] }[];
}

/** A rule that drops something but has no finding. */
export interface Summary {
  file: string;
  line: number;
  column: number;
  pattern: string;
  rule: string;
  evidence: Evidence;
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
  /** produced entirely by expanding a variable or array; `location` and `raw` are where and how it is expanded (`${A[@]}`) */
  fromExpansion?: { name: string; quoted: boolean; location: Location; raw?: string };
  hasUnquotedGlob: boolean;
  braceExpanded?: boolean;
  unquotedBrace?: boolean;
  quotedBrace?: boolean;
  /** part of the word is an array element written with an unquoted glob (pathname-expanded at the assignment) */
  elementGlob?: boolean;
  /** a quote character in the word came from an expansion, so rsync receives it */
  expandedQuotes?: boolean;
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
  /** the text rsync complained about: the option word, or the rule text from where the problem starts */
  text?: string;
}

/** A lone `!` in an `--exclude`/`--include` value or an exclude/include-from line: rsync clears every rule before it. */
export interface ClearSite {
  location: Location;
  carrier: 'argv' | 'list';
  /** the option that carried it, as spelled (`--exclude`, `--include-from`), when known */
  option?: string;
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
  /** places a UTF-16 range [start, end) of an argv word (commands only) */
  locateWord?(wordIndex: number, start: number, end: number): Location | undefined;
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
  /** old-style clears (a lone `!`), which the rule list no longer shows */
  clears?: ClearSite[];
  /** the directory relative source operands resolve against (a script's literal `cd`), when known */
  cwd?: string;
  /** with --scan or --tree: what the rules drop in each source's tree */
  scans?: ScanResult[];
  /** paths that must survive (--must-keep), rsync patterns anchored at the transfer root */
  mustKeep?: string[];
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

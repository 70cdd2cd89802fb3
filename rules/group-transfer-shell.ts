// Rule modules of the "transfer-shell" group, registered in rules/index.ts.
import type { LintRule } from '../src/engine/types.js';
import { rule as deleteExcluded } from './delete-excluded.js';
import { rule as cvsExclude } from './cvs-exclude.js';
import { rule as destInsideSource } from './dest-inside-source.js';
import { rule as globSource } from './glob-source.js';
import { rule as braceNotExpanded } from './brace-not-expanded.js';
import { rule as wordSplitPattern } from './word-split-pattern.js';
import { rule as unquotedGlob } from './unquoted-glob.js';
import { rule as literalQuotes } from './literal-quotes.js';
import { rule as crlfScript } from './crlf-script.js';

/** The rules of this group. */
export const GROUP_RULES: readonly LintRule[] = [
  deleteExcluded, cvsExclude, destInsideSource, globSource,
  braceNotExpanded, wordSplitPattern, unquotedGlob, literalQuotes, crlfScript,
];

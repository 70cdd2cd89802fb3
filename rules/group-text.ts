// Rule modules of the "text" group (the input itself, what a pattern matches, how a rule file is written).
import type { LintRule } from '../src/engine/types.js';
import { rule as invalidRule } from './invalid-rule.js';
import { rule as missingFilterFile } from './missing-filter-file.js';
import { rule as overbroadPattern } from './overbroad-pattern.js';
import { rule as caseMismatch } from './case-mismatch.js';
import { rule as dirOnlyPattern } from './dir-only-pattern.js';
import { rule as typePrefixInPattern } from './type-prefix-in-pattern.js';
import { rule as bareExtension } from './bare-extension.js';
import { rule as surroundingWhitespace } from './surrounding-whitespace.js';
import { rule as inlineComment } from './inline-comment.js';

/** The rules of this group. */
export const GROUP_RULES: readonly LintRule[] = [
  invalidRule, missingFilterFile, overbroadPattern, caseMismatch, dirOnlyPattern, typePrefixInPattern, bareExtension,
  surroundingWhitespace, inlineComment,
];

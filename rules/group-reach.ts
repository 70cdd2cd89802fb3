// Rule modules of the "reach" group (what rules can reach: shadowing, pruning, wildcard depth).
import type { LintRule } from '../src/engine/types.js';
import { rule as shadowedRule } from './shadowed-rule.js';
import { rule as prunedInclude } from './pruned-include.js';
import { rule as wildcardDepth } from './wildcard-depth.js';

/** The rules of this group. */
export const GROUP_RULES: readonly LintRule[] = [shadowedRule, prunedInclude, wildcardDepth];

// Rule modules of the "transfer-shell" group, registered in rules/index.ts.
import type { LintRule } from '../src/engine/types.js';

/** The rules of this group. */
export const GROUP_RULES: readonly LintRule[] = [];

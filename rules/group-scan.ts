// Rule modules of the "scan" group: findings that need the source tree (--scan / --tree).
import type { LintRule } from '../src/engine/types.js';
import { rule as mustKeep } from './must-keep.js';
import { rule as brokenStructure } from './broken-structure.js';

/** The rules of this group. */
export const GROUP_RULES: readonly LintRule[] = [mustKeep, brokenStructure];

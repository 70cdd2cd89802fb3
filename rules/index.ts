// The rule registry: every rule module, in catalog order.
import type { LintRule } from '../src/engine/types.js';
import { rule as unanchoredPattern } from './unanchored-pattern.js';
import { rule as excludesDirItself } from './excludes-dir-itself.js';
import { rule as anchorNeverMatches } from './anchor-never-matches.js';
import { rule as filesystemPathPattern } from './filesystem-path-pattern.js';
import { rule as neverMatches } from './never-matches.js';

/** All rules. */
export const RULES: readonly LintRule[] = [unanchoredPattern, excludesDirItself, anchorNeverMatches, filesystemPathPattern, neverMatches];

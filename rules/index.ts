// The rule registry: every rule module, in catalog order.
import type { LintRule } from '../src/engine/types.js';
import { rule as unanchoredPattern } from './unanchored-pattern.js';
import { rule as excludesDirItself } from './excludes-dir-itself.js';
import { rule as anchorNeverMatches } from './anchor-never-matches.js';
import { rule as filesystemPathPattern } from './filesystem-path-pattern.js';
import { rule as neverMatches } from './never-matches.js';
import { GROUP_RULES as textRules } from './group-text.js';
import { GROUP_RULES as transferShellRules } from './group-transfer-shell.js';
import { GROUP_RULES as reachRules } from './group-reach.js';
import { GROUP_RULES as scanRules } from './group-scan.js';

const byCode = (a: LintRule, b: LintRule): number => (a.meta.code < b.meta.code ? -1 : a.meta.code > b.meta.code ? 1 : 0);

/** All rules, sorted by code. */
export const RULES: readonly LintRule[] = [
  unanchoredPattern, excludesDirItself, anchorNeverMatches, filesystemPathPattern, neverMatches,
  ...textRules, ...transferShellRules, ...reachRules, ...scanRules,
].sort(byCode);

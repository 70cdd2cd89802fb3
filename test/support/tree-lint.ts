// Test support: lint a command line against a tree listing written to a temp file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintCommand, type LintResult } from '../../src/lint/lint.js';
import type { LintRule } from '../../src/engine/types.js';
import type { TreeFormat } from '../../src/scan/listing.js';

/** Lint `words` (rsync first) with `--tree` holding `listing`; rules default to all. */
export function lintWithTree(words: string[], listing: string | Buffer, opts: { rules?: LintRule[]; mustKeep?: string[]; format?: TreeFormat } = {}): LintResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-tree-'));
  try {
    fs.writeFileSync(path.join(dir, 'tree.txt'), listing);
    return lintCommand(words, dir, opts.rules, { tree: 'tree.txt', mustKeep: opts.mustKeep, treeFormat: opts.format });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

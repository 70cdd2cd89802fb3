// RSL203 dest-inside-source: a local destination inside a local source that no rule excludes.
import * as path from 'node:path';
import { LIST_OPTIONS, optionValues, PATTERN_OPTIONS, wordLocation } from '../src/engine/argv-words.js';
import type { LintRule, LintUnit, SourceInfo } from '../src/engine/types.js';
import { utf8ToBytes } from '../src/rsync/bytes.js';
import { FilterEvaluator } from '../src/rsync/evaluate.js';
import { cleanAbs, isWithin } from '../src/rsync/fs-view.js';

/** Stands for the unknown working directory when both paths are relative. */
const CWD = '/cwd';

const GLOB = /[*?[]/;

/** Why the linter cannot be sure the destination is copied into itself, or undefined when it is sure. */
function doubt(unit: LintUnit): string | undefined {
  const model = unit.model!;
  const values = optionValues(unit, new Set([...PATTERN_OPTIONS, ...LIST_OPTIONS]));
  const unknown = values.find((v) => v.facts && !v.facts.valueKnown);
  if (unknown) return `unless \`${unknown.facts!.text}\` excludes it`;
  if (unit.problems.some((p) => p.kind === 'file')) return 'unless the rule file that could not be read excludes it';
  if (model.filters.rules.some((r) => r.kind === 'dir-merge')) return 'unless a per-directory filter file excludes it';
  const hidden = (unit.words ?? []).find((w, i) => i > 0 && !w.valueKnown && !w.text.startsWith('-'));
  if (hidden) return `unless an option hidden in \`${hidden.text}\` excludes it`;
  if (model.argv.options.some((o) => o.name === 'one-file-system')) return 'unless it is another file system (`-x` stays off those)';
  return undefined;
}

/** The destination's name below the source's transfer root, when the destination lies inside the source. */
function nameInside(src: SourceInfo, destPath: string): string | undefined {
  if (src.remote || GLOB.test(src.path)) return undefined;
  if (src.path.startsWith('/') !== destPath.startsWith('/')) return undefined; // the cwd would decide
  const abs = (p: string): string => cleanAbs(p.startsWith('/') ? p : `${CWD}/${p}`);
  const item = abs(src.path);
  const dest = abs(destPath);
  if (dest === item || !isWithin(item, dest)) return undefined;
  const base = abs(src.root.baseDir);
  const rel = path.posix.relative(base, dest);
  return rel && !rel.startsWith('..') ? rel : undefined;
}

/** A name with its control characters shown as escapes: a CRLF script's `/mnt/x/\r` must not move the cursor. */
const visible = (name: string): string =>
  name.replace(/[\x00-\x1f\x7f]/g, (c) => ({ '\r': '\\r', '\n': '\\n', '\t': '\\t' })[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL203',
    name: 'dest-inside-source',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A local destination lies inside the source and no effective rule excludes it',
    messages: {
      inside: 'the destination `{{dest}}` lies inside the source `{{source}}` and no rule excludes `{{name}}`: each run copies the previous copy into itself (`{{again}}`); exclude `{{fix}}`',
      maybe: 'the destination `{{dest}}` lies inside the source `{{source}}` and no rule the linter can see excludes `{{name}}`: {{doubt}}, each run copies the previous copy into itself; exclude `{{fix}}`',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    const model = unit.model;
    if (unit.kind !== 'command' || !model?.dest || model.dest.remote || !model.flags.recursive || model.flags.filesFrom !== undefined) return;
    const destWord = model.dest.operand;
    const location = wordLocation(unit, destWord.wordIndex);
    if (!location) return;
    for (const src of unit.sources) {
      const rel = nameInside(src, model.dest.path);
      if (rel === undefined) continue;
      const ctx = { cwd: cleanAbs(src.root.baseDir.startsWith('/') ? src.root.baseDir : `${CWD}/${src.root.baseDir}`) };
      const evaluator = new FilterEvaluator(model.filters.rules, ctx, model.flags.deleteExcluded);
      const parts = rel.split('/');
      const implied = new Set(src.root.impliedDirs);
      let excluded = false;
      for (let i = 1; i <= parts.length && !excluded; i++) {
        const name = parts.slice(0, i).join('/');
        if (implied.has(name)) continue;
        const tested = src.root.absoluteNames ? `/${name}` : name;
        excluded = !evaluator.decide(utf8ToBytes(tested), true, new Map(), 'sender').included;
      }
      if (excluded) continue;
      // the previous copy is a name below the transfer root, and lands below the destination at that name
      const fix = `/${rel}/`;
      const dest = destWord.text;
      const again = `${dest.replace(/\/+$/, '')}/${rel}/`;
      const why = doubt(unit);
      context.report({
        location, messageId: why ? 'maybe' : 'inside', severity: why ? 'info' : 'warning',
        data: { dest: visible(dest), source: visible(src.operand), name: visible(`${rel}/`), again: visible(again), fix: visible(fix), doubt: why ?? '' },
        suggest: [{ message: `exclude the destination at the transfer root: \`--exclude=${visible(fix)}\``, replacement: fix }],
      });
      return;
    }
  },
};

// RSL201 delete-excluded: `--delete-excluded` deletes on the receiver what the rules exclude, whole directories included.
import { optionNameLocation } from '../src/engine/argv-words.js';
import { EVERYWHERE_NAMES } from '../src/engine/knowledge.js';
import { nestedExample, sampleName } from '../src/engine/pattern-facts.js';
import type { LintRule, LintUnit, RuleSite, Severity } from '../src/engine/types.js';

/** Options that make the destination a fresh directory built against an older copy. */
const SNAPSHOT_OPTIONS = new Set(['link-dest', 'compare-dest', 'copy-dest']);

/** Destination path components that mark a scratch copy (build output, caches, temporary trees). */
const SCRATCH_DIR = /^(_?build|builds|\.?tmp|temp|\.?cache|scratch|dist|out)$/i;

/** Names whose copies nobody wants to keep: deleting them from the receiver is the point. */
const DISPOSABLE = new Set([...EVERYWHERE_NAMES, 'tmp', '.tmp', 'cache', '*.tmp', '*.log', '*.bak', '*.swo', '*.class', '*.pyc']);

/** Is the pattern's last name something people delete on purpose? */
function disposable(pattern: string): boolean {
  const bare = pattern.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/\*+$/, '');
  const last = bare.split('/').pop() ?? bare;
  return DISPOSABLE.has(last) || DISPOSABLE.has(bare);
}

/** A path under the destination that the pattern would take away. */
function examplePath(dest: string, pattern: string): string {
  const bare = pattern.replace(/\/+$/, '');
  const rel = bare.startsWith('/') ? sampleName(bare.slice(1)) : bare.includes('/') ? sampleName(bare) : nestedExample(bare);
  return `${dest.endsWith('/') ? dest : dest + '/'}${rel}${pattern.endsWith('/') ? '/' : ''}`;
}

/** The excludes that `--delete-excluded` strips of their protection: no explicit side, not xattr rules. */
function strippedExcludes(unit: LintUnit): RuleSite[] {
  return unit.sites.filter((s) => s.rule.kind === 'exclude' && !s.rule.mods.senderSide && !s.rule.mods.receiverSide && !s.rule.mods.xattr);
}

/** Why deleting excluded names at this destination loses nothing, or undefined. */
function scratchReason(unit: LintUnit, dest: string, patterns: string[]): string | undefined {
  const snapshot = unit.model?.argv.options.find((o) => SNAPSHOT_OPTIONS.has(o.name));
  if (snapshot) return `\`${snapshot.spelled}\` makes \`${dest}\` a fresh snapshot`;
  const scratch = dest.split(/[/:]/).find((c) => SCRATCH_DIR.test(c));
  if (scratch) return `\`${dest}\` is a scratch copy (\`${scratch}/\`)`;
  if (patterns.every(disposable)) return 'the excluded names are caches and scratch files';
  return undefined;
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL201',
    name: 'delete-excluded',
    defaultSeverity: 'warning',
    type: 'problem',
    description: '`--delete-excluded` deletes on the receiver what the rules exclude, whole excluded directories included',
    messages: {
      deletes: '`--delete-excluded` makes rsync delete from `{{dest}}` what the rules exclude, whole directories included: each run removes {{what}} there (for example `{{example}}`, with all its contents)',
      scratch: '`--delete-excluded` makes rsync delete from `{{dest}}` what the rules exclude ({{what}}), which loses nothing here because {{reason}}',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    if (unit.kind !== 'command' || !unit.model?.flags.deleteExcluded) return;
    const option = unit.model.argv.options.find((o) => o.name === 'delete-excluded');
    const location = option && optionNameLocation(unit, option);
    if (!location) return;
    const excludes = strippedExcludes(unit);
    if (excludes.length === 0) return;
    const patterns = [...new Set(excludes.map((s) => s.pattern))];
    const dest = unit.model.dest?.operand.text ?? 'the destination';
    const shown = patterns.slice(0, 3).map((p) => `\`${p}\``);
    const list = patterns.length > 3 ? `${shown.join(', ')} and ${patterns.length - 3} more ${patterns.length === 4 ? 'pattern' : 'patterns'}` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
    const what = patterns.length === 1 ? `every ${shown[0]}` : `whatever matches ${list}`;
    const first = patterns[0];
    const reason = scratchReason(unit, dest, patterns);
    const severity: Severity = reason ? 'info' : 'warning';
    context.report({
      location,
      messageId: reason ? 'scratch' : 'deletes',
      data: { dest, what, example: examplePath(dest, first), reason: reason ?? '' },
      severity,
      pattern: patterns.length === 1 ? first : undefined,
      suggest: [
        { message: `keep the receiver's copies while still not sending them: add \`-f 'P ${first}'\` before the rules`, replacement: `P ${first}` },
        { message: `exclude without deleting: \`-f '-sr ${first}'\` (a rule with an explicit side keeps protecting)`, replacement: `-sr ${first}` },
      ],
    });
  },
};

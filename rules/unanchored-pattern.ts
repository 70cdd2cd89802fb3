// RSL101 unanchored-pattern: a pattern without a leading `/` matches at every depth.
import { anchorPrefix, EVERYWHERE_NAMES, EXPECTED_DIRS, MAILDIR_PARTS, TOP_LEVEL_NAMES } from '../src/engine/knowledge.js';
import { bytesToBuffer, displayBytes, isValidUtf8 } from '../src/rsync/bytes.js';
import { brokenPatternText, nestedExample, neverMatchReason } from '../src/engine/pattern-facts.js';
import { optionValues, valueLocation } from '../src/engine/argv-words.js';
import type { DropStats } from '../src/scan/stats.js';
import type { LintRule, RuleContext, Severity, Suggestion } from '../src/engine/types.js';

/** Commands that print names relative to the top of a tree, without a leading `/`. */
const ROOT_RELATIVE_LISTERS = [
  /\bgit\s+ls-files\b/, /\bgit\s+(ls-tree|diff)\b[^|]*--name-only/, /\bfind\b[^|]*-printf\s+['"]?%P/, /(^|[|;&(]\s*)ls\b/,
];

/** A later stage of the pipeline that puts a `/` in front of every name (awk, sed, printf). */
const ADDS_SLASH = /awk\b[^|]*(["'])\/\1|awk\b[^|]*"\/"|sed\b[^|]*s(.)\^\2\\?\/\2|printf\s+['"]?\/%/;

/** The command of a `<(...)` process substitution that feeds a list of root-relative names, else undefined. */
function rootRelativeLister(value: string): string | undefined {
  const m = /^<\(([\s\S]*)\)$/.exec(value.trim());
  if (!m) return undefined;
  const command = m[1].trim();
  if (!ROOT_RELATIVE_LISTERS.some((re) => re.test(command)) || ADDS_SLASH.test(command)) return undefined;
  return command;
}

/** `--exclude-from=<(git ls-files ...)`: every generated name floats. */
function reportGeneratedLists(context: RuleContext): void {
  const { unit } = context;
  for (const v of optionValues(unit, new Set(['exclude-from']))) {
    if (!v.facts || v.facts.valueKnown) continue;
    const command = rootRelativeLister(v.value);
    const location = command && valueLocation(unit, v);
    if (!command || !location) continue;
    const fix = `<(${command} | sed 's|^|/|')`;
    context.report({
      location, messageId: 'generated', severity: 'warning', data: { command },
      suggest: [{ message: `anchor every generated name at the transfer root: \`${fix}\``, replacement: fix }],
    });
  }
}

/**
 * What a floating rule drops below the top level, for the message: the largest group of nested
 * matches (`home/*\/Maildir/tmp/` × 40212, for example `home/a/Maildir/tmp/`), else one sample.
 */
function nestedInTreeExample(stats: DropStats[], components: number): string {
  const groups = stats.flatMap((st) => st.groups.toJson())
    .filter((g) => g.samples.length > 0 && g.pattern.replace(/\/$/, '').split('/').length > components)
    .sort((a, b) => b.count - a.count);
  const top = groups[0];
  if (top && top.count > 1) return `\`${top.pattern}\` × ${top.count} (for example \`${top.samples[0]}\`)`;
  if (top) return `\`${top.samples[0]}\``;
  const sample = stats.find((st) => st.nestedSamples.length)?.nestedSamples[0];
  return sample === undefined ? 'names below the top level' : `\`${displayBytes(sample)}\``;
}

/** A one-name pattern that starts with a wildcard (`*.dat`, `*~`, `?*`): it is written to match at every depth. */
const floatsByDesign = (bare: string): boolean => !bare.includes('/') && /^[*?]/.test(bare);

/** A catch-all (`*`, `*\/`, `?*`): the tail of the include idiom `+ *\/ + *.jpg - *`, never to be anchored. */
const catchAll = (bare: string): boolean => /^[*?]*\*[*?]*$/.test(bare);

/** "2 of its 3 matches are below the top level", "all 3 of its matches ...", "its only match ...". */
function nestedShare(nested: number, matched: number): { share: string; drops: string } {
  if (nested < matched) return { share: `${nested} of its ${matched} matches ${nested === 1 ? 'is' : 'are'} below the top level`, drops: 'also drops' };
  if (matched === 1) return { share: 'its only match is below the top level', drops: 'drops' };
  return { share: `all ${matched} of its matches are below the top level`, drops: 'drops' };
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL101',
    name: 'unanchored-pattern',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A pattern without a leading `/` matches at every depth, not only at the transfer root',
    messages: {
      unanchored: '`{{pattern}}` has no leading `/`, so it matches at every depth (for example `{{example}}`), not only at the transfer root',
      generated: '`{{command}}` prints names relative to the top of the tree without a leading `/`, so every generated pattern matches at every depth (a listed `build/` also drops `src/build/`)',
      nestedInTree: '`{{pattern}}` has no leading `/`, and in this tree {{share}}: it {{drops}} {{example}}',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    for (const site of unit.sites) {
      const r = site.rule;
      if (!site.location || (r.kind !== 'exclude' && r.kind !== 'hide')) continue;
      if (r.mods.xattr || r.mods.negate || r.mods.absPath) continue;
      const p = site.pattern;
      if (p.startsWith('\ufeff')) continue; // a byte-order mark: surrounding-whitespace's finding
      if (p.startsWith('/') || p.startsWith('**')) continue;
      const bare = p.replace(/\/+$/, '');
      const first = bare.split('/')[0];
      if (EVERYWHERE_NAMES.has(bare) || EVERYWHERE_NAMES.has(first)) continue;
      if (catchAll(bare)) continue;
      // surrounding-whitespace and inline-comment report the text itself; an anchored copy would repeat it
      if (brokenPatternText(p)) continue;
      const severity: Severity = TOP_LEVEL_NAMES.has(bare) || TOP_LEVEL_NAMES.has(first) ? 'warning' : 'info';
      if (neverMatchReason(site.rule.pattern, site.compiled.wild, site.compiled.glob?.never ?? false)) continue; // never-matches says more
      const last = bare.split('/').pop() ?? bare;
      // a pattern with bytes that are not UTF-8 is shown with `\#ooo` escapes: its example is made
      // from the bytes, and no replacement text is offered (it could not be written back as such)
      const utf8 = isValidUtf8(bytesToBuffer(r.pattern));
      const example = utf8 ? nestedExample(bare) : displayBytes(nestedExample(r.pattern.replace(/^\/+/, '').replace(/\/+$/, '')));
      const src = unit.sources.find((s) => !s.remote) ?? unit.sources[0];
      const prefix = src ? anchorPrefix(src) : '';
      const anchored = `/${prefix}${bare}`;
      const suggest: Suggestion[] = [];
      if (EXPECTED_DIRS.has(bare) || (MAILDIR_PARTS.has(last) && bare !== last)) {
        suggest.push({ message: `anchor it and keep the directory itself: \`${anchored}/*\``, replacement: `${anchored}/*` });
        suggest.push({ message: `anchor it and drop the directory: \`${anchored}/\``, replacement: `${anchored}/` });
      } else if (/^[*?[]/.test(bare) && !bare.includes('/')) {
        // `*.dat` is usually meant at every depth: anchoring is the fix only for a top-level-only intent
        suggest.push({ message: `only if you meant the top level alone, anchor it: \`${anchored}${p.endsWith('/') ? '/' : ''}\``, replacement: `${anchored}${p.endsWith('/') ? '/' : ''}` });
      } else {
        suggest.push({ message: `anchor it at the transfer root: \`${anchored}${p.endsWith('/') ? '/' : ''}\``, replacement: `${anchored}${p.endsWith('/') ? '/' : ''}` });
      }
      if (!utf8) suggest.length = 0;
      const inTree = (unit.scans ?? []).map((sc) => sc.stats.get(r)).filter((st): st is DropStats => st !== undefined);
      const nested = inTree.reduce((n, st) => n + st.nested, 0);
      // a wildcard-led name (`*.dat`) is meant to float: matches below the top level are what it is for
      if (nested > 0 && !floatsByDesign(bare)) {
        const matched = inTree.reduce((n, st) => n + st.matched, 0);
        context.report({
          location: site.location, messageId: 'nestedInTree', severity: 'warning', pattern: p, suggest,
          data: { pattern: p, example: nestedInTreeExample(inTree, bare.split('/').length), ...nestedShare(nested, matched) },
        });
        continue;
      }
      context.report({ location: site.location, messageId: 'unanchored', data: { pattern: p, example }, severity, pattern: p, suggest });
    }
    if (unit.kind === 'command') reportGeneratedLists(context);
  },
};

// RSL103 anchor-never-matches: an anchored pattern that cannot match under this transfer's root.
import { ruleMatches } from '../src/rsync/rule.js';
import { utf8ToBytes } from '../src/rsync/bytes.js';
import { wildmatch } from '../src/rsync/wildmatch.js';
import { anchorPrefix } from '../src/engine/knowledge.js';
import type { LintRule, SourceInfo } from '../src/engine/types.js';
import { cleanPath } from '../src/rsync/transfer.js';

const PATTERN_KINDS = new Set(['exclude', 'include', 'hide', 'show', 'protect', 'risk']);

/** The path components every name of this source starts with (operand name, or -R path). */
function namePrefix(src: SourceInfo): string[] {
  return src.root.itemName === null ? [] : src.root.itemName.split('/');
}

/** Can the anchored pattern's leading components match the fixed leading components of every name? */
function fitsPrefix(patternParts: string[], prefix: string[]): boolean {
  for (let i = 0; i < Math.min(patternParts.length, prefix.length); i++) {
    const comp = patternParts[i];
    if (comp.includes('**')) return true;
    if (/[*?[]/.test(prefix[i])) return true; // a glob operand: the shell decides the names
    if (!wildmatch(utf8ToBytes(comp), utf8ToBytes(prefix[i]))) return false;
  }
  return true;
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL103',
    name: 'anchor-never-matches',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'An anchored pattern that cannot match any name under the transfer root of this command',
    messages: {
      repeatsSource: '`{{pattern}}` repeats the source path `{{source}}`, but a leading `/` anchors at the transfer root `{{root}}`, so it never matches; write `{{fix}}`',
      missesName: '`{{pattern}}` never matches: the source `{{source}}` has no trailing slash, so every name starts with `{{prefix}}`; write `{{fix}}`',
      relativePrefix: '`{{pattern}}` never matches: with -R every name keeps the path of the source `{{source}}` (after a `/./`, if any), so it starts with `{{prefix}}`; write `{{fix}}`',
      implied: '`{{pattern}}` matches `{{implied}}`, an implied directory of `{{source}}` that -R always sends, so the rule has no effect there',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    if (unit.kind !== 'command' || unit.sources.length === 0) return;
    for (const site of unit.sites) {
      if (!site.location || site.carrier === 'perdir' || !PATTERN_KINDS.has(site.rule.kind) || site.rule.mods.absPath || site.rule.mods.negate) continue;
      const p = site.pattern;
      // implied directories under -R are never filtered
      const impliedHit = unit.relative ? findImplied(site, unit.sources) : undefined;
      if (impliedHit) {
        context.report({ location: site.location, messageId: 'implied', data: { pattern: p, implied: impliedHit.implied, source: impliedHit.source }, pattern: p });
        continue;
      }
      if (!p.startsWith('/') || p.startsWith('/**')) continue;
      const parts = p.slice(1).replace(/\/+$/, '').split('/');
      const verdicts = unit.sources.map((src) => judge(p, parts, src, unit.relative === true));
      if (verdicts.some((v) => v === null)) continue;
      const v = verdicts[0]!;
      context.report({ location: site.location, messageId: v.messageId, data: { ...v.data, pattern: p }, pattern: p, suggest: [{ message: `anchor it at the transfer root: \`${v.fix}\``, replacement: v.fix }] });
    }
  },
};

/** Does the rule match one of the -R implied directories (and so do nothing there)? */
function findImplied(site: { compiled: Parameters<typeof ruleMatches>[0] }, sources: SourceInfo[]): { implied: string; source: string } | undefined {
  for (const src of sources) {
    for (const implied of src.root.impliedDirs) {
      if (ruleMatches(site.compiled, utf8ToBytes(implied), true, { cwd: '/' })) return { implied: implied + '/', source: src.operand };
    }
  }
  return undefined;
}

/** null when the anchored pattern can match under this source, else why not and a fix. */
function judge(p: string, parts: string[], src: SourceInfo, relative: boolean): { messageId: string; data: Record<string, string>; fix: string } | null {
  const prefix = namePrefix(src);
  const trailing = p.endsWith('/') ? '/' : '';
  const srcPath = cleanPath(src.path);
  const srcParts = srcPath.replace(/^\//, '').split('/').filter(Boolean);
  const k = repeatedSuffix(parts, srcParts);
  if (prefix.length > 0) {
    if (fitsPrefix(parts, prefix)) return null;
    if (k > 0) {
      const fix = `/${anchorPrefix(src)}${parts.slice(k).join('/')}${trailing}`;
      const root = srcPath.slice(0, srcPath.lastIndexOf('/') + 1) || './';
      return { messageId: 'repeatsSource', data: { source: src.operand, root, fix }, fix };
    }
    const fix = `/${anchorPrefix(src)}${parts.join('/')}${trailing}`;
    return { messageId: relative ? 'relativePrefix' : 'missesName', data: { source: src.operand, prefix: prefix.join('/') + '/', fix }, fix };
  }
  if (k > 0 && !src.root.absoluteNames) {
    const fix = `/${parts.slice(k).join('/')}${trailing}`;
    return { messageId: 'repeatsSource', data: { source: src.operand, root: src.path, fix }, fix };
  }
  return null;
}

/**
 * How many leading pattern components repeat the last components of the source path
 * (`/home/user/x` against source `/home/user/` or `/mnt/old/home/user/`), leaving at least one.
 */
function repeatedSuffix(parts: string[], srcParts: string[]): number {
  for (let k = Math.min(srcParts.length, parts.length - 1); k >= 1; k--) {
    const tail = srcParts.slice(srcParts.length - k);
    if (tail.every((s, i) => s === parts[i])) return k;
  }
  return 0;
}

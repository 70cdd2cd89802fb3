// RSL108 wildcard-depth: `*`, `**` and `***` that do not reach what the rule seems to want.
import type { LintRule, Severity, Suggestion } from '../src/engine/types.js';

const PATTERN_KINDS = new Set(['exclude', 'include', 'hide', 'show', 'protect', 'risk']);

/** What is off about the pattern's wildcards, or null. */
export function depthProblem(p: string, kind: string): { id: string; data: Record<string, string>; severity?: Severity; fix?: string } | null {
  const bare = p.replace(/\/$/, '');
  if (bare.startsWith('/**/')) {
    const rest = bare.slice(4);
    const fix = rest.includes('/') ? `**/${rest}` : rest;
    return { id: 'leadingSlashStarStar', data: { rest }, fix: fix + (p.endsWith('/') ? '/' : '') };
  }
  const mid = bare.indexOf('/**/', 1);
  if (mid > 0) {
    const head = bare.slice(0, mid);
    const tail = bare.slice(mid + 4);
    const fix = tail.startsWith('*') && !tail.startsWith('**') ? `${head}/**${tail.slice(1)}` : undefined;
    return { id: 'middleStarStar', data: { head, tail, direct: `${head}/${tail.replace(/\*/g, 'x')}` }, fix };
  }
  const last = bare.split('/').pop() ?? bare;
  // `d**`: a name prefix glued to `**` matches every name starting with it, at every depth below
  const glued = /^([A-Za-z0-9_][^*?[/]*)\*\*$/.exec(last);
  if (glued && !bare.includes('/')) {
    return { id: 'gluedStarStar', data: { prefix: glued[1] }, fix: `${glued[1]}/***` };
  }
  if (kind !== 'include' && /\/\*\*$/.test(bare) && !p.endsWith('/')) {
    return { id: 'keepsDir', data: { dir: bare.slice(0, -3) }, severity: 'info', fix: `${bare}*` };
  }
  return null;
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL108',
    name: 'wildcard-depth',
    defaultSeverity: 'warning',
    type: 'problem',
    description: '`*`, `**` or `***` do not reach the depth the rule seems to want',
    messages: {
      leadingSlashStarStar: '`{{pattern}}` does not match a top-level `{{rest}}`: `/**/` needs at least one directory before it',
      middleStarStar: '`{{pattern}}` needs at least one directory between `{{head}}/` and `{{tail}}`, so `{{direct}}` is not matched',
      gluedStarStar: '`{{pattern}}` matches every name that starts with `{{prefix}}` (such as `{{prefix}}-notes.txt`), at every depth, not only a directory `{{prefix}}` and its contents',
      keepsDir: '`{{pattern}}` matches what is inside `{{dir}}` but not `{{dir}}` itself, which is still sent (empty)',
      oneLevel: '`{{pattern}}` includes only what lies directly in `{{dir}}/` (`*` stops at `/`): with `{{catchAll}}` after it, a `{{example}}` is not sent',
    },
    hasSuggestions: true,
  },
  create(context) {
    const sites = context.unit.sites;
    // a later catch-all exclude (`- *`): the rules before it are an include list
    const catchAllAt = sites.findIndex((s) => (s.rule.kind === 'exclude' || s.rule.kind === 'hide') && (s.rule.pattern === '*' || s.rule.pattern === '**') && !s.rule.mods.negate && !s.rule.mods.receiverSide);
    sites.forEach((site, i) => {
      if (!site.location || site.rule.kind !== 'include' || site.rule.mods.xattr || catchAllAt < i) return;
      const bare = site.pattern.replace(/\/$/, '');
      const slash = bare.lastIndexOf('/');
      const last = bare.slice(slash + 1);
      const dir = bare.slice(0, slash).replace(/^\//, '');
      // `dir/*.ext`: one `*` in the last part, no `**`, a literal directory before it
      if (slash <= 0 || bare.includes('**') || !/^[^*?[]*\*[^*?[]*$/.test(last) || /[*?[]/.test(dir) || dir.length === 0) return;
      const deeper = `${bare.slice(0, slash)}/**${last.slice(last.indexOf('*') + 1)}`;
      context.report({
        location: site.location, messageId: 'oneLevel', pattern: site.pattern,
        data: { pattern: site.pattern, dir, catchAll: `- ${sites[catchAllAt].rule.pattern}`, example: `${dir}/sub/${last.replace('*', 'x')}` },
        suggest: [{ message: `to reach every depth below \`${dir}/\`: write \`${deeper}\` and include the directories on the way (\`+ ${bare.startsWith('/') ? '/' : ''}${dir}/**/\`)`, replacement: deeper }],
      });
    });
    for (const site of sites) {
      if (!site.location || !PATTERN_KINDS.has(site.rule.kind) || site.rule.mods.xattr) continue;
      const problem = depthProblem(site.pattern, site.rule.kind);
      if (!problem) continue;
      const suggest: Suggestion[] = problem.fix ? [{ message: `write \`${problem.fix}\``, replacement: problem.fix }] : [];
      context.report({ location: site.location, messageId: problem.id, data: { ...problem.data, pattern: site.pattern }, severity: problem.severity, pattern: site.pattern, suggest });
    }
  },
};

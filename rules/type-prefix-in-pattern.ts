// RSL112 type-prefix-in-pattern: pattern text that rsync reads as a rule prefix, or a prefix it does not read.
import { sampleName } from '../src/engine/pattern-facts.js';
import type { LintRule, Location, RuleSite, Severity, Suggestion } from '../src/engine/types.js';

/** The rule type an old-style option gives a pattern without a prefix. */
const OPTION_KIND: Record<string, 'exclude' | 'include'> = { '--exclude': 'exclude', '--include': 'include' };

/** The pattern's location widened to the `+ `/`- ` prefix written just before it (same line, ASCII). */
function withPrefix(loc: Location, width: number): Location {
  return loc.column > width ? { ...loc, column: loc.column - width } : loc;
}

interface Finding {
  messageId: string;
  data: Record<string, string>;
  severity?: Severity;
  location: Location;
  suggest: Suggestion[];
}

/** An old-style option whose value starts with `+ `/`- ` of the other type. */
function flippedPrefix(site: RuleSite, location: Location): Finding | null {
  const r = site.rule;
  const option = r.origin.option;
  const meant = option !== undefined ? OPTION_KIND[option] : undefined;
  if (option === undefined || !meant || r.origin.file !== undefined || r.patternOffset !== 2 || r.kind === meant) return null;
  const prefix = r.kind === 'include' ? '+ ' : '- ';
  const verb = r.kind === 'include' ? 'includes' : 'excludes';
  const intended = meant === 'include' ? 'including' : 'excluding';
  return {
    messageId: 'flipped', location: withPrefix(location, 2),
    data: { text: prefix + site.pattern, option, prefix: prefix.trim(), verb, pattern: site.pattern, intended },
    suggest: [{ message: `drop the prefix: \`${option}=${site.pattern}\``, replacement: site.pattern }],
  };
}

/** A line of an exclude/include-from file (or a `merge,-`/`merge,+` file) that looks prefixed but is a literal pattern. */
function literalPrefix(site: RuleSite, location: Location): Finding | null {
  const r = site.rule;
  const p = site.pattern;
  if (r.origin.file === undefined || r.patternOffset !== 0 || p.length < 2 || (p[0] !== '-' && p[0] !== '+')) return null;
  const opt = /^--(exclude|include)=(.+)$/s.exec(p);
  if (opt) {
    const fixed = opt[1] === 'include' ? `+ ${opt[2]}` : opt[2];
    return { messageId: 'optionInList', location, data: { pattern: p }, suggest: [{ message: `write the rule: \`${fixed}\``, replacement: fixed }] };
  }
  if (p[1] === ' ') {
    return { messageId: 'prefixIgnored', location, data: { pattern: p, prefix: p[0] }, severity: 'warning', suggest: [] };
  }
  const mods = /^[-+][/!Csrpx]+[ _]./s.test(p);
  if (mods) return { messageId: 'modifiersInList', location, data: { pattern: p }, suggest: [] };
  const rest = p.slice(1).replace(/^_/, '');
  const fixed = `${p[0]} ${rest}`;
  return {
    messageId: 'glued', location, data: { pattern: p, fixed, prefix: p[0], example: sampleName(p) },
    suggest: [{ message: `put a space after \`${p[0]}\`: \`${fixed}\``, replacement: fixed }],
  };
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL112',
    name: 'type-prefix-in-pattern',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'Pattern text that rsync reads as a rule prefix, or a prefix-like start that rsync keeps in the pattern',
    messages: {
      flipped: '`{{text}}` in `{{option}}` starts with the rule prefix `{{prefix}}`, so rsync {{verb}} `{{pattern}}` instead of {{intended}} it',
      clearArg: '`!` in `{{option}}` is not a pattern: rsync reads it as the clear rule and drops every filter rule given before it',
      clearList: '`!` alone on a line is the clear rule: rsync drops every filter rule before it, including those from the command line',
      glued: '`{{pattern}}` is not the rule `{{fixed}}`: without a space after `{{prefix}}` rsync takes the whole line as the pattern, which only matches names like `{{example}}`',
      modifiersInList: '`{{pattern}}` is a literal pattern: exclude/include-from files take only the `- ` and `+ ` prefixes, no modifiers, so this line only matches a name spelled exactly so',
      prefixIgnored: '`{{pattern}}` keeps its `{{prefix}} ` as part of the pattern: this file is read without rule prefixes, so the line only matches a name spelled exactly so',
      optionInList: '`{{pattern}}` is an rsync option written into a filter file: rsync takes the whole line as a pattern, which matches only a name spelled exactly so',
    },
    hasSuggestions: true,
  },
  create(context) {
    const { unit } = context;
    for (const site of unit.sites) {
      if (!site.location || site.rule.kind === 'clear') continue;
      const found = flippedPrefix(site, site.location) ?? literalPrefix(site, site.location);
      if (!found) continue;
      context.report({ location: found.location, messageId: found.messageId, data: found.data, severity: found.severity, pattern: site.pattern, suggest: found.suggest });
    }
    for (const clear of unit.clears ?? []) {
      if (clear.carrier === 'argv') {
        context.report({ location: clear.location, messageId: 'clearArg', data: { option: clear.option ?? '--exclude' }, pattern: '!', suggest: [] });
      } else {
        context.report({ location: clear.location, messageId: 'clearList', severity: 'warning', pattern: '!', suggest: [] });
      }
    }
  },
};

// RSL001 invalid-rule: a rule or option that rsync rejects (it stops), or a pattern it drops as too long.
import type { LintRule, Suggestion, UnitProblem } from '../src/engine/types.js';

/** Longest rule text quoted in a message; longer ones are cut with their length given. */
const MAX_SHOWN = 60;

/** The text for a message: one line, cut when long. */
function shown(text: string): string {
  const line = text.replace(/[\r\n].*$/s, '');
  if (line.length <= MAX_SHOWN) return line;
  return `${line.slice(0, 40)}… (${Buffer.byteLength(line, 'utf8')} bytes)`;
}

/** rsync's complaint without the text it repeats. */
function why(p: UnitProblem): string {
  let m = p.message;
  if (p.text !== undefined && m.startsWith(`${p.text}: `)) m = m.slice(p.text.length + 2);
  return m.replace(/ in filter rule: .*$/s, '').replace(/ exceeded at .*$/s, ' exceeded');
}

/** A repaired rule or option, when the repair is clear. */
function repair(p: UnitProblem): Suggestion[] {
  const t = p.text;
  if (t === undefined) return [];
  // a filter file saved "with BOM": the invisible bytes EF BB BF open its first rule
  if (t.startsWith('\ufeff')) return [{ message: 'the line starts with a UTF-8 byte-order mark (bytes EF BB BF) that rsync reads as part of the rule: remove it', replacement: t.slice(1) }];
  if (p.kind === 'option') {
    const spaced = /^(--[A-Za-z][\w-]*)[ \t]+(\S.*)$/s.exec(t);
    if (spaced) return [{ message: `make it one option with its value: \`${spaced[1]}=${spaced[2]}\``, replacement: `${spaced[1]}=${spaced[2]}` }];
    return [];
  }
  if (p.message.startsWith('invalid modifier')) {
    const glued = /^([-+])([^ _,].*)$/s.exec(t);
    if (glued) return [{ message: `put a space after the rule name: \`${glued[1]} ${glued[2]}\``, replacement: `${glued[1]} ${glued[2]}` }];
  }
  if (p.message.startsWith("'!' rule has trailing characters") && /^!\s+$/.test(t)) {
    return [{ message: 'write a lone `!`', replacement: '!' }];
  }
  return [];
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL001',
    name: 'invalid-rule',
    defaultSeverity: 'error',
    type: 'problem',
    description: 'rsync rejects the rule or option and stops, or drops a pattern that is too long',
    messages: {
      option: 'rsync rejects `{{text}}` and stops before transferring anything (exit {{exit}}): {{why}}',
      spacedOption: '`{{text}}` reaches rsync as one word, so rsync looks for an option of that name and stops before transferring anything (exit 1): {{why}}',
      rule: 'rsync rejects the filter rule `{{text}}` and stops before transferring anything (exit {{exit}}): {{why}}',
      discarded: 'rsync drops `{{text}}` with a warning ({{why}}) and runs without that rule',
    },
    hasSuggestions: true,
  },
  create(context) {
    for (const p of context.unit.problems) {
      if (!p.location || (p.kind !== 'rule' && p.kind !== 'option')) continue;
      // a rule file that could not be opened is missing-filter-file's (or was not followed)
      if (p.message.startsWith('failed to open')) continue;
      const text = shown(p.text ?? '');
      const data = { text, why: why(p), exit: String(p.exitCode ?? 1) };
      const suggest = repair(p);
      let messageId: string;
      if (!p.fatal) messageId = 'discarded';
      else if (p.kind === 'option') messageId = /^--?[\w-]+[ \t]/.test(p.text ?? '') ? 'spacedOption' : 'option';
      else messageId = 'rule';
      context.report({ location: p.location, messageId, data, suggest });
    }
  },
};

// Running the rules over lint units and turning their reports into sorted findings.
import type { Finding, LintRule, LintUnit, Report } from './types.js';

/** Fill `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => data[key] ?? `{{${key}}}`);
}

/** Longest `code span` a message quotes whole; longer ones (a 4 KB pattern) are cut, their size given. */
const MAX_QUOTED = 120;

/** Cut over-long backquoted spans of a message: `aaaa…` (5000 bytes). The finding's `pattern` and a suggestion's `replacement` stay whole. */
export function cutLongQuotes(message: string): string {
  return message.replace(/`([^`]*)`/g, (whole, inner: string) =>
    inner.length <= MAX_QUOTED ? whole : `\`${inner.slice(0, 60)}…\` (${Buffer.byteLength(inner, 'utf8')} bytes)`);
}

/** Run every rule on every unit. */
export function runRules(units: LintUnit[], rules: readonly LintRule[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  units.forEach((unit, unitIndex) => {
    for (const rule of rules) {
      rule.create({
        unit,
        report(r: Report) {
          const template = rule.meta.messages[r.messageId];
          if (template === undefined) throw new Error(`${rule.meta.name}: unknown messageId ${r.messageId}`);
          const f: Finding = {
            ...r.location,
            ruleId: rule.meta.code,
            ruleName: rule.meta.name,
            severity: r.severity ?? rule.meta.defaultSeverity,
            message: cutLongQuotes(formatMessage(template, r.data)),
            suggestions: (r.suggest ?? []).map((x) => (x.message.length > MAX_QUOTED ? { ...x, message: cutLongQuotes(x.message) } : x)),
            messageId: r.messageId,
            unitIndex,
          };
          if (r.pattern !== undefined) f.pattern = r.pattern;
          // a list linted from two commands reports once per place and rule
          const key = `${f.file}:${f.line}:${f.column}:${f.ruleId}:${f.message}`;
          if (seen.has(key)) return;
          seen.add(key);
          findings.push(f);
        },
      });
    }
  });
  return sortFindings(findings);
}

/** Sort by file, line, column, rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

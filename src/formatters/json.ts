// The JSON formatter: the lint contract `{"version":1,"findings":[...],"errors":[...]}`.
import type { LintResult } from '../lint/lint.js';

/** Format a lint result as the JSON contract. */
export function formatJson(result: LintResult): string {
  const doc = {
    version: 1,
    findings: result.findings.map((f) => {
      const out: Record<string, unknown> = {
        file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn,
        ruleId: f.ruleId, ruleName: f.ruleName, severity: f.severity, message: f.message,
      };
      if (f.pattern !== undefined) out.pattern = f.pattern;
      out.suggestions = f.suggestions;
      if (f.evidence) out.evidence = f.evidence;
      return out;
    }),
    errors: result.errors,
    notes: result.notes,
    summaries: result.summaries,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

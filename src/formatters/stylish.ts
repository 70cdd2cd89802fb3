// The stylish formatter: findings grouped by file, each with its source line and the pattern underlined.
import type { Evidence } from '../engine/types.js';
import type { LintResult } from '../lint/lint.js';

/** Format a lint result for a terminal. */
export function formatStylish(result: LintResult): string {
  const out: string[] = [];
  const byFile = new Map<string, typeof result.findings>();
  for (const f of result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(file);
    const lines = result.sources.get(file)?.split(/\r\n|\r|\n/);
    for (const f of findings) {
      out.push(`  ${f.line}:${f.column}  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleName} (${f.ruleId})`);
      const src = lines?.[f.line - 1];
      if (src !== undefined && src.length <= 400) {
        const width = Math.max(1, (f.endLine === f.line ? f.endColumn : src.length + 1) - f.column);
        out.push(`      ${src.replace(/\t/g, ' ')}`);
        out.push(`      ${' '.repeat(f.column - 1)}${'^'.repeat(width)}`);
      }
      for (const s of f.suggestions) out.push(`      suggestion: ${s.message}`);
      if (f.evidence) out.push(...evidenceLines(f.evidence));
    }
    out.push('');
  }
  if (result.summaries.length) {
    out.push('what the other rules drop in the tree:');
    for (const s of result.summaries) {
      out.push(`  ${s.file}:${s.line}:${s.column}  \`${s.rule}\``);
      out.push(...evidenceLines(s.evidence));
    }
    out.push('');
  }
  for (const e of result.errors) out.push(`error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  for (const n of result.notes) out.push(`note: ${n.file}: ${n.message}`);
  const count = (s: string): number => result.findings.filter((f) => f.severity === s).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const total = result.findings.length;
  out.push(total || result.errors.length
    ? `${plural(total, 'finding')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info)${result.errors.length ? `, ${plural(result.errors.length, 'input error')}` : ''}`
    : 'no findings');
  return out.join('\n') + '\n';
}

/** A readable form of what a rule drops. */
function evidenceLines(ev: Evidence): string[] {
  const n = (x: number, what: string): string => `${x.toLocaleString('en-US')} ${what}${x === 1 ? '' : 's'}`;
  const parts = [n(ev.excluded.dirs, 'directory').replace('directorys', 'directories'), n(ev.excluded.files, 'file')];
  if (ev.excluded.bytes !== undefined) parts.push(n(ev.excluded.bytes, 'byte'));
  const lines = [`      in the tree it drops ${parts.join(', ')}:`];
  for (const g of ev.groups.slice(0, 5)) {
    lines.push(`        ${g.pattern} \u00d7 ${g.count.toLocaleString('en-US')}${g.samples.length ? `  (${g.samples.slice(0, 2).join(', ')}${g.count > 2 ? ', ...' : ''})` : ''}`);
  }
  if (ev.groups.length > 5) lines.push(`        ... ${ev.groups.length - 5} more groups`);
  return lines;
}

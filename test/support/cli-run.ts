// Test support: run the CLI in-process and list findings in actionlint's fixture style.
import { main } from '../../src/main.js';
import type { Finding } from '../../src/engine/types.js';

/** Run the CLI with args in cwd; returns exit code and captured output. */
export async function runCli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, cwd });
  return { code, out, err };
}

/** Findings of a JSON lint run as `file:line:col: severity: message [RSL101]` lines. */
export function findingLines(json: string): string[] {
  const doc = JSON.parse(json) as { findings: Finding[] };
  return doc.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.ruleId}]`);
}

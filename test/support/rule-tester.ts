// A small rule tester in the spirit of ESLint's RuleTester: valid and invalid inputs, exact positions.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintCommand, lintListText, lintPaths } from '../../src/lint/lint.js';
import type { Finding, LintRule, Severity, Suggestion } from '../../src/engine/types.js';

/**
 * An input: an rsync command line (words, rsync first, no shell), the text of a filter list, or a
 * shell script (written to a temporary directory as `name`, default `cmd.sh`, beside the other `files`).
 */
export type TestInput =
  | { cmd: string[]; cwd?: string }
  | { list: string; kind?: 'exclude-list' | 'perdir' }
  | { script: string; name?: string; files?: Record<string, string> };

/** An expected finding. */
export interface ExpectedFinding {
  messageId: string;
  line?: number;
  column: number;
  endColumn: number;
  /** the file of the finding (default: the input itself) */
  file?: string;
  severity?: Severity;
  pattern?: string;
  suggestions?: Suggestion[];
  /** text the message must contain */
  messageIncludes?: string;
}

/** Lint a script in a fresh temporary directory. */
async function runScript(rule: LintRule, input: { script: string; name?: string; files?: Record<string, string> }): Promise<Finding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-rule-'));
  try {
    const name = input.name ?? 'cmd.sh';
    fs.writeFileSync(path.join(dir, name), input.script);
    for (const [file, text] of Object.entries(input.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return (await lintPaths([name], dir, [rule])).findings;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run(rule: LintRule, input: TestInput): Promise<Finding[]> {
  if ('cmd' in input) return lintCommand(input.cmd, input.cwd ?? os.tmpdir(), [rule]).findings;
  if ('script' in input) return runScript(rule, input);
  return lintListText('list.txt', input.list, input.kind ?? 'exclude-list', [rule]).findings;
}

const label = (input: TestInput): string =>
  'cmd' in input ? input.cmd.join(' ') : 'script' in input ? JSON.stringify(input.script) : JSON.stringify(input.list);

/** The file name findings of this input carry. */
const inputFile = (input: TestInput): string => ('cmd' in input ? '<command line>' : 'script' in input ? (input.name ?? 'cmd.sh') : 'list.txt');

/** Define jest tests for one rule. */
export function ruleTester(rule: LintRule, cases: { valid: TestInput[]; invalid: { input: TestInput; findings: ExpectedFinding[] }[] }): void {
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    describe('valid', () => {
      for (const input of cases.valid) {
        it(label(input), async () => {
          expect((await run(rule, input)).map((f) => `${f.line}:${f.column}: ${f.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(label(c.input), async () => {
          const got = await run(rule, c.input);
          expect(got.map((f) => `${f.line}:${f.column}: ${f.message}`)).toHaveLength(c.findings.length);
          c.findings.forEach((want, i) => {
            const f = got[i];
            const template = rule.meta.messages[want.messageId];
            expect(template).toBeDefined();
            expect(f.ruleId).toBe(rule.meta.code);
            expect(f.file).toBe(want.file ?? inputFile(c.input));
            expect(f.line).toBe(want.line ?? 1);
            expect(f.column).toBe(want.column);
            expect(f.endColumn).toBe(want.endColumn);
            expect(f.severity).toBe(want.severity ?? rule.meta.defaultSeverity);
            if (want.pattern !== undefined) expect(f.pattern).toBe(want.pattern);
            if (want.suggestions !== undefined) expect(f.suggestions).toEqual(want.suggestions);
            if (want.messageIncludes !== undefined) expect(f.message).toContain(want.messageIncludes);
            expect(f.messageId).toBe(want.messageId);
          });
        });
      }
    });
  });
}

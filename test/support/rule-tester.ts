// A small rule tester in the spirit of ESLint's RuleTester: valid and invalid inputs, exact positions.
import * as os from 'node:os';
import { lintCommand, lintListText } from '../../src/lint/lint.js';
import type { Finding, LintRule, Severity, Suggestion } from '../../src/engine/types.js';

/** An input: an rsync command line (words, rsync first) or the text of a filter list. */
export type TestInput = { cmd: string[]; cwd?: string } | { list: string; kind?: 'exclude-list' | 'perdir' };

/** An expected finding. */
export interface ExpectedFinding {
  messageId: string;
  line?: number;
  column: number;
  endColumn: number;
  severity?: Severity;
  pattern?: string;
  suggestions?: Suggestion[];
  /** text the message must contain */
  messageIncludes?: string;
}

function run(rule: LintRule, input: TestInput): Finding[] {
  if ('cmd' in input) return lintCommand(input.cmd, input.cwd ?? os.tmpdir(), [rule]).findings;
  return lintListText('list.txt', input.list, input.kind ?? 'exclude-list', [rule]).findings;
}

const label = (input: TestInput): string => ('cmd' in input ? input.cmd.join(' ') : JSON.stringify(input.list));

/** Define jest tests for one rule. */
export function ruleTester(rule: LintRule, cases: { valid: TestInput[]; invalid: { input: TestInput; findings: ExpectedFinding[] }[] }): void {
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    describe('valid', () => {
      for (const input of cases.valid) {
        it(label(input), () => {
          expect(run(rule, input).map((f) => `${f.column}: ${f.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(label(c.input), () => {
          const got = run(rule, c.input);
          expect(got).toHaveLength(c.findings.length);
          c.findings.forEach((want, i) => {
            const f = got[i];
            const template = rule.meta.messages[want.messageId];
            expect(template).toBeDefined();
            expect(f.ruleId).toBe(rule.meta.code);
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

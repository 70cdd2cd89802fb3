// The rule catalog (rules/CATALOG.md, a copy of the product spec) against the rule modules:
// every catalog rule exists with the same code, name and default severity, with a doc page and
// fixtures; the only exceptions are the rules that later issues build (named below).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../rules/index.js';

/** Rules the catalog lists that come with later issues (tree scan, other carriers, directives). */
const LATER: Record<string, string> = {
  RSL306: 'carrier-option comes with the other carriers',
  RSL901: 'unused-directive comes with inline directives',
};

const catalog = fs.readFileSync(path.resolve('rules/CATALOG.md'), 'utf8');
const rows = [...catalog.matchAll(/^\|\s*(RSL\d{3})\s*\|\s*([a-z0-9-]+)\s*\|\s*(\w+)\s*\|/gm)].map((m) => ({ code: m[1], name: m[2], severity: m[3] }));

describe('rule catalog', () => {
  it('lists the 30 rules of the product spec', () => {
    expect(rows).toHaveLength(30);
  });
  for (const row of rows) {
    const rule = RULES.find((r) => r.meta.code === row.code);
    if (LATER[row.code]) {
      it(`${row.code} ${row.name} is deferred: ${LATER[row.code]}`, () => {
        expect(rule).toBeUndefined();
      });
      continue;
    }
    it(`${row.code} ${row.name} exists with its name and default severity, a doc page and fixtures`, () => {
      expect(rule).toBeDefined();
      expect(rule!.meta.name).toBe(row.name);
      expect(rule!.meta.defaultSeverity).toBe(row.severity);
      expect(fs.existsSync(path.resolve('rules', `${row.name}.md`))).toBe(true);
      expect(fs.existsSync(path.resolve('test/rules', `${row.name}.test.ts`))).toBe(true);
    });
  }
  it('has no rule that the catalog does not list', () => {
    for (const r of RULES) expect(rows.some((row) => row.code === r.meta.code && row.name === r.meta.name)).toBe(true);
  });
});

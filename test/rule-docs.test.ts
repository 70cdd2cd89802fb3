// Every rule has a doc page beside it whose header agrees with its meta, and whose Wrong example
// makes the rule fire while its Right example keeps it quiet (both run through the real linter).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../rules/index.js';
import { lintCommand, lintListText, lintPaths } from '../src/lint/lint.js';
import type { Finding, LintRule } from '../src/engine/types.js';

const SECTIONS = ['## What it catches', '## Why rsync does this', '## Wrong', '## Right', '## When to ignore it'];

function block(doc: string, section: string): { lang: string; body: string } {
  const start = doc.indexOf(section);
  const m = /```([\w-]+)\n([\s\S]*?)```/.exec(doc.slice(start));
  if (!m) throw new Error(`no code block under ${section}`);
  return { lang: m[1], body: m[2] };
}

/** Split a one-line `rsync-lint ...` example into words (single quotes only, as the docs write them). */
function words(line: string): string[] {
  return [...line.trim().matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

async function lintExample(rule: LintRule, ex: { lang: string; body: string }, doc: string): Promise<Finding[]> {
  if (ex.lang === 'text') return lintListText('example.txt', ex.body, 'exclude-list', [rule]).findings;
  if (ex.body.startsWith('rsync-lint ')) {
    // a tree-aware example: `rsync-lint cmd --tree tree.txt ... -- rsync ...`, with the doc's ```tree block as tree.txt
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-doc-'));
    try {
      fs.writeFileSync(path.join(dir, 'tree.txt'), /```tree\n([\s\S]*?)```/.exec(doc)?.[1] ?? '');
      const args = words(ex.body).slice(1);
      const dash = args.indexOf('--');
      const opts = args.slice(1, dash);
      const value = (flag: string): string[] => opts.flatMap((o, i) => (o === flag ? [opts[i + 1]] : []));
      return lintCommand(args.slice(dash + 1), dir, [rule], { tree: value('--tree')[0], mustKeep: value('--must-keep') }).findings;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsync-lint-doc-'));
  try {
    // a block that starts with its own shebang (`#!/bin/bash`) is taken as is; `sh-crlf` is written with CRLF line ends
    const script = ex.body.startsWith('#!') ? ex.body : `#!/bin/sh\n${ex.body}`;
    fs.writeFileSync(path.join(dir, 'example.sh'), ex.lang === 'sh-crlf' ? script.replace(/\r?\n/g, '\r\n') : script);
    return (await lintPaths(['example.sh'], dir, [rule])).findings;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('rule doc pages', () => {
  for (const rule of RULES) {
    const { code, name, defaultSeverity } = rule.meta;
    describe(`${code} ${name}`, () => {
      const docPath = path.resolve('rules', `${name}.md`);
      const doc = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '';
      it('has a doc page whose header agrees with meta', () => {
        expect(doc.split('\n')[0]).toBe(`# ${code} ${name}`);
        expect(doc).toContain(`- Code: \`${code}\``);
        expect(doc).toContain(`- Name: \`${name}\``);
        expect(doc).toContain(`- Default severity: \`${defaultSeverity}\``);
        expect(fs.existsSync(path.resolve('rules', `${name}.ts`))).toBe(true);
      });
      it('has the sections in order', () => {
        const at = SECTIONS.map((s) => doc.indexOf(s));
        expect(at.every((i) => i >= 0)).toBe(true);
        expect([...at].sort((a, b) => a - b)).toEqual(at);
      });
      it('fires on the Wrong example', async () => {
        const found = await lintExample(rule, block(doc, '## Wrong'), doc);
        expect(found.filter((f) => f.ruleId === code).length).toBeGreaterThan(0);
      });
      it('stays quiet on the Right example', async () => {
        const found = await lintExample(rule, block(doc, '## Right'), doc);
        expect(found.filter((f) => f.ruleId === code)).toEqual([]);
      });
    });
  }
});

// RuleIndex: the first matching rule, found through the literal, wildcard and general indexes,
// must be the one a plain first-match scan finds.
import { RuleIndex } from '../src/engine/witness.js';
import { FilterEvaluator } from '../src/rsync/evaluate.js';
import { parseRule } from '../src/rsync/parse-rule.js';
import { ruleMatches, type FilterRule } from '../src/rsync/rule.js';

const rules = (texts: string[]): FilterRule[] => texts.map((t) => {
  const r = parseRule(t, { syntax: 'full', defaultKind: 'exclude' }, {});
  if (r.type !== 'rule') throw new Error(t);
  return r.rule;
});

describe('RuleIndex.firstMatch', () => {
  const list = rules(['- b/c', '- /a/b', '- c', '- /x/c', '- *.o', '- d/', '- a/*/c', '+ **/k', '-! z', '- q/r/s']);
  const ev = new FilterEvaluator(list, { cwd: '/' }, false);
  const index = new RuleIndex(ev);
  const scan = (name: string, isDir: boolean): string | null => {
    for (const c of ev.compiled) if (c && ruleMatches(c, name, isDir, { cwd: '/' })) return c.rule.pattern;
    return null;
  };
  it.each([
    ['a/b/c', false], ['b/c', false], ['x/b', false], ['a/b', false], ['p/a/b', false], ['x/c', false], ['y/x/c', true],
    ['m.o', false], ['d', true], ['d', false], ['a/q/c', false], ['k', false], ['z', false], ['w', false], ['p/q/r/s', false], ['r/s', false],
  ])('%s (dir: %s) gets the same rule as a scan', (name, isDir) => {
    expect(index.firstMatch(name, isDir)?.rule.pattern ?? null).toBe(scan(name, isDir));
  });
  it('only rules before the given position count', () => {
    expect(index.firstMatch('a/b/c', false, 0)).toBeNull();
    expect(index.firstMatch('x/c', false, 1)).toBeNull();
    expect(index.firstMatch('x/c', false, 3)?.rule.pattern).toBe('c');
  });
});

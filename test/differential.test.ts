// Differential tests: the model against the real rsync binary on small trees (spec §10 tables and random cases).
import fc from 'fast-check';
import { makeTree, realRsync, removeTree, rsyncAvailable, type SpecEntry } from './support/rsync-real.js';
import { modelRsync } from './support/model-run.js';

const HAVE_RSYNC = rsyncAvailable();
const itReal = HAVE_RSYNC ? it : it.skip;

// The tree of rsync-semantics.md §10 (a file named tmp at home/other/tmp among them).
const SPEC_TREE: SpecEntry[] = [
  { path: 'tmp/x' }, { path: 'home/spam/Maildir/cur/m1' }, { path: 'home/spam/Maildir/new/' },
  { path: 'home/spam/Maildir/tmp/t1' }, { path: 'home/other/tmp' }, { path: 'a/b/c' }, { path: 'a/b/d' }, { path: 'a/e' },
];

function compare(tree: SpecEntry[], args: string[]): { real: string[]; model: string[] } {
  const t = makeTree(tree);
  try {
    const real = realRsync(t, args);
    const model = modelRsync(t, args);
    return { real: real.names, model: model.names };
  } finally {
    removeTree(t);
  }
}

describe('model agrees with real rsync on the spec §10 tables', () => {
  const cases: string[][] = [
    ['--exclude=tmp'], ['--exclude=/tmp'], ['--exclude=/tmp/'], ['--exclude=/tmp/*'], ['--exclude=tmp/'],
    ['--exclude=tmp/**'], ['--exclude=tmp/***'], ['--exclude=/tmp/***'], ['--exclude=*/tmp'], ['--exclude=**/tmp'],
    ['--exclude=/**/tmp'], ['--exclude=Maildir/tmp'], ['--exclude=/home/spam/Maildir/tmp'], ['--exclude=src/tmp'],
    ['--exclude=/src/tmp'], ['--include=a/b/c', '--exclude=*'], ['--include=*/', '--include=a/b/c', '--exclude=*'],
    ['-m', '--include=*/', '--include=a/b/c', '--exclude=*'], ['--include=a/', '--include=a/b/', '--include=a/b/c', '--exclude=*'],
    ['--include=src/', '--include=a/', '--include=a/b/', '--include=a/b/c', '--exclude=*'], ['--include=a/***', '--exclude=*'],
    ['--include=/a/b/***', '--include=/a/', '--exclude=*'], ['-f', '- *', '-f', '+ a'], ['--exclude=+ tmp', '--exclude=*'],
    ['--exclude=tmp', '--exclude=!', '--exclude=a'], ['-f', '-! */'], ['-f', '-/ src/tmp'], ['-f', '-x tmp'],
    ['-C'], ['-f', 'exclude,s tmp'], ['-f', 'H home'], ['-f', 'P home'],
  ];
  for (const operand of ['src/', 'src']) {
    for (const rules of cases) {
      itReal(`${operand} ${rules.join(' ')}`, () => {
        const { real, model } = compare(SPEC_TREE, ['-r', ...rules, operand]);
        expect(model).toEqual(real);
        expect(real.length).toBeGreaterThan(-1);
      });
    }
  }
  itReal('-R with /./ and implied dirs', () => {
    for (const rules of [['--exclude=/home'], ['--exclude=/home/spam'], ['--exclude=/home/spam/Maildir/tmp']]) {
      const { real, model } = compare(SPEC_TREE, ['-r', '-R', ...rules, 'src/./home/spam']);
      expect(model).toEqual(real);
    }
  });
  itReal('-R without /./ names the whole operand path', () => {
    for (const rules of [['--exclude=/src'], ['--exclude=/src/home/spam/Maildir/tmp'], ['--exclude=/Maildir/tmp']]) {
      const { real, model } = compare(SPEC_TREE, ['-r', '-R', ...rules, 'src/home/spam']);
      expect(model).toEqual(real);
    }
  });
  itReal('a deeper operand without -R', () => {
    for (const rules of [['--exclude=/spam'], ['--exclude=/spam/Maildir/tmp']]) {
      const { real, model } = compare(SPEC_TREE, ['-r', ...rules, 'src/home/spam']);
      expect(model).toEqual(real);
    }
  });
});

// Random patterns over the whole wildcard grammar, random trees, both operand forms.
const NAMES = ['a', 'b', 'tmp', 'foo bar', 'x[1]', 'b\\c', '.hid', 'foo*', 'ab', 'Tmp', '\xc3\xa9', '\xe9', '-x'];
const COMPONENTS = ['a', 'b', 'tmp', 'foo bar', 'x[1]', 'x\\[1]', 'b\\c', '*', '?', '**', '***', '[ab]', '[!a]', '[[:alpha:]]*',
  '[[:bogus:]]', 'a*', '*b', '?b', 'foo\\*', 'x[1', '.*', 'src', '[a-c]', '\\a', 'a**b', ']', 'Tmp', '\xc3\xa9', '??'];

const treeArb = fc.uniqueArray(
  fc.tuple(fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }), fc.boolean()),
  { minLength: 1, maxLength: 10, selector: (x) => x[0].join('/') },
).map((items) => {
  // a path that is a prefix of another one must be a directory
  const paths = items.map(([parts, dir]) => ({ parts, dir }));
  const prefixes = new Set<string>();
  for (const p of paths) for (let i = 1; i < p.parts.length; i++) prefixes.add(p.parts.slice(0, i).join('/'));
  return paths.map((p) => {
    const joined = p.parts.join('/');
    return { path: p.dir || prefixes.has(joined) ? `${joined}/` : joined };
  });
});

const patternArb = fc.tuple(
  fc.boolean(), fc.array(fc.constantFrom(...COMPONENTS), { minLength: 1, maxLength: 3 }), fc.boolean(),
).map(([anchor, parts, dirOnly]) => `${anchor ? '/' : ''}${parts.join('/')}${dirOnly ? '/' : ''}`);

const ruleArb = fc.tuple(fc.constantFrom('--exclude=', '--include=', '-f+ ', '-f- ', '-f-! ', '-f+/ '), patternArb)
  .map(([opt, p]) => (opt.startsWith('-f') ? ['-f', opt.slice(2) + p] : [opt + p]));

const latin1ToUtf16 = (s: string): string => Buffer.from(s, 'latin1').toString('utf8');

describe('model agrees with real rsync on random rule sets', () => {
  const runs = Number(process.env.DIFF_RUNS ?? 150);
  for (const operand of ['src/', 'src']) {
    itReal(`random rules, operand ${operand} (${runs} cases)`, () => {
      let compared = 0;
      fc.assert(
        fc.property(treeArb, fc.array(ruleArb, { minLength: 1, maxLength: 4 }), (tree, rules) => {
          const args = ['-r', ...rules.flat().map(latin1ToUtf16), operand];
          const { real, model } = compare(tree, args);
          compared++;
          expect(model).toEqual(real);
        }),
        { numRuns: runs, seed: Number(process.env.DIFF_SEED ?? 4242) },
      );
      expect(compared).toBe(runs);
    });
  }
});

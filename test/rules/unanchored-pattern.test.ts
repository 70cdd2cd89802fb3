import { rule } from '../../rules/unanchored-pattern.js';
import { ruleTester } from '../support/rule-tester.js';
import { lintWithTree } from '../support/tree-lint.js';

// "rsync -aHAX --exclude=" is 22 characters, so the pattern starts at column 23.
ruleTester(rule, {
  valid: [
    // a pattern that starts with a byte-order mark is surrounding-whitespace's finding
    { list: '\ufeffcache\n' },
    { cmd: ['rsync', '-aHAX', '--exclude=/tmp/*', 'root@old:/', '/mnt/new/'] },
    { cmd: ['rsync', '-aHAX', '--exclude=.git', '--exclude=node_modules', '--exclude=*.o', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '--exclude=**/tmp', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '--include=tmp', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '-f', '-/ tmp', 'src/', 'dst/'] },
    // a brace list cut at a space: word-split-pattern reports the piece, no anchoring advice on it
    { script: "#!/bin/bash\nrsync -a --exclude={'a', 'b'} src/ dst/\n" },
    // a catch-all is never to be anchored: the include idiom, and `- *` on its own
    { cmd: ['rsync', '-a', '--include=*/', '--include=*.jpg', '--exclude=*', 'src/', 'dst/'] },
    { cmd: ['rsync', '-a', '-f', '- *', 'src/', 'dst/'] },
    { cmd: ['rsync', '-a', '--exclude=*/', '--exclude=?*', 'src/', 'dst/'] },
    { list: '+ */\n+ *.jpg\n- *\n', kind: 'perdir' },
    // broken text is surrounding-whitespace's and inline-comment's: `/foo ` would repeat it
    { cmd: ['rsync', '-a', '--exclude=foo ', '--exclude= bar', 'src/', 'dst/'] },
    { list: '*.log # logs\nbuild ; old\n  # indented\n' },
    { list: '.DS_Store\n.cache\n/tmp/*\n' },
    // case 040: the generated names are anchored by awk
    { script: "#!/bin/bash\nrsync -a --exclude-from=<(git ls-files -o --directory | awk '{print \"/\"$0}') ./ ci/\n" },
    { script: "#!/bin/bash\nrsync -a --exclude-from=<(find . -type f -printf '/%P\\n') ./ ci/\n" },
    { script: '#!/bin/bash\nrsync -a --exclude-from=<(cat excludes.txt) ./ ci/\n' },
  ],
  invalid: [
    {
      input: { cmd: ['rsync', '-aHAX', '--exclude=tmp', 'root@old:/', '/mnt/new/'] },
      findings: [{
        messageId: 'unanchored', column: 23, endColumn: 26, severity: 'warning', pattern: 'tmp',
        messageIncludes: 'home/user/Maildir/tmp',
        suggestions: [
          { message: 'anchor it and keep the directory itself: `/tmp/*`', replacement: '/tmp/*' },
          { message: 'anchor it and drop the directory: `/tmp/`', replacement: '/tmp/' },
        ],
      }],
    },
    {
      // source without a trailing slash: the anchor must include the source's name
      input: { cmd: ['rsync', '-aHAX', '--exclude=src', '/var/www/project', 'dst/'] },
      findings: [{
        messageId: 'unanchored', column: 23, endColumn: 26, severity: 'warning',
        suggestions: [{ message: 'anchor it at the transfer root: `/project/src`', replacement: '/project/src' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-aHAX', '--exclude', 'configs/app/cache', 'src/', 'dst/'] },
      findings: [{ messageId: 'unanchored', column: 23, endColumn: 40, severity: 'info', pattern: 'configs/app/cache' }],
    },
    {
      input: { cmd: ['rsync', '-aHAX', '-f', '- tmp/*', 'src/', 'dst/'] },
      findings: [{ messageId: 'unanchored', column: 18, endColumn: 23, severity: 'warning', pattern: 'tmp/*' }],
    },
    {
      // case 010: git prints root-relative names, and each floats
      input: { script: '#!/bin/bash\nrsync -a --delete \\\n  --exclude-from=<(git ls-files -o --directory) \\\n  ./ .gitlab-ci-local/builds/docker/\n' },
      findings: [{
        messageId: 'generated', line: 3, column: 18, endColumn: 48, severity: 'warning',
        messageIncludes: '`git ls-files -o --directory` prints names relative to the top of the tree without a leading `/`',
        suggestions: [{
          message: "anchor every generated name at the transfer root: `<(git ls-files -o --directory | sed 's|^|/|')`",
          replacement: "<(git ls-files -o --directory | sed 's|^|/|')",
        }],
      }],
    },
    {
      input: { list: '# comment\nvendor/\n' },
      findings: [{ messageId: 'unanchored', line: 2, column: 1, endColumn: 8, severity: 'warning', pattern: 'vendor/' }],
    },
  ],
});

const MAIL = 'home/alice/Maildir/cur/\nhome/alice/Maildir/tmp/\nhome/bob/Maildir/tmp/\nhome/bob/Maildir/cur/\n';

describe('RSL101 unanchored-pattern with a tree', () => {
  const rsl101 = (words: string[], listing: string) => lintWithTree(words, listing, { rules: [rule] }).findings;

  it('keeps a wildcard-led name (`*.dat`, `*-old`) at its tree-less severity and suggestion, however deep it matches', () => {
    const listing = Array.from({ length: 200 }, (_, i) => `d${i % 5}/f${i}.dat\nd${i % 5}/f${i}-old`).join('\n') + '\n';
    const found = rsl101(['rsync', '-a', '--exclude=*.dat', '--exclude=*-old', 'src/', 'd/'], listing);
    expect(found.map((f) => [f.pattern, f.severity, f.messageId])).toEqual([['*.dat', 'info', 'unanchored'], ['*-old', 'info', 'unanchored']]);
    expect(found[0].message).not.toContain('below the top level');
    expect(found[0].suggestions).toEqual([{ message: 'only if you meant the top level alone, anchor it: `/*.dat`', replacement: '/*.dat' }]);
    // five directories are few enough to be shown one by one
    expect(found[0].evidence?.groups.map((g) => `${g.pattern} ${g.count}`)).toEqual(['d0/*.dat 40', 'd1/*.dat 40', 'd2/*.dat 40', 'd3/*.dat 40', 'd4/*.dat 40']);
    expect(found[1].evidence?.groups.map((g) => `${g.pattern} ${g.count}`)).toEqual(['d0/*-old 40', 'd1/*-old 40', 'd2/*-old 40', 'd3/*-old 40', 'd4/*-old 40']);
  });

  it('stays quiet on the include idiom also when the tree shows `*` matching at every depth', () => {
    expect(rsl101(['rsync', '-a', '--include=*/', '--include=*.jpg', '--exclude=*', 'src/', 'd/'], 'a/b/c.txt\na/d.jpg\ne.txt\n')).toEqual([]);
  });

  it('says "all N of its matches" when every match is below the top level', () => {
    const [f] = rsl101(['rsync', '-a', '--exclude=tmp', 'src/', 'd/'], MAIL);
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('`tmp` has no leading `/`, and in this tree all 2 of its matches are below the top level: it drops `home/*/Maildir/tmp/` × 2 (for example `home/alice/Maildir/tmp/`)');
  });

  it('says "its only match" for a single match below the top level', () => {
    const [f] = rsl101(['rsync', '-a', '--exclude=cur', 'src/', 'd/'], 'home/alice/Maildir/cur/\n');
    expect(f.message).toBe('`cur` has no leading `/`, and in this tree its only match is below the top level: it drops `home/alice/Maildir/cur/`');
  });

  it('says "1 of its N matches is" when one of several matches is nested', () => {
    const [f] = rsl101(['rsync', '-a', '--exclude=tmp', 'src/', 'd/'], 'tmp/\nvar/tmp/\n');
    expect(f.message).toBe('`tmp` has no leading `/`, and in this tree 1 of its 2 matches is below the top level: it also drops `var/tmp/`');
  });
});

import { rule } from '../../rules/must-keep.js';
import { lintWithTree } from '../support/tree-lint.js';

const TREE = 'tmp/x\nhome/alice/Maildir/cur/1\nhome/alice/Maildir/new/\nhome/alice/Maildir/tmp/\nhome/bob/Maildir/tmp/t\n';

describe('RSL205 must-keep', () => {
  it('fires at the rule that drops a must-keep path, naming the path and the rule', () => {
    // "rsync -a --exclude=" is 19 characters
    const r = lintWithTree(['rsync', '-a', '--exclude=tmp', 'src/', 'dst/'], TREE, { rules: [rule], mustKeep: ['**/Maildir/tmp/'] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ ruleId: 'RSL205', line: 1, column: 20, endColumn: 23, severity: 'error', pattern: 'tmp' });
    expect(r.findings[0].message).toBe('`- tmp` drops `home/alice/Maildir/tmp/` (and 1 more), which `--must-keep **/Maildir/tmp/` says must survive');
    expect(r.findings[0].evidence?.excluded).toEqual({ files: 2, dirs: 3 });
  });
  it('stays quiet when the anchored rule spares the must-keep paths', () => {
    const r = lintWithTree(['rsync', '-a', '--exclude=/tmp/*', 'src/', 'dst/'], TREE, { rules: [rule], mustKeep: ['**/Maildir/tmp/'] });
    expect(r.findings).toEqual([]);
  });
  it('stays quiet without --must-keep', () => {
    expect(lintWithTree(['rsync', '-a', '--exclude=tmp', 'src/', 'dst/'], TREE, { rules: [rule] }).findings).toEqual([]);
  });
});

import { rule } from '../../rules/broken-structure.js';
import { lintWithTree } from '../support/tree-lint.js';

const TREE = 'home/alice/Maildir/cur/1\nhome/alice/Maildir/new/\nhome/alice/Maildir/tmp/\nhome/alice/Maildir/.Sent/cur/\nhome/alice/Maildir/.Sent/new/\nhome/alice/Maildir/.Sent/tmp/\nhome/bob/notes/tmp/\n';

describe('RSL206 broken-structure', () => {
  it('fires when a rule drops a Maildir part, counting the other Maildirs', () => {
    const r = lintWithTree(['rsync', '-a', '--exclude=tmp', 'src/', 'dst/'], TREE, { rules: [rule] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ ruleId: 'RSL206', column: 20, endColumn: 23, severity: 'error' });
    expect(r.findings[0].message).toBe('`tmp` drops `tmp` from the Maildir `home/alice/Maildir/` and 1 other Maildir: a Maildir needs `cur`, `new` and `tmp`, and mail delivery fails without `tmp`');
  });
  it('suggests includes that keep the part of every Maildir it names (usual, Maildir++ folder, top-level), and with them first the Maildirs keep it (rsync 3.5.0 agrees: only notes/tmp is dropped)', () => {
    const tree = `${TREE}Maildir/cur/\nMaildir/new/\nMaildir/tmp/\n`;
    const r = lintWithTree(['rsync', '-a', '--exclude=tmp', 'src/', 'dst/'], tree, { rules: [rule] });
    expect(r.findings[0].suggestions?.[0]?.message).toBe('keep them: put `+ /Maildir/tmp/`, `+ **/Maildir/tmp/`, `+ **/Maildir/.*/tmp/` before this rule');
    const kept = lintWithTree(['rsync', '-a', '--include=/Maildir/tmp/', '--include=**/Maildir/tmp/', '--include=**/Maildir/.*/tmp/', '--exclude=tmp', 'src/', 'dst/'], tree, { rules: [rule] });
    expect(kept.findings).toEqual([]);
  });
  it('stays quiet when the Maildir is dropped whole, or nothing of it', () => {
    expect(lintWithTree(['rsync', '-a', '--exclude=/home/alice/', 'src/', 'dst/'], TREE, { rules: [rule] }).findings).toEqual([]);
    expect(lintWithTree(['rsync', '-a', '--exclude=/home/bob/notes/tmp/', 'src/', 'dst/'], TREE, { rules: [rule] }).findings).toEqual([]);
  });
  it('stays quiet without a tree', () => {
    expect(lintWithTree(['rsync', '-a', '--exclude=tmp', 'src/', 'dst/'], '', { rules: [rule] }).findings).toEqual([]);
  });
});

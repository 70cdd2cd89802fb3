import { rule } from '../../rules/case-mismatch.js';
import { ruleTester } from '../support/rule-tester.js';

// "rsync -a --exclude=" is 19 characters, so a pattern starts at column 20.
ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-a', '--exclude=.DS_Store', '--exclude=Thumbs.db', '--exclude=node_modules/', 'src/', 'dst/'] },
    // case 043's spellings
    { list: '.cache\n.npm\n.nvm\n.thumbnails\nThumbs.db\n.DS_Store\n.config/*/Cache\n.local/share/Trash\n' },
    // both spellings on purpose
    { list: 'Thumbs.db\nthumbs.db\n' },
    // not a well-known name, and lower-case trash directories exist
    { list: 'Makefile\n.trash-1000\nCACHE\n' },
  ],
  invalid: [
    {
      input: { cmd: ['rsync', '-a', '--exclude=.DS_STORE', 'src/', 'dst/'] },
      findings: [{
        messageId: 'caseMismatch', column: 20, endColumn: 29, pattern: '.DS_STORE', messageIncludes: 'does not match `.DS_Store`',
        suggestions: [{ message: 'write `.DS_Store`', replacement: '.DS_Store' }],
      }],
    },
    {
      input: { list: 'thumbs.db\ndesktop.INI\n/app/Node_Modules/\n*.PYC\n' },
      findings: [
        { messageId: 'caseMismatch', line: 1, column: 1, endColumn: 10, suggestions: [{ message: 'write `Thumbs.db`', replacement: 'Thumbs.db' }] },
        { messageId: 'caseMismatch', line: 2, column: 1, endColumn: 12, suggestions: [{ message: 'write `desktop.ini`', replacement: 'desktop.ini' }] },
        { messageId: 'caseMismatch', line: 3, column: 1, endColumn: 19, suggestions: [{ message: 'write `/app/node_modules/`', replacement: '/app/node_modules/' }] },
        { messageId: 'caseMismatch', line: 4, column: 1, endColumn: 6, suggestions: [{ message: 'write `*.pyc`', replacement: '*.pyc' }] },
      ],
    },
    {
      // an include is just as case-sensitive
      input: { cmd: ['rsync', '-a', '--include=.GIT/', 'src/', 'dst/'] },
      findings: [{ messageId: 'caseMismatch', column: 20, endColumn: 25, messageIncludes: 'only an entry spelled `.GIT` is matched' }],
    },
  ],
});

describe('RSL110 case-mismatch with a tree', () => {
  it('names the entry in the tree that the rule misses only by case', async () => {
    const { lintWithTree } = await import('../support/tree-lint.js');
    const r = lintWithTree(['rsync', '-a', '--exclude=Build', 'src/', 'dst/'], 'build/out.o\nsrc/a.c\n', { rules: [rule] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ ruleId: 'RSL110', column: 20, endColumn: 25, messageId: 'caseInTree' });
    expect(r.findings[0].message).toBe('`Build` does not match `build` in this tree: rsync compares names case-sensitively, so that entry is kept');
    expect(lintWithTree(['rsync', '-a', '--exclude=build', 'src/', 'dst/'], 'build/out.o\n', { rules: [rule] }).findings).toEqual([]);
  });
});

import { rule } from '../../rules/pruned-include.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-r', '--include=*/', '--include=a/b/c', '--exclude=*', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '--include=a/', '--include=a/b/', '--include=a/b/c', '--exclude=*', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '--include=d/***', '--exclude=*', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '-f', '+ /a/', '-f', '+ /a/b/***', '-f', '- /a/*', 'src/', 'dst/'] },
    // a top-level include before '- *' is fine
    { cmd: ['rsync', '-r', '--include=keep.txt', '--exclude=*', 'src/', 'dst/'] },
  ],
  invalid: [
    {
      // "rsync -rv --include=" is 20 characters
      input: { cmd: ['rsync', '-rv', '--include=d/**', '--exclude=*', 'testa/', 'testb'] },
      findings: [{
        messageId: 'pruned', column: 21, endColumn: 25, pattern: 'd/**', messageIncludes: '`d/`',
        suggestions: [{ message: 'include the directory too: `d/***`', replacement: 'd/***' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-r', '--exclude=/mnt/*', '--include=/mnt/a/b/***', 'src/', 'dst/'] },
      findings: [{
        messageId: 'pruned', column: 37, endColumn: 49, messageIncludes: '`- /mnt/*`',
        suggestions: [{ message: 'include the directories on the way first: `+ /mnt/a/` before `- /mnt/*`, then `- /mnt/a/*` after this include to keep their other contents out', replacement: '/mnt/a/' }],
      }],
    },
    {
      // the exclude comes first and the include matches the excluded directory itself: move it up
      input: { cmd: ['rsync', '-r', '--exclude=/data/*', '--include=/data/keep/***', 'src/', 'dst/'] },
      findings: [{ messageId: 'prunedEarlier', column: 38, endColumn: 52, messageIncludes: 'put this include before `- /data/*`', suggestions: [] }],
    },
    {
      input: { cmd: ['rsync', '-r', '--include=/data/keep/f', '--exclude=*', 'src/', 'dst/'] },
      findings: [{
        messageId: 'pruned', column: 20, endColumn: 32,
        suggestions: [
          { message: 'include the directories on the way first: `+ /data/`, `+ /data/keep/` before `- *`', replacement: '/data/' },
          { message: 'or include every directory first (`+ */` before the excludes, with -m to drop empty ones)', replacement: '*/' },
        ],
      }],
    },
    {
      // operand without a trailing slash: `- *` excludes `src` itself
      input: { cmd: ['rsync', '-r', '--include=a/', '--include=a/b', '--exclude=*', 'src', 'dst/'] },
      findings: [
        { messageId: 'pruned', column: 20, endColumn: 22 },
        { messageId: 'pruned', column: 33, endColumn: 36 },
      ],
    },
  ],
});

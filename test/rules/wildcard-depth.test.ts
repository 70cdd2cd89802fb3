import { rule } from '../../rules/wildcard-depth.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { list: '**/tmp\n/tmp/*\nd/***\n/root/.**\n*.o\nfoo/*/bar\n' },
    { cmd: ['rsync', '-r', '--include=d/**', '--exclude=*', 'src/', 'dst/'] },
    // dir/*.ext with no catch-all after it, a catch-all before it, an exclude, or a wild directory part
    { cmd: ['rsync', '-r', '--include=/docs/*.pdf', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '--exclude=*', '--include=/docs/*.pdf', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '--exclude=/docs/*.pdf', '--exclude=*', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '--include=*/', '--include=*.pdf', '--include=/d*/*.pdf', '--exclude=*', 'src/', 'dst/'] },
    { cmd: ['rsync', '-r', '--include=/docs/', '--include=/docs/**/', '--include=/docs/**.pdf', '--exclude=*', 'src/', 'dst/'] },
  ],
  invalid: [
    {
      // "rsync -r --include=/docs/ --include=" is 36 characters
      input: { cmd: ['rsync', '-r', '--include=/docs/', '--include=/docs/*.pdf', '--exclude=*', 'src/', 'dst/'] },
      findings: [{
        messageId: 'oneLevel', column: 37, endColumn: 48, messageIncludes: 'a `docs/sub/x.pdf` is not sent',
        suggestions: [{ message: 'to reach every depth below `docs/`: write `/docs/**.pdf` and include the directories on the way (`+ /docs/**/`)', replacement: '/docs/**.pdf' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-rv', '--include=d**', '--exclude=*', 'testa/', 'testb'] },
      findings: [{ messageId: 'gluedStarStar', column: 21, endColumn: 24, suggestions: [{ message: 'write `d/***`', replacement: 'd/***' }] }],
    },
    {
      input: { cmd: ['rsync', '-r', '--exclude=docker/**/*.service', 'src/', 'dst/'] },
      findings: [{ messageId: 'middleStarStar', column: 20, endColumn: 39, messageIncludes: '`docker/x.service`', suggestions: [{ message: 'write `docker/**.service`', replacement: 'docker/**.service' }] }],
    },
    {
      input: { list: '/**/tmp\n' },
      findings: [{ messageId: 'leadingSlashStarStar', line: 1, column: 1, endColumn: 8, suggestions: [{ message: 'write `tmp`', replacement: 'tmp' }] }],
    },
    {
      input: { list: 'build/**\n' },
      findings: [{ messageId: 'keepsDir', line: 1, column: 1, endColumn: 9, severity: 'info' }],
    },
  ],
});

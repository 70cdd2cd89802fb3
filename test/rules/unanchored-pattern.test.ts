import { rule } from '../../rules/unanchored-pattern.js';
import { ruleTester } from '../support/rule-tester.js';

// "rsync -aHAX --exclude=" is 22 characters, so the pattern starts at column 23.
ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-aHAX', '--exclude=/tmp/*', 'root@old:/', '/mnt/new/'] },
    { cmd: ['rsync', '-aHAX', '--exclude=.git', '--exclude=node_modules', '--exclude=*.o', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '--exclude=**/tmp', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '--include=tmp', 'src/', 'dst/'] },
    { cmd: ['rsync', '-aHAX', '-f', '-/ tmp', 'src/', 'dst/'] },
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

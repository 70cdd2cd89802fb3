import { rule } from '../../rules/word-split-pattern.js';
import { ruleTester } from '../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { script: "#!/bin/bash\nrsync -a '--exclude=My Documents' src/ dst/\n" },
    { script: "#!/bin/bash\nrsync -a --exclude={'landing','studio'} ./site/ web:/srv/site/\n" },
    // the value splits into whole options: that is what the author meant
    { script: "#!/bin/bash\nEX='--exclude=a --exclude=b'\nrsync -a $EX src/ dst/\n" },
    { script: "#!/bin/bash\nA=(--exclude='x y')\nrsync -a \"${A[@]}\" src/ dst/\n" },
    // unknown unquoted operands are not option bags
    { script: '#!/bin/sh\nrsync -a $SRC $DST\n' },
    { script: '#!/bin/sh\nE="My Documents"\nrsync -a --exclude="$E" ./ /bk/\n' },
    { script: '#!/bin/sh\nE=tmp\nrsync -a --exclude=$E ./ /bk/\n' },
    // no shell: nothing is split
    { cmd: ['rsync', '-a', '--exclude=My Documents', 'src/', 'dst/'] },
  ],
  invalid: [
    {
      // case 005
      input: { script: "#!/bin/bash\n# publish\nrsync -av --delete --exclude={'landing', 'studio'} ./site/ deploy@web.example.org:/var/www/site/\n" },
      findings: [{
        messageId: 'braceSpace', line: 3, column: 30, endColumn: 41, severity: 'error', pattern: '{landing,',
        messageIncludes: "bash does not brace-expand `{'landing', 'studio'}`, so rsync gets the pattern `{landing,` and an extra source `studio}`",
        suggestions: [{ message: "drop the space so that bash expands the list: `--exclude={'landing','studio'}`", replacement: "--exclude={'landing','studio'}" }],
      }],
    },
    {
      input: { script: '#!/bin/sh\nrsync -av --exclude={a, b, c} ./site/ web:/x/\n' },
      findings: [{ messageId: 'braceSpace', line: 2, column: 21, endColumn: 24, messageIncludes: 'extra sources `b,` and `c}`' }],
    },
    {
      input: { script: '#!/bin/bash\nrsync -a --exclude {a,b} src/ dst/\n' },
      findings: [{
        messageId: 'braceSeparate', line: 2, column: 21, endColumn: 22, pattern: 'a',
        messageIncludes: '`{a,b}` after `--exclude` expands to `--exclude a b`',
        suggestions: [{ message: "one option per name: `--exclude='a' --exclude='b'`", replacement: "--exclude='a' --exclude='b'" }],
      }],
    },
    {
      input: { script: "#!/bin/bash\nEX='--exclude=My Documents'\nrsync -a $EX src/ dst/\n" },
      findings: [{ messageId: 'variableSpace', line: 2, column: 15, endColumn: 17, pattern: 'My', messageIncludes: 'extra source `Documents`' }],
    },
    {
      // the expansion is inside the option word: `--exclude=My` and an operand `Documents`
      input: { script: '#!/bin/sh\nE="My Documents"\nrsync -a --exclude=$E ./ /bk/\n' },
      findings: [{
        messageId: 'variableSpace', line: 3, column: 20, endColumn: 22, severity: 'error', pattern: 'My',
        messageIncludes: '`My` is cut at a space inside `$E`, which is expanded unquoted: rsync gets the pattern `My` and an extra source `Documents`',
        suggestions: [{ message: 'quote the expansion so that rsync gets one pattern `My Documents`: `--exclude="$E"`', replacement: '--exclude="$E"' }],
      }],
    },
    {
      input: { script: '#!/bin/bash\nE="b c d"\nrsync -a --exclude=a${E} src/ dst/\n' },
      findings: [{
        messageId: 'variableSpace', line: 3, column: 21, endColumn: 25, pattern: 'ab',
        messageIncludes: 'extra sources `c` and `d`',
        suggestions: [{ message: 'quote the expansion so that rsync gets one pattern `ab c d`: `--exclude=a"${E}"`', replacement: '--exclude=a"${E}"' }],
      }],
    },
    {
      // case 016: an option bag from the environment
      input: { script: '#!/bin/bash\nrsync --rsh="ssh -p 22" $FLAGS "${SRC_PATH}" "${DEST}"\n', name: 'entrypoint.sh' },
      findings: [{
        messageId: 'unknownBag', line: 2, column: 25, endColumn: 31, severity: 'info',
        suggestions: [{ message: 'keep each option a word of its own: an array expanded as `"${FLAGS[@]}"`', replacement: '"${FLAGS[@]}"' }],
      }],
    },
  ],
});

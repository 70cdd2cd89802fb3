import { rule } from '../../rules/bare-extension.js';
import { ruleTester } from '../support/rule-tester.js';

// "rsync -av --exclude=" is 20 characters, so a pattern starts at column 21.
ruleTester(rule, {
  valid: [
    { cmd: ['rsync', '-av', '--exclude=*.pyc', '--exclude=__pycache__', '--exclude=.git', '--exclude=venv', 'src/', 'dst/'] },
    // `tmp` is a real directory name; `log/` and `/log` name a directory or a place on purpose
    { list: 'tmp\nlog/\n/log\n/bak\nbuild\nnode_modules\n' },
  ],
  invalid: [
    {
      // case 050 as written in the deploy script (bash array of options)
      input: {
        script: '#!/bin/bash\nexcludes=(--exclude=pyc \\\n          --exclude=__pycache__ \\\n          --exclude=.git)\nrsync -av "${excludes[@]}" --delete ./site/ app@www.example.net:/home/app/site\n',
      },
      findings: [{
        messageId: 'bare', line: 2, column: 21, endColumn: 24, severity: 'warning', pattern: 'pyc',
        messageIncludes: 'only matches entries named exactly `pyc`, not `views.pyc`',
        suggestions: [{ message: 'match the extension: `*.pyc`', replacement: '*.pyc' }],
      }],
    },
    {
      input: { cmd: ['rsync', '-av', '--exclude=o', '--exclude=.swp', '--include=class', 'src/', 'dst/'] },
      findings: [
        { messageId: 'bare', column: 21, endColumn: 22, severity: 'warning', suggestions: [{ message: 'match the extension: `*.o`', replacement: '*.o' }] },
        { messageId: 'bare', column: 33, endColumn: 37, severity: 'warning', messageIncludes: 'not `.notes.txt.swp`' },
        { messageId: 'bare', column: 48, endColumn: 53, severity: 'warning', messageIncludes: 'not `Main.class`' },
      ],
    },
    {
      // `log` and `bak` are also directory names: info
      input: { list: 'log\nbak\n.log\n' },
      findings: [
        { messageId: 'bare', line: 1, column: 1, endColumn: 4, severity: 'info', suggestions: [{ message: 'match the extension: `*.log`', replacement: '*.log' }] },
        { messageId: 'bare', line: 2, column: 1, endColumn: 4, severity: 'info' },
        { messageId: 'bare', line: 3, column: 1, endColumn: 5, severity: 'warning' },
      ],
    },
  ],
});

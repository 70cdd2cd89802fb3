import { readFileSync } from 'node:fs';
import { detectShell, parseShellScript, type RsyncInvocation, type ShellWord } from '../src/shell/index.js';
import { getBashParser } from '../src/shell/parser.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/shell/${name}`, import.meta.url), 'utf8');
const span = (w: ShellWord): string =>
  `${w.range.start.line}:${w.range.start.column}-${w.range.end.line}:${w.range.end.column}`;
const summary = (inv: RsyncInvocation): string => [inv.line, inv.wrappers.join('+'), inv.program.text, ...inv.args.map((a) => a.text)].join(' ');

describe('a real case: moving a mail server', () => {
  it('keeps the continuation lines and reports every word at its own line and column', async () => {
    const script = await parseShellScript(fixture('mailserver-move.sh'));
    expect(script.shell).toBe('sh');
    expect(script.errors).toEqual([]);
    expect(script.invocations).toHaveLength(1);
    const inv = script.invocations[0];
    expect(inv.line).toBe(5);
    expect(span(inv.program)).toBe('5:1-5:6');
    const word = inv.args[2];
    expect(word.text).toBe('--exclude=tmp');
    expect(word.known).toBe(true);
    expect(word.range.start).toEqual({ line: 6, column: 3 });
    expect(word.range.end).toEqual({ line: 6, column: 16 });
    expect(word.posAt('--exclude='.length)).toEqual({ line: 6, column: 13 });
    expect(inv.args.map((a) => a.text)).toEqual([
      '-aHAX', '--numeric-ids', '--exclude=tmp', '--exclude=proc', '--exclude=sys', '--exclude=dev', '--exclude=run',
      'root@oldmail.example.net:/', '/mnt/newvm/',
    ]);
    expect(span(inv.args[8])).toBe('7:30-7:41');
  });
});

describe('wrappers', () => {
  it('skips sudo, nice, ionice, time, env, command, nohup, timeout, exec, flock (its lock file; not -c) and setsid with their options', async () => {
    const { invocations } = await parseShellScript(fixture('wrappers.sh'));
    expect(invocations.map(summary)).toEqual([
      '3 sudo rsync -a /etc/ /backup/etc/',
      '4 sudo rsync -a /srv/ /backup/srv/',
      '5 time+nice rsync -a /var/www/ /backup/www/',
      '6 ionice+nice rsync -a /opt/ /backup/opt/',
      '7 env rsync -a /root/ /backup/root/',
      '8 command rsync -a /data/ host:/data/',
      '9 nohup /usr/bin/rsync -a /big/ /backup/big/',
      '10 timeout rsync -a /slow/ /backup/slow/',
      '14 exec rsync -a /last/ /backup/last/',
      '15 flock rsync -a /locked/ /backup/locked/',
      '17 setsid rsync -a /detached/ /backup/detached/',
    ]);
    expect(span(invocations[1].program)).toBe('4:22-4:27');
    expect(span(invocations[7].args[2])).toBe('10:30-10:43');
  });

  it('uses the directory given to sudo -D and env -C, and treats an unknown $SUDO as a wrapper', async () => {
    const src = '#!/bin/sh\ncd /base\nsudo -D /srv rsync a b\nenv --chdir=sub rsync c d\n$SUDO rsync e f\ncommand -v rsync\n';
    const { invocations } = await parseShellScript(src);
    expect(invocations.map((i) => [i.line, i.cwd, i.wrappers])).toEqual([
      [3, '/srv', ['sudo']],
      [4, '/base/sub', ['env']],
      [5, '/base', ['$SUDO']],
    ]);
  });

  it('finds an rsync whose program word comes from a variable', async () => {
    const { invocations } = await parseShellScript('RSYNC="nice rsync -av"\n$RSYNC --delete src/ dst/\n');
    expect(invocations).toHaveLength(1);
    const [inv] = invocations;
    expect(inv.line).toBe(2);
    expect(inv.wrappers).toEqual(['nice']);
    expect(inv.program.text).toBe('rsync');
    expect(span(inv.program)).toBe('1:13-1:18');
    expect(inv.program.fromExpansion?.name).toBe('RSYNC');
    expect(inv.args.map((a) => a.text)).toEqual(['-av', '--delete', 'src/', 'dst/']);
  });
});

describe('rsync commands in every construct', () => {
  it('finds them in functions, conditions, loops, case, subshells, pipelines, lists, $(...) and backticks', async () => {
    const { invocations, errors } = await parseShellScript(fixture('structure.sh'));
    expect(errors).toEqual([]);
    expect(invocations.map((i) => `${i.line}:${i.program.range.start.column} ${i.args.slice(0, 2).map((a) => a.text).join(' ')}`)).toEqual([
      '6:3 -a $1',
      '9:4 -q --list-only',
      '10:3 -a host::module/',
      '12:3 -a /mnt/alt/',
      '17:23 -a /$d/',
      '18:21 -a $f',
      '18:60 --list-only /src/',
      '21:9 -a --delete',
      '25:14 -a .',
      '25:70 -a /ok/',
      '25:99 -a /fail/',
      '26:11 --version',
      '27:15 -r --list-only',
      '28:13 -a --files-from=-',
      '32:1 -a /x/',
    ]);
  });

  it('does not take heredoc bodies for commands, but runs command substitutions in unquoted ones', async () => {
    const { invocations } = await parseShellScript(fixture('structure.sh'));
    const texts = invocations.flatMap((i) => i.args.map((a) => a.text));
    expect(texts).not.toContain('--exclude=inheredoc');
    expect(texts).not.toContain('--exclude=alsoheredoc');
    const sub = await parseShellScript('cat <<EOF\nlist: $(rsync --list-only /src/)\nEOF\n');
    expect(sub.invocations.map(summary)).toEqual(['2  rsync --list-only /src/']);
  });

  it('skips ssh host rsync and echo rsync', async () => {
    const { invocations } = await parseShellScript('ssh h rsync -a x y\nssh h "rsync -a x y"\necho rsync x\nwhich rsync\n');
    expect(invocations).toEqual([]);
  });
});

describe('syntax errors', () => {
  it('reports where the parser recovered and still returns the rsync commands around the broken loop', async () => {
    const script = await parseShellScript(fixture('broken.sh'));
    expect(script.errors).toEqual([
      { line: 3, column: 13, message: 'syntax error' },
      { line: 5, column: 1, message: "syntax error near 'done'" },
    ]);
    expect(script.invocations.map(summary)).toEqual([
      '2  rsync -a before/ dst/',
      '4  rsync -a $x dst/',
      '6  rsync -a --exclude=cache after/ dst/',
    ]);
    const after = script.invocations[2].args[1];
    expect(span(after)).toBe('6:10-6:25');
  });

  it('reports a missing closing brace', async () => {
    const script = await parseShellScript('f() { rsync -a x y\n');
    expect(script.errors).toEqual([{ line: 2, column: 1, message: "missing '}'" }]);
    expect(script.invocations.map(summary)).toEqual(['1  rsync -a x y']);
  });
});

describe('shell detection', () => {
  it.each([
    ['#!/bin/bash\n', undefined, 'bash'],
    ['#!/usr/bin/env bash\n', undefined, 'bash'],
    ['#! /bin/zsh -f\n', undefined, 'bash'],
    ['#!/usr/bin/env -S bash -e\n', undefined, 'bash'],
    ['#!/bin/sh\n', 'bash', 'sh'],
    ['#!/bin/dash\n', undefined, 'sh'],
    ['#!/bin/ash\r\n', undefined, 'sh'],
    ['rsync a b\n', undefined, 'sh'],
    ['rsync a b\n', 'bash', 'bash'],
    ['#!/usr/bin/python3\n', 'bash', 'bash'],
  ] as const)('%j with hint %s is %s', (text, hint, shell) => {
    expect(detectShell(text, hint)).toBe(shell);
  });

  it('loads the grammar once', async () => {
    expect(await getBashParser()).toBe(await getBashParser());
  });
});

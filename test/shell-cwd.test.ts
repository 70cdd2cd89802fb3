// The working directory of `cd "$(dirname "$0")/X"` (the script's own directory) and of a `cd` nobody can know.
import { parseShellScript } from '../src/shell/index.js';

const cwdOf = async (text: string): Promise<unknown[]> =>
  (await parseShellScript(text)).invocations.map((i) => [i.line, i.cwd, i.cwdInScriptDir, i.cwdUnknown]);

describe('cd to the script directory', () => {
  test.each([
    ['cd "$(dirname "$0")/conf"', 'conf'],
    ['cd "$(dirname -- "$0")"', '.'],
    ['cd "${0%/*}"', '.'],
    ['cd "${0%/*}"/conf/../etc', 'etc'],
    ['cd `dirname $0`/a', 'a'],
    ['cd "$(dirname "${BASH_SOURCE[0]}")"/..', '..'],
  ])('%s', async (cd, rel) => {
    expect(await cwdOf(`#!/bin/bash\n${cd}\nrsync -a a/ b/\n`)).toEqual([[3, undefined, rel, undefined]]);
  });

  test('a later relative cd goes on from there, an absolute one leaves it', async () => {
    expect(await cwdOf('#!/bin/sh\ncd "$(dirname "$0")"\ncd conf\nrsync -a a/ b/\ncd /srv\nrsync -a a/ b/\n'))
      .toEqual([[4, undefined, 'conf', undefined], [6, '/srv', undefined, undefined]]);
  });
});

describe('a cd nobody can know', () => {
  test('to an unknown word, in one branch only, and with no argument', async () => {
    expect(await cwdOf('#!/bin/sh\nrsync -a a/ b/\ncd "$D"\nrsync -a a/ b/\ncd /x\nif true; then cd /y; fi\nrsync -a a/ b/\ncd\nrsync -a a/ b/\n'))
      .toEqual([[2, undefined, undefined, undefined], [4, undefined, undefined, true], [7, undefined, undefined, true], [9, undefined, undefined, true]]);
  });
  test('`$(dirname "$X")` of another variable is not the script directory', async () => {
    expect(await cwdOf('#!/bin/sh\ncd "$(dirname "$X")"\nrsync -a a/ b/\n')).toEqual([[3, undefined, undefined, true]]);
  });
});

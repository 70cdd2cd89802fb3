import { wildmatch } from '../src/rsync/wildmatch.js';
import { WILDTEST_VECTORS } from './wildtest-vectors.js';

describe('wildmatch: rsync wildtest.txt vectors', () => {
  it('has all 144 vectors', () => {
    expect(WILDTEST_VECTORS.length).toBe(144);
    expect(WILDTEST_VECTORS.filter((v) => v[1]).length).toBe(88);
  });
  it.each(WILDTEST_VECTORS.map((v) => [v[0], v[1], v[2], v[3]] as const))(
    'line %i: expect %s for text %j pattern %j',
    (_line, expected, text, pattern) => {
      expect(wildmatch(pattern, text)).toBe(expected);
    },
  );
});

describe('wildmatch: byte semantics', () => {
  const e = Buffer.from('é', 'utf8').toString('latin1');
  it('`?` is one byte of a multi-byte character', () => {
    expect(wildmatch('?', e)).toBe(false);
    expect(wildmatch('??', e)).toBe(true);
  });
  it('a set never matches `/`, even negated', () => {
    expect(wildmatch('a[!x]b', 'a/b')).toBe(false);
  });
  it('an unterminated `[` never matches, even its own text', () => {
    expect(wildmatch('file[1', 'file[1')).toBe(false);
  });
  it('a trailing lone backslash never matches', () => {
    expect(wildmatch('foo*\\', 'foo\\')).toBe(false);
  });
  it('is linear on hostile patterns', () => {
    const pattern = '*a'.repeat(40) + '*b';
    const text = 'a'.repeat(4000);
    expect(wildmatch(pattern, text)).toBe(false);
  });
});

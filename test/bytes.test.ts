import { displayBytes, utf8ToBytes } from '../src/rsync/bytes.js';

describe('byte strings', () => {
  it('round-trips UTF-8 text', () => {
    const b = utf8ToBytes('é');
    expect(b.length).toBe(2);
    expect(displayBytes(b)).toBe('é');
  });
  it('escapes invalid bytes as rsync does', () => {
    expect(displayBytes('latin1-\xe9t\xe9.txt')).toBe('latin1-\\#351t\\#351.txt');
    expect(displayBytes(utf8ToBytes('ok-é') + '\xff')).toBe('ok-é\\#377');
  });
});

import { displayBytes, displayFileName, utf8ToBytes } from '../src/rsync/bytes.js';

describe('byte strings', () => {
  it('round-trips UTF-8 text', () => {
    const b = utf8ToBytes('é');
    expect(b.length).toBe(2);
    expect(displayBytes(b)).toBe('é');
  });
  it('file names print as rsync -i prints them: control bytes escaped, tab and DEL raw, a literal `\\#ddd` backslash escaped', () => {
    expect(displayFileName('a\nb')).toBe('a\\#012b');
    expect(displayFileName('a\\#012b')).toBe('a\\#134#012b');
    expect(displayFileName('a\\#01')).toBe('a\\#01');
    expect(displayFileName('tab\tx')).toBe('tab\tx');
    expect(displayFileName('del\x7f')).toBe('del\x7f');
    expect(displayFileName('esc\x1b[0m')).toBe('esc\\#033[0m');
    expect(displayFileName('caf\xe9')).toBe('caf\\#351');
  });
  it('escapes invalid bytes as rsync does', () => {
    expect(displayBytes('latin1-\xe9t\xe9.txt')).toBe('latin1-\\#351t\\#351.txt');
    expect(displayBytes(utf8ToBytes('ok-é') + '\xff')).toBe('ok-é\\#377');
  });
});

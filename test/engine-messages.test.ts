// Messages quote patterns whole, except ones too long to read: those are cut and their size given.
import { cutLongQuotes } from '../src/engine/engine.js';
import { lintListText } from '../src/lint/lint.js';

describe('over-long quoted text in messages', () => {
  it('a span over 120 characters is cut to 60 with its size in bytes; shorter ones stay whole', () => {
    const long = 'é'.repeat(130);
    expect(cutLongQuotes(`\`${long}\` and \`short\``)).toBe(`\`${'é'.repeat(60)}…\` (260 bytes) and \`short\``);
    expect(cutLongQuotes('`' + 'a'.repeat(120) + '`')).toBe('`' + 'a'.repeat(120) + '`');
  });
  it('a 4000-byte pattern in a list: the message and the suggestion text are cut, the pattern and the replacement stay whole', () => {
    const pattern = `tmp${'a'.repeat(4000)}`;
    const r = lintListText('long.txt', `${pattern}\n`);
    const f = r.findings.find((x) => x.ruleId === 'RSL101')!;
    expect(f.message.length).toBeLessThan(400);
    expect(f.message).toContain('(4003 bytes)');
    expect(f.pattern).toBe(pattern);
    expect(f.suggestions[0].message).toContain('(4004 bytes)');
    expect(f.suggestions[0].replacement).toBe(`/${pattern}`);
  });
});

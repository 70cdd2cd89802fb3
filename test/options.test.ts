import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  classifyOperand,
  effectiveFlags,
  hasFlag,
  lookupLongOption,
  lookupShortOption,
  optionValue,
  optionValues,
  parseRsyncArgv,
  resolveOption,
  RSYNC_OPTIONS,
  splitSourcesAndDest,
  type ParsedArgv,
} from '../src/rsync/options.js';
import { filterOptions, from0When } from '../src/rsync/model.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'argv');

/** Split a command line the way sh does for the simple cases used here: blanks, '...', "...", backslash. */
function sh(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i++; line[i] !== '"'; i++) text += line[i] === '\\' && '"\\$`'.includes(line[i + 1]) ? line[++i] : line[i];
      word = (word ?? '') + text;
    } else {
      word = (word ?? '') + (c === '\\' ? line[++i] : c);
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

function parse(line: string, posixlyCorrect = false): ParsedArgv {
  return parseRsyncArgv(sh(line), { posixlyCorrect });
}

const names = (p: ParsedArgv): string[] => p.options.map((o) => o.name);
const operands = (p: ParsedArgv): string[] => p.operands.map((o) => o.text);

function fixtureLines(file: string): string[] {
  return readFileSync(join(FIXTURES, file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
}

describe('option table', () => {
  it('knows every option spelling that rsync 3.5.0 --help lists', () => {
    const missing = fixtureLines('help-spellings-3.5.0.txt').filter((s) => !resolveOption(s));
    expect(missing).toEqual([]);
  });

  it('has exactly the spellings and value kinds of the popt table', () => {
    const ours = new Set<string>();
    for (const spec of RSYNC_OPTIONS) {
      if (spec.name.length > 1) ours.add(`--${spec.name}`);
      for (const alias of spec.aliases) ours.add(`--${alias}`);
      if (spec.short) ours.add(`-${spec.short}`);
    }
    const theirs = new Set<string>();
    for (const line of fixtureLines('popt-table-3.5.0.txt')) {
      const [long, short, kind] = line.split(' ');
      const takes = kind === 'STRING' || kind === 'INT' ? 'required' : 'none';
      if (long !== '-') {
        theirs.add(`--${long}`);
        expect([long, lookupLongOption(long)?.value]).toEqual([long, takes]);
        if (kind === 'INT') expect(lookupLongOption(long)?.valueType).toBe('int');
      }
      if (short !== '-') {
        theirs.add(`-${short}`);
        expect([short, lookupShortOption(short)?.value]).toEqual([short, takes]);
        if (long !== '-') expect(lookupShortOption(short)).toBe(lookupLongOption(long));
      }
    }
    expect([...ours].sort()).toEqual([...theirs].sort());
  });

  it('maps aliases and negations to canonical names', () => {
    expect(resolveOption('--del')?.name).toBe('delete-during');
    expect(resolveOption('--old-d')?.name).toBe('old-dirs');
    expect(resolveOption('--no-R')?.name).toBe('no-relative');
    expect(resolveOption('--no-i-d')?.name).toBe('no-implied-dirs');
    expect(resolveOption('--no-r')?.negates).toEqual(['recursive']);
    expect(resolveOption('--ignore-non-existing')?.name).toBe('existing');
    expect(resolveOption('--log-format')?.name).toBe('out-format');
    expect(resolveOption('-D')?.name).toBe('D');
    expect(lookupShortOption('v')?.repeat).toBe('count');
    expect(lookupLongOption('delet')).toBeUndefined(); // popt never abbreviates
    expect(lookupLongOption('no-stats')).toBeUndefined(); // only the listed no-XXX exist
  });

  const rsyncVersion = ((): string => {
    try {
      return execFileSync('rsync', ['--version'], { encoding: 'utf8' });
    } catch {
      return '';
    }
  })();
  (rsyncVersion.includes('version 3.5.0 ') ? it : it.skip)('matches the installed rsync --help', () => {
    const help = execFileSync('rsync', ['--help'], { encoding: 'utf8' });
    const column = help.split('\n').filter((l) => l.startsWith('-')).map((l) => l.split('  ')[0]);
    const spellings = column.flatMap((c) => c.match(/(?<=^|[ ,])--?[A-Za-z0-9@][-A-Za-z0-9]*/g) ?? []);
    const live = [...new Set(spellings.filter((s) => s !== '--no-OPTION'))].sort();
    expect(live).toEqual(fixtureLines('help-spellings-3.5.0.txt'));
  });
});

describe('parseRsyncArgv on real command lines', () => {
  it('reads bundles, --opt=value and a remote source', () => {
    const p = parse('rsync -aHAX --numeric-ids --exclude=tmp --exclude=proc root@oldmail.example.net:/ /mnt/newvm/');
    expect(p.errors).toEqual([]);
    expect(names(p)).toEqual(['archive', 'hard-links', 'acls', 'xattrs', 'numeric-ids', 'exclude', 'exclude']);
    expect(p.options.slice(0, 4).map((o) => [o.spelled, o.wordIndex, o.nameOffset])).toEqual([
      ['-a', 1, 1], ['-H', 1, 2], ['-A', 1, 3], ['-X', 1, 4],
    ]);
    expect(p.options[6]).toMatchObject({ value: 'proc', wordIndex: 4, valueWordIndex: 4, valueOffset: 10, spelled: '--exclude' });
    expect(optionValues(p, 'exclude')).toEqual(['tmp', 'proc']);
    const { sources, dest } = splitSourcesAndDest(p);
    expect(classifyOperand(sources[0].text)).toEqual({
      remote: true, user: 'root', host: 'oldmail.example.net', path: '/', daemon: false, url: false,
    });
    expect(dest).toEqual({ text: '/mnt/newvm/', wordIndex: 6 });
  });

  it('takes a separate value word', () => {
    const p = parse('rsync -avn --relative --exclude b/ /data/source/./a/? /data/destination');
    expect(names(p)).toEqual(['archive', 'verbose', 'dry-run', 'relative', 'exclude']);
    expect(p.options[4]).toMatchObject({ value: 'b/', wordIndex: 3, valueWordIndex: 4, valueOffset: 0 });
    expect(operands(p)).toEqual(['/data/source/./a/?', '/data/destination']);
    expect(effectiveFlags(p)).toMatchObject({ recursive: true, relative: true, impliedDirs: true });
  });

  it('models --delete-excluded and --exclude-from', () => {
    const p = parse('rsync -a --delete-excluded --delete --exclude-from=/dev/fd/63 --exclude .git/lfs ./ dest/');
    expect(p.errors).toEqual([]);
    expect(optionValue(p, 'exclude-from')).toBe('/dev/fd/63');
    expect(optionValue(p, 'exclude')).toBe('.git/lfs');
    expect(effectiveFlags(p)).toMatchObject({ deleteMode: true, deleteExcluded: true, deleteTiming: undefined, problems: [] });
    expect(splitSourcesAndDest(p).dest?.text).toBe('dest/');
  });

  it('reads --rsh=ssh and a user@host destination', () => {
    const p = parse('rsync -avz --delete --rsh=ssh --exclude .DS_Store site/ user@www.example.com:/path');
    expect(optionValue(p, 'rsh')).toBe('ssh');
    expect(optionValue(p, 'e')).toBe('ssh');
    const dest = splitSourcesAndDest(p).dest;
    expect(classifyOperand(dest?.text ?? '')).toMatchObject({ remote: true, user: 'user', host: 'www.example.com', path: '/path' });
  });

  it('gives a short value option the rest of its word, or the next word', () => {
    const p = parse("rsync -avf'- *.o' -e ssh src/ h:d");
    expect(p.options.map((o) => [o.spelled, o.value])).toEqual([
      ['-a', undefined], ['-v', undefined], ['-f', '- *.o'], ['-e', 'ssh'],
    ]);
    expect(p.options[2]).toMatchObject({ wordIndex: 1, valueWordIndex: 1, valueOffset: 4, nameOffset: 3 });
    expect(p.options[3]).toMatchObject({ wordIndex: 2, valueWordIndex: 3, valueOffset: 0 });
    expect(parse("rsync -avf '- x' src/ d/").options[2]).toMatchObject({ value: '- x', valueWordIndex: 2 });
    expect(optionValue(parse('rsync -essh -a src/ h:d'), 'rsh')).toBe('ssh');
  });

  it('drops one "=" after a short option, as popt does (verified: -f=x is the rule "x")', () => {
    expect(parse('rsync -af=x src/ d/').options[1]).toMatchObject({ value: 'x', valueOffset: 4 });
    expect(parse('rsync -e==ssh src/ d/').options[0].value).toBe('=ssh');
  });

  it('refuses an option word with a space in it but keeps parsing', () => {
    const p = parseRsyncArgv(['rsync', '--exclude .git', 'src/', 'd/']);
    expect(p.errors).toEqual([{ wordIndex: 1, code: 'unknown-option', message: '--exclude .git: unknown option' }]);
    expect(operands(p)).toEqual(['src/', 'd/']);
  });

  it('stops options at "--" and treats a lone "-" as an operand', () => {
    const p = parse('rsync -a -- -weird --exclude=x - dst/');
    expect(names(p)).toEqual(['archive']);
    expect(operands(p)).toEqual(['-weird', '--exclude=x', '-', 'dst/']);
    expect(p.endOfOptions).toBe(2);
  });

  it('permutes options after operands unless POSIXLY_CORRECT', () => {
    expect(optionValue(parse('rsync -a src/ dst/ --exclude b.c'), 'exclude')).toBe('b.c');
    const posix = parse('rsync -a src/ dst/ --exclude b.c', true);
    expect(operands(posix)).toEqual(['src/', 'dst/', '--exclude', 'b.c']);
  });

  it('takes the next word as a value even when it looks like an option', () => {
    expect(optionValue(parse('rsync -a --exclude -x src/ dst/'), 'exclude')).toBe('-x');
    const p = parse('rsync -n -e -- -a src/ dst/');
    expect(optionValue(p, 'rsh')).toBe('--');
    expect(names(p)).toEqual(['dry-run', 'rsh', 'archive']);
    expect(p.endOfOptions).toBeUndefined();
  });

  it('reads -help as -h -e lp (popt has no single-dash long options here)', () => {
    const p = parse('rsync -n -help src/ dst/');
    expect(p.options.slice(1).map((o) => [o.name, o.value])).toEqual([['human-readable', undefined], ['rsh', 'lp']]);
  });

  it('reports a value option at the very end', () => {
    expect(parse('rsync -a src/ dst/ -e').errors).toEqual([{ wordIndex: 4, code: 'missing-argument', message: '-e: missing argument' }]);
    expect(parse('rsync -a src/ dst/ --exclude').errors[0].code).toBe('missing-argument');
  });

  it('refuses values given to flags and unknown letters in bundles', () => {
    expect(parse('rsync -a=x src/ d/').errors[0]).toMatchObject({ code: 'unwanted-argument', message: '-a=x: option does not take an argument' });
    expect(parse('rsync --recursive=1 src/ d/').errors[0].code).toBe('unwanted-argument');
    const bad = parse('rsync -aQv src/ d/');
    expect(bad.errors[0]).toMatchObject({ wordIndex: 1, code: 'unknown-option', message: '-aQv: unknown option' });
    expect(names(bad)).toEqual(['archive']);
    expect(parse('rsync --delet src/ d/').errors[0].code).toBe('unknown-option');
  });

  it('checks int values like strtoll(…, 0) (verified with rsync)', () => {
    expect(parse('rsync --timeout=abc a b').errors[0].code).toBe('invalid-number');
    expect(parse('rsync --timeout= a b').errors).toEqual([]);
    expect(parse('rsync --timeout=0x10 a b').errors).toEqual([]);
    expect(parse('rsync --port=08 a b').errors[0].code).toBe('invalid-number');
    expect(parse('rsync --port 0755 a b').errors).toEqual([]);
    expect(parse('rsync --timeout=99999999999 a b').errors[0].code).toBe('number-range');
    expect(parse('rsync --bwlimit=1k --max-size=2M a b').errors).toEqual([]);
  });

  it('splices the next plain word into a value holding !#:+ (popt expandNextArg)', () => {
    const p = parse("rsync -a src/ '--exclude=x!#:+' foo dst/");
    expect(p.options[1]).toMatchObject({ value: 'xfoo', splicedWordIndex: 4 });
    expect(operands(p)).toEqual(['src/', 'dst/']);
    const q = parse("rsync -a --exclude 'a!#:+' -- x src/ dst/");
    expect(q.options[1].value).toBe('ax');
    expect(operands(q)).toEqual(['src/', 'dst/']);
  });

  it('keeps filter options in command-line order', () => {
    const p = parse("rsync -a --include='*/' --exclude='*.tmp' -f'+ keep' -F --exclude '*' src/ dst/");
    expect(p.options.map((o) => `${o.name}=${o.value ?? ''}`)).toEqual([
      'archive=', 'include=*/', 'exclude=*.tmp', 'filter=+ keep', 'F=', 'exclude=*',
    ]);
  });

  it('switches to the daemon table after --daemon', () => {
    const d = parse('rsync --daemon --config=/etc/rsyncd.conf --no-detach -v');
    expect(d.mode).toBe('daemon');
    expect(d.errors).toEqual([]);
    expect(names(d)).toEqual(['daemon', 'config', 'no-detach', 'verbose']);
    expect(parse('rsync --daemon --exclude x').errors[0].code).toBe('unknown-option');
    expect(parse('rsync --server --sender -logDtpre.iLsfxCIvu . src/').mode).toBe('server');
    expect(parse('rsync --sender a b').errors[0].code).toBe('usage');
  });

  it('knows when rsync only prints help or its version', () => {
    expect(parse('rsync -h').exitsWith).toBe('help');
    expect(parse('rsync -h src/ dst/').exitsWith).toBeUndefined();
    expect(parse('rsync --help --bogus').exitsWith).toBe('help');
    expect(parse('rsync -V').exitsWith).toBe('version');
  });
});

describe('hasFlag and optionValue', () => {
  it('reads negations in order', () => {
    const p = parse('rsync -R --no-R src/ dst/');
    expect(names(p)).toEqual(['relative', 'no-relative']);
    expect(p.options[1].spelled).toBe('--no-R');
    expect(hasFlag(p, 'relative')).toBe(false);
    expect(hasFlag(p, 'R')).toBe(false);
    expect(hasFlag(p, 'no-relative')).toBe(true);
    expect(hasFlag(parse('rsync --no-relative -R a b'), 'relative')).toBe(true);
    expect(hasFlag(parse('rsync --old-d --no-d a b'), 'old-dirs')).toBe(false);
    expect(hasFlag(parse('rsync -a a b'), 'recursive')).toBe(false); // no implications here
  });

  it('lets the last value win and a negation clear it', () => {
    expect(optionValue(parse('rsync -e a --rsh=b x y'), 'rsh')).toBe('b');
    expect(optionValue(parse('rsync --iconv=utf8 --no-iconv x y'), 'iconv')).toBeUndefined();
    expect(optionValue(parse('rsync --cc=xxh128 x y'), 'checksum-choice')).toBe('xxh128');
  });
});

describe('effectiveFlags', () => {
  const flags = (line: string) => effectiveFlags(parse(line));

  it('applies -a and --no-r in order', () => {
    expect(flags('rsync -a src/ d/')).toMatchObject({ recursive: true, dirs: true, relative: false, impliedDirs: false });
    expect(flags('rsync -a --no-r src/ d/')).toMatchObject({ recursive: false, dirs: false });
    expect(flags('rsync --no-r -a src/ d/').recursive).toBe(true);
  });

  it('--files-from implies --relative and --dirs and cancels only -a recursion (verified)', () => {
    expect(flags('rsync -a --files-from=list src/ dst/')).toMatchObject({
      recursive: false, relative: true, dirs: true, impliedDirs: true, filesFrom: 'list',
    });
    expect(flags('rsync -a -r --files-from=list src/ dst/').recursive).toBe(true);
    expect(flags('rsync -a --no-R --files-from=list src/ dst/')).toMatchObject({ relative: false, impliedDirs: false });
    expect(flags('rsync -a --no-d --files-from=list src/ dst/').dirs).toBe(false);
    expect(flags('rsync --files-from=list a b c').problems).toHaveLength(1);
  });

  it('--old-dirs turns recursion on (rsync adds "- /*/*")', () => {
    expect(flags('rsync --old-dirs src/ dst/')).toMatchObject({ recursive: true, dirs: true, oldDirs: true });
    expect(flags('rsync --old-d -d src/ dst/')).toMatchObject({ recursive: false, oldDirs: false });
  });

  it('models the --delete family', () => {
    expect(flags('rsync -r --del src/ d/')).toMatchObject({ deleteMode: true, deleteTiming: 'during' });
    expect(flags('rsync -r --del --delete-delay src/ d/')).toMatchObject({ deleteTiming: 'delay', problems: [] });
    expect(flags('rsync -r --delete-before --delete-after src/ d/').problems).toEqual([
      'You may not combine multiple --delete-WHEN options.',
    ]);
    expect(flags('rsync --delete-excluded src/ d/')).toMatchObject({
      deleteMode: true, problems: ['--delete does not work without --recursive (-r) or --dirs (-d).'],
    });
    expect(flags('rsync --delete-missing-args src/ d/')).toMatchObject({ deleteMode: false, problems: [] });
  });

  it('reads the other filter-relevant flags', () => {
    const f = flags('rsync -rLkmC0 -FF --no-from0 -0 src/ d/');
    expect(f).toMatchObject({ copyLinks: true, copyDirlinks: true, pruneEmptyDirs: true, cvsExclude: true, from0: true, fCount: 2 });
    expect(flags('rsync -r src/').listOnly).toBe(true);
    expect(flags('rsync -r src/ d/').listOnly).toBe(false);
    expect(flags('rsync src/').dirs).toBe(true);
    expect(flags('rsync -r --ignore-errors src/ d/').ignoreErrors).toBe(true);
    expect(flags('rsync -r --ignore-errors --no-ignore-errors src/ d/').ignoreErrors).toBe(false);
  });

  it('gives each rule file the -0 in effect where it is named (popt sets eol_nulls in order)', () => {
    const p = parse('rsync -r --exclude-from=a -0 -f m1 --no-from0 --include-from=b -r0 --exclude-from=c src/ d/');
    const files = filterOptions(p).map((o) => (o.type === 'file' || o.type === 'rule' ? o.from0 : undefined));
    expect(files).toEqual([false, true, false, true]);
    expect(p.options.filter((o) => o.name.endsWith('-from')).map((o) => from0When(p, o))).toEqual([false, false, true]);
    expect(effectiveFlags(p).from0).toBe(true);
  });
});

describe('operands', () => {
  it.each([
    ['host:path', { remote: true, host: 'host', path: 'path', daemon: false, url: false }],
    ['host:', { remote: true, host: 'host', path: '', daemon: false, url: false }],
    [':path', { remote: true, host: '', path: 'path', daemon: false, url: false }],
    ['a@b@c:path', { remote: true, user: 'a@b', host: 'c', path: 'path', daemon: false, url: false }],
    ['[::1]:path', { remote: true, host: '::1', path: 'path', daemon: false, url: false }],
    ['u@[fe80::1]:/x', { remote: true, user: 'u', host: 'fe80::1', path: '/x', daemon: false, url: false }],
    ['host::module/path', { remote: true, host: 'host', path: 'module/path', module: 'module', daemon: true, url: false }],
    ['rsync://host/module/path', { remote: true, host: 'host', path: 'module/path', module: 'module', daemon: true, url: true }],
    ['RSYNC://u@host:8730/mod/x', { remote: true, user: 'u', host: 'host', port: 8730, path: 'mod/x', module: 'mod', daemon: true, url: true }],
    ['rsync://host:87x/mod/x', { remote: true, host: 'rsync', path: '//host:87x/mod/x', daemon: false, url: false }],
    ['./a:b', { remote: false, path: './a:b', daemon: false, url: false }],
    ['/x/a:b', { remote: false, path: '/x/a:b', daemon: false, url: false }],
    ['[::1', { remote: false, path: '[::1', daemon: false, url: false }],
    ['src/', { remote: false, path: 'src/', daemon: false, url: false }],
  ])('classifies %s like check_for_hostspec', (text, expected) => {
    expect(classifyOperand(text)).toEqual(expected);
  });

  it('splits sources and destination as start_client does', () => {
    expect(splitSourcesAndDest(parse('rsync -a src/a'))).toEqual({ sources: [{ text: 'src/a', wordIndex: 2 }] });
    const remoteList = splitSourcesAndDest(parse('rsync host:a :b'));
    expect(remoteList.dest).toBeUndefined();
    expect(remoteList.sources.map((o) => o.text)).toEqual(['host:a', ':b']);
    const many = splitSourcesAndDest(parse('rsync -a a b c dst/'));
    expect([many.sources.length, many.dest?.text]).toEqual([3, 'dst/']);
    expect(splitSourcesAndDest(parse('rsync --read-batch=b dst/'))).toEqual({ sources: [], dest: { text: 'dst/', wordIndex: 2 } });
  });
});

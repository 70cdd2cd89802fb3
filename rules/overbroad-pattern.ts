// RSL109 overbroad-pattern: a wildcard that also catches unrelated names (`*tmp*`, `.*`, wide classes).
import { utf8ToBytes } from '../src/rsync/bytes.js';
import { wildmatch } from '../src/rsync/wildmatch.js';
import type { LintRule, RuleSite, Severity, Suggestion } from '../src/engine/types.js';

/** Names a substring pattern also hits, by the substring (checked against the pattern before use). */
const SUBSTRING_EXAMPLES: Record<string, string[]> = {
  tmp: ['home/user/Maildir/tmp/', 'htmpl/'],
  temp: ['template.html', 'temperature.csv'],
  cache: ['src/cache.py', 'cachetools/'],
  Cache: ['src/CacheManager.php', 'lib/ImageCache/'],
  log: ['blog/', 'catalog.txt', 'login.php'],
  '.log': ['catalog.login-notes.txt', 'site.logo.svg'],
  bak: ['bakery/', 'kebab.py'],
  old: ['folder/', 'golden.txt'],
  '.old': ['theme.oldstyle.css'],
  test: ['latest/', 'contest.py'],
  build: ['rebuild.sh', 'buildkite.yml'],
  git: ['digital/', '.github/'],
  lock: ['block.c', 'clock.svg'],
  node: ['nodes.json'],
  debug: ['debugger.js'],
  backup: ['backup.sh', 'restore-backup.py'],
  trash: ['trashcan.svg'],
};

/** Dot-names that a `.*` exclude drops although sites and projects need them. */
const DOT_EXAMPLES = ['.htaccess', '.well-known/', '.gitignore', '.env.example'];

/** Common file names, to show what a wide bracket class also matches. */
const COMMON_EXTENSIONS = [
  'svg', 'sql', 'sh', 'py', 'js', 'css', 'html', 'json', 'md', 'txt', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'xml',
  'yml', 'yaml', 'conf', 'ini', 'key', 'pem', 'crt', 'db', 'sqlite', 'c', 'h', 'cpp', 'java', 'go', 'rs', 'rb', 'php',
  'png', 'jpg', 'gif', 'zip', 'tar', 'gz', 'mp3', 'mp4', 'odt', 'ods', 'ppt', 'sln', 'scss', 'srt', 'swift', 'ts', 'vue',
];

/** Does the last component of a (possibly deeper) example name match the glob? */
function lastMatches(glob: string, example: string): boolean {
  const name = example.replace(/\/$/, '').split('/').pop() ?? example;
  return wildmatch(utf8ToBytes(glob), utf8ToBytes(name));
}

const quoteList = (names: string[]): string => names.map((n) => `\`${n}\``).join(' and ');

/** Members of one bracket expression (`a-w` counts 23), or null when it is negated or holds a `[:class:]`. */
function classSize(body: string): number | null {
  if (body.startsWith('!') || body.startsWith('^') || body.includes('[:')) return null;
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      n += Math.max(0, body.charCodeAt(i + 2) - body.charCodeAt(i) + 1);
      i += 2;
    } else {
      n++;
    }
  }
  return n;
}

/** A bracket class in the extension part that spans many letters, e.g. `[a-w]` in `*.s[a-w][a-z]`. */
function wideClass(last: string): string | null {
  const dot = last.lastIndexOf('.');
  if (dot < 0) return null;
  for (const m of last.slice(dot).matchAll(/\[([^\]]+)\]/g)) {
    const size = classSize(m[1]);
    if (size !== null && size >= 6 && !/^[0-9-]+$/.test(m[1])) return m[0];
  }
  return null;
}

interface Finding {
  messageId: string;
  data: Record<string, string>;
  severity: Severity;
  suggest: Suggestion[];
}

/** What the pattern catches besides what it was written for, or null. */
function overbreadth(site: RuleSite, earlierDotIncludes: boolean): Finding | null {
  const p = site.pattern;
  const bare = p.replace(/\/$/, '');
  const floating = !bare.startsWith('/') && !bare.replace(/^\*\*\//, '').includes('/');
  const slash = bare.lastIndexOf('/');
  const dir = slash >= 0 ? bare.slice(0, slash + 1) : '';
  const last = bare.slice(slash + 1);
  const where = floating ? ', at any depth' : '';
  const substring = /^\*+([^*?[\]\\/]+)\*+$/.exec(last);
  if (substring && /[A-Za-z0-9]/.test(substring[1])) {
    const part = substring[1];
    const known = SUBSTRING_EXAMPLES[part] ?? SUBSTRING_EXAMPLES[part.toLowerCase()] ?? [];
    let examples = known.filter((e) => lastMatches(last, e)).slice(0, 2);
    if (!examples.length) examples = part.startsWith('.') ? [`notes${part}x.txt`] : [`notes-${part}.txt`, `lib/${part}_utils/`];
    const severity: Severity = floating && !part.startsWith('.') ? 'warning' : 'info';
    const suggest: Suggestion[] = part.startsWith('.')
      ? [{ message: `only names ending in \`${part}\`: \`${dir}*${part}\``, replacement: `${dir}*${part}` }]
      : [{ message: `only names that are exactly \`${part}\`: \`${dir}${part}\``, replacement: `${dir}${part}` }];
    return { messageId: 'substring', data: { pattern: p, part, where, examples: quoteList(examples) }, severity, suggest };
  }
  if (last === '.*') {
    const severity: Severity = floating && !earlierDotIncludes ? 'warning' : 'info';
    return { messageId: 'dotNames', data: { pattern: p, where, examples: quoteList(DOT_EXAMPLES.slice(0, 2)) }, severity, suggest: [] };
  }
  const cls = wideClass(last);
  if (cls) {
    const examples = COMMON_EXTENSIONS.map((e) => `x.${e}`).filter((n) => lastMatches(last, n)).slice(0, 2);
    if (!examples.length) return null;
    return { messageId: 'wideClass', data: { pattern: p, cls, size: String(classSize(cls.slice(1, -1))), examples: quoteList(examples) }, severity: 'warning', suggest: [] };
  }
  return null;
}

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL109',
    name: 'overbroad-pattern',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A wildcard pattern that also excludes unrelated names',
    messages: {
      substring: '`{{pattern}}` excludes every name that contains `{{part}}`{{where}}, such as {{examples}}',
      dotNames: '`{{pattern}}` excludes every name that starts with a dot{{where}}, such as {{examples}}',
      wideClass: '`{{pattern}}` also excludes {{examples}}: `{{cls}}` stands for any of {{size}} characters',
    },
    hasSuggestions: true,
  },
  create(context) {
    let dotIncludes = false;
    for (const site of context.unit.sites) {
      const r = site.rule;
      if (r.kind === 'include' || r.kind === 'show') {
        if (/^\/?\./.test(site.pattern) && site.pattern !== '.*') dotIncludes = true;
        continue;
      }
      if (!site.location || (r.kind !== 'exclude' && r.kind !== 'hide') || r.mods.negate || r.mods.xattr) continue;
      const found = overbreadth(site, dotIncludes);
      if (!found) continue;
      context.report({ location: site.location, messageId: found.messageId, data: found.data, severity: found.severity, pattern: site.pattern, suggest: found.suggest });
    }
  },
};

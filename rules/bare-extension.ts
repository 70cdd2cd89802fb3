// RSL113 bare-extension: a pattern with no wildcard that is a common file extension (`pyc` for `*.pyc`).
import type { LintRule, Severity } from '../src/engine/types.js';

const PATTERN_KINDS = new Set(['exclude', 'include', 'hide', 'show', 'protect', 'risk']);

/**
 * Extensions that are hardly ever a whole name, with a file that has them. `log`, `bak` and `old`
 * are also real directory names (a Rails app's `log/`), so they only get `info`.
 */
const EXTENSIONS: Record<string, { example: string; severity: Severity }> = {
  pyc: { example: 'views.pyc', severity: 'warning' },
  pyo: { example: 'views.pyo', severity: 'warning' },
  pyd: { example: 'module.pyd', severity: 'warning' },
  swp: { example: '.notes.txt.swp', severity: 'warning' },
  swo: { example: '.notes.txt.swo', severity: 'warning' },
  o: { example: 'main.o', severity: 'warning' },
  obj: { example: 'main.obj', severity: 'warning' },
  class: { example: 'Main.class', severity: 'warning' },
  orig: { example: 'main.c.orig', severity: 'warning' },
  rej: { example: 'main.c.rej', severity: 'warning' },
  exe: { example: 'setup.exe', severity: 'warning' },
  dll: { example: 'library.dll', severity: 'warning' },
  so: { example: 'libfoo.so', severity: 'warning' },
  dylib: { example: 'libfoo.dylib', severity: 'warning' },
  elc: { example: 'init.elc', severity: 'warning' },
  log: { example: 'app.log', severity: 'info' },
  bak: { example: 'config.bak', severity: 'info' },
  old: { example: 'config.old', severity: 'info' },
};

/** The rule module. */
export const rule: LintRule = {
  meta: {
    code: 'RSL113',
    name: 'bare-extension',
    defaultSeverity: 'warning',
    type: 'problem',
    description: 'A pattern without a wildcard that is a common file extension: `*.ext` was probably meant',
    messages: {
      bare: '`{{pattern}}` has no wildcard, so it only matches entries named exactly `{{pattern}}`, not `{{example}}`: `*.{{ext}}` was probably meant',
    },
    hasSuggestions: true,
  },
  create(context) {
    for (const site of context.unit.sites) {
      const r = site.rule;
      if (!site.location || !PATTERN_KINDS.has(r.kind) || r.mods.xattr || site.compiled.wild) continue;
      const p = site.pattern;
      // `log/` or `/log` names a directory or a place: that is deliberate
      const m = /^(\.?)([a-z]+)$/.exec(p);
      const ext = m ? EXTENSIONS[m[2]] : undefined;
      if (!m || !ext) continue;
      const severity: Severity = m[1] === '.' ? 'warning' : ext.severity;
      const fixed = `*.${m[2]}`;
      context.report({
        location: site.location, messageId: 'bare', severity, pattern: p,
        data: { pattern: p, example: ext.example, ext: m[2] },
        suggest: [{ message: `match the extension: \`${fixed}\``, replacement: fixed }],
      });
    }
  },
};

// Which kind of input a file is: shell script, per-directory filter file, exclude list, or a later carrier.
import * as path from 'node:path';

/** The kinds of input the linter tells apart. */
export type InputKind = 'shell' | 'perdir' | 'list' | 'later' | 'binary';

const LATER_EXTENSIONS = new Set(['.md', '.conf', '.yml', '.yaml', '.py', '.rb', '.js', '.mjs', '.cjs', '.ts']);
const LATER_NAMES = new Set(['Makefile', 'makefile', 'GNUmakefile', 'Vagrantfile']);
const SHELL_EXTENSIONS = new Set(['.sh', '.bash']);

/** The shell named by a shebang line, or undefined. */
export function shebangShell(head: string): 'sh' | 'bash' | 'other' | undefined {
  if (!head.startsWith('#!')) return undefined;
  const line = head.slice(2).split('\n')[0].trim();
  const parts = line.split(/\s+/);
  let prog = path.basename(parts[0] ?? '');
  if (prog === 'env') prog = path.basename(parts.find((p, i) => i > 0 && !p.startsWith('-')) ?? '');
  if (prog === 'bash' || prog === 'zsh' || prog === 'ksh') return 'bash';
  if (prog === 'sh' || prog === 'dash' || prog === 'ash' || prog === 'busybox') return 'sh';
  return 'other';
}

/** Classify a file by its name and first bytes. */
export function classify(filePath: string, head: Buffer): InputKind {
  const base = path.basename(filePath);
  const ext = path.extname(base).toLowerCase();
  if (head.includes(0)) return 'binary';
  const text = head.toString('latin1');
  const shell = shebangShell(text);
  if (shell === 'sh' || shell === 'bash' || SHELL_EXTENSIONS.has(ext)) return 'shell';
  if (base === '.rsync-filter' || base.endsWith('.rsync-filter')) return 'perdir';
  if (LATER_NAMES.has(base) || LATER_EXTENSIONS.has(ext) || shell === 'other') return 'later';
  return 'list';
}

/** minimatch globs for the files a directory search picks up. */
export const DIRECTORY_GLOBS: readonly string[] = [
  '**/*.sh', '**/*.bash', '**/.rsync-filter', '**/*.rsync-filter',
  '**/*{exclude,include,filter,rsync}*', '**/*.{list,lst}',
];

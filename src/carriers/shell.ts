// The shell carrier: every rsync invocation of a sh/bash script into a lint unit, words placed in the file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseShellScript, type ShellWord } from '../shell/index.js';
import type { LoadedFile, WordLocator } from '../engine/sites.js';
import type { InputError, LintUnit } from '../engine/types.js';
import { commandUnit, type ListLookup } from './command.js';

/** Place a range of a shell word in the file. */
function wordLocator(file: string, words: ShellWord[]): WordLocator {
  return (wordIndex, start, end) => {
    const w = words[wordIndex];
    if (!w) return undefined;
    const s = w.posAt(start);
    const e = w.posAt(end);
    return { file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
}

/** The directory relative list paths resolve against: the literal `cd` target when known, else the script's. */
function baseDirFor(cwd: string | undefined, scriptDir: string): string {
  if (cwd === undefined) return scriptDir;
  const dir = path.resolve(scriptDir, cwd);
  return fs.existsSync(dir) ? dir : scriptDir;
}

/** Lint units of every rsync invocation in a script. */
export async function shellUnits(file: string, text: string, lookup: ListLookup, loaded: Map<string, LoadedFile>, errors: InputError[]): Promise<LintUnit[]> {
  const script = await parseShellScript(text, { shellHint: /\.bash$/.test(file) ? 'bash' : undefined });
  const units: LintUnit[] = [];
  for (const inv of script.invocations) {
    const words = [inv.program, ...inv.args];
    const unknown = new Set<number>();
    // a glob operand (`/data/./a/?`) is kept as written: the shell expands it at run time
    words.forEach((w, i) => {
      if (!w.valueKnown) unknown.add(i);
    });
    const scriptLookup: ListLookup = { ...lookup, baseDir: baseDirFor(inv.cwd, lookup.scriptDir ?? lookup.baseDir) };
    units.push(commandUnit(file, words.map((w) => w.text), wordLocator(file, words), scriptLookup, unknown, loaded, errors));
  }
  return units;
}

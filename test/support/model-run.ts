// Test support: run the model (explain) on the same command and return the names it sends.
import { explain } from '../../src/explain/explain.js';
import { displayName } from '../../src/rsync/traverse.js';

/** Names the model sends (latin1 byte strings, dirs with `/`), sorted; args exclude the program and dest. */
export function modelRsync(t: string, args: string[], listing?: string): { names: string[]; errors: string[] } {
  const { json, results } = explain(['rsync', ...args, 'dest/'], { cwd: t, listing });
  const names: string[] = [];
  for (const entries of results) {
    for (const e of entries) if (e.action === 'send') names.push(displayName(e));
  }
  names.sort();
  return { names, errors: json.errors.map((e) => e.message) };
}

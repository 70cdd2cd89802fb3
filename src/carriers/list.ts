// The filter-file carrier: an exclude list or a per-directory `.rsync-filter` file read on its own.
import * as path from 'node:path';
import { utf8ToBytes, type ByteString } from '../rsync/bytes.js';
import { buildFilterList, type FilterOption, type RuleFileReader } from '../rsync/filter-list.js';
import { buildSites, clearLines, lineText, locateLine, type LoadedFile } from '../engine/sites.js';
import type { ClearSite, LintUnit, UnitProblem } from '../engine/types.js';

/** How a filter file is read. */
export type ListKind = 'exclude-list' | 'perdir';

/** Build the unit of a filter file with no known source. `absPath` keys the file's text. */
export function listUnit(display: string, absPath: string, data: ByteString, kind: ListKind): LintUnit {
  const loaded = new Map<string, LoadedFile>([[absPath, { display, data }]]);
  const reader: RuleFileReader = {
    resolve: (p) => (p === absPath ? p : path.resolve(path.dirname(absPath), p)),
    read: (p) => (p === absPath ? { data } : { error: 'not read: merge files named inside a list are not followed yet' }),
  };
  const option: FilterOption = kind === 'perdir'
    ? { type: 'rule', syntax: 'full', defaultKind: 'exclude', text: utf8ToBytes(`merge ${absPath}`), origin: {} }
    : { type: 'file', defaultKind: 'exclude', path: absPath, origin: {} };
  const list = buildFilterList([option], reader);
  const file: LoadedFile = { display, data };
  const problems: UnitProblem[] = list.problems.map((p) => {
    const line = p.origin.file === absPath ? p.origin.line : undefined;
    return {
      message: p.message, fatal: p.fatal, exitCode: p.exitCode, kind: 'rule',
      location: line !== undefined ? locateLine(file, line, (p.origin.offset ?? 0) + p.offset) : undefined,
      text: line !== undefined ? lineText(file, line, p.origin.offset ?? 0) : undefined,
    };
  });
  const clears: ClearSite[] = [];
  if (kind === 'exclude-list') {
    for (const l of clearLines(data)) {
      const location = locateLine(file, l.line, l.column, l.column + 1);
      if (location) clears.push({ location, carrier: 'list' });
    }
  }
  const dir = utf8ToBytes(path.dirname(absPath));
  const sites = buildSites(list.rules, [], () => undefined, loaded, kind === 'perdir' ? dir : undefined);
  return { kind: kind === 'perdir' ? 'perdir' : 'list', file: display, sites, sources: [], relative: false, perDirDir: kind === 'perdir' ? dir : undefined, problems, clears };
}

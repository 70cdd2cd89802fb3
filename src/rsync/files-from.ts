// Reading a local `--files-from` list the way rsync's send_file_list does (io.c read_line, sanitize_path).
import type { ByteString } from './bytes.js';

/** MAXPATHLEN - 1: read_line keeps this many bytes of an entry and drops the rest of it. */
export const MAX_FILES_FROM_ENTRY = 4095;

/**
 * The entries of a `--files-from` list read locally (RL_DUMP_COMMENTS). Each of CR and LF ends an
 * entry (with `-0` only NUL does), empty entries are skipped, and an entry whose first byte is `#`
 * or `;` is a comment. Without `-0` a NUL is stored like any byte, so the C string ends there: the
 * rest of that line is lost (a `find -print0` list read without `-0` is its first name only), and a
 * line that starts with NUL is an empty entry, which names the source directory itself.
 */
export function filesFromItems(data: ByteString, from0: boolean): ByteString[] {
  const out: ByteString[] = [];
  for (const raw of from0 ? data.split('\0') : data.split(/[\r\n]/)) {
    if (!raw.length) continue;
    let entry = raw.slice(0, MAX_FILES_FROM_ENTRY);
    const nul = entry.indexOf('\0');
    if (nul >= 0) entry = entry.slice(0, nul);
    if (entry[0] === '#' || entry[0] === ';') continue;
    out.push(sanitizePath(entry));
  }
  return out;
}

/** sanitize_path with SP_KEEP_DOT_DIRS: no leading `/`, `..` cannot climb above the top. */
export function sanitizePath(p: ByteString): ByteString {
  const trailing = p.endsWith('/');
  const parts: ByteString[] = [];
  for (const part of p.split('/')) {
    if (part === '') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '.') parts.pop();
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return trailing && joined.length ? `${joined}/` : joined;
}

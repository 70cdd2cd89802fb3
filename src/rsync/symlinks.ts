// rsync's notion of an unsafe symlink (util1.c unsafe_symlink), used by --copy-unsafe-links and --safe-links.
import type { ByteString } from './bytes.js';

/** The components of a path as rsync walks them: runs of `/` count once, a leading `/` leaves an empty first one. */
function components(p: ByteString): ByteString[] {
  return p.split('/').filter((part, i) => i === 0 || part !== '');
}

/**
 * Does a symlink whose target is `target`, named `linkName` in the file list (relative to the
 * sender's directory), point outside the transfer? Absolute and empty targets always do, and so
 * does any `/../` after the leading `../` run, or a trailing `/..`. Otherwise the link's own
 * directory depth (`.` ignored, `..` starting the count over) is the margin the target's `..`
 * components may use up: going below zero at any point is unsafe.
 */
export function unsafeSymlink(target: ByteString, linkName: ByteString): boolean {
  if (!target.length || target[0] === '/') return true;
  let rest = target;
  while (rest.startsWith('../')) rest = rest.slice(3).replace(/^\/+/, '');
  if (rest.includes('/../')) return true;
  if (target.length > 3 && target.endsWith('/..')) return true;

  let depth = 0;
  const own = components(linkName);
  for (const part of own.slice(0, -1)) {
    if (part === '..') depth = 0;
    else if (part !== '.') depth++;
  }
  if (own[own.length - 1] === '..') depth = 0;

  const parts = components(target);
  for (const part of parts.slice(0, -1)) {
    if (part === '..') {
      if (--depth < 0) return true;
    } else if (part !== '.') depth++;
  }
  if (parts[parts.length - 1] === '..') depth--;
  return depth < 0;
}

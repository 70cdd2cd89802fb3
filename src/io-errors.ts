// File-system errors in words: one wording for every "cannot read" message.

const TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'symbolic link loop',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** The reason an I/O call failed, in lower-case words (`permission denied`), never a stack. */
export function ioErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && TEXT[code]) return TEXT[code];
  if (code !== undefined) return code;
  return e instanceof Error ? e.message : String(e);
}

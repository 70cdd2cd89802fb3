// The built-in `-C` / `--cvs-exclude` list of rsync 3.5.0 (36 basename patterns, perishable excludes).

/** rsync's DEFAULT_CVSIGNORE words, in order. */
export const CVS_DEFAULT_PATTERNS: readonly string[] = [
  'RCS', 'SCCS', 'CVS', 'CVS.adm', 'RCSLOG', 'cvslog.*', 'tags', 'TAGS', '.make.state', '.nse_depinfo',
  '*~', '#*', '.#*', ',*', '_$*', '*$', '*.old', '*.bak', '*.BAK', '*.orig', '*.rej', '.del-*', '*.a',
  '*.olb', '*.o', '*.obj', '*.so', '*.exe', '*.Z', '*.elc', '*.ln', 'core', '.svn/', '.git/', '.hg/', '.bzr/',
];

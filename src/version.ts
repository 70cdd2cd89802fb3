// The package version, shown by --version.
/** rsync-lint's version. */
export const VERSION = '0.1.0';

/** A problem with the user's input (configuration, files, models): one line, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}

/** "permission denied" for EACCES and the like, else the error's own message. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EROFS':
      return 'read-only file system';
    default:
      return (e as Error)?.message ?? String(e);
  }
}

import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/*
 * A running server marks the SQLite database it serves with a small file beside it holding its
 * process id, so the command line can tell at once that a server holds the database (SQLite in WAL
 * mode leaves no lock a second process could probe while the server is idle). A file left behind by
 * a server that crashed names a process that no longer exists, and is ignored.
 */

export const serverLockPath = (databaseFile: string) => `${databaseFile}.server-pid`;

/** Marks the database as served by this process; the returned function removes the mark (idempotent). */
export function markServed(databaseFile: string): () => void {
  const path = serverLockPath(databaseFile);
  writeFileSync(path, `${process.pid}\n`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // Only our own mark: a second server started on the same file meanwhile keeps its.
    if (readPid(path) === process.pid) rmSync(path, { force: true });
  };
}

/** The process id of another live server on this database, or null when there is none (or only a stale mark). */
export function servingProcess(databaseFile: string): number | null {
  const pid = readPid(serverLockPath(databaseFile));
  if (pid === null || pid === process.pid) return null;
  return isAlive(pid) ? pid : null;
}

function readPid(path: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (a server run as a service account).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The history store's errors, one factory per case. They use the `unexpected` code: none of them is the
 * person's doing, but each names the file and says what to do.
 */
import type { Stats } from 'node:fs';
import { DelegateError } from '../errors/delegate-error.js';
import { describeFileKind } from '../fs/file-kind.js';

/** SQLite's primary result codes that mean the file cannot be used (node:sqlite reports extended codes). */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
const SQLITE_BUSY = 5;

export function damagedHistory(path: string, cause: unknown): DelegateError {
  return new DelegateError(
    {
      code: 'unexpected',
      message: `The run history ${path} is damaged and cannot be read (${sqliteMessage(cause)}).`,
      action: `Quit Delegate (and any \`delegate daemon\`), move ${path} aside or delete it, then start again: a new, empty history is created. Jobs, settings and sign-in are not affected.`,
      detail: sqliteMessage(cause),
    },
    { cause },
  );
}

/** history.sqlite is a device, a FIFO or a socket (often a link to /dev/null): not damage, so nothing is moved. */
export function notRegularHistory(path: string, stats: Stats): DelegateError {
  const kind = describeFileKind(stats);
  return new DelegateError({
    code: 'unexpected',
    message: `The run history ${path} is ${kind}, not a regular file, so Delegate cannot keep its history there (runs cannot be recorded).`,
    action: `Remove ${path} (or the link there, e.g. to /dev/null); Delegate then creates a new history file in its place. Nothing else in the Delegate home is affected.`,
  });
}

export function newerHistorySchema(path: string, found: number, supported: number): DelegateError {
  return new DelegateError({
    code: 'unexpected',
    message: `The run history ${path} was written by a newer Delegate (schema version ${found}; this version reads up to ${supported}).`,
    action: `Update Delegate to the newest version, or move ${path} aside to start a new, empty history with this one.`,
  });
}

export function historyBusy(path: string, timeoutMs: number, cause: unknown): DelegateError {
  return new DelegateError(
    {
      code: 'unexpected',
      message: `The run history ${path} stayed locked by another Delegate process for more than ${Math.round(timeoutMs / 1000)} seconds.`,
      action: 'Try again in a moment; if it keeps happening, quit the other Delegate process (app or daemon).',
      detail: sqliteMessage(cause),
    },
    { cause },
  );
}

/** A caller broke the store's contract (a bad date, finishing a run twice): a bug in Delegate. */
export function historyMisuse(message: string): DelegateError {
  return new DelegateError({
    code: 'unexpected',
    message: `History: ${message}`,
    action: 'This is a bug in Delegate; please report it with the steps that led here.',
  });
}

/** The SQLite primary result code of a node:sqlite error, if it is one. */
export function sqliteCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('errcode' in error)) return undefined;
  const errcode = (error as { errcode: unknown }).errcode;
  return typeof errcode === 'number' ? errcode & 0xff : undefined;
}

export function isDamagedDatabase(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

export function isBusy(error: unknown): boolean {
  return sqliteCode(error) === SQLITE_BUSY;
}

function sqliteMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

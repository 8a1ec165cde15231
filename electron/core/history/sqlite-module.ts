/**
 * Loads `node:sqlite` without its ExperimentalWarning.
 *
 * Node 22 prints "SQLite is an experimental feature" once per process when the module loads, which would land on
 * the stderr of every `delegate history`. Only that warning is dropped, and only while the module loads: every
 * other warning, from Delegate or a library, still shows. The module is loaded on first use rather than by a
 * static import because a static import would emit the warning before any code of ours could run.
 */
import type * as Sqlite from 'node:sqlite';

export type SqliteModule = typeof Sqlite;

let loaded: SqliteModule | undefined;

export function loadSqlite(): SqliteModule {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  const filtered = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
    if (isSqliteExperimentalWarning(warning, rest[0])) return;
    (emitWarning as (warning: string | Error, ...rest: unknown[]) => void).call(this, warning, ...rest);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    loaded = process.getBuiltinModule('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
  return loaded;
}

/** Node calls `emitWarning(message, 'ExperimentalWarning')`; the options-object form is matched too. */
function isSqliteExperimentalWarning(warning: string | Error, typeOrOptions: unknown): boolean {
  const type =
    typeof typeOrOptions === 'string'
      ? typeOrOptions
      : typeof typeOrOptions === 'object' && typeOrOptions !== null && 'type' in typeOrOptions
        ? (typeOrOptions as { type?: unknown }).type
        : typeof warning === 'string'
          ? undefined
          : warning.name;
  const message = typeof warning === 'string' ? warning : warning.message;
  return type === 'ExperimentalWarning' && /\bSQLite\b/.test(message);
}

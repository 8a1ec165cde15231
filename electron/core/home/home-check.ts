/**
 * Is Delegate's home usable? Asked first, before anything reads from it: a home that is a file, or a folder
 * Delegate may not use, otherwise reads as "no config, no sign-in" and every command says SIGNED-OUT.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import { describeOsError, isOsError } from '../errors/os-error.js';

/** Throws an `invalid-config` DelegateError (CLI exit 2) when `home` exists but is not a folder Delegate may use. */
export function checkDelegateHome(home: string, env: NodeJS.ProcessEnv = process.env): void {
  const named = env.DELEGATE_HOME?.trim() ? `DELEGATE_HOME (${home})` : `Delegate's home ${home}`;
  const fix = env.DELEGATE_HOME?.trim()
    ? 'Set DELEGATE_HOME to a folder (it is created if missing), or unset it to use the default home.'
    : 'Move what is there out of the way, so Delegate can create its folder.';
  if (env.DELEGATE_HOME?.trim() && !isAbsolute(home)) throw notFullPath(home);
  let isFolder: boolean;
  try {
    isFolder = statSync(home).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // created on first write
    if (code === 'ENOTDIR') throw new DelegateError({ code: 'invalid-config', message: `${named} cannot be used: a part of its path is a file, not a folder.`, action: fix }, { cause: error });
    throw invalid(named, error, fix);
  }
  if (!isFolder) throw new DelegateError({ code: 'invalid-config', message: `${named} is a file, not a folder.`, action: fix });
  try {
    accessSync(home, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DelegateError({ code: 'invalid-config', message: `${named} is a folder Delegate may not read and write (${(error as NodeJS.ErrnoException).code ?? 'no access'}).`, action: `Give your user access to it (check its owner and permissions), or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}` }, { cause: error });
  }
}

/**
 * A relative DELEGATE_HOME is a different home for every folder a command starts in: the daemon, the app and a
 * script would each see other jobs and profiles, and say nothing. `~` is expanded by shells only: in a service
 * file or an .env file it would become a folder named `~`.
 */
function notFullPath(home: string): DelegateError {
  const why = home.startsWith('~') ? '"~" is expanded only by a shell, so Delegate would make a folder named "~" wherever it starts' : 'a relative path would be another folder for every folder Delegate starts in';
  return new DelegateError({
    code: 'invalid-config',
    message: `DELEGATE_HOME (${home}) is not a full path: ${why}.`,
    action: 'Set DELEGATE_HOME to a full path, such as /home/you/delegate-home or C:\\Users\\you\\delegate-home, or unset it to use the default home.',
  });
}

function invalid(named: string, error: unknown, fix: string): DelegateError {
  const words = isOsError(error) ? describeOsError(error) : null;
  return new DelegateError({ code: 'invalid-config', message: `${named} cannot be used: ${words?.message ?? String(error)}`, action: `${words?.action ?? ''} ${fix}`.trim() }, { cause: error });
}

/**
 * One command run the way every `delegate` command runs: in a usable home, with a damaged state file it meets
 * reported once on stderr, and its error printed the way its output mode wants. main.ts runs every command with
 * it; token-full-entry.ts runs `delegate token` alone with it.
 */
import { checkDelegateHome } from '../core/home/home-check.js';
import { reportError, type CliIo } from './cli-io.js';

export type Command = (args: string[], io: CliIo) => Promise<number>;

export async function runCommand(name: string, load: () => Promise<Command>, args: string[], io: CliIo): Promise<number> {
  // A damaged state file the command finds is kept aside by the core; say so once, on stderr (the daemon logs it).
  const stopDamagedWatch = name === 'daemon' ? () => {} : await watchDamagedFiles(io);
  try {
    checkDelegateHome(io.home);
    return await (await load())(args, io);
  } catch (error) {
    return reportError(io, error, args.includes('--json'));
  } finally {
    stopDamagedWatch();
  }
}

async function watchDamagedFiles(io: CliIo): Promise<() => void> {
  const { onDamagedFile } = await import('../core/fs/damaged-file.js');
  return onDamagedFile((report) => io.err(`delegate: ${report.message}\n`));
}

/**
 * How `delegate service` runs systemctl, launchctl, loginctl and schtasks: through one injectable function, so
 * tests drive the macOS and Windows branches on Linux and nothing here ever touches the real service manager.
 */
import { execFile } from 'node:child_process';

export interface CommandResult {
  /** Exit code; 127 when the command does not exist, 124 when it timed out. */
  code: number;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (command: string, args: string[]) => Promise<CommandResult>;

/** Long enough for `systemctl --user restart` waiting on a stopping daemon (TimeoutStopSec is 60 s). */
const COMMAND_TIMEOUT_MS = 90_000;

export function systemRunner(timeoutMs = COMMAND_TIMEOUT_MS): CommandRunner {
  return (command, args) =>
    new Promise((resolve) => {
      execFile(command, args, { timeout: timeoutMs, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const errno = (error as NodeJS.ErrnoException).code;
        if (errno === 'ENOENT') return resolve({ code: 127, stdout: '', stderr: `${command}: command not found` });
        if (error.killed) return resolve({ code: 124, stdout, stderr: `${stderr}${command}: no answer within ${Math.round(timeoutMs / 1000)} s` });
        resolve({ code: typeof error.code === 'number' ? error.code : 1, stdout, stderr: stderr || stdout ? stderr : error.message });
      });
    });
}

/** `systemctl --user enable delegate.service`, for output and errors. */
export function commandLine(command: string, args: string[]): string {
  return [command, ...args].map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}

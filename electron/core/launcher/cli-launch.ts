/**
 * The desktop app's binary as the `delegate` command: how the launcher marks a CLI run, and how to read it back.
 *
 * The installed app has no Node of its own on PATH and its run-as-Node fuse is off (ELECTRON_RUN_AS_NODE is
 * ignored), so the launchers (build/bin/delegate, delegate.cmd) run `<app binary> --delegate-cli -- <args>` and
 * the main process runs the CLI instead of the app. Why this shape:
 * - `--delegate-cli` looks like a Chromium switch, and Chromium ignores switches it does not know; no file path
 *   the desktop hands the app (absolute paths, URLs) starts with `--`.
 * - `--` ends Chromium's (and Electron's) switch parsing, so the person's arguments (`--scope`, or a job named
 *   `--remote-debugging-port=1`) reach the CLI untouched and are never read as switches by Chromium.
 * - The marker counts only as the first argument (after the app folder when Electron runs an unpackaged app, as
 *   `electron . --delegate-cli -- status` does in a checkout). Anywhere else it is an ordinary argument.
 */

export const CLI_MARKER = '--delegate-cli';
export const END_OF_SWITCHES = '--';

export type CliLaunch =
  /** Run the CLI with these arguments (what `delegate` was given). */
  | { kind: 'cli'; args: string[] }
  /** The marker without `--`: a broken launcher. Said on stderr with exit code 2; no window opens either. */
  | { kind: 'misuse'; message: string };

/** Reads process.argv of the app's main process: a CLI launch, or null for the app as usual. */
export function parseCliLaunch(argv: readonly string[], isPackaged: boolean): CliLaunch | null {
  const rest = argv.slice(isPackaged ? 1 : 2);
  if (rest[0] !== CLI_MARKER) return null;
  if (rest[1] !== END_OF_SWITCHES) {
    return {
      kind: 'misuse',
      message: `delegate: the launcher must put "${END_OF_SWITCHES}" right after ${CLI_MARKER} (got ${rest.length > 1 ? JSON.stringify(rest[1]) : 'nothing'}).\n  What to do: reinstall Delegate, or run <app binary> ${CLI_MARKER} ${END_OF_SWITCHES} <command>.\n`,
    };
  }
  return { kind: 'cli', args: rest.slice(2) };
}

/**
 * The command line that runs this same CLI again (for a service file or a scheduled task): the app's binary with
 * the marker when the CLI runs inside the app, else Node with the script. Inside an AppImage the binary sits in a
 * mount that changes at every start, so the AppImage file itself is what runs again.
 */
export function cliCommand(argv: readonly string[], execPath: string, env: NodeJS.ProcessEnv): string[] {
  const marker = argv.indexOf(CLI_MARKER);
  if ((marker === 1 || marker === 2) && argv[marker + 1] === END_OF_SWITCHES) {
    return [env.APPIMAGE?.trim() || execPath, ...argv.slice(1, marker + 2)];
  }
  return argv[1] === undefined ? [execPath] : [execPath, argv[1]];
}

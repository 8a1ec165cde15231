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
 * - The marker counts only before any other argument but switches: right after the binary (or the app folder when
 *   Electron runs an unpackaged app, as `electron . --delegate-cli -- status` does in a checkout), or after
 *   switches a wrapper put first — electron-builder's AppImage AppRun starts the binary with `--no-sandbox`
 *   where user namespaces are off, and `linux.executableArgs` go there too. After a file, a URL or `--` it is an
 *   ordinary argument.
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
  const marker = markerIndex(argv, isPackaged ? 1 : 2);
  if (marker < 0) return null;
  const after = argv[marker + 1];
  if (after !== END_OF_SWITCHES) {
    return {
      kind: 'misuse',
      message: `delegate: the launcher must put "${END_OF_SWITCHES}" right after ${CLI_MARKER} (got ${after === undefined ? 'nothing' : JSON.stringify(after)}).\n  What to do: reinstall Delegate, or run <app binary> ${CLI_MARKER} ${END_OF_SWITCHES} <command>.\n`,
    };
  }
  return { kind: 'cli', args: argv.slice(marker + 2) };
}

/** Where the marker is, looking from `first` past leading switches only; -1 when it is not there. */
function markerIndex(argv: readonly string[], first: number): number {
  for (let index = first; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === CLI_MARKER) return index;
    if (arg === END_OF_SWITCHES || !arg.startsWith('--')) return -1;
  }
  return -1;
}

/**
 * The command line that runs this same CLI again (for a service file or a scheduled task): the app's binary with
 * the marker when the CLI runs inside the app, else Node with the script. Inside an AppImage the binary sits in a
 * mount that changes at every start, so the AppImage file itself is what runs again.
 */
export function cliCommand(argv: readonly string[], execPath: string, env: NodeJS.ProcessEnv): string[] {
  const appImage = env.APPIMAGE?.trim();
  for (const first of [1, 2]) {
    const marker = markerIndex(argv, first);
    if (marker < 0 || argv[marker + 1] !== END_OF_SWITCHES) continue;
    // The AppImage's AppRun adds its own switches (--no-sandbox) again: start it with the marker only.
    return appImage ? [appImage, CLI_MARKER, END_OF_SWITCHES] : [execPath, ...argv.slice(1, marker + 2)];
  }
  return argv[1] === undefined ? [execPath] : [execPath, argv[1]];
}

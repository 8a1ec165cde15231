/**
 * Runs the `delegate` CLI inside the app's own binary, without a window: what `delegate` on PATH does when the
 * desktop app is installed (launchers in build/bin; the marker in core/launcher/cli-launch.ts).
 *
 * Why the app's binary and not a Node: the run-as-Node fuse stays off, there is no Node on PATH to rely on, and on
 * macOS the Keychain item the app wrote is read by the same signed binary, so unattended runs never prompt.
 *
 * What it keeps the same as the standalone CLI (bin/delegate.cjs):
 * - the home: the app's own (`DELEGATE_HOME`, else `<appData>/Delegate`, which is what resolveDelegateHome gives
 *   the standalone CLI on every OS), so keychain entries, config and history are the ones the app uses;
 * - the network: Node's transport, as in the standalone CLI. Chromium's would need the app to be ready (the GPU
 *   process, the whole browser start) for every `delegate token` in a script's loop, and `delegate doctor` then
 *   checks the same stack either way. Proxies come from the profile and HTTPS_PROXY/NO_PROXY as documented.
 * - Node: Electron 45 carries Node 24, newer than the 22.12 the CLI needs, with node:sqlite built in.
 *
 * What it does not do: take the single-instance lock (a CLI run beside the open app is normal), create a tray or
 * window, or wait for `ready`. It hides the Dock icon (macOS) and turns hardware acceleration off first.
 */
import { existsSync } from 'node:fs';
import { app } from 'electron';
import { appHome, chromiumDataDir } from './app-home.js';
import type { CliLaunch } from '../core/launcher/cli-launch.js';

export type CliMain = (argv: readonly string[], home: string) => Promise<number>;

export interface CliInAppOptions {
  env?: NodeJS.ProcessEnv;
  /** The CLI's main (electron/cli/main.ts), loaded only for a CLI run. */
  loadCli?: () => Promise<CliMain>;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Runs the CLI launch and exits the app with the CLI's exit code; resolves with that code. */
export async function runCliInApp(launch: CliLaunch, options: CliInAppOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  app.dock?.hide();
  app.disableHardwareAcceleration();
  const home = appHome(env, app.getPath('appData'));
  keepChromiumFilesInHome(home);

  let code: number;
  if (launch.kind === 'misuse') {
    stderr.write(launch.message);
    code = 2;
  } else {
    try {
      const main = await (options.loadCli ?? loadCliMain)();
      code = await main(launch.args, home);
    } catch (error) {
      stderr.write(`delegate: the command stopped unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n  What to do: try again; if it keeps happening, report it with this message.\n`);
      code = 1;
    }
  }
  // Pipes are asynchronous on macOS: let what the command printed reach the reader before the process ends.
  await Promise.all([flush(stdout), flush(stderr)]);
  app.exit(code);
  return code;
}

async function loadCliMain(): Promise<CliMain> {
  return (await import('../cli/main.js')).main;
}

/**
 * Chromium may write its own state while the process runs; point it where the app keeps it (the home, Chromium/)
 * rather than at a second folder named after the package. Only when the home exists: setPath refuses missing
 * folders, and creating the home is the CLI's job (with its checks), not this one's.
 */
function keepChromiumFilesInHome(home: string): void {
  if (!existsSync(home)) return;
  try {
    app.setPath('userData', home);
    if (existsSync(chromiumDataDir(home))) app.setPath('sessionData', chromiumDataDir(home));
  } catch {
    // Chromium's default folder then; the CLI does not depend on it.
  }
}

function flush(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    try {
      stream.write('', () => resolve());
    } catch {
      resolve();
    }
  });
}

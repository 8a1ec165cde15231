/**
 * What the app's binary does when started: a `delegate` command line (the launcher's marker, see
 * core/launcher/cli-launch.ts) runs the CLI without a window; anything else starts the desktop app.
 *
 * The decision comes before anything else — the single-instance lock, the tray, the windows, even app.setName —
 * so that a CLI run never brings a window forward or competes with the open app. Each side is loaded only when
 * chosen.
 */
import { app, dialog } from 'electron';
import { parseCliLaunch } from '../core/launcher/cli-launch.js';

export interface BootOptions {
  argv?: readonly string[];
  isPackaged?: boolean;
  runCli?: (launch: NonNullable<ReturnType<typeof parseCliLaunch>>) => Promise<unknown>;
  startApp?: () => Promise<unknown>;
}

export async function boot(options: BootOptions = {}): Promise<'cli' | 'app'> {
  const launch = parseCliLaunch(options.argv ?? process.argv, options.isPackaged ?? app.isPackaged);
  if (launch) {
    await (options.runCli ?? (async (cli) => (await import('./cli-in-app.js')).runCliInApp(cli)))(launch);
    return 'cli';
  }
  try {
    await (options.startApp ?? (async () => (await import('./main.js')).startDelegateApp()))();
  } catch (error) {
    dialog.showErrorBox('Delegate cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  }
  return 'app';
}

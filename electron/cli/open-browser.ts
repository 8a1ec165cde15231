/**
 * Opens a URL in the person's browser: `$BROWSER` if set (the usual convention, also how tests drive it),
 * else the platform's opener (browser-command.ts). Always argv, never a shell.
 */
import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import { browserCommand } from './browser-command.js';

/** The slice of `child_process.spawn` used here, so a test can see exactly what would run. */
export type SpawnLike = (command: string, args: readonly string[], options: SpawnOptions) => {
  once(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'spawn', listener: () => void): unknown;
  unref(): void;
};

export async function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, spawn: SpawnLike = nodeSpawn): Promise<void> {
  const { command, args } = browserCommand(url, platform, env.BROWSER);
  await new Promise<void>((resolve, reject) => {
    // shell: false always: on Windows no cmd.exe parses the URL; windowsVerbatimArguments stays off so Node
    // quotes each argument by the C runtime's rules.
    const child = spawn(command, args, { stdio: 'ignore', detached: platform !== 'win32', shell: false, windowsHide: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

/**
 * Opens a URL in the person's browser: `$BROWSER` if set (the usual convention, also how tests drive it),
 * else the platform's opener.
 */
import { spawn } from 'node:child_process';

export async function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [command, ...args] = env.BROWSER?.trim()
    ? [...env.BROWSER.trim().split(/\s+/), url]
    : process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command as string, args, { stdio: 'ignore', detached: process.platform !== 'win32' });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

/**
 * A desktop notification server on the test's session bus (notification-server.py), and what it was sent.
 *
 * Start it only on a bus of the test file's own (private-keyring.ts): on the shared session bus of `scripts/test.sh`
 * every other test file's daemon would suddenly find a desktop to notify.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./notification-server.py', import.meta.url));

export interface NotifyCall {
  app_name: string;
  summary: string;
  body: string;
  replaces_id: number;
  actions: string[];
  expire_timeout: number;
  outcome: 'shown' | 'refused' | 'hung';
}

export interface NotificationServerOptions {
  /** Advertise `body-markup`: the server then reads bodies as markup. */
  markup?: boolean;
  /** Answer this many Notify calls with a D-Bus error first. */
  fail?: number;
  /** Leave this many Notify calls unanswered first. */
  hang?: number;
}

export interface NotificationServer {
  calls(): NotifyCall[];
  stop(): Promise<void>;
}

/** Why the server cannot run here, or null: tests skip with this reason where python3-dbus/python3-gi are missing. */
export function notificationServerMissing(): string | null {
  const check = spawnSync('/usr/bin/python3', ['-c', 'import dbus, dbus.service, dbus.mainloop.glib; from gi.repository import GLib'], { encoding: 'utf8' });
  return check.status === 0 ? null : `/usr/bin/python3 lacks python3-dbus or python3-gi (${check.stderr.trim().split('\n').pop() ?? check.error?.message})`;
}

export async function startNotificationServer(options: NotificationServerOptions = {}): Promise<NotificationServer> {
  const dir = mkdtempSync(join(tmpdir(), 'delegate-notify-'));
  const file = join(dir, 'calls.jsonl');
  const args = [SCRIPT, file, ...(options.markup ? ['--markup'] : []), ...(options.fail ? ['--fail', String(options.fail)] : []), ...(options.hang ? ['--hang', String(options.hang)] : [])];
  const child: ChildProcess = spawn('/usr/bin/python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`notification server exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    calls() {
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as NotifyCall);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

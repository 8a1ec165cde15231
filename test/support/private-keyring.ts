/**
 * A private Secret Service for one test file: its own D-Bus session bus and its own unlocked gnome-keyring, so a
 * test can lock "the" keyring without locking it under the other test files that run at the same time.
 *
 * Call from `beforeAll` before anything touches the keychain: this process (keytar connects on first use) and every
 * process it starts afterwards (through `process.env`) use the private bus.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KEYRING_PASSWORD } from './secret-service.js';

export interface PrivateKeyring {
  address: string;
  stop(): void;
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const dir = mkdtempSync(join(tmpdir(), 'delegate-keyring-'));
  const runtime = join(dir, 'runtime');
  mkdirSync(runtime, { mode: 0o700 });
  // A fresh runtime and data folder: gnome-keyring would otherwise hand over to the session's own daemon. The bus
  // gets them too, so a keyring daemon it starts on demand (after a restart) opens this keyring, not the session's.
  const folders = { XDG_RUNTIME_DIR: runtime, XDG_DATA_HOME: join(dir, 'data'), DISPLAY: '' };
  const bus: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', `--address=unix:path=${join(dir, 'bus')}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...folders },
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    bus.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    bus.on('exit', (code) => reject(new Error(`dbus-daemon exited (${code})`)));
  });
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, ...folders };
  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { env, input: TEST_KEYRING_PASSWORD, encoding: 'utf8', timeout: 20_000 });
  if (keyring.status !== 0) throw new Error(`gnome-keyring-daemon failed: ${keyring.stderr}`);
  process.env.DBUS_SESSION_BUS_ADDRESS = address;
  return {
    address,
    stop() {
      // The keyring daemon leaves with its bus.
      bus.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The process id of the Secret Service on the current session bus (the keyring daemon this test started). */
export function secretServicePid(): number {
  const reply = spawnSync(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'string:org.freedesktop.secrets'],
    { encoding: 'utf8', timeout: 10_000 },
  );
  const pid = Number(/uint32 (\d+)/.exec(reply.stdout)?.[1]);
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no Secret Service on the bus: ${reply.stderr}`);
  return pid;
}

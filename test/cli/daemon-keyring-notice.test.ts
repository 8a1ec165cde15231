/**
 * The daemon started as a service with nobody logged in meets no Secret Service: its log says so at start, with
 * the options (PAM unlock at login, the plaintext opt-in) — the real CLI, with a session bus that is not there.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli } from '../support/cli.js';
import { writeJobs } from '../support/jobs.js';
import { makeHome } from '../support/test-home.js';
import { until } from '../support/until.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const PROFILE = { id: 'x', cloud: 'global', clientId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', tenant: 'organizations', scopes: ['User.Read'] };

function home(profile: object): string {
  const made = makeHome();
  cleanups.push(made.cleanup);
  writeFileSync(join(made.home, 'config.json'), JSON.stringify({ version: 1, defaultProfile: 'work', profiles: { work: profile } }));
  writeJobs(made.home, []);
  return made.home;
}

/** No session bus at all, as for a service started at boot before anyone logged in. */
function noBus(dir: string): NodeJS.ProcessEnv {
  const runtime = join(dir, 'runtime');
  mkdirSync(runtime, { mode: 0o700 });
  return { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(runtime, 'bus')}`, XDG_RUNTIME_DIR: runtime };
}

/** Delegate asks the Secret Service through dbus-send (the `dbus` package); without it the state is unknown. */
const hasDbusSend = spawnSync('sh', ['-c', 'command -v dbus-send']).status === 0;

describe('delegate daemon with the keyring out of reach', () => {
  it.skipIf(!hasDbusSend)('logs at start that the keychain profile cannot be read, and the two ways out', async () => {
    const dir = home(PROFILE);
    const daemon = startCli(['daemon'], { home: dir, env: noBus(dir) });
    try {
      const line = await until('the keychain notice', () => daemon.stdoutText().split('\n').find((text) => text.includes('keychain: locked or not running at start')));
      expect(line).toContain('profile "work" cannot be read until it is unlocked');
      expect(line).toContain('pam_gnome_keyring.so');
      expect(line).toContain('delegate profiles set NAME --plaintext-cache');
    } finally {
      daemon.child.kill('SIGTERM');
      await daemon.done;
    }
  });

  it('says nothing about the keychain when the profile opted in to the plaintext cache', async () => {
    const dir = home({ ...PROFILE, cacheBackend: 'plaintext' });
    const daemon = startCli(['daemon'], { home: dir, env: noBus(dir) });
    try {
      await until('the daemon to start', () => (daemon.stdoutText().includes('daemon started') ? true : undefined));
    } finally {
      daemon.child.kill('SIGTERM');
    }
    const { stdout } = await daemon.done;
    expect(stdout).toContain('daemon stopped');
    expect(stdout).not.toContain('keychain:');
  });
});

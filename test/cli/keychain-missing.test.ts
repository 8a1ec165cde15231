import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { readAllFiles } from '../support/test-home.js';

// No Secret Service: a bus address that leads nowhere and no X display to autolaunch one from.
const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/delegate-test-bus', DISPLAY: '' };
const setup = useEmulatorHome({ signedIn: false });

describe('without a Secret Service', () => {
  it('refuses to sign in, names both fixes, and never falls back to plaintext silently', async () => {
    const login = await runCli(['login', '--profile', 'emu'], { home: setup.home, env: noKeychain });
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('The system keychain is not available');
    expect(login.stderr).toContain('gnome-keyring-daemon --unlock --components=secrets');
    expect(login.stderr).toContain('delegate profiles set emu --plaintext-cache');
    // the person was not asked for a code that could never be stored
    expect((await setup.emulator.control<unknown[]>('GET', '/device-codes')).body).toEqual([]);
    for (const file of readAllFiles(setup.home)) expect(file.contents).not.toMatch(/RefreshToken|AccessToken/);
  });

  it('works with the explicit plaintext opt-in, in a 0600 file, and says so in status', async () => {
    expect((await runCli(['profiles', 'set', 'emu', '--plaintext-cache'], { home: setup.home, env: noKeychain })).code).toBe(0);
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    const cacheFile = join(setup.home, 'profiles', 'emu', 'msal-cache.json');
    expect(readFileSync(cacheFile, 'utf8')).toContain('RefreshToken');
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home, env: noKeychain });
    expect(token.code).toBe(0);
    const status = await runCli(['status', '--profile', 'emu'], { home: setup.home, env: noKeychain });
    expect(status.stdout).toMatch(/PLAINTEXT file .*msal-cache\.json \(mode 0600\)/);
    const json = JSON.parse((await runCli(['status', '--json', '--profile', 'emu'], { home: setup.home, env: noKeychain })).stdout);
    expect(json).toMatchObject({ cacheBackend: 'plaintext', cacheLocation: cacheFile });
    expect((await runCli(['logout', '--profile', 'emu'], { home: setup.home, env: noKeychain })).code).toBe(0);
    expect(existsSync(cacheFile)).toBe(false);
  });

  it('does not wait on a named pipe put where the plaintext cache belongs: it says what is there and moves nothing', async () => {
    expect((await runCli(['profiles', 'set', 'emu', '--plaintext-cache'], { home: setup.home, env: noKeychain })).code).toBe(0);
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    const cacheFile = join(setup.home, 'profiles', 'emu', 'msal-cache.json');
    const cache = readFileSync(cacheFile, 'utf8');
    rmSync(cacheFile);
    execFileSync('mkfifo', [cacheFile]);
    // Before: the cached read, then msal-node-extensions' own, waited for a writer forever.
    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home, env: noKeychain, timeoutMs: 20_000 });
    expect(token.code).not.toBeNull();
    expect(token.code).not.toBe(0);
    expect(token.stderr).toContain(`${cacheFile} is a named pipe (FIFO), not a regular file`);
    expect(statSync(cacheFile).isFIFO()).toBe(true);
    rmSync(cacheFile);
    writeFileSync(cacheFile, cache, { mode: 0o600 });
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home, env: noKeychain })).code).toBe(0);
  });
});

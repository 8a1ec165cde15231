import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';

const setup = useEmulatorHome({ signedIn: true });

function keychainCache(): { RefreshToken: Record<string, unknown>; AccessToken: Record<string, unknown> } {
  const config = JSON.parse(readFileSync(join(setup.home, 'config.json'), 'utf8'));
  const secret = spawnSync('secret-tool', ['lookup', 'service', 'Delegate', 'account', `msal-cache/${config.profiles.emu.id}`]).stdout.toString();
  return JSON.parse(secret);
}

describe('several processes at once', () => {
  it('serves 20 concurrent token processes while another process keeps refreshing, leaving the cache intact', async () => {
    const refresher = (async () => {
      const codes: Array<number | null> = [];
      for (let i = 0; i < 4; i++) codes.push((await runCli(['status', '--probe', '--json', '--profile', 'emu'], { home: setup.home })).code);
      return codes;
    })();
    const tokens = Array.from({ length: 20 }, (_, index) =>
      runCli(index % 2 === 0 ? ['token', '--profile', 'emu'] : ['token', '--json', '--profile', 'emu'], { home: setup.home, timeoutMs: 90_000 }),
    );
    const results = await Promise.all(tokens);
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    expect(await refresher).toEqual([0, 0, 0, 0]);
    const cache = keychainCache();
    expect(Object.keys(cache.RefreshToken)).toHaveLength(1);
    // the newest rotated refresh token is the one kept: a further refresh works
    const probe = await runCli(['status', '--probe', '--json', '--profile', 'emu'], { home: setup.home });
    expect(JSON.parse(probe.stdout).lastProbe.outcome).toBe('ok');
  }, 120_000);

  it('is not blocked by a lock file left behind by a killed process', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const lock = join(setup.home, 'profiles', 'emu', 'msal-cache.json.lockfile');
    writeFileSync(lock, `${dead} ${hostname()} ${Date.now()} 0000`);
    const started = Date.now();
    const result = await runCli(['status', '--probe', '--json', '--profile', 'emu'], { home: setup.home });
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(JSON.parse(result.stdout).lastProbe.outcome).toBe('ok');
  });
});

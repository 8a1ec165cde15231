/**
 * bin/delegate.cjs keeps Node's compiled code in the OS cache folder, so the next cold start skips most parsing.
 * A cache folder that cannot be used must change nothing a person sees: same output, same exit code, no warning.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeHome } from '../support/test-home.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delegate-cache-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the compile cache of the standalone CLI', () => {
  it('is kept under XDG_CACHE_HOME/delegate, and an unusable cache folder changes nothing but speed', async () => {
    const { home, cleanup } = makeHome();
    cleanups.push(cleanup);
    const cache = scratch();
    const usable = await runCli(['token'], { home, env: { XDG_CACHE_HOME: cache } });
    expect(readdirSync(join(cache, 'delegate', 'compile-cache')).length).toBeGreaterThan(0);

    const blocked = join(scratch(), 'a-file');
    writeFileSync(blocked, '');
    const unusable = await runCli(['token'], { home, env: { XDG_CACHE_HOME: blocked } });
    expect(existsSync(join(blocked, 'delegate'))).toBe(false);
    // nobody is signed in: the same answer either way, and nothing about the cache
    expect(unusable).toEqual(usable);
    expect(usable.code).toBe(3);
    expect(usable.stderr).toContain('Nobody is signed in');
    const status = await runCli(['status', '--json'], { home, env: { XDG_CACHE_HOME: blocked } });
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'signed-out' });
    expect(status.stderr).toBe('');
  });
});

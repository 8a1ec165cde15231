import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, withLock } from '../../../electron/core/fs/file-lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'delegate-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A PID that certainly belongs to no running process: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('the cross-process lock', () => {
  it('recovers at once from a lock left by a killed process', async () => {
    const lock = join(dir, 'cache.lockfile');
    writeFileSync(lock, `${deadPid()} ${hostname()} ${Date.now()} deadbeef`);
    const started = Date.now();
    const release = await acquireLock(lock, { timeoutMs: 2_000 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(readFileSync(lock, 'utf8')).toContain(String(process.pid));
    release();
    expect(existsSync(lock)).toBe(false);
  });

  it('recovers from a lock older than the stale limit even if its PID is alive', async () => {
    const lock = join(dir, 'cache.lockfile');
    writeFileSync(lock, `${process.ppid} ${hostname()} 0 cafe`);
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    const release = await acquireLock(lock, { timeoutMs: 2_000, staleAfterMs: 60_000 });
    release();
  });

  it('waits for a live holder and reports a clear error when it never lets go', async () => {
    const lock = join(dir, 'cache.lockfile');
    writeFileSync(lock, `${process.ppid} ${hostname()} ${Date.now()} cafe`);
    await expect(acquireLock(lock, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'cache-locked', message: expect.stringContaining('held the lock') });
  });

  it('never deletes a lock that another process took over after ours was broken', async () => {
    const lock = join(dir, 'cache.lockfile');
    const release = await acquireLock(lock);
    writeFileSync(lock, `${process.ppid} ${hostname()} ${Date.now()} someone-else`);
    release();
    expect(readFileSync(lock, 'utf8')).toContain('someone-else');
  });

  it('serialises read-modify-write across many processes so no update is lost', async () => {
    const counter = join(dir, 'counter');
    writeFileSync(counter, '0');
    const lockModule = fileURLToPath(new URL('../../../electron/core/fs/file-lock.ts', import.meta.url));
    const script = `
      import { withLock } from ${JSON.stringify(lockModule)};
      import { readFileSync, writeFileSync } from 'node:fs';
      void (async () => { for (let i = 0; i < 10; i++) {
        await withLock(${JSON.stringify(counter + '.lock')}, async () => {
          const value = Number(readFileSync(${JSON.stringify(counter)}, 'utf8'));
          await new Promise((r) => setTimeout(r, 1));
          writeFileSync(${JSON.stringify(counter)}, String(value + 1));
        });
      } })();`;
    const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const runs = Array.from({ length: 6 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, [tsx, '-e', script], { stdio: 'inherit' }).on('close', resolve)));
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(readFileSync(counter, 'utf8')).toBe('60');
  });

  it('releases the lock when the work throws', async () => {
    const lock = join(dir, 'x.lockfile');
    await expect(withLock(lock, () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });
});

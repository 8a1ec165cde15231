/**
 * A refresh by `delegate token` starts from the keychain entry its fast path has just read (cache-plugin.ts
 * `preloaded`): msal's first lookup is served from it, every later access reads the keychain under the lock as
 * always. What must hold: no second read for that lookup, and no write that could undo another process's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCacheContext } from '@azure/msal-node';
import { afterEach, describe, expect, it } from 'vitest';
import { LockedCachePlugin } from '../../../electron/core/auth/cache-plugin.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A keychain entry in memory, counting reads and writes. */
function storage(initial: string | null) {
  const state = { stored: initial, loads: 0, saves: [] as string[] };
  return {
    state,
    persistence: {
      load: async () => {
        state.loads += 1;
        return state.stored;
      },
      save: async (contents: string) => {
        state.saves.push(contents);
        state.stored = contents;
      },
    },
  };
}

/** msal's side of one access: what it deserialized, what it would serialize, whether it changed anything. */
function access(serializeAs: string, changed: boolean) {
  const seen: string[] = [];
  const context = {
    cacheHasChanged: changed,
    tokenCache: {
      deserialize: (text: string) => {
        if (!text.startsWith('{')) throw new SyntaxError('not JSON');
        seen.push(text);
      },
      serialize: () => serializeAs,
    },
  } as unknown as TokenCacheContext;
  return { context, seen };
}

function plugin(persistence: ReturnType<typeof storage>['persistence'], preloaded?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'delegate-plugin-'));
  dirs.push(dir);
  return new LockedCachePlugin(persistence, join(dir, 'msal-cache.json.lockfile'), (error) => error as Error, preloaded);
}

describe('the cache plugin with the keychain entry this process has just read', () => {
  it('serves the first lookup from it without reading the keychain, and reads under the lock from then on', async () => {
    const { state, persistence } = storage('{"stored":1}');
    const cachePlugin = plugin(persistence, '{"read by the fast path":1}');
    const lookup = access('{}', false);
    await cachePlugin.beforeCacheAccess(lookup.context);
    await cachePlugin.afterCacheAccess(lookup.context);
    expect(lookup.seen).toEqual(['{"read by the fast path":1}']);
    expect(state.loads).toBe(0);
    expect(state.saves).toEqual([]);

    const save = access('{"refreshed":1}', true);
    await cachePlugin.beforeCacheAccess(save.context);
    await cachePlugin.afterCacheAccess(save.context);
    expect(save.seen).toEqual(['{"stored":1}']);
    expect(state.loads).toBe(1);
    expect(state.saves).toEqual(['{"refreshed":1}']);
  });

  it('writes a change msal made during that lookup only over the very text it was made on', async () => {
    const unchanged = storage('{"v":1}');
    const first = plugin(unchanged.persistence, '{"v":1}');
    const cleanup = access('{"v":1,"duplicates removed":1}', true);
    await first.beforeCacheAccess(cleanup.context);
    await first.afterCacheAccess(cleanup.context);
    expect(unchanged.state.saves).toEqual(['{"v":1,"duplicates removed":1}']);

    // Another process refreshed between the fast path's read and this lookup: its write stays.
    const moved = storage('{"v":2,"rotated refresh token":1}');
    const second = plugin(moved.persistence, '{"v":1}');
    const stale = access('{"v":1,"duplicates removed":1}', true);
    await second.beforeCacheAccess(stale.context);
    await second.afterCacheAccess(stale.context);
    expect(moved.state.saves).toEqual([]);
    expect(moved.state.stored).toBe('{"v":2,"rotated refresh token":1}');
  });

  it('reports a handed-over entry msal cannot read, and goes on serving later accesses', async () => {
    const { state, persistence } = storage('{"stored":1}');
    const cachePlugin = plugin(persistence, 'not json');
    const broken = access('{}', false);
    await expect(cachePlugin.beforeCacheAccess(broken.context)).rejects.toThrow('not JSON');
    const next = access('{}', false);
    await cachePlugin.beforeCacheAccess(next.context);
    await cachePlugin.afterCacheAccess(next.context);
    expect(next.seen).toEqual(['{"stored":1}']);
    expect(state.loads).toBe(1);
  });
});

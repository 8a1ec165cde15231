/**
 * `--remove-source` on a file that changes under it: only the very content that was imported is destroyed, and
 * when the removal fails half-way the message says exactly what is left on disk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCacheFile } from '../../../electron/core/import/read-cache-file.js';
import { removeSourceFile } from '../../../electron/core/import/remove-source-file.js';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'remove-source-'))));
afterEach(() => {
  spawnSync('chattr', ['-i', dir]);
  rmSync(dir, { recursive: true, force: true });
});

const IMPORTED = '{"RefreshToken":{"k":{"secret":"0.Aimported-refresh-token"}}}';
// `chattr +i` needs root (or CAP_LINUX_IMMUTABLE) and a file system that has the flag: tried once on a probe folder.
const chattr = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'chattr-probe-'));
  const works = spawnSync('chattr', ['+i', probe], { stdio: 'ignore' }).status === 0;
  spawnSync('chattr', ['-i', probe], { stdio: 'ignore' });
  rmSync(probe, { recursive: true, force: true });
  return works;
})();

describe('--remove-source on a file that changed or cannot be deleted', () => {
  it('leaves a cache file alone that its script rewrote with a new sign-in while the import ran', () => {
    const path = join(dir, '.msal_token_cache.json');
    writeFileSync(path, IMPORTED);
    const read = readCacheFile(path);
    // The script's msal wrote its cache again (same file, truncated and rewritten) after Delegate read it.
    const rewritten = '{"RefreshToken":{"k":{"secret":"0.Anewer-token-the-script-just-got"}}}';
    writeFileSync(path, rewritten);
    expect(() => removeSourceFile(read)).toThrow(/was not removed: it changed since Delegate read it/);
    expect(readFileSync(path, 'utf8')).toBe(rewritten);
  });

  it.skipIf(!chattr)('says the import worked and that the file is left holding only zeros when its folder refuses the deletion', () => {
    const path = join(dir, '.msal_token_cache.json');
    writeFileSync(path, IMPORTED);
    const read = readCacheFile(path);
    // An immutable folder: even root may not delete in it (a read-only folder does not stop root).
    expect(spawnSync('chattr', ['+i', dir]).status).toBe(0);
    let message = '';
    try {
      removeSourceFile(read);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^The sign-in was imported/);
    expect(existsSync(path)).toBe(true);
    const left = readFileSync(path, 'utf8');
    // Whatever happened to the content, the message must say it truthfully.
    if (left === IMPORTED) expect(message).toMatch(/still holds a working refresh token/);
    else {
      expect(left).toMatch(/^\0+$/);
      expect(message).not.toMatch(/still holds a working refresh token/);
      expect(message).toMatch(/overwritten with zeros .*could not be deleted.*still there/);
    }
  });
});

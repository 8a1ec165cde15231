/**
 * Writes `config.json`: read-modify-write under a lock, replaced atomically, mode 0600.
 * Apart from the reader so that commands which only read (the cached `delegate token`) load no write machinery.
 */
import { ensurePrivateDir } from '../home/delegate-home.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { linkedFileTarget } from '../fs/linked-file-target.js';
import { withLock } from '../fs/file-lock.js';
import { loadConfig } from './config-store.js';
import { configPath } from './profile-paths.js';
import type { ConfigFile } from './config-schema.js';

/** Read-modify-write of config.json under a lock, written atomically (mode 0600). */
export async function updateConfig(home: string, mutate: (raw: ConfigFile) => void): Promise<void> {
  ensurePrivateDir(home);
  const path = configPath(home);
  await withLock(`${path}.lockfile`, () => {
    const current = loadConfig(home).raw;
    mutate(current);
    writeFileAtomic(linkedFileTarget(path), `${JSON.stringify(current, null, 2)}\n`);
  });
}

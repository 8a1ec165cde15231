/**
 * Updates a profile's metadata: read-modify-write under a lock, replaced atomically.
 */
import { writeFileAtomic } from '../fs/atomic-write.js';
import { withLock } from '../fs/file-lock.js';
import { ensurePrivateDir } from '../home/delegate-home.js';
import { readMetadata, type ProfileMetadata } from './profile-metadata.js';
import type { ProfilePaths } from '../config/profile-paths.js';

export async function updateMetadata(paths: ProfilePaths, mutate: (metadata: ProfileMetadata) => void): Promise<ProfileMetadata> {
  ensurePrivateDir(paths.dir);
  return withLock(`${paths.meta}.lockfile`, () => {
    const { metadata } = readMetadata(paths);
    mutate(metadata);
    writeFileAtomic(paths.meta, `${JSON.stringify(metadata, null, 2)}\n`);
    return metadata;
  });
}

/**
 * What each token partition of a profile holds now (cae-partition.ts): the access token Delegate's own jobs use
 * (CAE when Entra honoured cp1) and the one handed to scripts (standard), each with its expiry — read from the
 * tokens themselves, so the status says what Entra really issued. Never returns a token.
 */
import { existsSync } from 'node:fs';
import { caeCacheFile, openCachePersistence, openCaeCachePersistence } from './cache-persistence.js';
import { readMetadata } from './profile-metadata.js';
import { partitionState, type TokenPartitions } from './partition-state.js';
import type { AuthContext } from './auth-context.js';

export { describePartitions, type PartitionState, type TokenPartitions } from './partition-state.js';

/** Null when nobody is signed in or the keychain cannot be read (the status says so elsewhere). */
export async function readTokenPartitions(context: AuthContext, now: Date): Promise<TokenPartitions | null> {
  const account = readMetadata(context.paths).metadata.account;
  if (!account) return null;
  try {
    const shared = await (await openCachePersistence(context.profile, context.paths)).load();
    // Reading must not create the CAE partition's own file (plaintext, DPAPI) where none was written yet.
    const caeFile = caeCacheFile(context.profile, context.paths);
    const cae = caeFile !== context.paths.cache && !existsSync(caeFile) ? null : await (await openCaeCachePersistence(context.profile, context.paths)).load();
    return { jobs: partitionState(cae, account.homeAccountId, now), scripts: partitionState(shared, account.homeAccountId, now) };
  } catch {
    return null;
  }
}

/**
 * Sign-out: removes the account and its tokens from the MSAL cache, deletes the keychain entries (or the
 * plaintext files) of both partitions and clears the profile's metadata.
 */
import { openCaeCachePersistence } from './cache-persistence.js';
import { createMsalApp } from './msal-app.js';
import { EMPTY_METADATA } from './profile-metadata.js';
import { updateMetadata } from './profile-metadata-writer.js';
import type { AuthContext } from './auth-context.js';

export async function signOut(context: AuthContext): Promise<{ removedAccounts: string[] }> {
  const { app, persistence } = await createMsalApp(context.profile, context.paths);
  const cache = app.getTokenCache();
  const removed: string[] = [];
  for (const account of await cache.getAllAccounts()) {
    await cache.removeAccount(account);
    removed.push(account.username);
  }
  await persistence.delete();
  // The CAE partition's access tokens (cae-partition.ts) go too, so nothing of the sign-in stays behind.
  await (await openCaeCachePersistence(context.profile, context.paths)).delete();
  await updateMetadata(context.paths, (metadata) => Object.assign(metadata, structuredClone(EMPTY_METADATA)));
  return { removedAccounts: removed };
}

/**
 * Storing an imported sign-in in the real keychain (gnome-keyring under scripts/test.sh) and undoing it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCachePersistence, openCaeCachePersistence } from '../../../electron/core/auth/cache-persistence.js';
import { authContext, type AuthContext } from '../../../electron/core/auth/auth-context.js';
import { defaultProfileTemplate } from '../../../electron/core/config/profile-resolver.js';
import { storeImportedCache } from '../../../electron/core/import/store-imported-cache.js';
import { systemClock } from '../../../electron/core/clock.js';
import { makeHome } from '../../support/test-home.js';

const cache = (home: string, secret: string) =>
  JSON.stringify({
    Account: { [`${home}-env-realm`]: { home_account_id: home, environment: 'env', realm: 'realm', username: `${home}@contoso` } },
    RefreshToken: { [`${home}-env-refreshtoken-client--`]: { home_account_id: home, environment: 'env', credential_type: 'RefreshToken', client_id: 'client', secret } },
    AccessToken: {},
    IdToken: {},
    AppMetadata: {},
  });

let context: AuthContext;
let cleanup = () => {};
beforeEach(() => {
  const made = makeHome();
  cleanup = made.cleanup;
  context = authContext(made.home, systemClock, defaultProfileTemplate('import-store'));
});
afterEach(async () => {
  await (await openCachePersistence(context.profile, context.paths)).delete().catch(() => undefined);
  await (await openCaeCachePersistence(context.profile, context.paths)).delete().catch(() => undefined);
  cleanup();
});

describe('storing an imported sign-in in the keychain', () => {
  it('puts it into an empty entry in one write, and the undo leaves no entry behind', async () => {
    const main = await openCachePersistence(context.profile, context.paths);
    const undo = await storeImportedCache(context, cache('adele', 'rt-imported'), 'replace');
    expect(JSON.parse((await main.load()) ?? '{}')).toEqual(JSON.parse(cache('adele', 'rt-imported')));
    await undo();
    expect(await main.load()).toBeNull();
  });

  it('joins the same account\'s sign-in, the imported refresh token winning, and the undo restores the entry byte for byte', async () => {
    const main = await openCachePersistence(context.profile, context.paths);
    const before = cache('adele', 'rt-from-delegate').replace('"AppMetadata":{}', '"AppMetadata":{"appmetadata-env-client":{"client_id":"client","environment":"env"}}');
    await main.save(before);
    const undo = await storeImportedCache(context, cache('adele', 'rt-imported'), 'merge');
    const merged = JSON.parse((await main.load()) ?? '{}') as { RefreshToken: Record<string, { secret: string }>; AppMetadata: Record<string, unknown> };
    expect(Object.values(merged.RefreshToken).map((token) => token.secret)).toEqual(['rt-imported']);
    expect(Object.keys(merged.AppMetadata)).toEqual(['appmetadata-env-client']); // what only the keychain had stays
    await undo();
    expect(await main.load()).toBe(before);
  });

  it('replacing a signed-out profile\'s leftovers empties the CAE entry of the previous person, and the undo brings it back', async () => {
    const main = await openCachePersistence(context.profile, context.paths);
    const cae = await openCaeCachePersistence(context.profile, context.paths);
    await main.save(cache('megan', 'rt-megan'));
    const caeBefore = JSON.stringify({ AccessToken: { 'megan-cae': { secret: 'cae-at' } } });
    await cae.save(caeBefore);
    const undo = await storeImportedCache(context, cache('adele', 'rt-imported'), 'replace');
    expect(await main.load()).not.toContain('megan');
    expect(JSON.parse((await cae.load()) ?? '{}')).toEqual({ AccessToken: {} });
    await undo();
    expect(await main.load()).toBe(cache('megan', 'rt-megan'));
    expect(await cae.load()).toBe(caeBefore);
  });
});

import { describe, expect, it } from 'vitest';
import { CaePartitionStorage } from '../../../electron/core/auth/cae-partition.js';

/** An in-memory stand-in for one keychain entry, counting writes. */
function entry(initial: unknown = null) {
  const box = { value: initial === null ? null : JSON.stringify(initial), saves: 0 };
  return {
    box,
    storage: {
      load: async () => box.value,
      save: async (contents: string) => {
        box.value = contents;
        box.saves += 1;
      },
    },
  };
}

const ACCOUNT = { 'home-env-realm': { home_account_id: 'home', username: 'adele' } };
const RT = (secret: string) => ({ 'home-env-refreshtoken-client--': { secret, credential_type: 'RefreshToken' } });
const AT = (secret: string) => ({ [`home-env-accesstoken-client-realm-${secret}`]: { secret, credential_type: 'AccessToken' } });

describe('the CAE partition of the token cache', () => {
  it('shows the CAE app the shared sign-in with only its own access tokens, as before for a profile that has no CAE entry yet', async () => {
    const shared = entry({ Account: ACCOUNT, RefreshToken: RT('rt-1'), AccessToken: AT('standard') });
    const own = entry();
    const partition = new CaePartitionStorage(shared.storage, own.storage);
    expect(JSON.parse((await partition.load()) ?? '{}')).toEqual({ Account: ACCOUNT, RefreshToken: RT('rt-1'), AccessToken: {} });
  });

  it('writes a rotated refresh token to the shared entry and the CAE token to its own, keeping the standard tokens', async () => {
    const shared = entry({ Account: ACCOUNT, RefreshToken: RT('rt-1'), AccessToken: AT('standard') });
    const own = entry({ AccessToken: AT('cae-old') });
    const partition = new CaePartitionStorage(shared.storage, own.storage);
    await partition.load();
    await partition.save(JSON.stringify({ Account: ACCOUNT, RefreshToken: RT('rt-2'), AccessToken: AT('cae-new') }));
    expect(JSON.parse(shared.box.value ?? '{}')).toEqual({ Account: ACCOUNT, RefreshToken: RT('rt-2'), AccessToken: AT('standard') });
    expect(JSON.parse(own.box.value ?? '{}')).toEqual({ AccessToken: AT('cae-new') });
  });

  it('touches only the entry that changed: a new CAE token alone is one write', async () => {
    const shared = entry({ Account: ACCOUNT, RefreshToken: RT('rt-1'), AccessToken: AT('standard') });
    const own = entry();
    const partition = new CaePartitionStorage(shared.storage, own.storage);
    const loaded = JSON.parse((await partition.load()) ?? '{}') as Record<string, unknown>;
    // Same content, keys in another order: not a change.
    await partition.save(JSON.stringify({ AccessToken: AT('cae'), RefreshToken: loaded.RefreshToken, Account: loaded.Account }));
    expect(shared.box.saves).toBe(0);
    expect(own.box.saves).toBe(1);
    await partition.save(JSON.stringify({ AccessToken: AT('cae'), RefreshToken: loaded.RefreshToken, Account: loaded.Account }));
    expect(own.box.saves).toBe(1);
  });
});

/**
 * Picking a profile's sign-in out of an MSAL cache file, as msal Python and msal-node key it.
 */
import { describe, expect, it } from 'vitest';
import { defaultProfileTemplate } from '../../../electron/core/config/profile-resolver.js';
import { parseMsalCacheFile } from '../../../electron/core/import/msal-cache-file.js';
import { selectImport } from '../../../electron/core/import/select-entries.js';
import type { Profile } from '../../../shared/models/profile.js';

const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';
const TENANT = '5d2c8a14-7b3e-4f09-9a61-2e8c0b7d4f13';
const HOME = `8b2f6c1e-3d4a-4e5b-9f60-7a1c2d3e4f50.${TENANT}`;

/** A cache as msal Python 1.21 writes it for the seed's authority (https://login.microsoftonline.com/organizations). */
function pythonCache(overrides: { environment?: string; clientId?: string; familyId?: string } = {}): string {
  const environment = overrides.environment ?? 'login.microsoftonline.com';
  const clientId = overrides.clientId ?? OFFICE;
  return JSON.stringify({
    AccessToken: { k1: { credential_type: 'AccessToken', secret: 'at-secret', home_account_id: HOME, environment, client_id: clientId, target: 'Mail.Send Mail.ReadWrite profile openid', realm: 'organizations', cached_at: '1796320568', expires_on: '1796324737' } },
    RefreshToken: { k2: { credential_type: 'RefreshToken', secret: 'rt-secret', home_account_id: HOME, environment, client_id: clientId, target: 'Mail.Send', last_modification_time: '1796320568', ...(overrides.familyId ? { family_id: overrides.familyId } : {}) } },
    Account: { k3: { home_account_id: HOME, environment, realm: 'organizations', local_account_id: '8b2f6c1e', username: 'adele.vance@contoso.onmicrosoft.com', authority_type: 'MSSTS' } },
    AppMetadata: { k4: { client_id: clientId, environment } },
  });
}

const profile = (changes: Partial<Profile> = {}): Profile => ({ ...defaultProfileTemplate('work'), ...changes });
const select = (text: string, target: Profile, account?: string) => selectImport(parseMsalCacheFile(text, '/c.json'), target, { path: '/c.json', ...(account ? { account } : {}) });

describe('choosing what to import from an MSAL cache', () => {
  it('takes msal Python\'s cache for the global cloud, with the home tenant known from the account ID alone', () => {
    const chosen = select(pythonCache(), profile());
    expect(chosen).toMatchObject({ username: 'adele.vance@contoso.onmicrosoft.com', tenantIds: [TENANT], refreshToken: { secret: 'rt-secret', familyId: null, issuedAt: new Date(1796320568 * 1000).toISOString(), issuedAtSource: 'refresh-token' } });
    expect(chosen.scopesInFile).toEqual(['Mail.Send', 'Mail.ReadWrite', 'profile', 'openid']);
  });

  it('accepts the names msal-node and older tools give the same cloud (login.windows.net, sts.windows.net)', () => {
    expect(select(pythonCache({ environment: 'login.windows.net' }), profile()).username).toBe('adele.vance@contoso.onmicrosoft.com');
    expect(select(pythonCache({ environment: 'LOGIN.MICROSOFT.COM' }), profile()).username).toBe('adele.vance@contoso.onmicrosoft.com');
  });

  it('refuses a global-cloud cache for a US Government profile, naming both sign-in hosts', () => {
    expect(() => select(pythonCache(), profile({ cloud: 'usgov' }))).toThrow(/issued by login\.microsoftonline\.com, but profile "work" signs in at login\.microsoftonline\.us/);
  });

  it('matches a tenant-GUID profile by the account\'s home tenant, and refuses another GUID', () => {
    expect(select(pythonCache(), profile({ tenant: TENANT.toUpperCase() })).tenantIds).toEqual([TENANT]);
    expect(() => select(pythonCache(), profile({ tenant: '0e2b1a44-9c1f-4d3a-8b7e-5f6a7b8c9d01' }))).toThrow(/belongs to tenant 5d2c8a14/);
  });

  it('leaves a profile on a domain tenant to the refresh to decide', () => {
    expect(select(pythonCache(), profile({ tenant: 'contoso.onmicrosoft.com' })).username).toBe('adele.vance@contoso.onmicrosoft.com');
  });

  it('reports a family refresh token (FOCI)', () => {
    expect(select(pythonCache({ familyId: '1' }), profile()).refreshToken.familyId).toBe('1');
  });

  it('refuses a file with accounts but no refresh token: nothing in it would last', () => {
    const cache = JSON.parse(pythonCache()) as Record<string, unknown>;
    delete cache.RefreshToken;
    expect(() => select(JSON.stringify(cache), profile())).toThrow(/holds no refresh token \(only cached tokens of adele\.vance@contoso\.onmicrosoft\.com\)/);
  });

  it('names an --account the file does not hold, and the accounts it does', () => {
    expect(() => select(pythonCache(), profile(), 'megan@contoso.com')).toThrow(/holds no sign-in of megan@contoso\.com .* it has adele\.vance@contoso\.onmicrosoft\.com/);
  });

  it('never puts a token into a refusal', () => {
    for (const target of [profile({ clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' }), profile({ cloud: 'china' }), profile({ tenant: '0e2b1a44-9c1f-4d3a-8b7e-5f6a7b8c9d01' })]) {
      try {
        select(pythonCache(), target);
        expect.unreachable();
      } catch (error) {
        const text = `${(error as Error).message} ${(error as { action?: string }).action ?? ''}`;
        expect(text).not.toMatch(/rt-secret|at-secret/);
      }
    }
  });
});

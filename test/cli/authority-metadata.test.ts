/**
 * The authority's metadata, kept per profile between runs (authority-metadata.ts): msal-node keeps it only in
 * memory, so every `delegate token` that went to msal fetched the OpenID configuration again, on a fresh TLS
 * connection, before the one request that matters. Kept, a refresh sends the token request alone — but only
 * while it fits the profile, and a stale document must never cost a refresh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';

const setup = useEmulatorHome({ signedIn: true });
const keptFile = () => join(setup.home, 'profiles', 'emu', 'authority-metadata.json');
const requests = async () => (await setup.emulator.control<Array<{ method: string; path: string }>>('GET', '/requests')).body.map((entry) => `${entry.method} ${entry.path}`);
const metadataPath = '/organizations/v2.0/.well-known/openid-configuration';

/** A token msal must redeem the refresh token for: another resource's. */
const refresh = (resource: string) => runCli(['token', '--profile', 'emu', '--resource', resource], { home: setup.home });

describe('the authority metadata between runs', () => {
  it('is fetched once and kept, so a later refresh asks the network for nothing but the token', async () => {
    expect((await runCli(['token', '--json', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
    expect(JSON.parse(readFileSync(keptFile(), 'utf8'))).toMatchObject({ authority: `${setup.emulator.authorityHost}/organizations` });
    await setup.emulator.control('DELETE', '/requests');
    const token = await refresh('https://contoso.sharepoint.com');
    expect(token.code, token.stderr).toBe(0);
    expect(await requests()).toEqual(['POST /organizations/oauth2/v2.0/token']);
  });

  it('is fetched afresh when the profile now has another authority, and for a document older than a day', async () => {
    expect((await refresh('https://contoso.sharepoint.com')).code).toBe(0);
    const kept = JSON.parse(readFileSync(keptFile(), 'utf8'));
    writeFileSync(keptFile(), JSON.stringify({ ...kept, authority: `${setup.emulator.authorityHost}/contoso.onmicrosoft.com` }));
    await setup.emulator.control('DELETE', '/requests');
    expect((await refresh('https://fabrikam.sharepoint.com')).code).toBe(0);
    expect(await requests()).toContain(`GET ${metadataPath}`);

    writeFileSync(keptFile(), JSON.stringify({ ...kept, fetchedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }));
    await setup.emulator.control('DELETE', '/requests');
    expect((await refresh('https://adatum.sharepoint.com')).code).toBe(0);
    expect(await requests()).toContain(`GET ${metadataPath}`);
    expect(Date.now() - Date.parse(JSON.parse(readFileSync(keptFile(), 'utf8')).fetchedAt)).toBeLessThan(60_000);
  });

  it('that went stale (a token endpoint that moved) costs no refresh: it is fetched again at once and replaced', async () => {
    expect((await refresh('https://contoso.sharepoint.com')).code).toBe(0);
    const kept = JSON.parse(readFileSync(keptFile(), 'utf8'));
    const document = JSON.parse(kept.authorityMetadata);
    const moved = { ...document, token_endpoint: document.token_endpoint.replace('/oauth2/v2.0/token', '/oauth2/v2.0/moved-away') };
    writeFileSync(keptFile(), JSON.stringify({ ...kept, authorityMetadata: JSON.stringify(moved) }));
    await setup.emulator.control('DELETE', '/requests');
    const token = await refresh('https://fabrikam.sharepoint.com');
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.length).toBeGreaterThan(20);
    // tried where the kept document said, then fetched afresh and redeemed where it says now
    expect(await requests()).toEqual(expect.arrayContaining(['POST /organizations/oauth2/v2.0/moved-away', `GET ${metadataPath}`, 'POST /organizations/oauth2/v2.0/token']));
    expect(JSON.parse(JSON.parse(readFileSync(keptFile(), 'utf8')).authorityMetadata).token_endpoint).toBe(document.token_endpoint);
  });

  it('a damaged file is no problem: msal fetches, and the file is written again', async () => {
    writeFileSync(join(setup.home, 'profiles', 'emu', 'authority-metadata.json'), '{ not json');
    expect((await refresh('https://contoso.sharepoint.com')).code).toBe(0);
    expect(existsSync(keptFile())).toBe(true);
    expect(JSON.parse(readFileSync(keptFile(), 'utf8')).version).toBe(1);
  });

  it('a named pipe in its place is not waited on: msal fetches, and a file takes its place', async () => {
    rmSync(keptFile(), { force: true });
    execFileSync('mkfifo', [keptFile()]);
    const result = await runCli(['token', '--profile', 'emu', '--resource', 'https://contoso.sharepoint.com'], { home: setup.home, timeoutMs: 20_000 });
    expect(result.code).toBe(0);
    expect(statSync(keptFile()).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(keptFile(), 'utf8')).version).toBe(1);
  });
});

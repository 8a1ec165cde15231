import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';

/**
 * An adversary of the sign-in and token side (issue 8): hand-edited and half-written CAE keychain entries, sign-ins
 * as someone else, blocked sessions. The real CLI, the real keychain, the emulator.
 */

const setup = useEmulatorHome({ signedIn: true });
const MEGAN = 'megan.bowen@contoso.onmicrosoft.com';
const hourly = { schedule: '0 * * * *', profile: 'emu' };

const profileId = () => (JSON.parse(readFileSync(join(setup.home, 'config.json'), 'utf8')) as { profiles: Record<string, { id: string }> }).profiles.emu?.id ?? '';
const keychainEntry = (account: string) => spawnSync('secret-tool', ['lookup', 'service', 'Delegate', 'account', account]).stdout.toString();
function writeKeychainEntry(account: string, value: string): void {
  const stored = spawnSync('secret-tool', ['store', '--label', 'Delegate test', 'service', 'Delegate', 'account', account], { input: value });
  expect(stored.status).toBe(0);
}
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('the CAE keychain entry, damaged or left over', () => {
  it.each([
    ['hand-edited into garbage', 'this is not json'],
    ['cut off half-way through a write', '{"AccessToken":{"uid.utid-login.example-accesstoken-'],
  ])('a CAE entry %s costs a job nothing: it runs on a new CAE token and the sign-in stays', async (_how, damaged) => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    const id = profileId();
    writeKeychainEntry(`msal-cache/${id}/cae`, damaged);

    const { run } = await runJob(setup.home, 'me');
    expect(run.error ?? null).toBeNull();
    expect(run.status).toBe('succeeded');
    // The shared sign-in is untouched and the CAE entry is whole again.
    const cae = JSON.parse(keychainEntry(`msal-cache/${id}/cae`)) as { AccessToken: Record<string, { secret: string }> };
    expect(Object.values(cae.AccessToken).map((token) => claimsOf(token.secret).xms_cc)).toEqual([['cp1']]);
    const status = await runCli(['status', '--profile', 'emu', '--json'], { home: setup.home });
    expect(status.code).toBe(0);
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
  });

  it('status of a profile whose CAE entry is garbage still shows the sign-in and the scripts partition', async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    expect((await runCli(['token', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
    writeKeychainEntry(`msal-cache/${profileId()}/cae`, '\u0000garbage');
    const status = await runCli(['status', '--profile', 'emu', '--json'], { home: setup.home });
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as { tokenPartitions: { jobs: { kind: string }; scripts: { kind: string } } | null };
    expect(parsed.tokenPartitions).toMatchObject({ jobs: { kind: 'none' }, scripts: { kind: 'standard' } });
  });

  it("signing in as someone else leaves none of the previous person's CAE tokens in the profile's keychain", async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    const id = profileId();
    const adeles = Object.values((JSON.parse(keychainEntry(`msal-cache/${id}/cae`)) as { AccessToken: Record<string, { secret: string }> }).AccessToken);
    expect(adeles).toHaveLength(1);

    expect((await setup.emulator.signIn(setup.home, 'emu', MEGAN)).code).toBe(0);
    // Right after the sign-in, and after Megan's first job: Adele's bearer token is gone from Megan's profile.
    expect(keychainEntry(`msal-cache/${id}/cae`)).not.toContain(adeles[0]?.secret ?? '');
    const { run } = await runJob(setup.home, 'me');
    expect(run.status).toBe('succeeded');
    const left = Object.values((JSON.parse(keychainEntry(`msal-cache/${id}/cae`)) as { AccessToken: Record<string, { secret: string }> }).AccessToken);
    expect(left.map((token) => claimsOf(token.secret).upn ?? claimsOf(token.secret).preferred_username)).toEqual([MEGAN]);
  });
});

describe('claims challenges that ask for more than a fresh token', () => {
  it('a step-up challenge (authentication context acrs) that needs MFA skips that run only: the next job runs and the profile is not marked as needing a sign-in', async () => {
    writeJobs(setup.home, [
      { id: 'guarded', ...hourly, action: { kind: 'graph.request', path: '/me' } },
      { id: 'plain', ...hourly, action: { kind: 'graph.request', path: '/me/drive' } },
    ]);
    expect((await runJob(setup.home, 'guarded')).run.status).toBe('succeeded');
    const acrs = Buffer.from('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}').toString('base64');
    await setup.emulator.control('POST', '/cae/challenges', { pathRegex: '/me$', claims: acrs, reason: 'AuthenticationContextRequired' });
    // Entra will not satisfy the authentication context from a refresh token: MFA in a browser is needed for it.
    await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: 50076 });

    const guarded = (await runJob(setup.home, 'guarded')).run;
    expect(guarded.status).toBe('skipped');
    expect(guarded.error?.message).toContain('Continuous Access Evaluation');
    expect(guarded.error?.aadsts).toBe(50076);

    const plain = (await runJob(setup.home, 'plain')).run;
    expect(plain.status).toBe('succeeded');
    const status = await runCli(['status', '--profile', 'emu', '--json'], { home: setup.home });
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'ok' });
    expect(status.code).toBe(0);
  });
});

describe('signing out while a job is half-way through a token request', () => {
  it('a job that was redeeming the refresh token when the person signed out does not write the sign-in back into the keychain', async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    const id = profileId();
    // The job's first CAE token is a refresh-token redemption; Entra is slow to answer it.
    await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', delayMs: 2500 });
    const job = runJob(setup.home, 'me');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await runCli(['logout', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
    await job;

    expect(keychainEntry(`msal-cache/${id}`)).not.toContain('RefreshToken":{"');
    expect(keychainEntry(`msal-cache/${id}/cae`)).not.toContain('"secret"');
    const status = await runCli(['status', '--profile', 'emu', '--json'], { home: setup.home });
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'signed-out' });
  });
});

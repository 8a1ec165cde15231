import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';

/**
 * Continuous Access Evaluation end to end: the real CLI, the real keychain, the emulator. Delegate's own Graph
 * calls use CAE tokens (cp1) and answer claims challenges; tokens handed out stay standard.
 */

const setup = useEmulatorHome({ signedIn: true });
const ADELE = 'adele.vance@contoso.onmicrosoft.com';
const HOUR_MS = 3_600_000;
const hourly = { schedule: '0 * * * *', profile: 'emu' };
const SHIFTED_CLOCK = fileURLToPath(new URL('../support/shifted-clock.mjs', import.meta.url));

interface Issued {
  kind: string;
  grantType: string;
  clientId: string;
  capabilities?: string[];
  token: string;
  issuedAt: string;
}
interface Served {
  method: string;
  path: string;
  grantType?: string;
  status?: number;
}

const issued = async () => (await setup.emulator.control<Issued[]>('GET', '/issued')).body;
const served = async () => (await setup.emulator.control<Served[]>('GET', '/requests')).body;
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const caeAccessTokens = async () => (await issued()).filter((token) => token.kind === 'access' && token.capabilities?.includes('cp1'));
const graphCalls = async (pattern: RegExp) => (await served()).filter((entry) => entry.path.startsWith('/graph/') && pattern.test(entry.path));

const profileId = () => (JSON.parse(readFileSync(join(setup.home, 'config.json'), 'utf8')) as { profiles: Record<string, { id: string }> }).profiles.emu?.id ?? '';
const keychainEntry = (account: string) => spawnSync('secret-tool', ['lookup', 'service', 'Delegate', 'account', account]).stdout.toString();

/** `delegate run` as if the machine's clock (and msal's) were `offsetMs` ahead, like the emulator's. */
function runAt(id: string, offsetMs: number) {
  return runJob(setup.home, id, { NODE_OPTIONS: `--import=${SHIFTED_CLOCK}`, DELEGATE_TEST_CLOCK_OFFSET_MS: String(offsetMs) });
}

describe('CAE: Delegate answers claims challenges and keeps scripts on standard tokens', () => {
  it("uses a CAE token for jobs but hands `delegate token` a standard one, and status names both", async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    const [cae] = await caeAccessTokens();
    expect(cae).toBeDefined();
    expect(claimsOf(cae?.token ?? '').xms_cc).toEqual(['cp1']);
    // The job's Graph call carried that CAE token.
    expect((await graphCalls(/\/v1\.0\/me$/)).at(-1)?.status).toBe(200);

    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(0);
    expect(claimsOf(token.stdout.trim()).xms_cc).toBeUndefined();
    expect(token.stdout.trim()).not.toBe(cae?.token);

    const status = await runCli(['status', '--profile', 'emu', '--json'], { home: setup.home });
    const parsed = JSON.parse(status.stdout) as { tokenPartitions: { jobs: { kind: string; capabilities: string[] }; scripts: { kind: string } } };
    expect(parsed.tokenPartitions.jobs).toMatchObject({ kind: 'cae', capabilities: ['cp1'] });
    expect(parsed.tokenPartitions.scripts).toMatchObject({ kind: 'standard' });
    const text = await runCli(['status', '--profile', 'emu'], { home: setup.home });
    expect(text.stdout).toMatch(/Tokens for Delegate's jobs: CAE \(cp1\), valid until .+; tokens for scripts: standard, valid until .+\./);
  });

  it('keeps the CAE tokens in their own keychain entry, which sign-out deletes along with the shared one', async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    const id = profileId();
    // Signed in as before the partition existed: only the shared entry. The first job needs no new sign-in.
    expect(keychainEntry(`msal-cache/${id}/cae`)).toBe('');
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    const cae = JSON.parse(keychainEntry(`msal-cache/${id}/cae`)) as { AccessToken: Record<string, { secret: string }>; RefreshToken?: unknown };
    expect(Object.keys(cae)).toEqual(['AccessToken']);
    expect(Object.values(cae.AccessToken).map((token) => claimsOf(token.secret).xms_cc)).toEqual([['cp1']]);
    const shared = JSON.parse(keychainEntry(`msal-cache/${id}`)) as { AccessToken: Record<string, { secret: string }>; RefreshToken: Record<string, unknown> };
    expect(Object.keys(shared.RefreshToken)).toHaveLength(1);
    expect(Object.values(shared.AccessToken).every((token) => claimsOf(token.secret).xms_cc === undefined)).toBe(true);

    expect((await runCli(['logout', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
    expect(keychainEntry(`msal-cache/${id}`)).toBe('');
    expect(keychainEntry(`msal-cache/${id}/cae`)).toBe('');
  });

  it('a script job gets a standard token in its environment while the same profile runs CAE jobs', async () => {
    writeFileSync(join(setup.home, 'show.py'), 'import os, base64, json\np = os.environ["GRAPH_TOKEN"].split(".")[1]\nprint("xms_cc" in json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))))\n');
    writeJobs(setup.home, [
      { id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } },
      { id: 'script', ...hourly, action: { kind: 'script', command: 'python3', args: ['show.py'], tokens: [{ env: 'GRAPH_TOKEN' }] } },
    ]);
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    const { run } = await runJob(setup.home, 'script');
    expect(run.status).toBe('succeeded');
    expect(run.outputTail?.trim()).toBe('False');
  });

  it('revoking the user mid-schedule: the next Graph call is challenged, Delegate redeems the claims, and the run is skipped with the revocation', async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    expect((await runAt('me', 0)).run.status).toBe('succeeded');
    await setup.emulator.control('POST', '/clock/advance', { hours: 1 });
    expect((await runAt('me', HOUR_MS)).run.status).toBe('succeeded');
    await setup.emulator.control('POST', '/clock/advance', { minutes: 20 });
    await setup.emulator.control('POST', `/users/${ADELE}/revoke`);
    await setup.emulator.control('DELETE', '/requests');

    await setup.emulator.control('POST', '/clock/advance', { minutes: 40 });
    const { run } = await runAt('me', 2 * HOUR_MS);
    expect(run.status).toBe('skipped');
    expect(run.error).toMatchObject({ code: 'sign-in-required', aadsts: 50173 });
    expect(run.error?.message).toContain('Microsoft Graph refused the access token for GET /me (Continuous Access Evaluation) and Entra ID would not issue a new one.');
    expect(run.error?.message).toContain('Your sign-in was revoked');
    expect(run.error?.action).toContain('delegate login --profile emu');
    // The challenge, then one refresh-token redemption (with the claims), refused: nothing else (metadata aside).
    const log = (await served()).filter((entry) => !entry.path.includes('/.well-known/'));
    expect(log.map((entry) => `${entry.method} ${entry.path.replace(/\/organizations|\/[0-9a-f-]{36}/, '/{tenant}')} ${entry.grantType ?? ''} ${entry.status}`.trim())).toEqual([
      'GET /graph/v1.0/me  401',
      'POST /{tenant}/oauth2/v2.0/token refresh_token 400',
    ]);

    const status = await runCli(['status', '--profile', 'emu', '--json'], { home: setup.home });
    expect(status.code).toBe(3);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'expired', reason: expect.stringContaining('revoked') as unknown });
  });

  it('without revocation one CAE token serves a working day of hourly jobs with no refresh, and is renewed only past refresh_in after that', async () => {
    // How "a whole day with no refresh" is read: a CAE token lives 20–28 h and comes with refresh_in = half of
    // that, which msal honours by renewing it proactively (while it still has 10–14 h to live). So the token the
    // first run gets serves every run of the next 10 hours (a working day) without any token request; over a
    // full 24 h it is renewed once or twice, never at expiry and never after a 401. Standard tokens: 16–24 times.
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    for (let hour = 0; hour < 24; hour++) {
      if (hour > 0) await setup.emulator.control('POST', '/clock/advance', { hours: 1 });
      const { run } = await runAt('me', hour * HOUR_MS);
      expect(run.status, `run at hour ${hour}`).toBe('succeeded');
      if (hour === 9) {
        // Ten runs (08:00 to 17:00, say) on the one token the first run redeemed the sign-in's refresh token for.
        expect(await caeAccessTokens()).toHaveLength(1);
        expect((await served()).filter((entry) => entry.grantType === 'refresh_token')).toHaveLength(1);
      }
    }
    const cae = await caeAccessTokens();
    expect(cae.length).toBeGreaterThanOrEqual(2);
    expect(cae.length).toBeLessThanOrEqual(3);
    for (let index = 1; index < cae.length; index++) {
      const previous = cae[index - 1] as Issued;
      const renewedAfterHours = (Date.parse((cae[index] as Issued).issuedAt) - Date.parse(previous.issuedAt)) / HOUR_MS;
      const lifetimeHours = (Number(claimsOf(previous.token).exp) - Number(claimsOf(previous.token).iat) - 300) / 3600;
      // At the first hourly run past refresh_in (half the lifetime), long before the token expired.
      expect(renewedAfterHours).toBeGreaterThanOrEqual(lifetimeHours / 2 - 0.01);
      expect(renewedAfterHours).toBeLessThanOrEqual(lifetimeHours / 2 + 1.1);
    }
    expect((await served()).filter((entry) => entry.grantType === 'refresh_token')).toHaveLength(cae.length);
    expect((await graphCalls(/\/v1\.0\/me$/)).map((entry) => entry.status)).toEqual(Array.from({ length: 24 }, () => 200));
  });
});

describe('CAE: hostile challenges', () => {
  it('a challenge without revocation is answered with a new CAE token and the run succeeds', async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    await setup.emulator.control('POST', '/cae/challenges', { reason: 'LocationConditionEvaluationSatisfied' });
    const { run } = await runJob(setup.home, 'me');
    expect(run.status).toBe('succeeded');
    expect((await graphCalls(/\/v1\.0\/me$/)).slice(-2).map((entry) => entry.status)).toEqual([401, 200]);
    expect(await caeAccessTokens()).toHaveLength(2);
  });

  it('a challenge that keeps coming ends after one answer with a clear error, not a loop', async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    await setup.emulator.control('POST', '/cae/challenges', { count: 10 });
    const { run } = await runJob(setup.home, 'me');
    expect(run.status).toBe('failed');
    expect(run.error?.message).toContain('challenged the access token for GET /me again right after Delegate answered its Continuous Access Evaluation claims challenge');
    expect(run.error?.httpStatus).toBe(401);
    expect(await graphCalls(/\/v1\.0\/me$/)).toHaveLength(2);
  });

  it('a challenge with claims that are not base64 gets one fresh token, and a clear error when it comes again', async () => {
    writeJobs(setup.home, [{ id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } }]);
    await setup.emulator.control('POST', '/cae/challenges', { claims: '%%%not-base64%%%', count: 1 });
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    await setup.emulator.control('POST', '/cae/challenges', { claims: 'bm90IGpzb24=', count: 2 });
    const { run } = await runJob(setup.home, 'me');
    expect(run.status).toBe('failed');
    expect(run.error?.message).toContain('claims challenge Delegate cannot read (its claims are not JSON)');
  });

  it('a challenge on the simple upload of a file streams the whole file again, and OneDrive gets it intact', async () => {
    const bytes = Buffer.alloc(700_000);
    for (let index = 0; index < bytes.length; index += 4) bytes.writeUInt32LE(index, index);
    writeFileSync(join(setup.home, 'report.bin'), bytes);
    writeJobs(setup.home, [{ id: 'push', ...hourly, action: { kind: 'files.upload', source: 'report.bin', destination: { drive: 'me', path: 'Reports' } } }]);
    await setup.emulator.control('POST', '/cae/challenges', { method: 'PUT' });
    const { run } = await runJob(setup.home, 'push');
    expect(run.status).toBe('succeeded');
    const stored = await setup.emulator.control<{ size: number; sha256: string }>('GET', '/files?path=Reports/report.bin');
    expect(stored.body).toMatchObject({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect((await graphCalls(/\/content/)).map((entry) => `${entry.method} ${entry.status}`)).toEqual(['PUT 401', expect.stringMatching(/^PUT 20[01]$/)]);
  });

  it('a challenge on sending mail resends the POST and the mail goes out exactly once', async () => {
    writeJobs(setup.home, [{ id: 'mail', ...hourly, action: { kind: 'mail.send', to: ['ops@example.com'], subject: 'CAE daily', body: { text: 'hello' } } }]);
    await setup.emulator.control('POST', '/cae/challenges', { method: 'POST', pathRegex: '/send$' });
    const { run } = await runJob(setup.home, 'mail');
    expect(run.status).toBe('succeeded');
    const sent = (await setup.emulator.control<Array<{ subject: string }>>('GET', '/mail/sent')).body;
    expect(sent.filter((mail) => mail.subject === 'CAE daily')).toHaveLength(1);
  });

  it('a revocation before sending mail skips the run and sends nothing', async () => {
    writeJobs(setup.home, [
      { id: 'me', ...hourly, action: { kind: 'graph.request', path: '/me' } },
      { id: 'mail', ...hourly, action: { kind: 'mail.send', to: ['ops@example.com'], subject: 'Never sent', body: { text: 'hello' } } },
    ]);
    expect((await runJob(setup.home, 'me')).run.status).toBe('succeeded');
    await setup.emulator.control('POST', '/clock/advance', { minutes: 5 });
    await setup.emulator.control('POST', `/users/${ADELE}/revoke`);
    const { run } = await runJob(setup.home, 'mail');
    expect(run.status).toBe('skipped');
    expect(run.error?.code).toBe('sign-in-required');
    expect(run.error?.message).toContain('was not sent');
    expect((await setup.emulator.control<unknown[]>('GET', '/mail/sent')).body).toEqual([]);
  });
});

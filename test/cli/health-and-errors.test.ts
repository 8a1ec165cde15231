import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';

const setup = useEmulatorHome({ signedIn: true });

const metaPath = () => join(setup.home, 'profiles', 'emu', 'meta.json');
function backdateSignIn(days: number): void {
  const meta = JSON.parse(readFileSync(metaPath(), 'utf8'));
  meta.lastInteractiveAuth = new Date(Date.now() - days * 24 * 60 * 60 * 1000 - 60_000).toISOString();
  writeFileSync(metaPath(), JSON.stringify(meta));
}
const status = async (...extra: string[]) => {
  const result = await runCli(['status', '--json', '--profile', 'emu', ...extra], { home: setup.home });
  return { code: result.code, body: JSON.parse(result.stdout), stderr: result.stderr };
};

describe('the 90-day countdown', () => {
  it('shows warning with 6 days left 84 days after the sign-in, and expired after 90', async () => {
    backdateSignIn(84);
    const warning = await status();
    expect(warning.body).toMatchObject({ status: 'warning', daysRemaining: 6 });
    expect(warning.code).toBe(0);
    backdateSignIn(90);
    const expired = await status();
    expect(expired.body).toMatchObject({ status: 'expired', daysRemaining: 0 });
    expect(expired.code).toBe(3);
  });

  it('reports expired from a probe once 90 days pass without use on the setup.emulator clock', async () => {
    await setup.emulator.control('POST', '/clock/advance', { days: 91 });
    const probed = await status('--probe');
    expect(probed.code).toBe(3);
    expect(probed.body.status).toBe('expired');
    expect(probed.body.lastProbe).toMatchObject({ outcome: 'sign-in-required', aadsts: 700082 });
    expect(probed.body.reason).toContain('not used for too long');
    // the refusal is remembered: a plain status afterwards still says expired
    expect((await status()).body.status).toBe('expired');
  });

  it('stays alive past 90 days when probes keep refreshing it (here every 30 days for 120 days)', async () => {
    for (const day of [30, 60, 90, 120]) {
      await setup.emulator.control('POST', '/clock/advance', { days: 30 });
      const probed = await status('--probe');
      expect(probed.body.status, `day ${day}`).toBe('ok');
      expect(probed.body.lastProbe.outcome).toBe('ok');
    }
  });
});

describe('Entra errors seen by a probe', () => {
  const cases: Array<{ aadsts: number; variant?: string; status: string; code: number; text: RegExp }> = [
    { aadsts: 700082, status: 'expired', code: 3, text: /not used for too long \(AADSTS700082\)/ },
    { aadsts: 50173, status: 'expired', code: 3, text: /revoked.*password change/ },
    { aadsts: 70043, status: 'expired', code: 3, text: /Conditional Access.*sign in again after a set time/ },
    { aadsts: 70043, variant: 'interaction_required', status: 'expired', code: 3, text: /Conditional Access.*sign in again after a set time/ },
    { aadsts: 50076, status: 'expired', code: 3, text: /multi-factor authentication/ },
    { aadsts: 53003, status: 'blocked', code: 3, text: /blocks this sign-in method/ },
    { aadsts: 530033, status: 'blocked', code: 3, text: /blocks this sign-in method/ },
    { aadsts: 530036, status: 'blocked', code: 3, text: /began with a device code/ },
  ];
  for (const testCase of cases) {
    it(`maps AADSTS${testCase.aadsts}${testCase.variant ? ` (${testCase.variant})` : ''} to ${testCase.status} with exit ${testCase.code}`, async () => {
      await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: testCase.aadsts, ...(testCase.variant ? { variant: testCase.variant } : {}), count: 1 });
      const probed = await status('--probe');
      expect(probed.code).toBe(testCase.code);
      expect(probed.body.status).toBe(testCase.status);
      expect(probed.body.probeError.message).toMatch(testCase.text);
      expect(probed.body.probeError.aadsts).toBe(testCase.aadsts);
      expect(probed.body.probeError.action).toMatch(/delegate login/);
    });
  }

  it('maps AADSTS65001 to a consent problem for the scope asked for, without expiring the profile', async () => {
    await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: 65001, count: 1 });
    const token = await runCli(['token', '--scope', 'Notes.Read', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(3);
    expect(token.stderr).toMatch(/not consented to "Notes.Read".*AADSTS65001/);
    expect((await status()).body.status).toBe('ok');
  });

  it('maps AADSTS65002 to a client ID problem that names the resource and suggests another client ID', async () => {
    await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', aadsts: 65002, count: 1 });
    const token = await runCli(['token', '--resource', 'https://contoso.sharepoint.com', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/Microsoft Office\) is not pre-approved by Microsoft for "https:\/\/contoso.sharepoint.com\/.default" \[AADSTS65002\]|AADSTS65002/);
    expect(token.stderr).toMatch(/--client-id/);
  });

  it('reports a revoked refresh token as expired after the probe', async () => {
    await setup.emulator.control('POST', '/users/adele.vance@contoso.onmicrosoft.com/revoke');
    const probed = await status('--probe');
    expect(probed.body.status).toBe('expired');
    expect(probed.body.lastProbe.aadsts).toBe(50173);
  });

  it('gives exit 4 and leaves the status unchanged when the setup.emulator is unreachable', async () => {
    const before = await status();
    const url = new URL(setup.emulator.authorityHost);
    const config = JSON.parse(readFileSync(join(setup.home, 'config.json'), 'utf8'));
    config.profiles.emu.authorityHost = `https://127.0.0.1:1`;
    writeFileSync(join(setup.home, 'config.json'), JSON.stringify(config));
    const probed = await status('--probe');
    expect(probed.code).toBe(4);
    expect(probed.body.status).toBe(before.body.status);
    expect(probed.body.daysRemaining).toBe(before.body.daysRemaining);
    expect(probed.body.lastProbe.outcome).toBe('network-error');
    expect(probed.body.probeError.message).toMatch(/Could not reach 127\.0\.0\.1:1/);
    expect(url.hostname).toBe('127.0.0.1');
  });
});

/**
 * Scopes the client really has, end to end: the real CLI, the real keychain, the emulator playing a tenant where
 * Microsoft does not pre-authorise the default client for one of Delegate's default scopes (AADSTS65002).
 */
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { DEFAULT_SIGN_IN_SCOPES, defaultScopesFor } from '../../shared/default-scopes.js';

const setup = useEmulatorHome({ signedIn: false });
const OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';

interface Preauthorized { scopes: string[] }
interface Health { grantedScopes: { scopes: string[]; at: string } | null; refusedScopes: string[]; status: string }
interface JobsList { jobs: Array<{ id: string; missingScopes: { needs: string[][]; refused: string[]; message: string; action: string } | null }> }

/** Microsoft stops pre-authorising the client for these scopes (or changes it after a sign-in: it does so silently). */
async function refuse(clientId: string, ...names: string[]): Promise<void> {
  const current = await setup.emulator.control<Preauthorized>('GET', `/clients/${OFFICE}/preauthorized`);
  const kept = current.body.scopes.filter((scope) => !names.includes(scope));
  expect((await setup.emulator.control('PUT', `/clients/${clientId}/preauthorized`, { scopes: kept })).status).toBe(200);
}

/** `delegate login --drop-unapproved-scopes` by device code, the code approved as the person would. */
async function loginDroppingRefused(profile = 'emu') {
  const login = startCli(['login', '--json', '--drop-unapproved-scopes', '--profile', profile], { home: setup.home });
  const event = await login.nextJsonLine<{ event: string; userCode: string }>((line) => line.event === 'device-code');
  const approved = await setup.emulator.control('POST', `/device-codes/${event.userCode}/approve`);
  expect(approved.status).toBe(200);
  return login.done;
}

function scpOf(jwt: string): string[] {
  return (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { scp: string }).scp.split(' ');
}

async function status(profile = 'emu'): Promise<Health> {
  return JSON.parse((await runCli(['status', '--json', '--profile', profile], { home: setup.home })).stdout) as Health;
}

const mailJob = { id: 'send-report', schedule: '0 7 * * 1-5', profile: 'emu', action: { kind: 'mail.send', to: 'megan.bowen@contoso.onmicrosoft.com', subject: 'Report', body: { text: 'Hi' } } };
const filesJob = { id: 'fetch-q1', schedule: '0 6 * * *', profile: 'emu', action: { kind: 'files.download', source: { drive: 'me', path: 'Reports/2026-Q1.csv' }, destination: 'q1.csv' } };

describe('signing in when Microsoft refuses one of the default scopes to the client', () => {
  it('names the refused scope and signs in without it on --drop-unapproved-scopes; status shows the scp of the token', async () => {
    await refuse(OFFICE, 'Mail.Send');
    const result = await loginDroppingRefused();
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const signedIn = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { event: string; refusedScopes: string[] };
    expect(signedIn).toMatchObject({ event: 'signed-in', refusedScopes: ['Mail.Send'] });

    const token = await runCli(['token', '--profile', 'emu'], { home: setup.home });
    expect(token.code).toBe(0);
    const health = await status();
    expect(health.refusedScopes).toEqual(['Mail.Send']);
    expect(health.grantedScopes?.scopes.toSorted()).toEqual(scpOf(token.stdout).filter((scope) => !['openid', 'profile', 'email', 'offline_access'].includes(scope)).toSorted());
    expect(health.grantedScopes?.scopes).not.toContain('Mail.Send');
    expect(health.grantedScopes?.scopes).toContain('Mail.ReadWrite');

    const text = await runCli(['status', '--profile', 'emu'], { home: setup.home });
    expect(text.stdout).toMatch(/Refused\s+Mail\.Send \(Microsoft does not let this client ID ask for them: AADSTS65002\)/);
  });

  it('flags a job that needs the refused scope in `delegate jobs` before it runs, and skips its run', async () => {
    await refuse(OFFICE, 'Mail.Send');
    expect((await loginDroppingRefused()).code).toBe(0);
    writeJobs(setup.home, [mailJob, filesJob]);

    const listed = await runCli(['jobs', '--json'], { home: setup.home });
    expect(listed.code).toBe(0);
    const jobs = (JSON.parse(listed.stdout) as JobsList).jobs;
    expect(jobs.find((job) => job.id === 'send-report')?.missingScopes).toMatchObject({ needs: [['Mail.Send']], refused: ['Mail.Send'] });
    expect(jobs.find((job) => job.id === 'fetch-q1')?.missingScopes).toBeNull();
    const text = await runCli(['jobs'], { home: setup.home });
    expect(text.stdout).toContain('MISSING SCOPES (will be skipped): Profile "emu" cannot send mail as you: Microsoft does not let client ID d3590ed6-52b3-4102-aeff-aad2292ab01c use Mail.Send (AADSTS65002)');
    expect(text.stdout).toContain('--client-id graph-powershell');

    const { result, run } = await runJob(setup.home, 'send-report');
    expect(run.status).toBe('skipped');
    expect(run.error).toMatchObject({ code: 'scope-not-preauthorized', aadsts: 65002 });
    expect(run.error?.message).toContain('Skipped before it ran');
    expect(result.code).not.toBe(0);
    expect((await setup.emulator.control<unknown[]>('GET', '/mail/sent')).body).toEqual([]);
    expect((await runJob(setup.home, 'fetch-q1')).run.status).toBe('succeeded');
  });

  it('without the flag ends with exit 2, saying Entra did not name the scope, and the exact command to continue', async () => {
    await refuse(OFFICE, 'Mail.Send');
    await setup.emulator.control('POST', '/authorize/auto-approve', { user: 'adele.vance@contoso.onmicrosoft.com' });
    const browser = `${process.execPath} ${new URL('../support/fake-browser.mjs', import.meta.url).pathname}`;
    const login = await runCli(['login', '--browser', '--profile', 'emu'], { home: setup.home, env: { BROWSER: browser, DELEGATE_TEST_CA: setup.emulator.caFile } });
    expect(login.code).toBe(2);
    expect(login.stderr).toContain('one or more of the requested scopes (Entra does not say which)');
    expect(login.stderr).toContain('AADSTS65002');
    expect(login.stderr).toContain('`delegate login --profile emu --browser --drop-unapproved-scopes`');
    expect((await status()).status).toBe('signed-out');
  });

  it('without the flag names the refused scope when the profile is already signed in and can ask scope by scope', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    await refuse(OFFICE, 'Mail.Send');
    await setup.emulator.control('POST', '/authorize/auto-approve', { user: 'adele.vance@contoso.onmicrosoft.com' });
    const browser = `${process.execPath} ${new URL('../support/fake-browser.mjs', import.meta.url).pathname}`;
    const login = await runCli(['login', '--browser', '--profile', 'emu'], { home: setup.home, env: { BROWSER: browser, DELEGATE_TEST_CA: setup.emulator.caFile } });
    expect(login.code).toBe(2);
    expect(login.stderr).toContain('Microsoft does not let client ID d3590ed6-52b3-4102-aeff-aad2292ab01c (Microsoft Office) ask for "Mail.Send" (AADSTS65002');
    // Remembered: the next plain sign-in leaves it out and succeeds.
    const again = await runCli(['login', '--browser', '--profile', 'emu'], { home: setup.home, env: { BROWSER: browser, DELEGATE_TEST_CA: setup.emulator.caFile } });
    expect(again.code, again.stderr).toBe(0);
    expect((await status()).grantedScopes?.scopes).not.toContain('Mail.Send');
  });
});

describe('hostile cases', () => {
  it('refuses to sign in when Microsoft refuses every scope, naming them and leaving the profile signed out', async () => {
    expect((await setup.emulator.control('PUT', `/clients/${OFFICE}/preauthorized`, { scopes: [] })).status).toBe(200);
    const result = await loginDroppingRefused();
    expect(result.code).toBe(2);
    const error = (JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { error: { code: string; message: string; action: string } }).error;
    expect(error.code).toBe('scope-not-preauthorized');
    expect(error.message).toContain('Microsoft refuses every scope profile "emu" asks for');
    expect(error.message).toContain('Mail.Send');
    expect(error.action).toContain('--client-id graph-powershell');
    expect((await status()).status).toBe('signed-out');
  });

  it('when Microsoft withdraws a scope after sign-in, the next refresh names it and the job needing it says so with the fix', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    writeJobs(setup.home, [mailJob, filesJob]);
    expect(((JSON.parse((await runCli(['jobs', '--json'], { home: setup.home })).stdout) as JobsList).jobs.find((job) => job.id === 'send-report'))?.missingScopes).toBeNull();

    await refuse(OFFICE, 'Mail.Send');
    const probe = await runCli(['status', '--probe', '--profile', 'emu'], { home: setup.home });
    expect(probe.stdout + probe.stderr).toContain('Microsoft no longer lets client ID d3590ed6-52b3-4102-aeff-aad2292ab01c (Microsoft Office) use "Mail.Send" (AADSTS65002)');
    expect(probe.stdout + probe.stderr).toContain('delegate login --profile emu --drop-unapproved-scopes');

    const { run } = await runJob(setup.home, 'send-report');
    expect(run.status).toBe('skipped');
    expect(run.error?.message).toContain('Mail.Send');
    expect(run.error?.action).toContain('--client-id graph-powershell');
    // Everything else still works: the refresh leaves the withdrawn scope out.
    expect((await runJob(setup.home, 'fetch-q1')).run.status).toBe('succeeded');
    expect((await runCli(['token', '--json', '--profile', 'emu'], { home: setup.home })).code).toBe(0);
  });

  it('treats the client ID without regard to case, in the profile and in what Microsoft refuses', async () => {
    const odd = OFFICE.toUpperCase();
    expect((await setup.emulator.addProfile(setup.home, 'odd', ['--client-id', odd])).code).toBe(0);
    await refuse(odd, 'Mail.Send');
    expect((await loginDroppingRefused('odd')).code).toBe(0);
    writeJobs(setup.home, [{ ...mailJob, profile: 'odd' }]);
    const jobs = (JSON.parse((await runCli(['jobs', '--json'], { home: setup.home })).stdout) as JobsList).jobs;
    expect(jobs[0]?.missingScopes).toMatchObject({ refused: ['Mail.Send'] });
  });
});

describe('Delegate\'s default scopes against the real Office list (no padding in the emulator)', () => {
  const teamsJob = { id: 'post', schedule: '0 9 * * *', profile: 'emu', action: { kind: 'teams.message', teamId: '3f6c9a2e-8d41-4b7a-9e05-6c2d1f8a7b34', channelId: '19:a7e3c1b95d2f4068b4e1c9d7a3f52e60@thread.tacv2', body: { text: 'Nightly load done' } } };
  const browser = `${process.execPath} ${new URL('../support/fake-browser.mjs', import.meta.url).pathname}`;

  it('signs a profile on the default client in without AADSTS65002, and status shows the granted set', async () => {
    const office = await setup.emulator.control<Preauthorized>('GET', `/clients/${OFFICE}/preauthorized`);
    expect(office.body.scopes).not.toContain('ChannelMessage.Send'); // the emulator plays the real, unpadded list

    const added = await setup.emulator.addProfile(setup.home, 'plain');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Left out of Delegate\'s default set: Mail.ReadWrite.Shared, Chat.ReadWrite, Chat.Create, ChannelMessage.Send');
    expect(added.stdout).toContain('`delegate profiles add plain-graph-powershell --client-id graph-powershell`');

    const login = await setup.emulator.signIn(setup.home, 'plain');
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout + login.stderr).not.toContain('65002');
    expect(login.stderr).not.toContain('Note:');
    const health = await status('plain');
    expect(health.status).toBe('ok');
    expect(health.refusedScopes).toEqual([]);
    expect(health.grantedScopes?.scopes.toSorted()).toEqual(defaultScopesFor(OFFICE).toSorted());
    expect((await runCli(['status', '--profile', 'plain'], { home: setup.home })).stdout).toContain('Files.ReadWrite.All');
  });

  it('gives a Graph PowerShell profile the whole default set, Teams and shared mailboxes included', async () => {
    const added = await setup.emulator.addProfile(setup.home, 'teams', ['--client-id', 'graph-powershell']);
    expect(added.code).toBe(0);
    expect(added.stdout).not.toContain('Left out');
    expect((await setup.emulator.signIn(setup.home, 'teams')).code).toBe(0);
    const health = await status('teams');
    expect(health.grantedScopes?.scopes.toSorted()).toEqual([...DEFAULT_SIGN_IN_SCOPES].toSorted());
  });

  it('moves a profile\'s untouched default scopes along when its client changes, and says so', async () => {
    const set = await runCli(['profiles', 'set', 'emu', '--client-id', 'graph-powershell'], { home: setup.home });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Its scopes were the default of the old client and are now those of the new one: Mail.Send, Mail.ReadWrite, Mail.ReadWrite.Shared');
    const listed = JSON.parse((await runCli(['profiles', 'list', '--json'], { home: setup.home })).stdout) as Array<{ name: string; profile: { scopes: string[] } }>;
    expect(listed.find((row) => row.name === 'emu')?.profile.scopes).toEqual([...DEFAULT_SIGN_IN_SCOPES]);
    const chosen = await runCli(['profiles', 'set', 'emu', '--scopes', 'Mail.Send'], { home: setup.home });
    expect(chosen.code).toBe(0);
    const back = await runCli(['profiles', 'set', 'emu', '--client-id', 'office'], { home: setup.home });
    expect(back.stdout).not.toContain('Its scopes were');
  });

  it('flags a Teams job on an Office profile before it runs, with advice naming graph-powershell, and posts it from that profile', async () => {
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    writeJobs(setup.home, [teamsJob]);
    const listed = (JSON.parse((await runCli(['jobs', '--json'], { home: setup.home })).stdout) as JobsList).jobs;
    expect(listed[0]?.missingScopes?.message).toContain('Microsoft is not known to let client ID d3590ed6-52b3-4102-aeff-aad2292ab01c (Microsoft Office) ask for ChannelMessage.Send');
    expect(listed[0]?.missingScopes?.action).toContain('`delegate profiles add emu-graph-powershell --client-id graph-powershell`');
    const text = await runCli(['jobs'], { home: setup.home });
    expect(text.stdout).toContain('MISSING SCOPES (will be skipped)');
    expect(text.stdout).toContain('--client-id graph-powershell');

    const skipped = await runJob(setup.home, 'post');
    expect(skipped.run.status).toBe('skipped');
    expect(skipped.run.error?.code).toBe('scope-missing');
    expect(skipped.run.error?.action).toContain('graph-powershell');
    expect((await setup.emulator.control<unknown[]>('GET', '/teams/messages')).body).toEqual([]);

    // Following the advice: a Graph PowerShell profile posts it.
    expect((await setup.emulator.addProfile(setup.home, 'emu-graph-powershell', ['--client-id', 'graph-powershell'])).code).toBe(0);
    expect((await setup.emulator.signIn(setup.home, 'emu-graph-powershell')).code).toBe(0);
    writeJobs(setup.home, [{ ...teamsJob, profile: 'emu-graph-powershell' }]);
    expect(((JSON.parse((await runCli(['jobs', '--json'], { home: setup.home })).stdout) as JobsList).jobs[0])?.missingScopes).toBeNull();
    expect((await runJob(setup.home, 'post')).run.status).toBe('succeeded');
    expect(JSON.stringify((await setup.emulator.control('GET', '/teams/messages')).body)).toContain('Nightly load done');
  });

  it('a profile that stored the old broad list on Office: the sign-in says how to go on, and --drop-unapproved-scopes names the eight refused scopes', async () => {
    expect((await setup.emulator.addProfile(setup.home, 'older', ['--scopes', ...DEFAULT_SIGN_IN_SCOPES])).code).toBe(0);
    await setup.emulator.control('POST', '/authorize/auto-approve', { user: 'adele.vance@contoso.onmicrosoft.com' });
    const plain = await runCli(['login', '--browser', '--profile', 'older'], { home: setup.home, env: { BROWSER: browser, DELEGATE_TEST_CA: setup.emulator.caFile } });
    expect(plain.code).toBe(2);
    // Said before the sign-in starts (with device code the refusal shows only in the browser), then after it.
    expect(plain.stderr).toContain('Note: Microsoft is not known to let this profile\'s client ID ask for Mail.ReadWrite.Shared, Chat.ReadWrite, Chat.Create, ChannelMessage.Send, Channel.ReadBasic.All, Team.ReadBasic.All, Sites.ReadWrite.All, User.Read.');
    expect(plain.stderr).toContain('AADSTS65002');
    expect(plain.stderr).toContain('`delegate login --profile older --browser --drop-unapproved-scopes`');

    const dropping = await loginDroppingRefused('older');
    expect(dropping.code, dropping.stderr).toBe(0);
    const signedIn = JSON.parse(dropping.stdout.trim().split('\n').at(-1) ?? '{}') as { refusedScopes: string[] };
    expect(signedIn.refusedScopes.toSorted()).toEqual(['Channel.ReadBasic.All', 'ChannelMessage.Send', 'Chat.Create', 'Chat.ReadWrite', 'Mail.ReadWrite.Shared', 'Sites.ReadWrite.All', 'Team.ReadBasic.All', 'User.Read']);
    expect((await status('older')).grantedScopes?.scopes).toContain('Mail.Send');
  });
});

/**
 * The evidence pack's facts and their rendering, over a home built from Delegate's own writers: run counts over
 * exactly 90 days, scopes from the token record (or said plainly to be only the configured ones), whose app a
 * client ID is, one profile or all, file modes, the cache's place, and the bytes hashed.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../../electron/core/evidence/evidence-pack.js';
import { gatherEvidence, type GatherOptions } from '../../../electron/core/evidence/gather-evidence.js';
import { html } from '../../../electron/core/evidence/html-text.js';
import { DAY_MS } from '../../../electron/core/clock.js';
import { makeHome } from '../../support/test-home.js';
import { writeJobs } from '../../support/jobs.js';
import { addSignedInProfile, recordRuns } from './evidence-home.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const clock = { now: () => NOW };
let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

const options = (extra: Partial<GatherOptions> = {}): GatherOptions => ({ home, clock, version: '9.9.9', runningFiles: [], env: {}, platform: 'linux', ...extra });
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();

describe('the evidence pack', () => {
  it('counts the runs of the last 90 days per job, failures and timeouts apart, and leaves older runs out', async () => {
    await addSignedInProfile(home, 'work', {});
    writeJobs(home, [{ id: 'report', schedule: '0 7 * * *', action: { kind: 'graph.request', path: '/v1.0/me' } }]);
    recordRuns(home, [
      { jobId: 'report', startedAt: daysAgo(120), status: 'failed' },
      { jobId: 'report', startedAt: daysAgo(90.01), status: 'failed' },
      { jobId: 'report', startedAt: daysAgo(89), status: 'succeeded' },
      { jobId: 'report', startedAt: daysAgo(30), status: 'failed' },
      { jobId: 'report', startedAt: daysAgo(20), status: 'timed-out' },
      { jobId: 'report', startedAt: daysAgo(1), status: 'succeeded' },
      { jobId: 'gone', startedAt: daysAgo(5), status: 'succeeded' },
    ]);
    const facts = await gatherEvidence(options());
    expect(facts.jobs.map((job) => job.id)).toEqual(['report']);
    expect(facts.jobs[0]?.runs).toEqual({ total: 4, succeeded: 2, failed: 1, timedOut: 1, skipped: 0, interrupted: 0, running: 0, lastRunAt: daysAgo(1), lastFailureAt: daysAgo(20) });
    // A job removed from the file is shown only in a pack of everything: alone it could belong to any profile.
    expect(facts.formerJobs).toEqual([]);
    const all = await gatherEvidence(options({ all: true }));
    expect(all.formerJobs).toEqual([{ id: 'gone', runs: expect.objectContaining({ total: 1, succeeded: 1 }) }]);
  });

  it('shows the scopes of the last token when recorded, and says plainly when only the configured ones are known', async () => {
    await addSignedInProfile(home, 'work', { scopes: ['User.Read', 'Mail.Send'] }, { tokenScopes: { scopes: ['User.Read', 'Mail.Send', 'Files.ReadWrite.All'], at: daysAgo(2) } });
    await addSignedInProfile(home, 'old', { scopes: ['User.Read', 'Sites.Read.All'] });
    const recorded = (await buildEvidencePack(options({ profile: 'work' }))).html;
    const granted = recorded.slice(recorded.indexOf('<h3>Scopes granted</h3>'), recorded.indexOf('<h3>Scopes configured</h3>'));
    expect(granted).toContain('<li>Files.ReadWrite.All</li>');
    expect(granted).toContain('Granted beyond the configured scopes');
    expect(granted).toContain('Decoded from the <code>scp</code> claim of the last Graph access token Entra ID issued, at 2026-12-01 12:00 UTC.');
    const unknown = (await buildEvidencePack(options({ profile: 'old' }))).html;
    const notKnown = unknown.slice(unknown.indexOf('<h3>Scopes granted</h3>'), unknown.indexOf('<h3>Scopes configured</h3>'));
    expect(notKnown).toContain('Not known from a token');
    expect(notKnown).toContain('Only the configured scopes below are known');
    expect(notKnown).not.toContain('<li>');
  });

  it("names a first-party client's app, and flags an unknown client ID as not a known Microsoft app", async () => {
    await addSignedInProfile(home, 'ps', { clientId: 'graph-powershell' });
    await addSignedInProfile(home, 'custom', { clientId: '11111111-2222-3333-4444-555555555555' });
    const facts = await gatherEvidence(options({ all: true }));
    expect(facts.profiles.map((profile) => [profile.name, profile.clientApp])).toEqual([
      ['ps', 'Microsoft Graph PowerShell'],
      ['custom', null],
    ]);
    const page = (await buildEvidencePack(options({ profile: 'custom' }))).html;
    expect(page).not.toContain('Extra trusted CA');
    expect(page).toContain('<code>11111111-2222-3333-4444-555555555555</code> — <strong>not a known Microsoft first-party app</strong>');
  });

  it('covers one profile with the jobs that run as it, or with --all every profile and job', async () => {
    await addSignedInProfile(home, 'work', {});
    await addSignedInProfile(home, 'lab', {});
    writeJobs(home, [
      { id: 'as-default', schedule: '0 7 * * *', action: { kind: 'graph.request', path: '/v1.0/me' } },
      { id: 'as-lab', schedule: '0 7 * * *', profile: 'lab', action: { kind: 'graph.request', path: '/v1.0/me' } },
    ]);
    const work = await gatherEvidence(options({ profile: 'work' }));
    expect(work.profiles.map((profile) => profile.name)).toEqual(['work']);
    expect(work.jobs.map((job) => job.id)).toEqual(['as-default']);
    const lab = await gatherEvidence(options({ profile: 'lab' }));
    expect(lab.jobs.map((job) => job.id)).toEqual(['as-lab']);
    const all = await gatherEvidence(options({ all: true }));
    expect(all.jobs.map((job) => job.id)).toEqual(['as-default', 'as-lab']);
  });

  it('reports the permission bits of the home, flagging a file others can read', async () => {
    await addSignedInProfile(home, 'work', {});
    writeJobs(home, []);
    chmodSync(join(home, 'jobs.yaml'), 0o644);
    chmodSync(home, 0o700);
    mkdirSync(join(home, 'logs'), { mode: 0o700 });
    writeFileSync(join(home, 'logs', 'delegate.log'), 'started\n', { mode: 0o600 });
    const facts = await gatherEvidence(options());
    const byLabel = Object.fromEntries(facts.homeFiles.map((file) => [file.label, file]));
    expect(byLabel['Jobs file']).toMatchObject({ mode: '0644', ownerOnly: false });
    expect(byLabel["Delegate's home"]).toMatchObject({ kind: 'folder', mode: '0700', ownerOnly: true });
    expect(byLabel['Log file']).toMatchObject({ path: join(home, 'logs', 'delegate.log'), mode: '0600', ownerOnly: true });
    expect(byLabel['Run history (SQLite)']).toMatchObject({ kind: 'missing' });
    expect((await buildEvidencePack(options())).html).toContain('<span class="bad">others have access</span>');
  });

  it('names the keychain entries, or for a plaintext profile the files that hold its cache', async () => {
    await addSignedInProfile(home, 'safe', {});
    await addSignedInProfile(home, 'lab', { cacheBackend: 'plaintext' });
    const [safe, lab] = (await gatherEvidence(options({ all: true }))).profiles;
    expect(safe?.cache.keychainEntries.map((entry) => `${entry.service} ${entry.account}`)).toEqual([expect.stringMatching(/^Delegate msal-cache\/[0-9a-f-]{36}$/), expect.stringMatching(/^Delegate msal-cache\/[0-9a-f-]{36}\/cae$/)]);
    expect(lab?.cache).toMatchObject({ backend: 'plaintext', keychainEntries: [], cacheFiles: [{ path: join(home, 'profiles', 'lab', 'msal-cache.json') }, { path: join(home, 'profiles', 'lab', 'msal-cache.cae.json') }] });
    const mac = await gatherEvidence(options({ profile: 'safe', platform: 'darwin' }));
    expect(mac.profiles[0]?.cache.store).toBe("macOS Keychain (the user's login keychain)");
    const windows = await gatherEvidence(options({ profile: 'safe', platform: 'win32' }));
    expect(windows.profiles[0]?.cache).toMatchObject({ store: expect.stringContaining('DPAPI'), keychainEntries: [] });
  });

  it('hashes the running files, and a code-split bundle as sha256sum of its sorted .js files would', async () => {
    const bundle = join(home, "Delegate's bundle");
    mkdirSync(bundle);
    writeFileSync(join(bundle, 'main.js'), 'main');
    writeFileSync(join(bundle, 'chunk-B.js'), 'b');
    writeFileSync(join(bundle, 'main.js.map'), 'not code');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const facts = await gatherEvidence(options({ runningFiles: [{ label: 'Main', path: join(bundle, 'main.js'), kind: 'file' }, { label: 'Bundle', path: bundle, kind: 'js-folder' }, { label: 'Gone', path: join(home, 'nope'), kind: 'file' }] }));
    expect(facts.binaries[0]).toMatchObject({ sha256: sha('main'), bytes: 4, howToCheck: `sha256sum '${home}/Delegate'\\''s bundle/main.js'` });
    expect(facts.binaries[1]).toMatchObject({ label: 'Bundle (2 .js files)', sha256: sha(`${sha('b')}  chunk-B.js\n${sha('main')}  main.js\n`), bytes: 5 });
    expect(facts.binaries[2]).toMatchObject({ sha256: null, error: expect.stringContaining('ENOENT') });
    const windows = await gatherEvidence(options({ platform: 'win32', runningFiles: [{ label: 'Main', path: join(bundle, 'main.js'), kind: 'file' }] }));
    expect(windows.binaries[0]?.howToCheck).toBe(`Get-FileHash -Algorithm SHA256 -LiteralPath '${home}/Delegate''s bundle/main.js'`);
  });

  it('with no profile configured says nobody has signed in, rather than inventing one', async () => {
    const pack = await buildEvidencePack(options());
    expect(pack.facts.profiles).toEqual([]);
    expect(pack.html).toContain('No profile is configured yet');
    expect(pack.suggestedName).toBe('delegate-evidence-none-2026-12-03.html');
  });
});

describe('html()', () => {
  it('escapes markup and quotes, and shows control and bidi characters as visible marks', () => {
    expect(html(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
    expect(html('invoice\u202Efdp.exe')).toBe('invoice<span class="ctl">&lt;U+202E&gt;</span>fdp.exe');
    expect(html('a\u0000b\u001bc\u2066d')).toBe('a<span class="ctl">&lt;U+0000&gt;</span>b<span class="ctl">&lt;U+001B&gt;</span>c<span class="ctl">&lt;U+2066&gt;</span>d');
    expect(html('line\nnext\ttab')).toBe('line\nnext\ttab');
    expect(html(null)).toBe('');
  });
});

/**
 * `delegate evidence` against the emulator with a signed-in profile, a jobs file of every kind and some history:
 * the pack names the client, the scopes the token carries, the cache and each job — and holds no token.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTokenClaims } from '../../electron/core/auth/token-claims.js';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../e2e/support/browser.js';
import { runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';

const setup = useEmulatorHome({ signedIn: true });
const outDirs: string[] = [];
afterEach(() => {
  for (const dir of outDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delegate-evidence-'));
  outDirs.push(dir);
  return dir;
}

const HOSTILE = `<script>alert("pwned")</script> & 'quoted' "double" \u202Eexe.pdf\u0007`;
/** Looks like a token someone pasted into a script's arguments: the pack must not repeat it. */
const PASTED_JWT = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJwYXN0ZWQiLCJzY3AiOiJNYWlsLlNlbmQifQ.';

function everyKindOfJob(home: string) {
  writeFileSync(join(home, 'ok.mjs'), 'process.exit(process.env.GRAPH_TOKEN ? 0 : 1)\n');
  writeJobs(home, [
    {
      id: 'daily-report',
      name: HOSTILE,
      schedule: '0 7 * * 1-5',
      timezone: 'Europe/Berlin',
      profile: 'emu',
      action: { kind: 'mail.send', to: ['ops@contoso.com', 'cfo@fabrikam.com'], cc: ['audit@contoso.com'], subject: `Sales <b>${HOSTILE}</b>`, body: { html: '<p>SECRET-BODY-TEXT quarterly numbers</p>' } },
    },
    { id: 'pull-budget', schedule: '30 6 * * *', profile: 'emu', action: { kind: 'files.download', source: { site: 'https://contoso.sharepoint.com/sites/Finance', path: 'Budget/2026.xlsx' }, destination: 'data/budget.xlsx' } },
    { id: 'etl-done', schedule: '5 7 * * *', profile: 'emu', action: { kind: 'teams.message', teamId: 'team-1', channelId: '19:abc@thread.tacv2', body: { text: 'SECRET-POST-TEXT' } } },
    { id: 'etl', schedule: '0 2 * * *', profile: 'emu', action: { kind: 'script', command: process.execPath, args: ['ok.mjs', '--token', PASTED_JWT], cwd: '.', env: { DB_PASSWORD: 'hunter2-SECRET-VALUE' }, tokens: [{ env: 'GRAPH_TOKEN' }] } },
    { id: 'broken-call', schedule: '0 3 * * *', profile: 'emu', action: { kind: 'graph.request', method: 'GET', path: '/v1.0/does-not-exist' } },
  ]);
}

async function writePack(args: string[] = []): Promise<{ path: string; html: string; stdout: string }> {
  const path = join(outDir(), 'pack.html');
  const result = await runCli(['evidence', '--out', path, ...args], { home: setup.home });
  expect(result.code, result.stderr).toBe(0);
  return { path, html: readFileSync(path, 'utf8'), stdout: result.stdout };
}

describe('delegate evidence', () => {
  it('writes a pack with the client ID, the scopes the token carries, the cache backend and each job — and no token material', async () => {
    everyKindOfJob(setup.home);
    expect((await runJob(setup.home, 'etl')).run.status).toBe('succeeded');
    expect((await runJob(setup.home, 'broken-call')).run.status).toBe('failed');

    const { path, html, stdout } = await writePack();
    expect(stdout).toContain(`to ${path}`);

    // The client and whose app it is.
    expect(html).toContain('d3590ed6-52b3-4102-aeff-aad2292ab01c');
    expect(html).toContain('Microsoft Office (a Microsoft first-party public client');
    // The emulator's CA, which the profile trusts besides the OS store: a reviewer must see that.
    expect(html).toContain(`<tr><th>Extra trusted CA</th><td><code>${setup.emulator.caFile}</code>`);
    // The scopes the last Graph token carried, read from that token.
    const issued = (await setup.emulator.control<Array<{ kind: string; token: string; audience: string }>>('GET', '/issued')).body;
    const graphTokens = issued.filter((entry) => entry.kind === 'access' && entry.audience === 'https://graph.microsoft.com');
    const last = graphTokens.at(-1);
    expect(last).toBeDefined();
    const granted = readTokenClaims(last?.token ?? '')?.scopes.filter((scope) => !['openid', 'profile', 'email', 'offline_access'].includes(scope)) ?? [];
    expect(granted.length).toBeGreaterThan(0);
    const grantedSection = html.slice(html.indexOf('<h3>Scopes granted</h3>'), html.indexOf('<h3>Scopes configured</h3>'));
    for (const scope of granted) expect(grantedSection).toContain(`<li>${scope}</li>`);
    expect(grantedSection).toContain('Decoded from the <code>scp</code> claim');
    // Where the cache lives: the Secret Service, and the keychain entries by name.
    const profileId = (JSON.parse(readFileSync(join(setup.home, 'config.json'), 'utf8')) as { profiles: { emu: { id: string } } }).profiles.emu.id;
    expect(html).toContain('Secret Service through libsecret');
    expect(html).toContain(`service <code>Delegate</code>, account <code>msal-cache/${profileId}</code>`);
    expect(html).toContain(`account <code>msal-cache/${profileId}/cae</code>`);
    // Each job, with what it touches.
    for (const id of ['daily-report', 'pull-budget', 'etl-done', 'etl', 'broken-call']) expect(html).toContain(`<span class="name">${id}</span>`);
    expect(html).toContain('ops@contoso.com, cfo@fabrikam.com');
    expect(html).toContain('contoso.com (2), fabrikam.com (1)');
    expect(html).toContain('SharePoint site https://contoso.sharepoint.com/sites/Finance, path Budget/2026.xlsx');
    expect(html).toContain('team team-1, channel 19:abc@thread.tacv2');
    expect(html).toContain('GET /v1.0/does-not-exist');
    expect(html).toContain('At 07:00, Monday through Friday (Europe/Berlin)');
    // The runs of the last 90 days: one success, one failure.
    expect(html).toMatch(/<span class="name">etl<\/span><\/td><td class="n">1<\/td><td class="n">1<\/td><td class="n">0<\/td>/);
    expect(html).toMatch(/<span class="name">broken-call<\/span><\/td><td class="n">1<\/td><td class="n">0<\/td><td class="n bad">1<\/td>/);
    // The running program, hashed.
    expect(html).toMatch(/The program running Delegate \(process\.execPath\)<br><code>[^<]+<\/code><\/td><td><code class="hash">[0-9a-f]{64}<\/code>/);

    // No token material: not one issued token, no JWT shape, no refresh token, no content.
    expect(issued.some((entry) => entry.kind === 'refresh')).toBe(true);
    for (const entry of issued) expect(html.includes(entry.token), `the pack holds an issued ${entry.kind} token`).toBe(false);
    expect(html).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/);
    expect(html).not.toContain('SECRET-BODY-TEXT');
    expect(html).not.toContain('SECRET-POST-TEXT');
    expect(html).not.toContain('hunter2-SECRET-VALUE');
    expect(html).toContain('DB_PASSWORD (values not shown)');
    expect(html).toContain('ok.mjs --token [redacted]');
  });

  it('escapes hostile job names and subjects, and shows bidi and control characters instead of obeying them', async () => {
    everyKindOfJob(setup.home);
    const { html } = await writePack();
    expect(html.match(/<script/gi)).toBeNull();
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;double&quot;');
    expect(html).toContain('Sales &lt;b&gt;');
    expect(html).not.toContain('\u202E');
    expect(html).not.toContain('\u0007');
    expect(html).toContain('<span class="ctl">&lt;U+202E&gt;</span>exe.pdf<span class="ctl">&lt;U+0007&gt;</span>');
  });

  it('is one self-contained file: a strict CSP and nothing that loads from elsewhere', async () => {
    everyKindOfJob(setup.home);
    const { path, html } = await writePack();
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; img-src &#39;none&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">/);
    expect(html).not.toMatch(/\b(src|href|action)\s*=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    // Opened in Chromium: its own style applies under its CSP, and it asks for nothing but itself.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
      page.on('request', (request) => void requests.push(request.url()));
      await page.goto(pathToFileURL(path).href);
      // The masthead's rule comes from the inline style sheet: 3px only if the CSP let it apply.
      expect(await page.locator('.masthead').evaluate((element) => (globalThis as unknown as { getComputedStyle(node: unknown): { borderBottomWidth: string } }).getComputedStyle(element).borderBottomWidth)).toBe('3px');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Delegate: Microsoft 365 automation with delegated permissions');
      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(path).href]);
      const shots = new URL('../../test-results/screenshots/', import.meta.url).pathname;
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'evidence-pack.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('refuses to overwrite an existing file unless --force is given', async () => {
    const path = join(outDir(), 'pack.html');
    writeFileSync(path, 'the reviewer’s annotated copy');
    const refused = await runCli(['evidence', '--out', path], { home: setup.home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${path} already exists; Delegate did not overwrite it.`);
    expect(refused.stderr).toContain('add --force to replace it');
    expect(readFileSync(path, 'utf8')).toBe('the reviewer’s annotated copy');
    const forced = await runCli(['evidence', '--out', path, '--force'], { home: setup.home });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('Security evidence pack');
  });

  it('without --out writes delegate-evidence-PROFILE-DATE.html into the current folder and says where', async () => {
    const cwd = outDir();
    const result = await runCli(['evidence'], { home: setup.home, cwd });
    expect(result.code, result.stderr).toBe(0);
    const written = /^Wrote the evidence pack \(1 profile, 0 jobs\) to (.+)\n$/.exec(result.stdout)?.[1];
    expect(written).toMatch(new RegExp(`^${cwd}/delegate-evidence-emu-\\d{4}-\\d{2}-\\d{2}\\.html$`));
    expect(readFileSync(written ?? '', 'utf8')).toContain('Sign-in profile <span class="name">emu</span>');
  });
});

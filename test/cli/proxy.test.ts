/**
 * Behind a corporate proxy: the real CLI, the real keychain, and a real CONNECT proxy demanding Basic credentials
 * that alone can resolve the emulator's host names (login.delegate.test, graph.delegate.test).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCli, type CliResult } from '../support/cli.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { makeHome, readAllFiles } from '../support/test-home.js';

const PASSWORD = 'pr0xy-S3cret';
let emulator: TestEmulator;
let proxy: ConnectProxy;
let home: string;
let cleanup = () => {};
let port: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ hostname: 'login.delegate.test', graphHostname: 'graph.delegate.test' });
  proxy = await startConnectProxy({ user: 'corp\\alice', password: PASSWORD });
  port = new URL(emulator.authorityHost).port;
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
});
beforeEach(async () => {
  ({ home, cleanup } = makeHome());
  proxy.mode = 'tunnel';
  proxy.tunnels.length = 0;
  await emulator.control('POST', '/reset');
  expect((await emulator.addProfile(home)).code).toBe(0);
  writeJobs(home, [{ id: 'whoami', schedule: '0 7 * * *', profile: 'emu', action: { kind: 'graph.request', path: '/me', saveTo: 'out/me.json' } }]);
});
afterEach(() => cleanup());

/** No variable of the test runner's own environment may decide for these tests. */
const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ HTTPS_PROXY: '', https_proxy: '', NO_PROXY: '', no_proxy: '', HTTP_PROXY: '', http_proxy: '', ...extra });
const viaProxy = (extra: NodeJS.ProcessEnv = {}) => env({ HTTPS_PROXY: proxy.url(), ...extra });
const cli = (args: string[], extra: NodeJS.ProcessEnv) => runCli([...args, '--profile', 'emu'], { home, env: extra });

async function login(extra: NodeJS.ProcessEnv): Promise<CliResult> {
  const started = startCli(['login', '--json', '--profile', 'emu'], { home, env: extra });
  const event = await started.nextJsonLine<{ event: string; userCode: string }>((line) => line.event === 'device-code');
  // The test reaches the control API on 127.0.0.1 itself; only Delegate goes through the proxy.
  expect((await emulator.control('POST', `/device-codes/${event.userCode}/approve`)).status).toBe(200);
  return started.done;
}

function setConfigProxy(global: string | undefined, own: string | undefined): void {
  const path = join(home, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { proxy?: string; profiles: { emu: { proxy?: string } } };
  if (global === undefined) delete config.proxy;
  else config.proxy = global;
  if (own === undefined) delete config.profiles.emu.proxy;
  else config.profiles.emu.proxy = own;
  writeFileSync(path, JSON.stringify(config, null, 2));
}

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return free;
}

const tunnelsTo = (name: string) => proxy.tunnels.filter((tunnel) => tunnel.target === `${name}:${port}` && tunnel.status === 200).length;
const everything = (...results: CliResult[]) => results.map((result) => `${result.stdout}\n${result.stderr}`).join('\n');

describe('behind an authenticating CONNECT proxy', () => {
  it('signs in, hands out tokens, probes and runs a job through HTTPS_PROXY, the proxy seeing every tunnel', async () => {
    const signedIn = await login(viaProxy());
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(tunnelsTo('login.delegate.test')).toBeGreaterThan(0);

    // A SharePoint token needs a refresh: a token request through the proxy.
    const before = proxy.tunnels.length;
    const token = await cli(['token', '--resource', 'https://contoso.sharepoint.com'], viaProxy());
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^ey/);
    const probe = await cli(['status', '--probe', '--json'], viaProxy());
    expect(probe.code, probe.stderr).toBe(0);
    expect(JSON.parse(probe.stdout)).toMatchObject({ status: 'ok' });
    expect(proxy.tunnels.length).toBeGreaterThan(before);

    const { run } = await runJob(home, 'whoami', viaProxy());
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(JSON.parse(readFileSync(join(home, 'out/me.json'), 'utf8'))).toMatchObject({ userPrincipalName: 'adele.vance@contoso.onmicrosoft.com' });
    expect(tunnelsTo('graph.delegate.test')).toBeGreaterThan(0);
    expect(proxy.tunnels.every((tunnel) => tunnel.status === 200)).toBe(true);

    // The proxy's password is in no output and no file of Delegate's.
    expect(everything(signedIn, token, probe)).not.toContain(PASSWORD);
    for (const file of readAllFiles(home)) expect(file.contents, file.path).not.toContain(PASSWORD);
  });

  it('takes a proxy given without a scheme, as curl does', async () => {
    expect((await login(viaProxy())).code).toBe(0);
    const probe = await cli(['status', '--probe'], env({ https_proxy: proxy.url().replace(/^http:\/\//, '') }));
    expect(probe.code, probe.stderr).toBe(0);
  });

  it('with the hosts in NO_PROXY, token, probe, job and login fail as network (exit 4) and nothing is marked expired', async () => {
    expect((await login(viaProxy())).code).toBe(0);
    proxy.tunnels.length = 0;
    const bypass = viaProxy({ NO_PROXY: 'localhost, .delegate.test' });

    const token = await cli(['token', '--resource', 'https://contoso.sharepoint.com'], bypass);
    expect(token.code, token.stderr).toBe(4);
    expect(token.stderr).toMatch(/Could not reach login\.delegate\.test/);
    const probe = await cli(['status', '--probe'], bypass);
    expect(probe.code, probe.stderr).toBe(4);
    const { result, run } = await runJob(home, 'whoami', bypass);
    expect(result.code).toBe(4);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'network' });
    expect(run.error?.message).toMatch(/Could not reach (login|graph)\.delegate\.test/);
    const started = await runCli(['login', '--profile', 'emu'], { home, env: bypass });
    expect(started.code).toBe(4);
    expect(proxy.tunnels).toEqual([]);

    const status = await cli(['status', '--json'], env({}));
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'ok' });
  }, 90_000);

  it('a wrong proxy password gives the 407 message and the password is printed nowhere', async () => {
    const wrong = env({ HTTPS_PROXY: proxy.url({ user: 'corp\\alice', password: 'Wrong-Passw0rd' }) });
    const refused = await runCli(['login', '--profile', 'emu'], { home, env: wrong });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`The proxy ${proxy.hostPort} asks for credentials (HTTP 407)`);
    expect(refused.stderr).toMatch(/HTTPS_PROXY=http:\/\/user:password@/);
    expect(refused.stderr).toMatch(/NTLM or Kerberos/);

    expect((await login(viaProxy())).code).toBe(0);
    const probe = await cli(['status', '--probe', '--json'], wrong);
    expect(probe.code).toBe(4);
    expect(probe.stdout + probe.stderr).toContain('asks for credentials (HTTP 407)');
    expect(everything(refused, probe)).not.toMatch(/Wrong-Passw0rd|pr0xy-S3cret/);
    expect(proxy.tunnels.some((tunnel) => tunnel.status === 407)).toBe(true);
    // Never taken for a refused sign-in.
    const status = await cli(['status', '--json'], env({}));
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'ok' });
  });

  it('the proxy in config.json overrides the environment, the profile\'s over the global one, and "direct" goes without', async () => {
    expect((await login(viaProxy())).code).toBe(0);
    const dead = env({ HTTPS_PROXY: `http://127.0.0.1:${await deadPort()}` });

    const unreachable = await cli(['status', '--probe'], dead);
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toMatch(/Could not reach the proxy 127\.0\.0\.1:\d+ \(from HTTPS_PROXY\)/);

    setConfigProxy(proxy.url(), undefined);
    const global = await cli(['status', '--probe'], dead);
    expect(global.code, global.stderr).toBe(0);

    setConfigProxy(proxy.url(), 'direct');
    proxy.tunnels.length = 0;
    const direct = await cli(['status', '--probe'], viaProxy());
    expect(direct.code).toBe(4);
    expect(direct.stderr).toMatch(/Could not reach login\.delegate\.test/);
    expect(proxy.tunnels).toEqual([]);

    setConfigProxy('direct', proxy.url());
    const own = await cli(['status', '--probe'], dead);
    expect(own.code, own.stderr).toBe(0);
    expect(everything(unreachable, global, direct, own)).not.toContain(PASSWORD);
  });

  it('a broken proxy is named: garbage in the variable, a 502 to CONNECT, a tunnel closed at once', async () => {
    expect((await login(viaProxy())).code).toBe(0);
    const garbage = await cli(['status', '--probe'], env({ HTTPS_PROXY: 'socks5://alice:hunter2@127.0.0.1:1080' }));
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/The proxy in HTTPS_PROXY cannot be used/);
    expect(garbage.stderr).not.toContain('hunter2');

    proxy.mode = 'bad-gateway';
    const badGateway = await cli(['status', '--probe'], viaProxy());
    expect(badGateway.code).toBe(4);
    expect(badGateway.stderr).toMatch(/refused to connect to login\.delegate\.test:\d+ \(HTTP 502/);

    proxy.mode = 'close-tunnel';
    const closed = await cli(['status', '--probe'], viaProxy());
    expect(closed.code).toBe(4);
    expect(closed.stderr).toMatch(/login\.delegate\.test:\d+ through the proxy/);

    proxy.mode = 'tunnel';
    const status = await cli(['status', '--json'], env({}));
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'ok' });
  });

  it('a script job reaches Graph through the proxy Delegate resolved, trusting the CA bundle Delegate hands it', async () => {
    expect((await login(viaProxy())).code).toBe(0);
    // Plain urllib with the default SSL context: no proxy or CA of its own, only what the environment says.
    writeFileSync(
      join(home, 'me.py'),
      [
        'import json, os, urllib.request',
        'names = ["HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "http_proxy"]',
        'json.dump({name: os.environ.get(name) for name in names}, open("out/env.json", "w"))',
        'request = urllib.request.Request(os.environ["GRAPH_URL"] + "/v1.0/me", headers={"Authorization": "Bearer " + os.environ["GRAPH_TOKEN"]})',
        'print("hello", json.load(urllib.request.urlopen(request))["userPrincipalName"])',
      ].join('\n'),
    );
    writeJobs(home, [
      {
        id: 'script',
        schedule: '0 7 * * *',
        profile: 'emu',
        action: { kind: 'script', command: '/usr/bin/python3', args: ['me.py'], env: { GRAPH_URL: emulator.graphBaseUrl, REQUESTS_CA_BUNDLE: '/the/job/own.pem' }, tokens: [{ env: 'GRAPH_TOKEN' }] },
      },
    ]);
    mkdirSync(join(home, 'out'), { recursive: true });
    proxy.tunnels.length = 0;
    // Upper case in Delegate's environment, lower case as well for the script: tools disagree on which they read.
    const { run } = await runJob(home, 'script', viaProxy({ NO_PROXY: 'intranet.example' }));
    expect(run.status, `${JSON.stringify(run.error)} ${run.outputTail}`).toBe('succeeded');
    expect(run.outputTail).toContain('hello adele.vance@contoso.onmicrosoft.com');
    expect(tunnelsTo('graph.delegate.test')).toBeGreaterThan(0);
    const seen = JSON.parse(readFileSync(join(home, 'out/env.json'), 'utf8')) as Record<string, string | null>;
    // 127.0.0.1 joins NO_PROXY so that Azure SDKs reach the run's token broker directly (broker-env.ts).
    expect(seen).toMatchObject({ HTTPS_PROXY: proxy.url(), https_proxy: proxy.url(), NO_PROXY: 'intranet.example,127.0.0.1', no_proxy: 'intranet.example,127.0.0.1', http_proxy: null });
    // The job's own setting wins; the others point at Delegate's bundle: the OS store, Node's roots and the profile's CA.
    expect(seen.REQUESTS_CA_BUNDLE).toBe('/the/job/own.pem');
    expect(seen.SSL_CERT_FILE).toBe(seen.NODE_EXTRA_CA_CERTS);
    const bundle = seen.SSL_CERT_FILE ?? '';
    expect(bundle.startsWith(join(home, 'state', 'ca-bundles'))).toBe(true);
    const emulatorCa = readFileSync(emulator.caFile, 'utf8').trim().split('\n')[1] ?? 'missing';
    expect(readFileSync(bundle, 'utf8')).toContain(emulatorCa);
    expect(statSync(bundle).mode & 0o777).toBe(0o644);
    // The proxy's password stays out of the history, even though the script had it.
    expect(JSON.stringify(run)).not.toContain(PASSWORD);
  });

  it('doctor names the proxy each endpoint takes, from config.json over the environment, and checks the hosts through it', async () => {
    expect((await login(viaProxy())).code).toBe(0);
    setConfigProxy(proxy.url(), undefined);
    proxy.tunnels.length = 0;
    const doctor = await cli(['doctor', '--json'], env({ HTTPS_PROXY: 'http://127.0.0.1:9' }));
    expect(doctor.code, doctor.stdout).toBe(0);
    const report = JSON.parse(doctor.stdout) as { findings: Array<{ id: string; status: string; data?: { proxy?: string; source?: string } }> };
    expect(report.findings.find((finding) => finding.id === 'proxy:login')).toMatchObject({ status: 'pass', data: { proxy: `http://corp%5Calice:***@${proxy.hostPort}`, source: 'config' } });
    expect(tunnelsTo('login.delegate.test')).toBeGreaterThan(0);
    expect(doctor.stdout + doctor.stderr).not.toContain(PASSWORD);
  });

  it('config.json with a proxy that is not a URL is reported as a config problem naming the field', async () => {
    setConfigProxy('ftp://nowhere', undefined);
    const result = await cli(['status'], env({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/proxy: must be "direct" or a proxy URL/);
  });
});

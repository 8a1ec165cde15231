/**
 * A TLS-inspecting corporate proxy: it re-signs every server certificate with the company's root, which is
 * installed in the operating system's trust store and nowhere else. On Linux, Node's system store reads
 * OpenSSL's default locations, which honour SSL_CERT_FILE: the test's "OS store" is the machine's CA file plus
 * that root.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCli, type CliResult } from '../support/cli.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js';
import { makeHome } from '../support/test-home.js';
import { createTlsMaterial } from '../emulator/tls/certificates.js';

const MACHINE_CA_FILE = '/etc/ssl/certs/ca-certificates.crt';
let emulator: TestEmulator;
let proxy: ConnectProxy;
let home: string;
let cleanup = () => {};
let inspectionRoot: string;
let osStore: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ hostname: 'login.delegate.test', graphHostname: 'graph.delegate.test' });
  const inspection = await createTlsMaterial('CN=Contoso TLS Inspection Root, O=Contoso IT');
  proxy = await startConnectProxy({
    interception: { certificatePem: inspection.serverCertificatePem, keyPem: inspection.serverKeyPem, upstreamCaPem: readFileSync(emulator.caFile, 'utf8') },
  });
  proxy.mode = 'intercept';
  ({ home: inspectionRoot } = makeHome());
  writeFileSync(join(inspectionRoot, 'root.pem'), inspection.caCertificatePem);
  osStore = join(inspectionRoot, 'os-store.pem');
  writeFileSync(osStore, `${existsSync(MACHINE_CA_FILE) ? readFileSync(MACHINE_CA_FILE, 'utf8') : ''}\n${inspection.caCertificatePem}`);
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
});
beforeEach(async () => {
  ({ home, cleanup } = makeHome());
  proxy.tunnels.length = 0;
  await emulator.control('POST', '/reset');
  // No --ca-file: the emulator's own CA is not trusted; only what the inspecting proxy presents can be.
  const added = await runCli(['profiles', 'add', 'emu', '--cloud', 'custom', '--authority-host', emulator.authorityHost, '--graph-url', emulator.graphBaseUrl], { home });
  expect(added.code, added.stderr).toBe(0);
});
afterEach(() => cleanup());

const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ HTTPS_PROXY: proxy.url(), https_proxy: '', NO_PROXY: '', no_proxy: '', SSL_CERT_FILE: '', ...extra });

async function login(extra: NodeJS.ProcessEnv): Promise<CliResult> {
  const started = startCli(['login', '--json', '--profile', 'emu'], { home, env: extra });
  const event = await started.nextJsonLine<{ event: string; userCode: string }>((line) => line.event === 'device-code');
  expect((await emulator.control('POST', `/device-codes/${event.userCode}/approve`)).status).toBe(200);
  return started.done;
}

describe('the OS trust store behind a TLS-inspecting proxy', () => {
  it("Node's system store on this machine honours SSL_CERT_FILE (what the other cases rely on)", () => {
    const count = (file: string) => spawnSync(process.execPath, ['-p', `require('tls').getCACertificates('system').filter((pem) => pem.includes(${JSON.stringify(readFileSync(join(inspectionRoot, 'root.pem'), 'utf8').split('\n')[1])})).length`], { env: { ...process.env, SSL_CERT_FILE: file }, encoding: 'utf8' }).stdout.trim();
    expect(count(osStore)).toBe('1');
    expect(count(MACHINE_CA_FILE)).toBe('0');
  });

  it('signs in and probes without --ca-file when the inspecting root is in the OS trust store', async () => {
    const signedIn = await login(env({ SSL_CERT_FILE: osStore }));
    expect(signedIn.code, signedIn.stderr).toBe(0);
    const probe = await runCli(['status', '--probe', '--profile', 'emu'], { home, env: env({ SSL_CERT_FILE: osStore }) });
    expect(probe.code, probe.stderr).toBe(0);
    expect(proxy.tunnels.filter((tunnel) => tunnel.status === 200).length).toBeGreaterThan(0);
  });

  it('refuses the re-signed certificate when the root is absent, as a network error whose advice names the trust store and --ca-file', async () => {
    const refused = await runCli(['login', '--profile', 'emu'], { home, env: env({ SSL_CERT_FILE: MACHINE_CA_FILE }) });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/The certificate of login\.delegate\.test:\d+ \(reached through the proxy [^)]+\) is not trusted/);
    expect(refused.stderr).toMatch(/OS trust store/);
    expect(refused.stderr).toMatch(/--ca-file/);
    // Tried with Node's roots first, then once more with the OS store as well (https-agent-options.ts), no more.
    expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([expect.stringMatching(/^login\.delegate\.test:/), expect.stringMatching(/^login\.delegate\.test:/)]);
  });

  it("the root given to the profile with --ca-file is trusted as well, for any cloud", async () => {
    const set = await runCli(['profiles', 'set', 'emu', '--ca-file', join(inspectionRoot, 'root.pem')], { home });
    expect(set.code, set.stderr).toBe(0);
    expect((await login(env({ SSL_CERT_FILE: MACHINE_CA_FILE }))).code).toBe(0);

    const global = await runCli(['profiles', 'add', 'work', '--cloud', 'global', '--ca-file', join(inspectionRoot, 'root.pem'), '--json'], { home });
    expect(global.code, global.stderr).toBe(0);
    expect(JSON.parse(global.stdout)).toMatchObject({ profile: { cloud: 'global', caFile: join(inspectionRoot, 'root.pem') } });
    const cleared = await runCli(['profiles', 'set', 'work', '--ca-file', '', '--json'], { home });
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(JSON.parse(cleared.stdout).profile.caFile).toBeUndefined();
  });
});

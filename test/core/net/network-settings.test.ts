import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/core/config/config-store.js';
import { resolveProfile } from '../../../electron/core/config/profile-resolver.js';
import { addProfile, planProfileUpdate, saveProfile } from '../../../electron/core/profiles/profile-service.js';
import { transportOptionsFor } from '../../../electron/core/net/profile-transport-options.js';
import { childNetworkEnv, writeTrustBundle } from '../../../electron/core/net/child-network-env.js';
import { systemCertificates, trustContext, trustedCertificates } from '../../../electron/core/net/https-agent-options.js';
import { transportFactory } from '../../../electron/core/net/transport-factory.js';
import { createTlsMaterial } from '../../emulator/tls/certificates.js';
import { makeHome } from '../../support/test-home.js';

let home: string;
let cleanup = () => {};
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

function editConfig(change: (config: { proxy?: string; profiles: Record<string, { proxy?: string }> }) => void): void {
  const path = join(home, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { proxy?: string; profiles: Record<string, { proxy?: string }> };
  change(config);
  writeFileSync(path, JSON.stringify(config));
}

describe("a profile's network settings in config.json", () => {
  it("uses the profile's own proxy over the global one, and the global one for the others", async () => {
    await addProfile(home, 'work', {});
    await addProfile(home, 'home', {});
    editConfig((config) => {
      config.proxy = 'http://global.corp:8080';
      (config.profiles.work ??= {}).proxy = 'http://alice:pw@own.corp:3128';
    });
    const work = resolveProfile(home, 'work').profile;
    expect(transportOptionsFor(home, work)).toEqual({ proxy: 'http://alice:pw@own.corp:3128', proxySource: 'profile' });
    expect(transportOptionsFor(home, resolveProfile(home, 'home').profile)).toEqual({ proxy: 'http://global.corp:8080', proxySource: 'config' });
    // Apart from the Profile model, so the window and `profiles list --json` never carry the password.
    expect(JSON.stringify(work)).not.toContain('alice');
  });

  it('keeps a hand-written proxy when the profile is changed with `profiles set` or the window', async () => {
    await addProfile(home, 'work', {});
    editConfig((config) => ((config.profiles.work ??= {}).proxy = 'direct'));
    const update = planProfileUpdate(resolveProfile(home, 'work').profile, { lifetimeDays: 30 });
    await saveProfile(home, update.after);
    const entry = loadConfig(home).entries.find((candidate) => candidate.name === 'work');
    expect(entry).toMatchObject({ ok: true, proxy: 'direct', profile: { lifetimeDays: 30 } });
  });

  it('names a proxy that is not a URL as a problem of that profile, leaving the others usable', async () => {
    await addProfile(home, 'work', {});
    await addProfile(home, 'home', {});
    editConfig((config) => ((config.profiles.work ??= {}).proxy = 'proxy.corp:8080/path'));
    const entries = loadConfig(home).entries;
    expect(entries.find((entry) => entry.name === 'work')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^profiles\.work\.proxy: must be "direct" or a proxy URL/)] });
    expect(entries.find((entry) => entry.name === 'home')).toMatchObject({ ok: true });
  });

  it("the node factory tells doctor which proxy a URL takes, without the password", async () => {
    const decision = await transportFactory().describeProxy(new URL('https://contoso-my.sharepoint.com/personal/x?download=1'), { proxy: 'http://alice:s3cret@proxy.corp:3128', proxySource: 'profile' });
    expect(decision).toEqual({ target: 'https://contoso-my.sharepoint.com/personal/x', proxy: 'http://alice:***@proxy.corp:3128', source: 'profile', rule: 'the profile\'s "proxy" in config.json' });
  });
});

describe('the trust Delegate uses', () => {
  it("is the OS trust store plus the profile's CA, without duplicates, built once per process", async () => {
    const { caCertificatePem } = await createTlsMaterial('CN=Contoso Inspection Root');
    const caFile = join(home, 'corp-root.pem');
    writeFileSync(caFile, caCertificatePem);
    const withProfile = trustedCertificates(caFile);
    expect(withProfile.length).toBe(new Set(withProfile).size);
    for (const system of systemCertificates().slice(0, 5)) expect(withProfile).toContain(system);
    expect(withProfile.some((pem) => pem.includes(caCertificatePem.split('\n')[1] ?? 'x'))).toBe(true);
    expect(trustedCertificates().some((pem) => pem.includes(caCertificatePem.split('\n')[1] ?? 'x'))).toBe(false);
    expect(trustContext(caFile)).toBe(trustContext(caFile));
  });

  it('refuses a CA file that holds no certificate, saying so', () => {
    const caFile = join(home, 'not-a-cert.pem');
    writeFileSync(caFile, 'hello');
    expect(() => trustedCertificates(caFile)).toThrow(/holds no PEM certificate/);
  });
});

describe('the network environment of a script', () => {
  it('says the resolved proxy in both spellings, and "direct" clears it', () => {
    const state = join(home, 'state');
    const fromEnv = childNetworkEnv(state, {}, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2', NO_PROXY: '.corp' });
    expect(fromEnv).toMatchObject({ HTTPS_PROXY: 'http://lower:1', https_proxy: 'http://lower:1', NO_PROXY: '.corp', no_proxy: '.corp', HTTP_PROXY: undefined });
    const configured = childNetworkEnv(state, { proxy: 'http://u:p@cfg:3', proxySource: 'config' }, { HTTPS_PROXY: 'http://env:1', HTTP_PROXY: 'http://env:1' });
    expect(configured).toMatchObject({ HTTPS_PROXY: 'http://u:p@cfg:3', http_proxy: 'http://u:p@cfg:3' });
    const direct = childNetworkEnv(state, { proxy: 'direct', proxySource: 'profile' }, { HTTPS_PROXY: 'http://env:1' });
    expect(direct).toMatchObject({ HTTPS_PROXY: undefined, https_proxy: undefined, NO_PROXY: '*', no_proxy: '*' });
  });

  it('hands one CA bundle file per content, readable by all, in the state folder', async () => {
    const state = join(home, 'state');
    mkdirSync(state);
    const first = childNetworkEnv(state, {}, {});
    const again = childNetworkEnv(state, {}, {});
    expect(first.SSL_CERT_FILE).toBe(again.SSL_CERT_FILE);
    expect(first.NODE_EXTRA_CA_CERTS).toBe(first.SSL_CERT_FILE);
    expect(first.REQUESTS_CA_BUNDLE).toBe(first.SSL_CERT_FILE);
    expect(statSync(first.SSL_CERT_FILE ?? '').mode & 0o777).toBe(0o644);
    const { caCertificatePem } = await createTlsMaterial('CN=Another Root');
    writeFileSync(join(home, 'root.pem'), caCertificatePem);
    const withCa = childNetworkEnv(state, { caFile: join(home, 'root.pem') }, {});
    expect(withCa.SSL_CERT_FILE).not.toBe(first.SSL_CERT_FILE);
    expect(readFileSync(withCa.SSL_CERT_FILE ?? '', 'utf8')).toContain(caCertificatePem.split('\n')[1]);
  });

  it('does not pile up bundles as the trusted set changes: a replaced one goes after a day, anything else in the folder stays', async () => {
    const state = join(home, 'state');
    const bundles = join(state, 'ca-bundles');
    mkdirSync(bundles, { recursive: true });
    const dayAgo = Date.now() / 1000 - 25 * 60 * 60;
    const old = join(bundles, '0123456789abcdef.pem');
    const recent = join(bundles, 'fedcba9876543210.pem');
    const theirs = join(bundles, 'my-notes.pem');
    for (const path of [old, recent, theirs]) writeFileSync(path, 'x');
    utimesSync(old, dayAgo, dayAgo);
    utimesSync(theirs, dayAgo, dayAgo);
    const { caCertificatePem } = await createTlsMaterial('CN=Replaced Root');
    writeFileSync(join(home, 'root.pem'), caCertificatePem);
    const current = writeTrustBundle(state, join(home, 'root.pem'));
    expect(existsSync(current)).toBe(true);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true); // a script started a moment ago may still read it
    expect(existsSync(theirs)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { proxyDecisionFromPac, readProxySetting, type ChromiumProxySetting } from '../../../electron/core/net/chromium-proxy.js';
import { createChromiumTransportFactory } from '../../../electron/core/net/chromium-transport-factory.js';
import { ProfileCaTrust } from '../../../electron/core/net/profile-ca-trust.js';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { FakeNet } from './support/fake-net.js';

const TOKEN_URL = new URL('https://login.microsoftonline.com/organizations/oauth2/v2.0/token?x=1');

describe('the proxy setting, for Chromium', () => {
  it('follows the system when there is none, and never uses a proxy for "direct"', () => {
    expect(readProxySetting(undefined)).toEqual({ kind: 'system', key: 'system' });
    expect(readProxySetting('  ')).toEqual({ kind: 'system', key: 'system' });
    expect(readProxySetting('DIRECT')).toEqual({ kind: 'direct', key: 'direct' });
  });

  it('gives Chromium the proxy without its password, and keeps the credentials for the challenge', () => {
    expect(readProxySetting('http://corp%5Calice:p%40ss@proxy.corp.test:3128')).toEqual({
      kind: 'fixed',
      rules: 'http://proxy.corp.test:3128',
      shown: 'http://corp%5Calice:***@proxy.corp.test:3128',
      credentials: { username: 'corp\\alice', password: 'p@ss' },
      key: 'http://proxy.corp.test:3128',
    });
    expect(readProxySetting('proxy.corp.test:8080')).toMatchObject({ rules: 'http://proxy.corp.test:8080', shown: 'http://proxy.corp.test:8080' });
    expect(readProxySetting('socks5://[::1]:1080')).toMatchObject({ rules: 'socks5://[::1]:1080' });
  });

  it('refuses a setting that is not a proxy, without repeating it (it may hold a password)', () => {
    for (const value of ['ftp://alice:s3cret@proxy:21', 'http://alice:s3cret@proxy:3128/path', 'http://[bad']) {
      let error: unknown;
      try {
        readProxySetting(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DelegateError);
      expect((error as DelegateError).code).toBe('invalid-config');
      expect(JSON.stringify((error as DelegateError).toData())).not.toContain('s3cret');
    }
  });
});

describe("Chromium's proxy answer as a decision", () => {
  const system: ChromiumProxySetting = { kind: 'system', key: 'system' };

  it('names the proxy the PAC script chose first, and its fallbacks', () => {
    expect(proxyDecisionFromPac(TOKEN_URL, 'PROXY proxy.corp.test:8080; DIRECT', system)).toEqual({
      target: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
      proxy: 'http://proxy.corp.test:8080',
      source: 'system',
      rule: 'PAC/system settings (then DIRECT)',
    });
    expect(proxyDecisionFromPac(TOKEN_URL, 'HTTPS secure.corp.test:443;SOCKS5 socks.corp.test:1080', system)).toMatchObject({
      proxy: 'https://secure.corp.test:443',
      rule: 'PAC/system settings (then socks5://socks.corp.test:1080)',
    });
  });

  it('says a direct connection when Chromium goes direct', () => {
    expect(proxyDecisionFromPac(TOKEN_URL, 'DIRECT', system)).toMatchObject({ proxy: null, source: 'system', rule: 'PAC/system settings' });
  });

  it('shows a configured proxy with its password hidden', () => {
    const setting = readProxySetting('http://alice:s3cret@proxy.corp.test:3128');
    const decision = proxyDecisionFromPac(TOKEN_URL, 'PROXY proxy.corp.test:3128', setting);

    expect(decision).toMatchObject({ proxy: 'http://alice:***@proxy.corp.test:3128', source: 'config', rule: 'proxy setting http://alice:***@proxy.corp.test:3128' });
    expect(JSON.stringify(decision)).not.toContain('s3cret');
  });
});

describe('the chromium transport factory', () => {
  it("asks the session for the profile's proxy setting which proxy a URL goes through", async () => {
    const net = new FakeNet();
    net.proxyAnswers.set('login.microsoftonline.com', 'PROXY proxy.corp.test:8080; DIRECT');
    const asked: string[] = [];
    const factory = createChromiumTransportFactory({ network: (setting) => (asked.push(setting.key), Promise.resolve(net)), trust: new ProfileCaTrust() });

    expect(factory.name).toBe('chromium');
    expect(await factory.describeProxy(TOKEN_URL, {})).toMatchObject({ proxy: 'http://proxy.corp.test:8080', source: 'system' });
    await factory.describeProxy(TOKEN_URL, { proxy: 'direct' });
    expect(asked).toEqual(['system', 'direct']);
  });

  it("trusts the profile's CA on the hosts its requests go to, and only there", async () => {
    const net = new FakeNet();
    net.onRequest = (request) => request.respond(200);
    const trust = new ProfileCaTrust();
    const allowed: Array<[string, string]> = [];
    trust.allow = (host, file) => void allowed.push([host, file]);
    const factory = createChromiumTransportFactory({ network: () => Promise.resolve(net), trust });
    await factory.create({ caFile: '/home/emu-ca.pem' }).send({ method: 'GET', url: new URL('https://127.0.0.1:8443/v1.0/me'), headers: {}, timeoutMs: 1000, timeout: 'deadline' });
    await factory.create({}).send({ method: 'GET', url: new URL('https://graph.microsoft.com/v1.0/me'), headers: {}, timeoutMs: 1000, timeout: 'deadline' });

    expect(allowed).toEqual([['127.0.0.1', '/home/emu-ca.pem']]);
  });

  it('fails the requests of a malformed proxy setting with the config error, not the creation of the client', async () => {
    const factory = createChromiumTransportFactory({ network: () => Promise.resolve(new FakeNet()), trust: new ProfileCaTrust() });
    const transport = factory.create({ proxy: 'ftp://proxy:21' });

    await expect(transport.send({ method: 'GET', url: TOKEN_URL, headers: {}, timeoutMs: 1000, timeout: 'deadline' })).rejects.toMatchObject({ code: 'invalid-config' });
  });
});

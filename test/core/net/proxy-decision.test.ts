import { describe, expect, it } from 'vitest';
import { resolveProxy } from '../../../electron/core/net/proxy-decision.js';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';

const graph = new URL('https://graph.delegate.test/v1.0/me?$select=id');

describe('which proxy a request goes through', () => {
  it('takes HTTPS_PROXY for https targets, and says so without the password', () => {
    const { decision, endpoint } = resolveProxy(graph, {}, { HTTPS_PROXY: 'http://alice:s%40cret@proxy.corp:3128' });
    expect(decision).toEqual({ target: 'https://graph.delegate.test/v1.0/me', proxy: 'http://alice:***@proxy.corp:3128', source: 'env', rule: 'HTTPS_PROXY' });
    expect(endpoint?.hostPort).toBe('proxy.corp:3128');
    // Percent-decoded before it goes into Basic.
    expect(Buffer.from(endpoint?.authorization?.replace('Basic ', '') ?? '', 'base64').toString()).toBe('alice:s@cret');
    expect(JSON.stringify(decision)).not.toContain('cret');
  });

  it('prefers the lower-case variable when both are set, as curl does', () => {
    const { decision } = resolveProxy(graph, {}, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' });
    expect(decision).toMatchObject({ proxy: 'http://lower:1', rule: 'https_proxy' });
    expect(resolveProxy(graph, {}, { https_proxy: '  ', HTTPS_PROXY: 'http://upper:2' }).decision.rule).toBe('HTTPS_PROXY');
  });

  it('uses HTTP_PROXY for http targets only, and names it when an https target ignores it', () => {
    expect(resolveProxy(new URL('http://example.test/'), {}, { HTTP_PROXY: 'http://p:8080' }).decision).toMatchObject({ proxy: 'http://p:8080', rule: 'HTTP_PROXY' });
    const { decision } = resolveProxy(graph, {}, { http_proxy: 'http://p:8080' });
    expect(decision.proxy).toBeNull();
    expect(decision.rule).toMatch(/http_proxy is set but applies to http:\/\/ URLs only; set HTTPS_PROXY/);
  });

  it('goes direct for a host in NO_PROXY (lower case first) and names the entry', () => {
    const env = { HTTPS_PROXY: 'http://p:8080', no_proxy: '.delegate.test', NO_PROXY: 'other.test' };
    expect(resolveProxy(graph, {}, env).decision).toMatchObject({ proxy: null, source: 'env', rule: 'no_proxy entry .delegate.test' });
  });

  it('lets the profile\'s setting win over the global one, and both over the environment and NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: '*' };
    expect(resolveProxy(graph, { proxy: 'http://global:2', proxySource: 'config' }, env).decision).toMatchObject({ proxy: 'http://global:2', source: 'config' });
    expect(resolveProxy(graph, { proxy: 'https://u:pw@own:3', proxySource: 'profile' }, env).decision).toMatchObject({ proxy: 'https://u:***@own:3', source: 'profile' });
  });

  it('"direct" in config.json forces no proxy whatever the environment says', () => {
    const { decision, endpoint } = resolveProxy(graph, { proxy: 'DIRECT', proxySource: 'profile' }, { HTTPS_PROXY: 'http://env:1' });
    expect(endpoint).toBeNull();
    expect(decision).toMatchObject({ proxy: null, source: 'profile' });
    expect(decision.rule).toMatch(/"direct"/);
  });

  it('reads a proxy without a scheme as http://, as curl and Go do', () => {
    expect(resolveProxy(graph, {}, { HTTPS_PROXY: 'proxy.corp:3128' }).decision.proxy).toBe('http://proxy.corp:3128');
  });

  it('accepts an IPv6 proxy address and connects to it without brackets', () => {
    const { endpoint } = resolveProxy(graph, {}, { HTTPS_PROXY: 'http://[::1]:3128' });
    expect(endpoint).toMatchObject({ hostname: '::1', port: 3128, hostPort: '[::1]:3128' });
  });

  it('refuses garbage with an error naming the variable and hiding the password', () => {
    for (const value of ['http://', 'socks5://u:hunter2@p:1080', 'http://u:hunter2@p:1080/path', 'http://u:hunter2@[zz', 'ftp://p']) {
      let caught: unknown;
      try {
        resolveProxy(graph, {}, { HTTPS_PROXY: value });
      } catch (error) {
        caught = error;
      }
      expect(caught, value).toBeInstanceOf(DelegateError);
      const error = caught as DelegateError;
      expect(error.code).toBe('invalid-config');
      expect(error.message).toContain('HTTPS_PROXY');
      expect(`${error.message} ${error.action}`).not.toContain('hunter2');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { matchNoProxy } from '../../../electron/core/net/no-proxy.js';

const bypassed = (noProxy: string, url: string) => matchNoProxy(noProxy, new URL(url))?.entry;

describe('NO_PROXY entries, as curl and Go read them', () => {
  it('a bare domain covers that host and every host under it, but not a look-alike', () => {
    expect(bypassed('contoso.com', 'https://contoso.com/')).toBe('contoso.com');
    expect(bypassed('contoso.com', 'https://login.contoso.com/')).toBe('contoso.com');
    expect(bypassed('contoso.com', 'https://a.b.contoso.com/')).toBe('contoso.com');
    expect(bypassed('contoso.com', 'https://notcontoso.com/')).toBeUndefined();
    expect(bypassed('contoso.com', 'https://contoso.com.evil.test/')).toBeUndefined();
  });

  it('a leading dot or "*." covers the domain and its subdomains alike', () => {
    for (const entry of ['.contoso.com', '*.contoso.com']) {
      expect(bypassed(entry, 'https://graph.contoso.com/')).toBe(entry);
      expect(bypassed(entry, 'https://contoso.com/')).toBe(entry);
      expect(bypassed(entry, 'https://fabrikam.com/')).toBeUndefined();
    }
  });

  it('is blind to case and to a trailing dot on either side', () => {
    expect(bypassed('Graph.Delegate.TEST', 'https://graph.delegate.test/')).toBe('Graph.Delegate.TEST');
    expect(bypassed('delegate.test.', 'https://GRAPH.delegate.test./v1.0')).toBe('delegate.test.');
  });

  it('host:port covers only that port, the default 443 of https included', () => {
    expect(bypassed('graph.delegate.test:8443', 'https://graph.delegate.test:8443/')).toBe('graph.delegate.test:8443');
    expect(bypassed('graph.delegate.test:8443', 'https://graph.delegate.test/')).toBeUndefined();
    expect(bypassed('graph.delegate.test:443', 'https://graph.delegate.test/')).toBe('graph.delegate.test:443');
    expect(bypassed('graph.delegate.test:80', 'http://graph.delegate.test/')).toBe('graph.delegate.test:80');
  });

  it('IPv4 and IPv6 CIDR ranges cover IP targets within them only', () => {
    expect(bypassed('10.0.0.0/8', 'https://10.1.2.3/')).toBe('10.0.0.0/8');
    expect(bypassed('10.0.0.0/8', 'https://11.1.2.3/')).toBeUndefined();
    expect(bypassed('127.0.0.0/8', 'https://127.0.0.1:8443/')).toBe('127.0.0.0/8');
    expect(bypassed('fd00::/8', 'https://[fd12::1]/')).toBe('fd00::/8');
    expect(bypassed('fd00::/8', 'https://[fe80::1]/')).toBeUndefined();
    expect(bypassed('::1/128', 'https://[::1]:8443/')).toBe('::1/128');
    // A name is never resolved here: behind a proxy only the proxy may know it.
    expect(bypassed('127.0.0.0/8', 'https://localhost/')).toBeUndefined();
    expect(bypassed('10.0.0.0/8', 'https://[fd00::1]/')).toBeUndefined();
  });

  it('literal IPs match the same address however it is written', () => {
    expect(bypassed('127.0.0.1', 'https://127.0.0.1:9/')).toBe('127.0.0.1');
    expect(bypassed('::1', 'https://[::1]/')).toBe('::1');
    expect(bypassed('[::1]', 'https://[::1]/')).toBe('[::1]');
    expect(bypassed('0:0:0:0:0:0:0:1', 'https://[::1]/')).toBe('0:0:0:0:0:0:0:1');
    expect(bypassed('[::1]:8443', 'https://[::1]:8443/')).toBe('[::1]:8443');
    expect(bypassed('[::1]:8443', 'https://[::1]:9443/')).toBeUndefined();
    expect(bypassed('127.0.0.1', 'https://127.0.0.2/')).toBeUndefined();
  });

  it('"*" alone sends everything direct', () => {
    expect(bypassed('*', 'https://graph.microsoft.com/')).toBe('*');
    expect(bypassed('foo.test, *', 'https://graph.microsoft.com/')).toBe('*');
  });

  it('loopback goes through the proxy unless it is listed', () => {
    expect(bypassed('contoso.com', 'https://localhost/')).toBeUndefined();
    expect(bypassed('contoso.com', 'https://127.0.0.1/')).toBeUndefined();
    expect(bypassed('localhost', 'https://localhost:8443/')).toBe('localhost');
  });

  it('spaces around or instead of commas are tolerated', () => {
    expect(bypassed(' foo.test ,  graph.delegate.test ', 'https://graph.delegate.test/')).toBe('graph.delegate.test');
    expect(bypassed('foo.test graph.delegate.test', 'https://graph.delegate.test/')).toBe('graph.delegate.test');
    expect(bypassed(',,  ,', 'https://graph.delegate.test/')).toBeUndefined();
  });

  it('junk entries are ignored, never fatal, and never match everything', () => {
    const junk = 'http://graph.delegate.test, 1.2.3.4/99, ::1/999, 10.0.0.0/x, a:b:c, host:99999, host:0, user@host, *.*, [::1, ., *., /8';
    expect(() => bypassed(junk, 'https://graph.delegate.test/')).not.toThrow();
    expect(bypassed(junk, 'https://graph.delegate.test/')).toBeUndefined();
    expect(bypassed(junk, 'https://1.2.3.4/')).toBeUndefined();
    expect(bypassed(junk, 'https://host:99999/'.replace('99999', '443'))).toBeUndefined();
    expect(bypassed(`${junk}, graph.delegate.test`, 'https://graph.delegate.test/')).toBe('graph.delegate.test');
  });
});

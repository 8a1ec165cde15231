/**
 * Doctor's judgements that need no network: clock skew thresholds, the exit code of a report, missing scopes,
 * the hosts a profile depends on, and finding a proxy's password again without ever showing it.
 */
import { describe, expect, it } from 'vitest';
import { describeSkew, judgeSkew, measureSkew, SKEW_FAIL_MS, SKEW_WARN_MS } from '../../../electron/core/doctor/clock-skew.js';
import { doctorEndpoints, tenantSharePoint } from '../../../electron/core/doctor/doctor-endpoints.js';
import { missingScopes } from '../../../electron/core/doctor/granted-scopes.js';
import { proxyWithCredentials, redactProxy } from '../../../electron/core/doctor/proxy-credentials.js';
import { doctorExitCode } from '../../../electron/cli/doctor-exit-code.js';
import type { Profile } from '../../../shared/models/profile.js';

const profile = (changes: Partial<Profile> = {}): Profile => ({
  name: 'work',
  id: 'p1',
  cloud: 'global',
  clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
  tenant: 'organizations',
  scopes: ['User.Read'],
  extraResources: [],
  lifetimeDays: 90,
  warningDays: 7,
  cacheBackend: 'keychain',
  ...changes,
});

describe('clock skew', () => {
  it('up to two minutes either way passes, beyond that warns, and beyond five minutes fails (Entra refuses tokens)', () => {
    expect(judgeSkew(0)).toBe('pass');
    expect(judgeSkew(SKEW_WARN_MS)).toBe('pass');
    expect(judgeSkew(-SKEW_WARN_MS)).toBe('pass');
    expect(judgeSkew(SKEW_WARN_MS + 1_000)).toBe('warn');
    expect(judgeSkew(-(SKEW_WARN_MS + 1_000))).toBe('warn');
    expect(judgeSkew(SKEW_FAIL_MS)).toBe('warn');
    expect(judgeSkew(SKEW_FAIL_MS + 1_000)).toBe('fail');
    expect(judgeSkew(-(SKEW_FAIL_MS + 1_000))).toBe('fail');
  });

  it('measures against the middle of the exchange and says which side is behind', () => {
    const sent = Date.parse('2026-12-03T10:00:00Z');
    // The server stamped 10:07:00 while our clock read 10:00:00–10:00:02: we are about 7 minutes behind.
    const skew = measureSkew('Thu, 03 Dec 2026 10:07:01 GMT', sent, sent + 2_000);
    expect(skew).toBe(7 * 60_000);
    expect(describeSkew(skew as number)).toBe('7 minutes behind the server');
    expect(describeSkew(-90_000)).toBe('90 seconds ahead of the server');
    expect(measureSkew(undefined, sent, sent)).toBeNull();
    expect(measureSkew('not a date', sent, sent)).toBeNull();
  });
});

describe('the exit code of a report', () => {
  it('is 0 when nothing failed, warnings included', () => {
    expect(doctorExitCode([{ status: 'pass' }, { status: 'warn' }])).toBe(0);
  });

  it('is the worst failure: keychain locked before network before sign-in before configuration before anything else', () => {
    expect(doctorExitCode([{ status: 'fail', code: 'network' }, { status: 'fail', code: 'keychain-locked' }])).toBe(5);
    expect(doctorExitCode([{ status: 'fail', code: 'sign-in-required' }, { status: 'fail', code: 'network' }])).toBe(4);
    expect(doctorExitCode([{ status: 'fail', code: 'signed-out' }, { status: 'fail', code: 'auth-failed' }])).toBe(3);
    expect(doctorExitCode([{ status: 'fail', code: 'invalid-config' }, { status: 'fail', code: 'unexpected' }])).toBe(2);
    expect(doctorExitCode([{ status: 'fail' }])).toBe(1);
    // A warning's code never counts.
    expect(doctorExitCode([{ status: 'warn', code: 'network' }])).toBe(0);
  });
});

describe('scopes the token lacks', () => {
  it('compares permission names case-insensitively, ignores OpenID scopes, and reads national-cloud qualified names', () => {
    expect(missingScopes(['User.Read', 'mail.send', 'offline_access', 'openid'], ['user.read', 'Mail.Send'])).toEqual([]);
    expect(missingScopes(['User.Read', 'ChannelMessage.Send'], ['User.Read'])).toEqual(['ChannelMessage.Send']);
    expect(missingScopes(['https://graph.microsoft.us/Mail.Send'], ['Mail.Send'])).toEqual([]);
    expect(missingScopes(['https://graph.microsoft.us/Mail.Send'], [])).toEqual(['https://graph.microsoft.us/Mail.Send']);
  });
});

describe('the hosts a profile depends on', () => {
  it('global cloud: the sign-in host, Graph, the tenant SharePoint from the account, and *.1drv.com for its proxy decision only', () => {
    const list = doctorEndpoints(profile(), 'megan@contoso.onmicrosoft.com');
    expect(list.map((endpoint) => [endpoint.id, endpoint.url.host, endpoint.connect])).toEqual([
      ['login', 'login.microsoftonline.com', true],
      ['graph', 'graph.microsoft.com', true],
      ['sharepoint', 'contoso.sharepoint.com', true],
      ['download', 'public.files.1drv.com', false],
    ]);
  });

  it('the tenant given as contoso.onmicrosoft.com names its SharePoint; a vanity domain or GUID does not, and an extra resource is not listed twice', () => {
    expect(tenantSharePoint(profile({ tenant: 'Fabrikam.onmicrosoft.com' }))?.host).toBe('fabrikam.sharepoint.com');
    expect(tenantSharePoint(profile({ tenant: 'contoso.com' }), 'megan@contoso.com')).toBeNull();
    expect(tenantSharePoint(profile({ tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47' }))).toBeNull();
    expect(tenantSharePoint(profile({ cloud: 'usgov', tenant: 'agency.onmicrosoft.us' }))?.host).toBe('agency.sharepoint.us');
    const withResource = doctorEndpoints(profile({ tenant: 'contoso.onmicrosoft.com', extraResources: ['https://contoso.sharepoint.com'] }));
    expect(withResource.filter((endpoint) => endpoint.url.host === 'contoso.sharepoint.com').map((endpoint) => endpoint.id)).toEqual(['resource-1']);
  });

  it('a custom cloud: its authority, its Graph and downloads on the Graph host', () => {
    const list = doctorEndpoints(profile({ cloud: 'custom', authorityHost: 'https://127.0.0.1:8443', graphBaseUrl: 'https://127.0.0.1:8443/graph' }));
    expect(list.map((endpoint) => [endpoint.id, endpoint.url.href, endpoint.connect])).toEqual([
      ['login', 'https://127.0.0.1:8443/', true],
      ['graph', 'https://127.0.0.1:8443/graph/', true],
      ['download', 'https://127.0.0.1:8443/', true],
    ]);
  });
});

describe("the proxy's password", () => {
  it('is never shown: the decision carries ***, and the real one is found again only to open the tunnel', () => {
    expect(redactProxy('http://alice:s3cret@proxy.corp:8080')).toBe('http://alice:***@proxy.corp:8080');
    expect(redactProxy('http://proxy.corp:8080/')).toBe('http://proxy.corp:8080');
    const env = { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:8080', HTTP_PROXY: 'http://bob:other@proxy.corp:8080' };
    expect(proxyWithCredentials('http://alice:***@proxy.corp:8080', [], env)?.password).toBe('s3cret');
    // The profile's setting is preferred to the environment when both name the same proxy and user.
    expect(proxyWithCredentials('http://alice:***@proxy.corp:8080', ['http://alice:fromconfig@proxy.corp:8080'], env)?.password).toBe('fromconfig');
    // Not found anywhere: no credentials are invented (the proxy's 407 then says so).
    const unknown = proxyWithCredentials('http://carol:***@proxy.corp:8080', [], env);
    expect(unknown?.username).toBe('');
    expect(unknown?.password).toBe('');
    expect(proxyWithCredentials('http://proxy.corp:3128', [], {})?.host).toBe('proxy.corp:3128');
  });
});

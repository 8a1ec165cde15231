/**
 * DNS, TCP and TLS as doctor checks them, against real local servers: a TLS server whose CA only the profile's
 * CA file holds (as a TLS-inspecting proxy's root would be held only by the OS store), a CONNECT proxy demanding
 * Basic auth, a closed port and a server that never answers the handshake.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTlsMaterial, type TlsMaterial } from '../../emulator/tls/certificates.js';
import { checkConnection, type ConnectionTarget } from '../../../electron/core/doctor/check-connection.js';
import { findAnchor, parsePemBundle } from '../../../electron/core/doctor/tls-anchor.js';
import { loadTrustStores } from '../../../electron/core/doctor/trust-stores.js';

let material: TlsMaterial;
let server: TlsServer;
let port: number;
let dir: string;
let caFile: string;
let proxy: HttpServer;
let proxyPort: number;
let silent: NetServer;
let silentPort: number;
const proxyLog: string[] = [];

beforeAll(async () => {
  material = await createTlsMaterial();
  dir = mkdtempSync(join(tmpdir(), 'delegate-doctor-'));
  caFile = join(dir, 'corporate-root.pem');
  writeFileSync(caFile, material.caCertificatePem);
  server = createTlsServer({ cert: material.serverCertificatePem, key: material.serverKeyPem }, (socket) => socket.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;

  // A forward proxy that demands Basic credentials, as corporate proxies do.
  proxy = createHttpServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request, client: Socket) => {
    proxyLog.push(request.url ?? '');
    const expected = `Basic ${Buffer.from('alice:s3cret:with:colons').toString('base64')}`;
    if (request.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, targetPort] = (request.url ?? '').split(':');
    const upstream = connect(Number(targetPort), host?.endsWith('.test') ? '127.0.0.1' : (host ?? ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  proxyPort = (proxy.address() as AddressInfo).port;

  // Accepts TCP, then says nothing: a handshake that never ends.
  silent = createNetServer(() => undefined);
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  silentPort = (silent.address() as AddressInfo).port;
});

afterAll(() => {
  server.close();
  proxy.closeAllConnections();
  proxy.close();
  silent.close();
  rmSync(dir, { recursive: true, force: true });
});

const direct = (url: string): ConnectionTarget => ({ url: new URL(url), label: 'the sign-in host', decision: { target: url, proxy: null, source: 'none' }, profileName: 'work' });

describe('TLS: the chain and the CA that trusted it', () => {
  it('names the profile CA file as the anchor, with the chain, when that file holds the root', async () => {
    const findings = await checkConnection(direct(`https://127.0.0.1:${port}/`), loadTrustStores(caFile));
    expect(findings.map((finding) => [finding.id.split(':')[0], finding.status])).toEqual([
      ['dns', 'pass'],
      ['tcp', 'pass'],
      ['tls', 'pass'],
    ]);
    const tls = findings[2];
    expect(tls?.detail).toContain(`trusted through the profile's CA file ${caFile}`);
    expect(tls?.detail).toContain('CN=localhost');
    expect(tls?.data).toMatchObject({ anchor: { source: 'profile-ca-file' }, chain: [{ subject: 'CN=localhost', issuer: expect.stringContaining('Delegate Entra ID Emulator CA') }, { subject: expect.stringContaining('Delegate Entra ID Emulator CA') }] });
  });

  it('fails a chain no store holds, saying it looks like a TLS-inspecting proxy and how to trust the root', async () => {
    const findings = await checkConnection(direct(`https://127.0.0.1:${port}/`), loadTrustStores(undefined));
    const tls = findings.find((finding) => finding.area === 'tls');
    expect(tls).toMatchObject({ status: 'fail', code: 'network' });
    expect(tls?.detail).toContain('is not trusted');
    expect(tls?.detail).toContain('looks like a TLS-inspecting proxy');
    expect(tls?.detail).toContain('Delegate Entra ID Emulator CA');
    expect(tls?.action).toContain('OS trust store');
    expect(tls?.action).toContain('update-ca-certificates');
    expect(tls?.action).toContain('delegate profiles set work --ca-file ROOT.pem');
  });

  it('does not take a look-alike root with the same name as the anchor: the signature must match', async () => {
    const other = await createTlsMaterial();
    const leaf = new X509Certificate(material.serverCertificatePem);
    const lookAlike = parsePemBundle([other.caCertificatePem]);
    expect(lookAlike[0]?.subject).toBe(new X509Certificate(material.caCertificatePem).subject);
    expect(findAnchor([leaf], [{ source: 'os-store', label: 'the OS trust store', certificates: lookAlike }])).toBeNull();
    const real = parsePemBundle([material.caCertificatePem]);
    expect(findAnchor([leaf], [{ source: 'os-store', label: 'the OS trust store', certificates: [...lookAlike, ...real] }])).toMatchObject({ source: 'os-store' });
  });
});

describe('through a proxy', () => {
  // The proxy alone resolves names under .test; the test certificate is for localhost.
  const viaProxy = (configuredProxy: string, host = 'localhost'): ConnectionTarget => ({
    url: new URL(`https://${host}:${port}/`),
    label: 'the sign-in host',
    decision: { target: `https://${host}:${port}/`, proxy: `http://alice:***@127.0.0.1:${proxyPort}`, source: 'env', rule: 'HTTPS_PROXY' },
    profileName: 'work',
    configuredProxy,
  });

  it('DNS and TCP are the proxy\'s, and TLS runs inside its tunnel with the password it was given', async () => {
    const password = encodeURIComponent('s3cret:with:colons');
    const findings = await checkConnection(viaProxy(`http://alice:${password}@127.0.0.1:${proxyPort}`), loadTrustStores(caFile));
    expect(findings.map((finding) => finding.status)).toEqual(['pass', 'pass', 'pass']);
    expect(findings[0]?.detail).toContain('the proxy resolves localhost itself');
    expect(findings[1]?.detail).toContain(`opened a tunnel to localhost:${port}`);
    expect(proxyLog).toContain(`localhost:${port}`);
    // The password is used, never shown.
    expect(JSON.stringify(findings)).not.toContain('s3cret');
  });

  it('a certificate for other names than the host asked for says something else answered (a portal, a proxy)', async () => {
    const password = encodeURIComponent('s3cret:with:colons');
    const findings = await checkConnection(viaProxy(`http://alice:${password}@127.0.0.1:${proxyPort}`, 'login.contoso.test'), loadTrustStores(caFile));
    const tls = findings.find((finding) => finding.area === 'tls');
    expect(tls).toMatchObject({ status: 'fail', code: 'network' });
    expect(tls?.detail).toContain('is for other names');
    expect(tls?.action).toContain('Something other than login.contoso.test answered (the proxy)');
  });

  it('a wrong password gives the 407 line: the proxy asks for credentials, and where to put them', async () => {
    const findings = await checkConnection(viaProxy(`http://alice:wrong@127.0.0.1:${proxyPort}`), loadTrustStores(caFile));
    const tcp = findings.find((finding) => finding.id.startsWith('tcp:'));
    expect(tcp).toMatchObject({ status: 'fail', code: 'network' });
    expect(tcp?.detail).toContain('asks for credentials (407');
    expect(tcp?.action).toContain('HTTPS_PROXY=http://USER:PASSWORD@proxy:port');
    expect(findings.some((finding) => finding.area === 'tls')).toBe(false);
    expect(JSON.stringify(findings)).not.toContain('wrong');
  });
});

describe('a dead or silent network', () => {
  it('a closed port fails the TCP line with the reason, and TLS is not tried', async () => {
    const closed = createNetServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    closed.close();
    const findings = await checkConnection(direct(`https://127.0.0.1:${closedPort}/`), loadTrustStores(undefined));
    expect(findings.map((finding) => [finding.area, finding.status])).toEqual([
      ['network', 'pass'],
      ['network', 'fail'],
    ]);
    expect(findings[1]?.detail).toContain('ECONNREFUSED');
  });

  it('a server that never finishes the handshake ends in a "timed out" line, not a hang', async () => {
    const findings = await checkConnection(direct(`https://127.0.0.1:${silentPort}/`), loadTrustStores(undefined), 300);
    const tls = findings.find((finding) => finding.area === 'tls');
    expect(tls).toMatchObject({ status: 'fail', code: 'network' });
    expect(tls?.detail).toContain('timed out (no answer within 0.3 seconds)');
  });

  it('a name that does not resolve fails the DNS line and stops there', async () => {
    const findings = await checkConnection(direct('https://no-such-host.invalid/'), loadTrustStores(undefined), 5_000);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ area: 'network', status: 'fail', code: 'network' });
    expect(findings[0]?.detail).toContain('no-such-host.invalid could not be resolved');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, ERR_CERT_AUTHORITY_INVALID, ProfileCaTrust, USE_CHROMIUM, type PresentedCertificate } from '../../../electron/core/net/profile-ca-trust.js';
import { createTlsMaterial, type TlsMaterial } from '../../emulator/tls/certificates.js';

let emulator: TlsMaterial;
let stranger: TlsMaterial;
const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  [emulator, stranger] = await Promise.all([createTlsMaterial(), createTlsMaterial()]);
});

function trustWith(files: Record<string, string>, now = new Date()): ProfileCaTrust {
  return new ProfileCaTrust({
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    now: () => now,
  });
}

function presented(material: TlsMaterial, withRoot = false): PresentedCertificate {
  return { data: material.serverCertificatePem, issuerCert: withRoot ? { data: material.caCertificatePem } : null };
}

describe("a profile's CA file in the app", () => {
  it("trusts the emulator's certificate on the profile's host when Chromium only lacks the CA", () => {
    const trust = trustWith({ '/home/emu-ca.pem': emulator.caCertificatePem });
    trust.allow('127.0.0.1', '/home/emu-ca.pem');

    expect(trust.verdict({ hostname: '127.0.0.1', certificate: presented(emulator), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(ACCEPT);
    expect(trust.verdict({ hostname: '127.0.0.1', certificate: presented(emulator, true), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(ACCEPT);
  });

  it('leaves every other host to Chromium, even one the same certificate names', () => {
    const trust = trustWith({ '/home/emu-ca.pem': emulator.caCertificatePem });
    trust.allow('127.0.0.1', '/home/emu-ca.pem');

    expect(trust.verdict({ hostname: 'localhost', certificate: presented(emulator), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(USE_CHROMIUM);
  });

  it('does not accept a certificate from another CA on the profile host', () => {
    const trust = trustWith({ '/home/emu-ca.pem': emulator.caCertificatePem });
    trust.allow('127.0.0.1', '/home/emu-ca.pem');

    expect(trust.verdict({ hostname: '127.0.0.1', certificate: presented(stranger), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(USE_CHROMIUM);
  });

  it('does not accept a chain whose presented root claims the CA name but was signed by another key', () => {
    const trust = trustWith({ '/home/emu-ca.pem': emulator.caCertificatePem });
    trust.allow('127.0.0.1', '/home/emu-ca.pem');
    // Both CAs carry the same subject: only the signature tells them apart.
    const forged: PresentedCertificate = { data: stranger.serverCertificatePem, issuerCert: { data: stranger.caCertificatePem } };

    expect(trust.verdict({ hostname: '127.0.0.1', certificate: forged, errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(USE_CHROMIUM);
  });

  it('never overrides another refusal of Chromium (expired, wrong name, revoked)', () => {
    const trust = trustWith({ '/home/emu-ca.pem': emulator.caCertificatePem });
    trust.allow('127.0.0.1', '/home/emu-ca.pem');

    for (const errorCode of [-201 /* DATE_INVALID */, -200 /* COMMON_NAME_INVALID */, -206 /* REVOKED */]) {
      expect(trust.verdict({ hostname: '127.0.0.1', certificate: presented(emulator), errorCode })).toBe(USE_CHROMIUM);
    }
  });

  it("leaves a certificate Chromium already trusts to Chromium's verdict", () => {
    const trust = trustWith({});
    expect(trust.verdict({ hostname: 'graph.microsoft.com', certificate: presented(stranger), errorCode: 0 })).toBe(USE_CHROMIUM);
  });

  it('does not accept a certificate for another name, even on an allowed host', () => {
    const trust = trustWith({ '/home/emu-ca.pem': emulator.caCertificatePem });
    trust.allow('login.contoso.test', '/home/emu-ca.pem');

    expect(trust.verdict({ hostname: 'login.contoso.test', certificate: presented(emulator), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(USE_CHROMIUM);
  });

  it('does not accept an expired certificate from the CA', () => {
    const trust = trustWith({ '/home/emu-ca.pem': emulator.caCertificatePem }, new Date(Date.now() + 40 * DAY_MS));
    trust.allow('127.0.0.1', '/home/emu-ca.pem');

    expect(trust.verdict({ hostname: '127.0.0.1', certificate: presented(emulator), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(USE_CHROMIUM);
  });

  it('does not let a server certificate put in the CA file vouch for itself', () => {
    const trust = trustWith({ '/home/leaf.pem': emulator.serverCertificatePem });
    trust.allow('127.0.0.1', '/home/leaf.pem');

    expect(trust.verdict({ hostname: '127.0.0.1', certificate: presented(emulator), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(USE_CHROMIUM);
  });

  it("keeps Chromium's refusal when the CA file is gone or is not PEM", () => {
    const trust = trustWith({ '/home/garbage.pem': '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n' });
    trust.allow('127.0.0.1', '/home/missing.pem');
    trust.allow('127.0.0.1', '/home/garbage.pem');

    expect(trust.verdict({ hostname: '127.0.0.1', certificate: presented(emulator), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(USE_CHROMIUM);
  });

  it('finds the CA in a bundle of several certificates', () => {
    const trust = trustWith({ '/home/bundle.pem': `${stranger.caCertificatePem}\n${emulator.caCertificatePem}` });
    trust.allow('127.0.0.1', '/home/bundle.pem');

    expect(trust.verdict({ hostname: '127.0.0.1', certificate: presented(emulator), errorCode: ERR_CERT_AUTHORITY_INVALID })).toBe(ACCEPT);
  });
});

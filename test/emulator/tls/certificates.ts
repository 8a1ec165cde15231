import { webcrypto } from 'node:crypto';
import { x509 } from './x509.js';

/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1, localhost, delegate.test and
 * *.delegate.test (names that only a test proxy resolves, see the emulator's `hostname` option).
 *
 * ECDSA P-256 keeps start-up fast. Clients trust the CA (NODE_EXTRA_CA_CERTS or `ca:`), never the
 * leaf, so the chain is checked the way it is against the real login.microsoftonline.com.
 */

export interface TlsMaterial {
  readonly caCertificatePem: string;
  readonly serverCertificatePem: string;
  readonly serverKeyPem: string;
}

const ECDSA: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;

const crypto = webcrypto;

/** @param caName the CA's subject; tests make a second, unrelated root (a TLS-inspecting proxy's) with another. */
export async function createTlsMaterial(caName = 'CN=Delegate Entra ID Emulator CA, O=Delegate tests'): Promise<TlsMaterial> {
  const notBefore = new Date(Date.now() - DAY_MS);
  const notAfter = new Date(Date.now() + 30 * DAY_MS);

  const caKeys = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const caCertificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: caName,
    keys: caKeys,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const serverKeys = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const serverCertificate = await x509.X509CertificateGenerator.create({
    subject: 'CN=localhost',
    issuer: caCertificate.subject,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
        // Names only a test proxy resolves (the `hostname` option): login.delegate.test, graph.delegate.test…
        { type: 'dns', value: 'delegate.test' },
        { type: 'dns', value: '*.delegate.test' },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const serverKeyDer = await crypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
  return {
    caCertificatePem: caCertificate.toString('pem'),
    serverCertificatePem: serverCertificate.toString('pem'),
    serverKeyPem: x509.PemConverter.encode(serverKeyDer, 'PRIVATE KEY'),
  };
}

import { createHash, KeyObject, webcrypto } from 'node:crypto';
import { x509 } from '../tls/x509.js';

/**
 * The RSA key that signs every token, published in the JWKS the way Entra publishes its keys:
 * `kid` equals `x5t` (the certificate's SHA-1 thumbprint) and `x5c` carries the certificate.
 */

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly jwk: PublishedJwk;
}

export interface PublishedJwk {
  readonly kty: 'RSA';
  readonly use: 'sig';
  readonly kid: string;
  readonly x5t: string;
  readonly n: string;
  readonly e: string;
  readonly x5c: readonly string[];
  readonly issuer: string;
}

const RSA_SIGNING: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

const crypto = webcrypto;

export async function createSigningKey(issuerTemplate: string): Promise<SigningKey> {
  const keys = await crypto.subtle.generateKey(RSA_SIGNING, true, ['sign', 'verify']);
  // Entra's token-signing certificates are self-signed with this subject.
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=accounts.accesscontrol.windows.net',
    keys,
    notBefore: new Date(Date.now() - 24 * 60 * 60 * 1000),
    notAfter: new Date(Date.now() + 5 * 365 * 24 * 60 * 60 * 1000),
  });
  const der = Buffer.from(certificate.rawData);
  const x5t = createHash('sha1').update(der).digest('base64url');
  const privateKey = KeyObject.from(keys.privateKey);
  const publicKey = KeyObject.from(keys.publicKey);
  const exported = publicKey.export({ format: 'jwk' });
  if (typeof exported.n !== 'string' || typeof exported.e !== 'string') {
    throw new Error('emulator signing key: RSA public key did not export n and e');
  }
  return {
    kid: x5t,
    privateKey,
    publicKey,
    jwk: {
      kty: 'RSA',
      use: 'sig',
      kid: x5t,
      x5t,
      n: exported.n,
      e: exported.e,
      x5c: [der.toString('base64')],
      issuer: issuerTemplate,
    },
  };
}

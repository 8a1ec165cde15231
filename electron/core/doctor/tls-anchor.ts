/**
 * Which trust store vouched for a server's certificate chain: the profile's CA file, the OS trust store, Node's
 * bundled Mozilla list or NODE_EXTRA_CA_CERTS — found by matching the chain's last issuer against each store's
 * certificates (name first, then the signature, so a look-alike root with the same name does not count).
 *
 * That answer is what tells a person behind a TLS-inspecting proxy what is going on: a chain for
 * graph.microsoft.com that ends at "Contoso Inspection Root" in the OS store is the proxy at work, and fine; one
 * that ends at a root no store holds is why every request fails.
 */
import { X509Certificate } from 'node:crypto';

export type AnchorSource = 'profile-ca-file' | 'os-store' | 'node-bundled' | 'node-extra-ca-certs';

export interface TrustStore {
  source: AnchorSource;
  /** For people: "the profile's CA file /path/ca.pem", "the OS trust store"… */
  label: string;
  certificates: readonly X509Certificate[];
}

export interface ChainEntry {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

export interface Anchor {
  source: AnchorSource;
  label: string;
  /** The trusted root (or intermediate) certificate's subject. */
  subject: string;
}

/** One line per name, the common name first: `CN=graph.microsoft.com, O=Microsoft Corporation, C=US`. */
export function readableName(name: string): string {
  const parts = name.split('\n').filter(Boolean).reverse();
  return [...parts.filter((part) => part.startsWith('CN=')), ...parts.filter((part) => !part.startsWith('CN='))].join(', ');
}

export function describeChain(chain: readonly X509Certificate[]): ChainEntry[] {
  return chain.map((certificate) => ({
    subject: readableName(certificate.subject),
    issuer: readableName(certificate.issuer),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    fingerprint256: certificate.fingerprint256,
  }));
}

/**
 * The first store (in the given order) holding the certificate the chain's top one was issued by, or the top
 * one itself (a server that sends its root); null when no store vouches for it.
 */
export function findAnchor(chain: readonly X509Certificate[], stores: readonly TrustStore[]): Anchor | null {
  const top = chain[chain.length - 1];
  if (!top) return null;
  for (const store of stores) {
    for (const candidate of store.certificates) {
      if (candidate.fingerprint256 === top.fingerprint256 || (top.issuer === candidate.subject && issuedBy(top, candidate))) {
        return { source: store.source, label: store.label, subject: readableName(candidate.subject) };
      }
    }
  }
  return null;
}

function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Parsed certificates by PEM block: the OS and Node stores hold hundreds, and parsing them all again on every
 * "Check again" costs tens of milliseconds. Keyed by content, so a root installed since is still parsed anew.
 */
const parsed = new Map<string, X509Certificate | null>();

/** PEM text (one or many certificates) → certificates; unreadable blocks are skipped. */
export function parsePemBundle(pems: readonly string[]): X509Certificate[] {
  const blocks = pems.flatMap((pem) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []);
  return blocks.flatMap((block) => {
    let certificate = parsed.get(block);
    if (certificate === undefined) {
      try {
        certificate = new X509Certificate(block);
      } catch {
        certificate = null;
      }
      parsed.set(block, certificate);
    }
    return certificate ? [certificate] : [];
  });
}

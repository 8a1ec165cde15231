/**
 * The TLS trust of Delegate's own HTTPS requests: the OS trust store, Node's bundled roots (plus
 * NODE_EXTRA_CA_CERTS) and the profile's extra CA file, for every cloud.
 *
 * The OS store is what makes a TLS-inspecting corporate proxy work without flags: its root is installed there by
 * the company (on Linux Node reads OpenSSL's default file and folder, which honour SSL_CERT_FILE/SSL_CERT_DIR).
 * Node does not use it by default, and a profile's CA is known only once the profile is loaded, so every
 * connection carries one SecureContext built from all three. (`tls.setDefaultCACertificates` would be
 * process-wide, while one process — the app, the daemon — serves profiles with different CA files.)
 *
 * Cost (measured on the 2-core CI machine): reading the system store takes 30–45 ms and building a context from
 * ~600 roots 15–25 ms — a third of a `delegate token` refresh. So a connection first uses the quick context
 * (quickTrustContext: Node's own root store, which Node builds natively, plus the profile's CA: under 10 ms), and
 * only a certificate it does not trust makes the transport build the full one and connect again (https-transport.ts).
 * The trusted set is the same union either way: the quick one is a part of it, tried first. Both are built lazily
 * (the cached `delegate token` path never pays) and once per process and CA file, so keep-alive reconnects and
 * msal's requests reuse them.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createSecureContext, getCACertificates, type SecureContext } from 'node:tls';
import { DelegateError } from '../errors/delegate-error.js';

/** The part of `https.request` / `https.Agent` options that decides which servers are trusted. */
export interface HttpsTrustOptions {
  ca?: string[];
}

/** Where the trusted roots come from, for `doctor` ("which CA trusted it") and support. */
export interface TrustSources {
  /** The OS trust store. Empty when it cannot be read. */
  system: string[];
  /** Node's bundled Mozilla roots plus NODE_EXTRA_CA_CERTS. */
  node: string[];
  /** The profile's `caFile`, when it has one. */
  profile: string[];
}

interface CachedTrust {
  key: string;
  certificates: string[];
  context?: SecureContext;
}

const cache = new Map<string, CachedTrust>();
const quickCache = new Map<string, { key: string; context: SecureContext }>();
let systemCache: string[] | undefined;

/** Every root Delegate trusts for a profile, without duplicates: the OS store, Node's, the profile's CA file. */
export function httpsAgentOptions(caFile?: string): HttpsTrustOptions {
  return { ca: trustedCertificates(caFile) };
}

export function trustedCertificates(caFile?: string): string[] {
  return cached(caFile).certificates;
}

/** One SecureContext per process and CA file: building one from ~600 roots is the expensive part. */
export function trustContext(caFile?: string): SecureContext {
  const entry = cached(caFile);
  entry.context ??= createSecureContext({ ca: entry.certificates });
  return entry.context;
}

/**
 * Node's own roots (with NODE_EXTRA_CA_CERTS) and the profile's CA, without the OS store: what most connections
 * need, at a fraction of trustContext's cost. `addCACert` on a context made without `ca` adds to a copy of Node's
 * root store (the `ca` option would replace the roots); where a runtime lacks it, the full context is the answer.
 */
export function quickTrustContext(caFile?: string): SecureContext {
  const key = caFile ? `${caFile}\0${fileStamp(caFile)}` : '';
  const known = quickCache.get(caFile ?? '');
  if (known && known.key === key) return known.context;
  const context = createSecureContext();
  const native = (context as { context?: { addCACert?: (pem: string) => void } }).context;
  if (caFile) {
    if (typeof native?.addCACert !== 'function') return trustContext(caFile);
    for (const certificate of splitPem(readCaFile(caFile), caFile)) native.addCACert(certificate);
  }
  quickCache.set(caFile ?? '', { key, context });
  return context;
}

export function trustSources(caFile?: string): TrustSources {
  return { system: systemCertificates(), node: getCACertificates('default'), profile: caFile ? splitPem(readCaFile(caFile), caFile) : [] };
}

/** The OS trust store, read once per process (Node caches it too, but a failure must not be retried each time). */
export function systemCertificates(): string[] {
  if (systemCache === undefined) {
    try {
      systemCache = getCACertificates('system');
    } catch {
      // A broken store (unreadable folder) leaves Node's roots and the profile's CA; doctor reports it as empty.
      systemCache = [];
    }
  }
  return systemCache;
}

function cached(caFile: string | undefined): CachedTrust {
  // The file's identity is part of the key, so a long-running daemon picks up a replaced CA file.
  const key = caFile ? `${caFile}\0${fileStamp(caFile)}` : '';
  const known = cache.get(caFile ?? '');
  if (known && known.key === key) return known;
  const sources = trustSources(caFile);
  const entry: CachedTrust = { key, certificates: [...new Set([...sources.system, ...sources.node, ...sources.profile])] };
  cache.set(caFile ?? '', entry);
  return entry;
}

function fileStamp(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}

function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DelegateError({
      code: 'invalid-config',
      message: `The CA file ${path} cannot be read: ${(error as Error).message}.`,
      action: 'Point the profile at an existing PEM file (delegate profiles set NAME --ca-file PATH).',
    });
  }
}

/** The certificates of a PEM file, each with its BEGIN/END lines; a file without one is an error, not "trust nothing". */
function splitPem(text: string, path: string): string[] {
  const certificates = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certificates.length === 0) {
    throw new DelegateError({
      code: 'invalid-config',
      message: `The CA file ${path} holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line).`,
      action: 'Export the CA certificate as PEM (Base-64) and point the profile at that file (delegate profiles set NAME --ca-file PATH).',
    });
  }
  certificates.forEach((certificate, index) => {
    try {
      new X509Certificate(certificate);
    } catch (error) {
      // OpenSSL would drop it silently here and the one CA that mattered would be "not trusted" with no reason;
      // curl and Python refuse such a bundle outright, and the scripts' bundle is built from this file.
      throw new DelegateError({
        code: 'invalid-config',
        message: `The CA file ${path} holds a damaged certificate (certificate ${index + 1} of ${certificates.length}: ${(error as Error).message}).`,
        action: 'Export the CA certificate again as PEM (Base-64), or remove the damaged block from the file.',
      });
    }
  });
  return certificates.map((certificate) => `${certificate}\n`);
}

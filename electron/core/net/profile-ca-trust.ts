/**
 * A profile's extra CA (`caFile`: a custom cloud, the emulator) in the desktop app, where Chromium verifies TLS.
 *
 * Chromium trusts the OS trust store and has no per-request CA option, so the shell installs a certificate
 * verify procedure on Delegate's own session (never the window's) that asks `verdict` here. Decision, kept
 * narrow on purpose:
 * - Chromium's verdict stands for everything except one error, ERR_CERT_AUTHORITY_INVALID ("signed by an
 *   authority I do not know"). An expired, revoked, wrongly named or weak certificate is never overridden.
 * - Even then only for a host that a transport with that CA file has itself been asked to reach (the
 *   profile's authority, its Graph, the hosts Graph redirected it to): the same scope as node's `ca` option,
 *   which trusts the CA for that profile's requests only.
 * - And only when the chain the server presented really ends in that CA: every link's signature checked
 *   (node:crypto), intermediates marked as CAs, every certificate within its dates, the leaf naming the host.
 * Anything else returns USE_CHROMIUM, so a failure still surfaces as Chromium's own certificate error.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

/** Electron's verify-proc answers: accept, or let Chromium's own verification decide. */
export const ACCEPT = 0;
export const USE_CHROMIUM = -3;
/** Chromium's net::ERR_CERT_AUTHORITY_INVALID. */
export const ERR_CERT_AUTHORITY_INVALID = -202;

/** The part of Electron's Certificate used here: PEM data and the issuer as presented by the server. */
export interface PresentedCertificate {
  data: string;
  issuerCert?: PresentedCertificate | null;
}

/** The part of the verify procedure's request used here. */
export interface VerifyRequest {
  hostname: string;
  certificate: PresentedCertificate;
  /** Chromium's result: 0 when it trusts the chain, else a net error such as -202. */
  errorCode: number;
}

export interface ProfileCaTrustOptions {
  readFile?: (path: string) => string;
  now?: () => Date;
}

/** A server sends at most a handful; more is not a chain worth walking. */
const MAX_CHAIN = 10;

export class ProfileCaTrust {
  private readonly caFilesByHost = new Map<string, Set<string>>();
  private readonly readFile: (path: string) => string;
  private readonly now: () => Date;

  constructor(options: ProfileCaTrustOptions = {}) {
    this.readFile = options.readFile ?? ((path) => readFileSync(path, 'utf8'));
    this.now = options.now ?? (() => new Date());
  }

  /** The CA in `caFile` may vouch for `hostname` from now on (called before each request of that profile). */
  allow(hostname: string, caFile: string): void {
    const host = normalise(hostname);
    const files = this.caFilesByHost.get(host) ?? new Set<string>();
    files.add(caFile);
    this.caFilesByHost.set(host, files);
  }

  verdict(request: VerifyRequest): number {
    if (request.errorCode !== ERR_CERT_AUTHORITY_INVALID) return USE_CHROMIUM;
    const files = this.caFilesByHost.get(normalise(request.hostname));
    if (!files) return USE_CHROMIUM;
    try {
      const chain = presentedChain(request.certificate);
      const now = this.now();
      for (const file of files) {
        // Read at each verdict (Chromium caches its verdicts): a replaced CA file takes effect, a deleted one fails.
        const authorities = readAuthorities(this.readFile(file));
        if (chainEndsIn(chain, authorities, request.hostname, now)) return ACCEPT;
      }
    } catch {
      // An unreadable CA file or a certificate node cannot parse: Chromium's refusal stands.
    }
    return USE_CHROMIUM;
  }
}

function presentedChain(leaf: PresentedCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  for (let current: PresentedCertificate | null | undefined = leaf; current && chain.length < MAX_CHAIN; current = current.issuerCert) {
    const certificate = new X509Certificate(current.data);
    // Electron may repeat a self-signed root as its own issuer.
    if (chain.length > 0 && chain[chain.length - 1]?.fingerprint256 === certificate.fingerprint256) break;
    chain.push(certificate);
  }
  return chain;
}

function readAuthorities(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block)).filter((certificate) => certificate.ca);
}

function chainEndsIn(chain: X509Certificate[], authorities: X509Certificate[], hostname: string, now: Date): boolean {
  const leaf = chain[0];
  if (!leaf || !namesHost(leaf, hostname)) return false;
  for (let index = 0; index < chain.length; index += 1) {
    const certificate = chain[index] as X509Certificate;
    if (!withinDates(certificate, now)) return false;
    const authority = authorities.find((candidate) => signedBy(certificate, candidate) && withinDates(candidate, now));
    if (authority) return true;
    const issuer = chain[index + 1];
    if (!issuer || !issuer.ca || !signedBy(certificate, issuer)) return false;
  }
  return false;
}

function signedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

function withinDates(certificate: X509Certificate, now: Date): boolean {
  return new Date(certificate.validFrom).getTime() <= now.getTime() && now.getTime() <= new Date(certificate.validTo).getTime();
}

function namesHost(leaf: X509Certificate, hostname: string): boolean {
  const host = normalise(hostname);
  return isIP(host) ? leaf.checkIP(host) !== undefined : leaf.checkHost(host, { subject: 'never' }) !== undefined;
}

function normalise(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

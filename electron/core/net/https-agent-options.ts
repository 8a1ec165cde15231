/**
 * The TLS trust of Delegate's own HTTPS requests: the system CAs plus, for a custom cloud, one extra CA file.
 *
 * Node reads NODE_EXTRA_CA_CERTS only at process start, while a profile's CA (the emulator's, a cloud behind
 * a TLS-inspecting proxy) is known only once the profile is loaded; so each request or agent carries `ca`.
 * Giving `ca` replaces Node's list instead of adding to it, hence the system certificates are listed again.
 */
import { readFileSync } from 'node:fs';
import { getCACertificates } from 'node:tls';
import { DelegateError } from '../errors/delegate-error.js';

/** The part of `https.request` / `https.Agent` options that decides which servers are trusted. */
export interface HttpsTrustOptions {
  ca?: string[];
}

/** No `ca` without a CA file, so Node's own default trust (and NODE_EXTRA_CA_CERTS) applies unchanged. */
export function httpsAgentOptions(caFile?: string): HttpsTrustOptions {
  return caFile ? { ca: [...getCACertificates('default'), readCaFile(caFile)] } : {};
}

function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DelegateError({
      code: 'invalid-config',
      message: `The CA file ${path} cannot be read: ${(error as Error).message}.`,
      action: 'Point the profile at an existing PEM file (delegate profiles add NAME --ca-file PATH ...).',
    });
  }
}

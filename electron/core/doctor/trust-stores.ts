/**
 * The trust stores Delegate's requests may rely on, in the order doctor names an anchor: the profile's CA file
 * (most specific), the OS store, Node's bundled list, then NODE_EXTRA_CA_CERTS.
 */
import { readFileSync } from 'node:fs';
import { getCACertificates } from 'node:tls';
import { parsePemBundle, type TrustStore } from './tls-anchor.js';

export interface LoadedTrust {
  stores: TrustStore[];
  /** Every certificate as PEM, for `ca:` when connecting (duplicates removed). */
  pems: string[];
  /** The profile's CA file could not be read: said on the TLS lines. */
  caFileProblem?: string;
}

export function loadTrustStores(caFile: string | undefined): LoadedTrust {
  const stores: TrustStore[] = [];
  const pems: string[] = [];
  let caFileProblem: string | undefined;
  if (caFile) {
    try {
      const pem = readFileSync(caFile, 'utf8');
      stores.push({ source: 'profile-ca-file', label: `the profile's CA file ${caFile}`, certificates: parsePemBundle([pem]) });
      pems.push(pem);
    } catch (error) {
      caFileProblem = `the profile's CA file ${caFile} cannot be read (${(error as Error).message})`;
    }
  }
  const system = safeList('system');
  const bundled = safeList('bundled');
  const extra = safeList('extra');
  stores.push(
    { source: 'os-store', label: 'the OS trust store', certificates: parsePemBundle(system) },
    { source: 'node-bundled', label: "Node's bundled CA list", certificates: parsePemBundle(bundled) },
    { source: 'node-extra-ca-certs', label: 'NODE_EXTRA_CA_CERTS', certificates: parsePemBundle(extra) },
  );
  pems.push(...new Set([...system, ...bundled, ...extra]));
  return { stores, pems, ...(caFileProblem ? { caFileProblem } : {}) };
}

function safeList(kind: 'system' | 'bundled' | 'extra'): string[] {
  try {
    return getCACertificates(kind);
  } catch {
    // An OS store Node cannot read (no store on this system): the other stores still tell.
    return [];
  }
}

/**
 * The network environment of a program Delegate starts (a `script` job): the proxy as Delegate resolved it and
 * a PEM bundle of the trust Delegate uses, so `requests`, `curl`, Node and PowerShell scripts reach Graph the
 * way Delegate does, behind the same proxy and TLS inspection.
 *
 * - Proxy: the profile's or global config.json `proxy` when set (`direct` clears the proxy variables and sets
 *   NO_PROXY=*); otherwise the environment's values, with the lower-case/upper-case precedence settled, so both
 *   spellings say the same thing (tools disagree on which one they read). NO_PROXY is passed on as found: it is
 *   about the script's other destinations too.
 * - Trust: the OS store, Node's roots and the profile's CA, in one file under `<home>/state/ca-bundles/`, named
 *   by its content's hash (so concurrent runs write the same bytes, atomically), given as NODE_EXTRA_CA_CERTS,
 *   REQUESTS_CA_BUNDLE and SSL_CERT_FILE. The certificates are public: the file is 0644.
 * The caller lets the job's own `env` win over all of these.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '../home/delegate-home.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { trustedCertificates } from './https-agent-options.js';
import { DIRECT } from './proxy-decision.js';
import type { TransportOptions } from './transport-factory.js';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'] as const;

export function childNetworkEnv(stateDir: string, options: TransportOptions, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const bundle = writeTrustBundle(stateDir, options.caFile);
  return { ...proxyVariables(options, env), NODE_EXTRA_CA_CERTS: bundle, REQUESTS_CA_BUNDLE: bundle, SSL_CERT_FILE: bundle };
}

/** Both spellings of each variable, `undefined` where the child must not see one (the caller deletes those). */
function proxyVariables(options: TransportOptions, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  const set = (name: (typeof PROXY_VARIABLES)[number], value: string | undefined): void => {
    result[name] = value;
    result[name.toLowerCase()] = value;
  };
  const configured = options.proxy?.trim();
  if (configured && configured.toLowerCase() === DIRECT) {
    set('HTTPS_PROXY', undefined);
    set('HTTP_PROXY', undefined);
    set('NO_PROXY', '*');
    return result;
  }
  for (const name of PROXY_VARIABLES) {
    const found = nonEmpty(env[name.toLowerCase()]) ?? nonEmpty(env[name]);
    set(name, configured && name !== 'NO_PROXY' ? configured : found);
  }
  return result;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** `<stateDir>/ca-bundles/<hash>.pem`, written once per content. */
export function writeTrustBundle(stateDir: string, caFile?: string): string {
  const pem = trustedCertificates(caFile)
    .map((certificate) => (certificate.endsWith('\n') ? certificate : `${certificate}\n`))
    .join('');
  const dir = join(stateDir, 'ca-bundles');
  const path = join(dir, `${createHash('sha256').update(pem).digest('hex').slice(0, 16)}.pem`);
  if (!existsSync(path)) {
    ensurePrivateDir(dir);
    writeFileAtomic(path, pem, 0o644);
  }
  return path;
}

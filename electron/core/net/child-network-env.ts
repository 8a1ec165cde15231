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
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
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

/** How long a replaced bundle is kept: a script started with it may still be running and read it again. */
const OLD_BUNDLE_GRACE_MS = 24 * 60 * 60 * 1000;
const BUNDLE_NAME = /^[0-9a-f]{16}\.pem$/;

/**
 * `<stateDir>/ca-bundles/<hash>.pem`, written once per content. Writing a new one (the OS store was updated, a CA
 * file replaced) removes the bundles Delegate wrote before that are over a day old, so the folder does not grow
 * with every change; anything else in the folder is left alone.
 */
export function writeTrustBundle(stateDir: string, caFile?: string, now: number = Date.now()): string {
  const pem = trustedCertificates(caFile)
    .map((certificate) => (certificate.endsWith('\n') ? certificate : `${certificate}\n`))
    .join('');
  const dir = join(stateDir, 'ca-bundles');
  const path = join(dir, `${createHash('sha256').update(pem).digest('hex').slice(0, 16)}.pem`);
  if (!existsSync(path)) {
    ensurePrivateDir(dir);
    writeFileAtomic(path, pem, 0o644);
    removeOldBundles(dir, path, now);
  }
  return path;
}

function removeOldBundles(dir: string, current: string, now: number): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!BUNDLE_NAME.test(name) || path === current) continue;
    try {
      const stat = lstatSync(path);
      if (stat.isFile() && now - stat.mtimeMs > OLD_BUNDLE_GRACE_MS) rmSync(path);
    } catch {
      // another run removed it first, or it cannot be read: either way, not worth failing a job over
    }
  }
}

/**
 * The script's network variables: Delegate's, then the job's own `env` over them. A job that sets one spelling
 * of a proxy variable (`HTTPS_PROXY`) sets both: otherwise curl, which reads `https_proxy` first, would still go
 * through Delegate's proxy while Python went through the job's.
 */
export function scriptNetworkEnv(stateDir: string, options: TransportOptions, jobEnv: Record<string, string> = {}, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...childNetworkEnv(stateDir, options, env), ...jobEnv };
  for (const upper of PROXY_VARIABLES) {
    const lower = upper.toLowerCase();
    if (upper in jobEnv && !(lower in jobEnv)) result[lower] = jobEnv[upper];
    if (lower in jobEnv && !(upper in jobEnv)) result[upper] = jobEnv[lower];
  }
  return result;
}

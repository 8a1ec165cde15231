/**
 * Broker environment: the variables that point a child's Azure SDK at the run's token broker, and those that
 * would make it pick another credential first.
 *
 * Azure SDKs choose a credential from the environment: a client secret or certificate (EnvironmentCredential),
 * a federated token file (workload identity), Service Fabric (IDENTITY_SERVER_THUMBPRINT), Cloud Shell and
 * Azure ML (MSI_ENDPOINT/MSI_SECRET), Azure Arc (IMDS_ENDPOINT), and with AZURE_CLIENT_ID a user-assigned
 * identity Delegate does not have. Inherited from Delegate's own environment, any of them would quietly replace
 * the broker, so they are dropped; `IDENTITY_ENDPOINT`/`IDENTITY_HEADER` are always set, so that no SDK falls
 * back to probing IMDS at 169.254.169.254. A job's own `env` still wins: it is written on purpose, and
 * `delegate jobs` warns about it (credentialOverrides).
 */
import { CREDENTIAL_VARIABLES } from '../../../shared/jobs/credential-variables.js';

export { CREDENTIAL_VARIABLES };


/** Tells @azure/identity's DefaultAzureCredential (4.x) to use the managed identity only: no developer tools. */
export const TOKEN_CREDENTIALS_VALUE = 'ManagedIdentityCredential';

export interface BrokerAddress {
  endpoint: string;
  secret: string;
}

/**
 * The child's environment: `inherited` without the credential variables, the broker's, then the job's own
 * `env` on top (it wins: see credentialOverrides).
 */
export function brokerChildEnv(inherited: NodeJS.ProcessEnv, broker: BrokerAddress, jobEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const dropped = new Set<string>(CREDENTIAL_VARIABLES);
  for (const [name, value] of Object.entries(inherited)) {
    // Windows names are case-insensitive: `Azure_Client_Secret` is the same variable there.
    if (value !== undefined && !dropped.has(name.toUpperCase())) env[name] = value;
  }
  env.IDENTITY_ENDPOINT = broker.endpoint;
  env.IDENTITY_HEADER = broker.secret;
  env.AZURE_TOKEN_CREDENTIALS = TOKEN_CREDENTIALS_VALUE;
  const merged: NodeJS.ProcessEnv = { ...env, ...jobEnv };
  bypassProxyForLoopback(merged);
  return merged;
}

/**
 * The broker is plain HTTP on 127.0.0.1: with HTTP_PROXY set, Python's requests would send the token request
 * (secret included) to the proxy instead. 127.0.0.1 joins NO_PROXY in both spellings whenever a proxy is set.
 */
function bypassProxyForLoopback(env: NodeJS.ProcessEnv): void {
  const proxied = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY'].some((name) => env[name] || env[name.toLowerCase()]);
  if (!proxied) return;
  const found = env.NO_PROXY ?? env.no_proxy;
  for (const name of ['NO_PROXY', 'no_proxy']) {
    // One spelling missing: it takes the other's list, or curl (which reads no_proxy first) would lose it.
    const current = (env[name] ?? found)?.trim();
    if (current === '*' || current?.split(',').some((entry) => entry.trim() === '127.0.0.1')) continue;
    env[name] = current ? `${current},127.0.0.1` : '127.0.0.1';
  }
}

/** The credential variables a job's own `env` sets: each makes an SDK bypass (or break) the broker. */
export function credentialOverrides(jobEnv: Record<string, string>): string[] {
  const dropped = new Set<string>(CREDENTIAL_VARIABLES);
  return Object.keys(jobEnv).filter((name) => dropped.has(name.toUpperCase()));
}

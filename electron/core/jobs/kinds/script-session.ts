/**
 * Script session: everything a child program of Delegate gets for one run — Delegate's proxy and trust, the
 * token broker (started here, closed by the caller), the environment variable tokens the job names, and the
 * list of secrets to redact from what it prints. Shared by the `script` kind and `delegate exec`.
 */
import { scriptNetworkEnv } from '../../net/child-network-env.js';
import { brokerChildEnv } from '../../broker/broker-env.js';
import { allowedResources, type BrokerSetting, type BrokerResource } from '../../broker/broker-resources.js';
import { startTokenBroker, type BrokerToken, type TokenBroker } from '../../broker/token-broker.js';
import type { TransportOptions } from '../../net/transport-factory.js';

export interface TokenInEnv {
  env: string;
  scopes?: readonly string[] | undefined;
  resource?: string | undefined;
}

export interface ScriptSessionOptions {
  /** `<home>/state`, where the CA bundle for the child is written. */
  stateDir: string;
  network: TransportOptions;
  /** The job's own `env` (wins over Delegate's variables). */
  jobEnv?: Record<string, string>;
  tokens: readonly TokenInEnv[];
  /** A silent token with its expiry (the standard partition): the profile's Graph scopes, given ones, or a resource's. */
  issue(request: { scopes?: readonly string[]; resource?: string }): Promise<BrokerToken>;
  /** The profile's Graph root and extra resources: what the broker serves by default. */
  graphRoot: string;
  extraResources: readonly string[];
  broker?: BrokerSetting;
  /** Who runs the script, for the broker's messages: `job "etl"`, `delegate exec`. */
  owner: string;
  log(line: string): void;
  /** The environment the child starts from; default Delegate's own. */
  inherited?: NodeJS.ProcessEnv;
}

export interface ScriptSession {
  env: NodeJS.ProcessEnv;
  broker: TokenBroker;
  /** Token values and the broker's secret: redacted from output tails and messages. */
  secrets: string[];
  /** Replaces every secret in `text` with `[redacted]`. */
  redact(text: string): string;
}

export async function openScriptSession(options: ScriptSessionOptions): Promise<ScriptSession> {
  const inherited = options.inherited ?? process.env;
  const allowed = allowedResources(options.graphRoot, options.extraResources, options.broker);
  const broker = await startTokenBroker({
    allowed,
    token: (resource: BrokerResource) => options.issue(resource.graph ? {} : { resource: resource.resource }),
    log: options.log,
    owner: options.owner,
    disabledReason: `${options.owner} turned the token broker off (broker: false in the jobs file): use the environment variable tokens, or remove broker: false.`,
  });
  try {
    // Delegate's proxy and trust first, so the script reaches Graph as Delegate does; the job's own env wins.
    const jobEnv = options.jobEnv ?? {};
    const env = brokerChildEnv({ ...inherited, ...scriptNetworkEnv(options.stateDir, options.network, jobEnv, inherited) }, broker, jobEnv);
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    const secrets = [broker.secret];
    for (const wanted of options.tokens) {
      const { accessToken } = await options.issue({ ...(wanted.scopes ? { scopes: wanted.scopes } : {}), ...(wanted.resource ? { resource: wanted.resource } : {}) });
      env[wanted.env] = accessToken;
      secrets.push(accessToken);
    }
    const redact = (text: string) => secrets.reduce((current, secret) => current.split(secret).join('[redacted]'), text);
    return { env, broker, secrets, redact };
  } catch (error) {
    await broker.close();
    throw error;
  }
}

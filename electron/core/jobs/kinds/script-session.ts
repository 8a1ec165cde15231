/**
 * Script session: everything a child program of Delegate gets for one run — Delegate's proxy and trust, the
 * token broker (started here, closed by the caller), the environment variable tokens the job names, and the
 * list of secrets to redact from what it prints. Shared by the `script` kind and `delegate exec`.
 */
import { scriptNetworkEnv } from '../../net/child-network-env.js';
import { brokerChildEnv } from '../../broker/broker-env.js';
import { allowedResources, type BrokerSetting, type BrokerResource } from '../../broker/broker-resources.js';
import { startTokenBroker, type BrokerToken, type TokenBroker } from '../../broker/token-broker.js';
import { tokenEnvRefusal } from '../../../../shared/jobs/token-env-names.js';
import { DelegateError } from '../../errors/delegate-error.js';
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
  /** How to get another resource allowed, for the broker's refusal (default: a job's). */
  notAllowedAdvice?: string;
  log(line: string): void;
  /** The environment the child starts from; default Delegate's own. */
  inherited?: NodeJS.ProcessEnv;
}

export interface ScriptSession {
  env: NodeJS.ProcessEnv;
  broker: TokenBroker;
  /** Token values (in the environment and served by the broker so far) and the broker's secret: redacted from output tails and messages. */
  secrets: string[];
  /** Replaces every secret in `text` with `[redacted]`. */
  redact(text: string): string;
}

export async function openScriptSession(options: ScriptSessionOptions): Promise<ScriptSession> {
  const inherited = options.inherited ?? process.env;
  for (const wanted of options.tokens) {
    // Before anything starts: a token over PATH or LD_PRELOAD breaks the program and spills into its errors.
    const refusal = tokenEnvRefusal(wanted.env);
    if (refusal) {
      throw new DelegateError({
        code: 'invalid-input',
        message: `${options.owner} asks for a token in ${wanted.env}, which cannot carry one: ${refusal}. The program was not started.`,
        action: 'Name a variable of your own in the job\'s tokens (e.g. GRAPH_TOKEN) and read that in the script.',
      });
    }
  }
  const allowed = allowedResources(options.graphRoot, options.extraResources, options.broker);
  const secrets: string[] = [];
  const broker = await startTokenBroker({
    allowed,
    token: async (resource: BrokerResource) => {
      const token = await options.issue(resource.graph ? {} : { resource: resource.resource });
      // A script that prints the token it got (debugging) must not leave it in the output tail, JWT-shaped or not.
      if (!secrets.includes(token.accessToken)) secrets.push(token.accessToken);
      return token;
    },
    log: options.log,
    owner: options.owner,
    ...(options.notAllowedAdvice ? { notAllowedAdvice: options.notAllowedAdvice } : {}),
    disabledReason: options.broker === false
      ? `${options.owner} turned the token broker off (broker: false in the jobs file): use the environment variable tokens, or remove broker: false.`
      : `${options.owner} lists no resource the token broker may serve (broker.resources in the jobs file is empty): add graph or a resource URL such as https://contoso.sharepoint.com, or remove broker to serve Graph and the profile's extra resources.`,
  });
  try {
    // Delegate's proxy and trust first, so the script reaches Graph as Delegate does; the job's own env wins.
    const jobEnv = options.jobEnv ?? {};
    const env = brokerChildEnv({ ...inherited, ...scriptNetworkEnv(options.stateDir, options.network, jobEnv, inherited) }, broker, jobEnv);
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    secrets.push(broker.secret);
    for (const wanted of options.tokens) {
      const { accessToken } = await options.issue({ ...(wanted.scopes ? { scopes: wanted.scopes } : {}), ...(wanted.resource ? { resource: wanted.resource } : {}) });
      env[wanted.env] = accessToken;
      secrets.push(accessToken);
    }
    // An empty value would split the text into characters: there is nothing to hide in it anyway.
    const redact = (text: string) => secrets.reduce((current, secret) => (secret ? current.split(secret).join('[redacted]') : current), text);
    return { env, broker, secrets, redact };
  } catch (error) {
    await broker.close();
    throw error;
  }
}

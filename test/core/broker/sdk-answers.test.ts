import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DelegateError } from '../../../electron/core/errors/delegate-error.js';
import { brokerChildEnv } from '../../../electron/core/broker/broker-env.js';
import { allowedResources } from '../../../electron/core/broker/broker-resources.js';
import { startTokenBroker, type TokenBroker } from '../../../electron/core/broker/token-broker.js';
import { NODE_LOOPBACK_GUARD, NODE_MODULES, PYTHON_LOOPBACK_GUARD, SYSTEM_PYTHON, pythonAzureMissing } from '../../support/broker-scripts.js';

/**
 * The broker's answers as the real SDKs read them: a token with its expiry, and Delegate's message in the
 * error a script shows. The SDKs run as child processes against the broker on 127.0.0.1; nothing else.
 */
const GRAPH = 'https://graph.microsoft.com';
const EXPIRES_ON = Math.floor(Date.now() / 1000) + 3600;
let broker: TokenBroker | undefined;
afterEach(async () => broker?.close());

async function start(failWith?: DelegateError) {
  broker = await startTokenBroker({
    allowed: allowedResources(GRAPH, [], undefined),
    token: async () => {
      if (failWith) throw failWith;
      return { accessToken: 'eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2ln', expiresOn: new Date(EXPIRES_ON * 1000).toISOString() };
    },
    log: () => {},
    owner: 'delegate exec',
  });
  return brokerChildEnv({ PATH: process.env.PATH, NODE_PATH: NODE_MODULES }, broker);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const NODE_GET = `${NODE_LOOPBACK_GUARD}
const { DefaultAzureCredential } = require('@azure/identity');
new DefaultAzureCredential().getToken('${GRAPH}/.default').then(
  (token) => console.log(JSON.stringify({ token: token.token, expires: token.expiresOnTimestamp })),
  (error) => { console.log('ERROR', error.message); process.exit(1); },
);
`;

const PYTHON_GET = `${PYTHON_LOOPBACK_GUARD}
import json
from azure.identity import DefaultAzureCredential
try:
    token = DefaultAzureCredential().get_token("${GRAPH}/.default")
    print(json.dumps({"token": token.token, "expires": token.expires_on}))
except Exception as error:
    print("ERROR", error)
    sys.exit(1)
`;

const SIGN_IN = new DelegateError({ code: 'sign-in-required', message: 'The sign-in of profile "work" has expired.', action: 'Run `delegate login --profile work`.' });

describe('the broker as @azure/identity reads it', () => {
  it('gives DefaultAzureCredential the token and its expiry', async () => {
    const result = await run(process.execPath, ['-e', NODE_GET], await start());
    expect(result.code, result.out).toBe(0);
    const got = JSON.parse(result.out) as { token: string; expires: number };
    expect(got.token).toBe('eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2ln');
    // msal-node turns expires_on into expires_in against its own clock and back: the same second, give or take one.
    expect(Math.abs(got.expires - EXPIRES_ON * 1000)).toBeLessThanOrEqual(2_000);
  });

  it('shows Delegate’s message and what to do when a person must sign in, after one request (no retries)', async () => {
    const result = await run(process.execPath, ['-e', NODE_GET], await start(SIGN_IN));
    expect(result.code).toBe(1);
    expect(result.out).toContain('The sign-in of profile "work" has expired. Run `delegate login --profile work`.');
    expect(broker!.counts()).toEqual({ ok: 0, refused: 1 });
  });
});

describe.skipIf(pythonAzureMissing())('the broker as Python azure-identity reads it', () => {
  it('gives DefaultAzureCredential the token and its expiry', async () => {
    const result = await run(SYSTEM_PYTHON, ['-c', PYTHON_GET], await start());
    expect(result.code, result.out).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ token: 'eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2ln', expires: EXPIRES_ON });
  });

  it('shows Delegate’s message and what to do when a person must sign in, after one request (no retries)', async () => {
    const result = await run(SYSTEM_PYTHON, ['-c', PYTHON_GET], await start(SIGN_IN));
    expect(result.code).toBe(1);
    expect(result.out).toContain('ManagedIdentityCredential: (sign-in-required) Delegate could not get a token for https://graph.microsoft.com: The sign-in of profile "work" has expired. Run `delegate login --profile work`.');
    expect(broker!.counts()).toEqual({ ok: 0, refused: 1 });
  });
});

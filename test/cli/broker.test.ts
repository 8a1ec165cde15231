import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { runJob, writeJobs } from '../support/jobs.js';
import { readAllFiles } from '../support/test-home.js';
import { closedPort } from '../support/closed-port.js';
import { NODE_MODULES, NODE_WHOAMI, PYTHON_LONG_WORK, PYTHON_LOOPBACK_GUARD, PYTHON_WHOAMI, SYSTEM_PYTHON, pythonAzureMissing } from '../support/broker-scripts.js';

const setup = useEmulatorHome({ signedIn: true, clientId: 'graph-powershell' });
const noPython = pythonAzureMissing();

function scriptJob(id: string, file: string, script: string, extra: { command?: string; env?: Record<string, string>; action?: Record<string, unknown>; job?: Record<string, unknown> } = {}) {
  writeFileSync(join(setup.home, file), script);
  return {
    id,
    schedule: '0 7 * * *',
    profile: 'emu',
    ...extra.job,
    action: { kind: 'script', command: extra.command ?? SYSTEM_PYTHON, args: [file], env: { GRAPH_URL: setup.emulator.graphBaseUrl, ...extra.env }, tokens: [], ...extra.action },
  };
}

/** Connects to a URL's port: resolves 'open' or the connection error's code. */
function connect(url: string): Promise<string> {
  return new Promise((resolve) => {
    const outgoing = request(url, { agent: false }, (response) => {
      response.resume();
      resolve('open');
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    outgoing.end();
  });
}

/** Asks the broker as a hostile or careless local program would, and notes each status. */
const PROBE = `${PYTHON_LOOPBACK_GUARD}
import urllib.request, urllib.error, urllib.parse
endpoint, secret = os.environ["IDENTITY_ENDPOINT"], os.environ["IDENTITY_HEADER"]
open("endpoint.txt", "w").write(endpoint)
open("secret.txt", "w").write(secret)
def ask(resource, headers):
    url = endpoint + "?" + urllib.parse.urlencode({"api-version": "2019-08-01", "resource": resource})
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers)).status
    except urllib.error.HTTPError as error:
        return error.code
graph = os.environ["GRAPH_URL"]
print("missing", ask(graph, {}))
print("wrong", ask(graph, {"X-IDENTITY-HEADER": "not-the-secret"}))
print("browser", ask(graph, {"X-IDENTITY-HEADER": secret, "Origin": "https://evil.example"}))
print("arm", ask("https://management.azure.com", {"X-IDENTITY-HEADER": secret}))
print("graph", ask(graph + "/.default", {"X-IDENTITY-HEADER": secret}))
print("the secret was", secret)
`;

describe('the token broker for script jobs', () => {
  it.skipIf(noPython)('lets an unmodified Python script using DefaultAzureCredential call Graph as the signed-in user', async () => {
    writeJobs(setup.home, [scriptJob('py-whoami', 'whoami.py', PYTHON_WHOAMI)]);
    const { result, run } = await runJob(setup.home, 'py-whoami');
    expect(result.code, run.outputTail ?? '').toBe(0);
    expect(run).toMatchObject({ status: 'succeeded', summary: `${SYSTEM_PYTHON} exited with 0: hello adele.vance@contoso.onmicrosoft.com`, broker: { ok: 1, refused: 0 } });
    const history = JSON.parse((await runCli(['history', 'py-whoami', '--json'], { home: setup.home })).stdout) as Array<{ broker?: unknown }>;
    expect(history[0]?.broker).toEqual({ ok: 1, refused: 0 });
  });

  it('lets a Node script using @azure/identity call Graph the same way', async () => {
    writeJobs(setup.home, [scriptJob('js-whoami', 'whoami.cjs', NODE_WHOAMI, { command: process.execPath, env: { NODE_PATH: NODE_MODULES } })]);
    const { result, run } = await runJob(setup.home, 'js-whoami');
    expect(result.code, run.outputTail ?? '').toBe(0);
    expect(run.summary).toContain('hello adele.vance@contoso.onmicrosoft.com');
    expect(run.broker).toEqual({ ok: 1, refused: 0 });
  });

  it.skipIf(noPython)('keeps a script that works longer than a token lives going, where the token given at the start fails', async () => {
    // Tokens issued from now on live 6 s (Entra's are 60–90 minutes): both SDKs judge expires_on by the real
    // clock, so the script really outlives its token, in seconds instead of an hour.
    expect((await setup.emulator.control('POST', '/settings', { accessTokenLifetimeSeconds: 6 })).status).toBe(200);
    // Signed in again, so that no token from before (an hour long) is left in Delegate's cache.
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    const env = { PAUSE: '8' };
    writeJobs(setup.home, [
      scriptJob('long-broker', 'long.py', PYTHON_LONG_WORK, { env }),
      scriptJob('long-env', 'long.py', PYTHON_LONG_WORK, { env: { ...env, TOKEN_FROM: 'env' }, action: { tokens: [{ env: 'GRAPH_TOKEN' }] } }),
    ]);
    const broker = await runJob(setup.home, 'long-broker');
    expect(broker.run.status, broker.run.outputTail ?? '').toBe('succeeded');
    expect(broker.run.outputTail).toContain('first 200');
    expect(broker.run.outputTail).toContain('second 200');
    expect(broker.run.broker).toEqual({ ok: 2, refused: 0 });

    const fixed = await runJob(setup.home, 'long-env');
    expect(fixed.run.status).toBe('failed');
    expect(fixed.run.outputTail).toContain('first 200');
    expect(fixed.run.outputTail).toContain('second 401');
  });

  it.skipIf(noPython)('refuses a wrong or missing secret (401, logged), a web page (403) and a resource the job does not allow (400), and closes after the run', async () => {
    writeJobs(setup.home, [scriptJob('probe', 'probe.py', PROBE)]);
    const { result, run } = await runJob(setup.home, 'probe');
    expect(run.status, run.outputTail ?? '').toBe('succeeded');
    for (const line of ['missing 401', 'wrong 401', 'browser 403', 'arm 400', 'graph 200']) expect(run.outputTail).toContain(line);
    expect(run.broker).toEqual({ ok: 1, refused: 4 });
    expect(result.stderr).toContain('token broker (job "probe"): refused a request without X-IDENTITY-HEADER (401)');
    expect(result.stderr).toContain('token broker (job "probe"): refused a request with a wrong X-IDENTITY-HEADER (401)');
    expect(result.stderr).toContain('refused a request from a web page (Origin https://evil.example) (403)');
    expect(result.stderr).toContain('refused a token for https://management.azure.com (not allowed) (400)');
    // The secret is redacted from the output tail and appears in no file and no output of Delegate's.
    expect(run.outputTail).toContain('the secret was [redacted]');
    const secret = readFileSync(join(setup.home, 'secret.txt'), 'utf8');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const file of readAllFiles(setup.home)) {
      if (!file.path.endsWith('secret.txt')) expect(file.contents.includes(secret), `${file.path} holds the broker's secret`).toBe(false);
    }
    expect(result.stdout + result.stderr).not.toContain(secret);
    const endpoint = readFileSync(join(setup.home, 'endpoint.txt'), 'utf8');
    expect(await connect(endpoint)).toBe('ECONNREFUSED');
  });

  it.skipIf(noPython)('closes the endpoint when a run times out', async () => {
    const hang = `${PYTHON_LOOPBACK_GUARD}\nimport time\nopen("endpoint.txt", "w").write(os.environ["IDENTITY_ENDPOINT"])\nprint("waiting", flush=True)\ntime.sleep(300)\n`;
    writeJobs(setup.home, [scriptJob('hang', 'hang.py', hang, { job: { timeoutMinutes: 0.03 } })]);
    const { run } = await runJob(setup.home, 'hang');
    expect(run.status).toBe('timed-out');
    expect(await connect(readFileSync(join(setup.home, 'endpoint.txt'), 'utf8'))).toBe('ECONNREFUSED');
  });

  it.skipIf(noPython)('always points the child at its loopback broker and drops inherited credentials, even with broker: false', async () => {
    const show = `import json, os\nprint(json.dumps({k: v for k, v in os.environ.items() if k.startswith(("AZURE_", "IDENTITY_", "MSI_", "IMDS_"))}))\n`;
    writeJobs(setup.home, [scriptJob('env', 'env.py', show, { action: { broker: false } })]);
    const hostile = { AZURE_CLIENT_ID: 'sp', AZURE_CLIENT_SECRET: 'abc', AZURE_TENANT_ID: 't', IDENTITY_ENDPOINT: 'http://169.254.169.254/metadata/identity/oauth2/token', IDENTITY_HEADER: 'x', MSI_ENDPOINT: 'http://169.254.169.254', IMDS_ENDPOINT: 'http://169.254.169.254', AZURE_FEDERATED_TOKEN_FILE: '/tmp/t' };
    const { run } = await runJob(setup.home, 'env', hostile);
    expect(run.status, run.outputTail ?? '').toBe('succeeded');
    const seen = JSON.parse(run.outputTail?.trim().split('\n').at(-1) ?? '{}') as Record<string, string>;
    expect(Object.keys(seen).sort()).toEqual(['AZURE_TOKEN_CREDENTIALS', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER']);
    expect(seen.IDENTITY_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
    expect(seen.AZURE_TOKEN_CREDENTIALS).toBe('ManagedIdentityCredential');
  });

  it.skipIf(noPython)('tells a script of a job with broker: false that the broker is off, in the SDK’s error', async () => {
    writeJobs(setup.home, [scriptJob('off', 'whoami.py', PYTHON_WHOAMI, { action: { broker: false } })]);
    const { run } = await runJob(setup.home, 'off');
    expect(run.status).toBe('failed');
    expect(run.outputTail).toContain('turned the token broker off (broker: false in the jobs file)');
    expect(run.broker).toEqual({ ok: 0, refused: 1 });
  });

  it.skipIf(noPython)('serves only the resources the job lists', async () => {
    writeJobs(setup.home, [scriptJob('narrow', 'probe.py', PROBE, { action: { broker: { resources: ['https://contoso.sharepoint.com'] } } })]);
    const { run } = await runJob(setup.home, 'narrow');
    expect(run.outputTail).toContain('graph 400');
  });

  it.skipIf(noPython)('gives a script whose sign-in was revoked Delegate’s message through the SDK, and the run says so', async () => {
    // Short-lived tokens, so that the broker's first token needs the (revoked) refresh token.
    expect((await setup.emulator.control('POST', '/settings', { accessTokenLifetimeSeconds: 1 })).status).toBe(200);
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    expect((await setup.emulator.control('POST', '/users/adele.vance@contoso.onmicrosoft.com/revoke')).status).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    writeJobs(setup.home, [scriptJob('revoked', 'whoami.py', PYTHON_WHOAMI)]);
    const { run } = await runJob(setup.home, 'revoked');
    expect(run.status).toBe('failed');
    expect(run.error?.message).toContain('The token broker refused it a token: Delegate could not get a token for');
    expect(run.outputTail).toContain('Delegate could not get a token for');
    expect(run.outputTail).toContain('delegate login');
    expect(run.broker).toEqual({ ok: 0, refused: 1 });
  });

  it.skipIf(noPython)('logs a refused request in the daemon’s log, without the secret', async () => {
    const wrong = `${PYTHON_LOOPBACK_GUARD}\nimport urllib.request, urllib.error\nopen("secret.txt", "w").write(os.environ["IDENTITY_HEADER"])\ntry:\n    urllib.request.urlopen(os.environ["IDENTITY_ENDPOINT"] + "?api-version=2019-08-01&resource=x")\nexcept urllib.error.HTTPError as error:\n    print("status", error.code)\n`;
    writeJobs(setup.home, [scriptJob('wrong', 'wrong.py', wrong, { job: { schedule: '* * * * * *', catchUp: 'none' } })]);
    const daemon = startCli(['daemon'], { home: setup.home });
    try {
      const deadline = Date.now() + 30_000;
      while (!daemon.stdoutText().includes('token broker (job "wrong"): refused a request without X-IDENTITY-HEADER (401)') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(daemon.stdoutText()).toContain('token broker (job "wrong"): refused a request without X-IDENTITY-HEADER (401)');
      expect(daemon.stdoutText()).not.toContain(readFileSync(join(setup.home, 'secret.txt'), 'utf8'));
    } finally {
      daemon.child.kill('SIGTERM');
      await daemon.done;
    }
  });

  it.skipIf(noPython)('keeps the SDKs’ requests to the broker off an HTTP proxy the environment names', async () => {
    // HTTP_PROXY applies to http:// URLs only: the broker, not Graph or Entra. A dead proxy proves the bypass.
    const deadProxy = `http://127.0.0.1:${await closedPort()}`;
    writeJobs(setup.home, [
      scriptJob('py', 'whoami.py', PYTHON_WHOAMI),
      scriptJob('js', 'whoami.cjs', NODE_WHOAMI, { command: process.execPath, env: { NODE_PATH: NODE_MODULES } }),
    ]);
    for (const id of ['py', 'js']) {
      const { run } = await runJob(setup.home, id, { HTTP_PROXY: deadProxy, http_proxy: deadProxy, NO_PROXY: '', no_proxy: '' });
      expect(run.status, `${id}: ${run.outputTail ?? ''}`).toBe('succeeded');
      expect(run.summary).toContain('hello adele.vance@contoso.onmicrosoft.com');
    }
  });

  it('leaves no token a script got from the broker in Delegate’s files', async () => {
    writeJobs(setup.home, [scriptJob('js', 'whoami.cjs', NODE_WHOAMI, { command: process.execPath, env: { NODE_PATH: NODE_MODULES } })]);
    const { result } = await runJob(setup.home, 'js');
    expect(result.code).toBe(0);
    const tokens = await setup.emulator.issuedTokens();
    for (const file of readAllFiles(setup.home)) {
      for (const token of tokens) expect(file.contents.includes(token), `${file.path} holds a token`).toBe(false);
    }
  });
});

/**
 * `delegate exec` used the way a confused user (or a hostile one) would: odd variable names, commands named like
 * options, stdin, a command killed outright, a history that cannot be opened.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELEGATE_BIN, cliEnv, runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { makeHome } from '../support/test-home.js';
import type { JobRun } from '../../shared/models/job-run.js';

const setup = useEmulatorHome({ signedIn: true, clientId: 'graph-powershell' });

const exec = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['exec', ...args], { home: setup.home, env, timeoutMs: 60_000 });

describe('delegate exec, misused', () => {
  it('refuses --token-env that would put a token in PATH, LD_PRELOAD, NODE_OPTIONS or the broker’s own variables, and starts nothing', async () => {
    const marker = join(setup.home, 'ran');
    for (const name of ['PATH', 'LD_PRELOAD', 'NODE_OPTIONS', 'IDENTITY_HEADER', 'IDENTITY_ENDPOINT', 'HTTPS_PROXY', 'path', 'Ld_Library_Path', 'DYLD_INSERT_LIBRARIES', 'PYTHONPATH', 'AZURE_CLIENT_SECRET']) {
      const result = await exec(['--profile', 'emu', '--token-env', name, '--', 'touch', marker]);
      expect(result.code, `${name}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(`exec: --token-env ${name}`);
      expect(result.stderr).toContain('GRAPH_TOKEN');
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('runs a command named like an option when it comes after --, and says it was not found', async () => {
    const result = await exec(['--profile', 'emu', '--', '--help']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('exec: the program "--help" was not found.');
  });

  it('passes its stdin on to the command', async () => {
    const child = spawn(process.execPath, [DELEGATE_BIN, 'exec', '--profile', 'emu', '--', 'tr', 'a-z', 'A-Z'], { env: cliEnv(setup.home), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end('rows from a pipe\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toBe('ROWS FROM A PIPE\n');
  });

  it('exits 137 for a command killed with SIGKILL, and records it as ended by SIGKILL', async () => {
    const result = await exec(['--profile', 'emu', '--record', 'killed', '--', 'bash', '-c', 'kill -KILL $$']);
    expect(result.code).toBe(137);
    const runs = JSON.parse((await runCli(['history', 'killed', '--json'], { home: setup.home })).stdout) as JobRun[];
    expect(runs[0]).toMatchObject({ status: 'failed', error: { message: 'The command was ended by SIGKILL.' } });
  });

  it('says plainly that it cannot record when the history cannot be opened, and does not start the command', async () => {
    // Tests may run as root, where file modes do not stop a write: a folder where the history file belongs does.
    for (const name of readdirSync(setup.home)) if (name.startsWith('history')) rmSync(join(setup.home, name), { recursive: true });
    mkdirSync(join(setup.home, 'history.sqlite'));
    const marker = join(setup.home, 'ran');
    const result = await exec(['--profile', 'emu', '--record', 'etl', '--', 'touch', marker]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('history.sqlite is a folder, but a file is needed there.');
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(marker)).toBe(false);
  });

  it('never prints the broker’s secret in its own messages, even when a request with a wrong secret is refused', async () => {
    const probe = `curl -s -o /dev/null -H "X-IDENTITY-HEADER: x$IDENTITY_HEADER" "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=https://graph.microsoft.com"; echo "$IDENTITY_HEADER" > ${join(setup.home, 'secret.txt')}`;
    const result = await exec(['--profile', 'emu', '--', 'bash', '-c', probe]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('refused a request with a wrong X-IDENTITY-HEADER (401)');
    const { readFileSync } = await import('node:fs');
    const secret = readFileSync(join(setup.home, 'secret.txt'), 'utf8').trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).not.toContain(secret);
  });
});

describe('delegate exec, under load', () => {
  it('asks Entra ID for one refresh when a script asks the broker for twenty tokens at once', async () => {
    // Tokens live 6 s, so each request to the broker finds the cached token too close to expiry and refreshes.
    expect((await setup.emulator.control('POST', '/settings', { accessTokenLifetimeSeconds: 6 })).status).toBe(200);
    expect((await setup.emulator.signIn(setup.home)).code).toBe(0);
    await setup.emulator.control('DELETE', '/requests');
    // The refresh takes a while, as Entra's sometimes does: all twenty requests arrive while it is under way.
    await setup.emulator.control('POST', '/faults', { endpoint: 'token', grantType: 'refresh_token', delayMs: 1500 });
    const url = `"$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=$GRAPH_URL"`;
    const burst = `for i in $(seq 20); do curl -s -o /dev/null -w "%{http_code}\\n" -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" ${url} & done; wait`;
    const result = await exec(['--profile', 'emu', '--', 'bash', '-c', burst], { GRAPH_URL: setup.emulator.graphBaseUrl });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n').sort()).toEqual(Array.from({ length: 20 }, () => '200'));
    const requests = (await setup.emulator.control<Array<{ grantType?: string }>>('GET', '/requests')).body;
    expect(requests.filter((request) => request.grantType === 'refresh_token')).toHaveLength(1);
  });
});

describe('delegate exec, hung up on', () => {
  it('passes SIGHUP on to the command (a closed terminal, a supervisor), and records how it ended instead of leaving the run running', async () => {
    const pidFile = join(setup.home, 'command.pid');
    const child = spawn(process.execPath, [DELEGATE_BIN, 'exec', '--profile', 'emu', '--record', 'hup', '--', 'bash', '-c', `echo $$ > ${pidFile}; echo ready; while true; do sleep 0.1; done`], {
      env: cliEnv(setup.home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // 'exit', not 'close': a command left running would hold the pipes open, and the test must fail, not hang.
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('ready')) resolve();
      });
      void closed.then((end) => reject(new Error(`delegate exec ended (${end.code}) before the command was ready: ${stderr}`)));
    });
    const { readFileSync } = await import('node:fs');
    const commandPid = Number(readFileSync(pidFile, 'utf8'));
    child.kill('SIGHUP');
    const end = await closed;
    let commandAlive = true;
    let diag = '';
    try {
      process.kill(commandPid, 0);
      diag = `${JSON.stringify(end)} ${readFileSync(`/proc/${commandPid}/stat`, 'utf8')}`;
    } catch {
      commandAlive = false;
    }
    if (commandAlive && commandPid > 1) process.kill(commandPid, 'SIGKILL');
    expect(commandAlive, `the command outlived delegate exec (${stderr}) ${diag}`).toBe(false);
    const runs = JSON.parse((await runCli(['history', 'hup', '--json'], { home: setup.home })).stdout) as JobRun[];
    expect({ end, run: runs[0] }, stderr).toMatchObject({ end: { code: 129, signal: null }, run: { status: 'failed', error: { message: 'The command was ended by SIGHUP.' } } });
  });
});

describe('delegate exec with a resource besides Graph', () => {
  it('serves through the broker the resource it was asked to put in --token-env, and tells of another what fits exec', async () => {
    const { home, cleanup } = makeHome();
    try {
      // The Office client: pre-authorised for SharePoint, so a SharePoint token needs no consent.
      expect((await setup.emulator.addProfile(home, 'emu', ['--client-id', 'office'])).code).toBe(0);
      expect((await setup.emulator.signIn(home)).code).toBe(0);
      const ask = (resource: string) => `curl -s -w " %{http_code}\\n" -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=${resource}"`;
      const script = `test -n "$SP_TOKEN" && ${ask('https://contoso.sharepoint.com')} | grep -o ' [0-9]*$'; ${ask('https://management.azure.com')}`;
      const result = await runCli(['exec', '--profile', 'emu', '--token-env', 'SP_TOKEN=https://contoso.sharepoint.com', '--', 'bash', '-c', script], { home });
      expect(result.code, result.stderr).toBe(0);
      const [sharepoint, other] = result.stdout.trim().split('\n');
      expect(sharepoint?.trim()).toBe('200');
      expect(other).toMatch(/ 400$/);
      expect(other).toContain('delegate exec may not get tokens for https://management.azure.com');
      expect(other).toContain('--resource');
      expect(other).not.toContain('broker.resources');
    } finally {
      cleanup();
    }
  });
});

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELEGATE_BIN, cliEnv, runCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { makeHome } from '../support/test-home.js';
import { PYTHON_LOOPBACK_GUARD, PYTHON_WHOAMI, SYSTEM_PYTHON, pythonAzureMissing } from '../support/broker-scripts.js';
import type { JobRun } from '../../shared/models/job-run.js';

const setup = useEmulatorHome({ signedIn: true, clientId: 'graph-powershell' });
const noPython = pythonAzureMissing();

function script(name: string, text: string): string {
  const path = join(setup.home, name);
  writeFileSync(path, text);
  return path;
}

const exec = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['exec', ...args], { home: setup.home, env: { GRAPH_URL: setup.emulator.graphBaseUrl, ...env }, timeoutMs: 60_000 });

async function history(): Promise<JobRun[]> {
  const result = await runCli(['history', '--json'], { home: setup.home });
  return JSON.parse(result.stdout) as JobRun[];
}

describe('delegate exec', () => {
  it.skipIf(noPython)('runs an unmodified Python script using DefaultAzureCredential as the signed-in user, and records nothing', async () => {
    const result = await exec(['--profile', 'emu', '--', SYSTEM_PYTHON, script('whoami.py', PYTHON_WHOAMI)]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('hello adele.vance@contoso.onmicrosoft.com\n');
    expect(await history()).toEqual([]);
  });

  it.skipIf(noPython)('records one history row under the job ID given with --record, with the broker’s counts', async () => {
    const result = await exec(['--profile', 'emu', '--record', 'nightly-etl', '--', SYSTEM_PYTHON, script('whoami.py', PYTHON_WHOAMI)]);
    expect(result.code, result.stderr).toBe(0);
    const runs = await history();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ jobId: 'nightly-etl', trigger: 'exec', status: 'succeeded', summary: `${SYSTEM_PYTHON} exited with 0`, broker: { ok: 1, refused: 0 }, attempt: 1 });
    expect((await runCli(['history'], { home: setup.home })).stdout).toContain('(exec) ');
    expect((await runCli(['history'], { home: setup.home })).stdout).toContain('[token broker: 1 served, 0 refused]');
  });

  it.skipIf(noPython)('passes the command’s exit code through, and records a failure as failed', async () => {
    const failing = script('fail.py', `${PYTHON_LOOPBACK_GUARD}\nsys.exit(7)\n`);
    expect((await exec(['--profile', 'emu', '--', SYSTEM_PYTHON, failing])).code).toBe(7);
    expect((await exec(['--profile', 'emu', '--record', 'etl', '--', SYSTEM_PYTHON, failing])).code).toBe(7);
    expect((await history())[0]).toMatchObject({ status: 'failed', error: { code: 'script-failed', message: 'The command exited with 7.' } });
  });

  it('exits 128 + n for a command ended by signal n, as a shell does', async () => {
    expect((await exec(['--profile', 'emu', '--', 'bash', '-c', 'kill -TERM $$'])).code).toBe(143);
  });

  it('takes the command without -- as well, and leaves its own options alone', async () => {
    const result = await exec(['--profile', 'emu', 'bash', '-c', 'echo "$1 $IDENTITY_ENDPOINT"', 'x', '--profile']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^--profile http:\/\/127\.0\.0\.1:\d+\/msi\/token\n$/);
  });

  it('puts the tokens named by --token-env in the environment, never in argv', async () => {
    const result = await exec(['--profile', 'emu', '--token-env', 'GRAPH_TOKEN', '--', 'bash', '-c', 'test -n "$GRAPH_TOKEN" && ! grep -q "$GRAPH_TOKEN" /proc/$PPID/cmdline && echo ok']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('ok\n');
  });

  it('passes SIGTERM sent to delegate on to the command, and exits with what the command exits with', async () => {
    const trap = `trap 'echo got TERM; exit 42' TERM; echo ready; while true; do sleep 0.1; done`;
    const child = spawn(process.execPath, [DELEGATE_BIN, 'exec', '--profile', 'emu', '--', 'bash', '-c', trap], { env: cliEnv(setup.home), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const ready = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready')) resolve();
    }));
    // A delegate that ends before the command is ready (it could not start it) must fail here, not hang.
    await Promise.race([ready, closed.then((code) => Promise.reject(new Error(`delegate exec ended (${code}) before the command was ready: ${stderr}`)))]);
    child.kill('SIGTERM');
    const code = await closed;
    expect(stdout).toContain('got TERM');
    expect(code).toBe(42);
  });

  it('refuses an unknown program before starting, with exit 2 and what to do', async () => {
    const result = await exec(['--profile', 'emu', '--record', 'etl', '--', 'no-such-program-here']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('exec: the program "no-such-program-here" was not found.');
    expect(result.stderr).toContain('What to do: Give a full path, or a program on PATH, that is executable.');
  });

  it('refuses bad input with exit 2: no command, a bad --token-env, a bad job ID', async () => {
    expect((await exec(['--profile', 'emu'])).code).toBe(2);
    expect((await exec(['--profile', 'emu', '--token-env', '1BAD', '--', 'true'])).code).toBe(2);
    expect((await exec(['--profile', 'emu', '--token-env', 'SP=http://contoso.sharepoint.com', '--', 'true'])).code).toBe(2);
    expect((await exec(['--profile', 'emu', '--record', '../x', '--', 'true'])).code).toBe(2);
    expect((await exec(['--profile', 'emu', '--what', '--', 'true'])).stderr).toContain('exec: unknown option "--what"');
  });

  it('does not start the command when nobody is signed in: exit 3, and --record keeps a skipped row', async () => {
    const { home, cleanup } = makeHome();
    try {
      expect((await setup.emulator.addProfile(home, 'emu')).code).toBe(0);
      const marker = join(home, 'ran');
      const result = await runCli(['exec', '--profile', 'emu', '--record', 'etl', '--', 'touch', marker], { home });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('delegate login');
      const { existsSync } = await import('node:fs');
      expect(existsSync(marker)).toBe(false);
      const runs = JSON.parse((await runCli(['history', '--json'], { home })).stdout) as JobRun[];
      expect(runs[0]).toMatchObject({ jobId: 'etl', trigger: 'exec', status: 'skipped' });
    } finally {
      cleanup();
    }
  });
});

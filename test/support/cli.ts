/**
 * Runs the built `delegate` CLI as a real process, the way a person or a script does.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const DELEGATE_BIN = fileURLToPath(new URL('../../bin/delegate.cjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  home: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** The folder the command runs in (default: the test's own). */
  cwd?: string;
}

export function cliEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DELEGATE_HOME: home, ...extra };
  delete env.DELEGATE_PROFILE;
  return env;
}

export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DELEGATE_BIN, ...args], { env: cliEnv(options.home, options.env), stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd ? { cwd: options.cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `delegate` and hands back the process plus a reader for its stdout lines (for `login --json`). */
export function startCli(args: string[], options: CliOptions) {
  const child = spawn(process.execPath, [DELEGATE_BIN, ...args], { env: cliEnv(options.home, options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lineWaiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    lineWaiters.splice(0).forEach((wake) => wake());
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  async function nextJsonLine<T = Record<string, unknown>>(predicate: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of stdout.split('\n')) {
        if (!line.trim().startsWith('{')) continue;
        const value = JSON.parse(line) as T;
        if (predicate(value)) return value;
      }
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no matching JSON line; stdout: ${stdout}\nstderr: ${stderr}`);
      await new Promise<void>((resolve) => {
        lineWaiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
  /** Everything the process printed on stdout so far. */
  const stdoutText = () => stdout;
  return { child, done, nextJsonLine, stdoutText };
}

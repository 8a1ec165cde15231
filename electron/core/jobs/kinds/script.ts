/**
 * `script`: runs a local program with tokens in environment variables the job names — never in its arguments,
 * where every user of the machine can read them in the process list. The exit code decides the result; the
 * output tail is kept with tokens redacted. On timeout or shutdown the whole process tree is ended: the
 * program runs in its own process group, which gets SIGTERM, then SIGKILL after a grace period.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { DelegateError } from '../../errors/delegate-error.js';
import { redactSecrets } from '../../history/redact.js';
import { OutputTail } from './output-tail.js';
import { spawnPlan } from './windows-command.js';
import type { Job } from '../job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type Script = Extract<Job['action'], { kind: 'script' }>;

/** Time between SIGTERM and SIGKILL for a script being stopped. */
export const KILL_GRACE_MS = 5_000;

export async function runScript(context: KindContext, action: Script): Promise<KindResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...action.env };
  const secrets: string[] = [];
  for (const wanted of action.tokens) {
    const token = await context.token({ ...(wanted.scopes ? { scopes: wanted.scopes } : {}), ...(wanted.resource ? { resource: wanted.resource } : {}) });
    env[wanted.env] = token;
    secrets.push(token);
  }
  const redact = (text: string) => redactSecrets(secrets.reduce((current, secret) => current.split(secret).join('[redacted]'), text));
  const tail = new OutputTail();
  const command = /[\\/]/.test(action.command) ? context.resolvePath(action.command) : action.command;
  const plan = spawnPlan(command, action.args, process.platform, process.env.ComSpec);
  const child = spawn(plan.command, plan.args, {
    windowsVerbatimArguments: plan.windowsVerbatimArguments,
    // Relative paths in the jobs file are relative to Delegate's home; so is the script's working folder.
    cwd: context.resolvePath(action.cwd ?? '.'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => tail.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk));

  let killed: Promise<void> | undefined;
  const stop = () => (killed = killTree(child));
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    }).catch((error: NodeJS.ErrnoException) => {
      throw new DelegateError({
        code: 'script-failed',
        message: error.code === 'ENOENT' ? `The program "${action.command}" was not found.` : `The program "${action.command}" could not be started: ${error.message}.`,
        action: 'Check the command in the jobs file (a full path, or a program on PATH) and that it is executable.',
      });
    });
    const output = redact(tail.text());
    context.reportOutput(output);
    if (context.signal.aborted) {
      await killed; // the whole group is gone before the run is recorded as stopped
      throw context.signal.reason;
    }
    if (exit.code !== 0) {
      throw new DelegateError({
        code: 'script-failed',
        message: exit.code === null ? `The script was ended by ${exit.signal}.` : `The script exited with code ${exit.code}.`,
        action: 'See the output tail of this run for what the script said.',
      });
    }
    const lastLine = output.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
    return { summary: `${action.command} exited with 0${lastLine ? `: ${lastLine}` : ''}`, outputTail: output };
  } finally {
    context.signal.removeEventListener('abort', stop);
  }
}

/**
 * Ends the program and everything it started: SIGTERM to its process group, then SIGKILL to whatever is left
 * after the grace period. Resolves when the group is gone.
 */
export async function killTree(child: ChildProcess, graceMs = KILL_GRACE_MS): Promise<void> {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true });
    return;
  }
  const group = -child.pid;
  const send = (name: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(group, name);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!send('SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!send(0)) return;
  }
  send('SIGKILL');
}

/**
 * `script`: runs a local program with tokens in environment variables the job names — never in its arguments,
 * where every user of the machine can read them in the process list. The exit code of the MAIN process decides
 * the result, when it exits: background processes it started (`cmd &`) do not hold the run open. After a short
 * grace, those still in its process group are ended and the summary counts them; one that left the group on
 * purpose (`setsid`) is the script's business. The output tail is what was read by then, tokens redacted.
 * On timeout or shutdown the whole process tree is ended: the program runs in its own process group, which
 * gets SIGTERM, then SIGKILL after a grace period. The program inherits Delegate's proxy and a CA bundle of its
 * trust (child-network-env.ts), and a token broker for Azure SDKs (IDENTITY_ENDPOINT; electron/core/broker/)
 * that lives exactly as long as the run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { DelegateError } from '../../errors/delegate-error.js';
import { redactSecrets } from '../../history/redact.js';
import { OutputTail } from './output-tail.js';
import { openScriptSession, type ScriptSession } from './script-session.js';
import { spawnPlan } from './windows-command.js';
import { processesInGroup } from './process-group.js';
import type { Job } from '../../../../shared/jobs/job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type Script = Extract<Job['action'], { kind: 'script' }>;

/** Time between SIGTERM and SIGKILL for a script being stopped. */
export const KILL_GRACE_MS = 5_000;
/**
 * How long processes a script left behind may go on after it exited, and how long its output may still drain:
 * long enough for a child finishing its last write (a `tee`, a log flush), short enough that a forgotten
 * `sleep 600 &` does not turn a one-second script into a ten-minute run.
 */
export const LEFTOVER_GRACE_MS = 3_000;

export async function runScript(context: KindContext, action: Script): Promise<KindResult> {
  const issue = context.issueToken ?? ((request) => context.token(request).then((accessToken) => ({ accessToken, expiresOn: null })));
  const session = await openScriptSession({
    stateDir: context.stateDir,
    network: context.network ?? {},
    jobEnv: action.env,
    tokens: action.tokens,
    issue,
    graphRoot: context.brokerDefaults?.graphRoot ?? '',
    extraResources: context.brokerDefaults?.extraResources ?? [],
    broker: action.broker,
    owner: `job "${context.job.id}"`,
    log: (line) => context.log?.(line),
  });
  try {
    return await runWithSession(context, action, session);
  } finally {
    // The endpoint lives exactly as long as the run: closed on success, failure, timeout and shutdown alike.
    await session.broker.close();
    context.reportBroker?.(session.broker.counts());
  }
}

async function runWithSession(context: KindContext, action: Script, session: ScriptSession): Promise<KindResult> {
  const env = session.env;
  const redact = (text: string) => redactSecrets(session.redact(text));
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
    // 'close' would wait for every holder of the output pipes, background children included; 'exit' is the script.
    const outputClosed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve({ code, signal }));
    }).catch((error: NodeJS.ErrnoException) => {
      throw new DelegateError({
        code: 'script-failed',
        message: error.code === 'ENOENT' ? `The program "${action.command}" was not found.` : `The program "${action.command}" could not be started: ${error.message}.`,
        action: 'Check the command in the jobs file (a full path, or a program on PATH) and that it is executable.',
      });
    });
    const ended = context.signal.aborted ? 0 : await endLeftovers(child, outputClosed, context.signal);
    // Whatever still holds the pipes (a process that left the group) is not waited for: keep what was read.
    child.stdout?.destroy();
    child.stderr?.destroy();
    const output = redact(tail.text());
    context.reportOutput(output);
    if (context.signal.aborted) {
      await (killed ?? killTree(child)); // the whole group is gone before the run is recorded as stopped
      throw context.signal.reason;
    }
    const leftovers = ended === 0 ? '' : `ended ${ended} background process${ended === 1 ? '' : 'es'} it left running`;
    if (exit.code !== 0) {
      // A script that failed after the broker could not get it a token most likely failed because of that.
      const brokerFailure = session.broker.lastFailure();
      throw new DelegateError({
        code: 'script-failed',
        message: `${exit.code === null ? `The script was ended by ${exit.signal}.` : `The script exited with code ${exit.code}.`}${leftovers ? ` Delegate ${leftovers}.` : ''}${brokerFailure ? ` The token broker refused it a token: ${brokerFailure}` : ''}`,
        action: 'See the output tail of this run for what the script said.',
      });
    }
    const lastLine = output.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
    return { summary: `${action.command} exited with 0${leftovers ? `; ${leftovers}` : ''}${lastLine ? `: ${lastLine}` : ''}`, outputTail: output };
  } finally {
    context.signal.removeEventListener('abort', stop);
  }
}

/**
 * After the main process exited: gives what it left in its group the grace period (and the output time to
 * drain), then ends whatever is still there. Resolves with how many processes had to be ended.
 */
async function endLeftovers(child: ChildProcess, outputClosed: Promise<void>, signal: AbortSignal): Promise<number> {
  if (child.pid === undefined || process.platform === 'win32') {
    await Promise.race([outputClosed, delay(LEFTOVER_GRACE_MS, signal)]);
    return 0;
  }
  const group = child.pid;
  const deadline = Date.now() + LEFTOVER_GRACE_MS;
  let drained = false;
  void outputClosed.then(() => (drained = true));
  while (Date.now() < deadline && !signal.aborted) {
    if (drained && processesInGroup(group).length === 0) return 0;
    await delay(100, signal);
  }
  const left = processesInGroup(group).length;
  if (left > 0) await killTree(child);
  // Their pipes close as they die; a moment for the last bytes, never a wait on a process outside the group.
  await Promise.race([outputClosed, delay(500, signal)]);
  return left;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
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

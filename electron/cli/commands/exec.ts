/**
 * `delegate exec [--profile P] [--token-env NAME[=RESOURCE]]... [--record JOB-ID] -- COMMAND [ARGS]`: runs a
 * command once as a script job would run — Delegate's proxy and trust, the token broker for Azure SDKs
 * (IDENTITY_ENDPOINT), optional tokens in environment variables — with the terminal's stdin/stdout/stderr.
 *
 * Its exit code is passed through (a signal as 128 + its number, as shells do); SIGINT, SIGTERM and SIGHUP sent
 * to `delegate` are passed on (Ctrl+C in a terminal already reaches the command: it is in the same process
 * group). Problems before the start are Delegate's exit codes: 2 bad input or a command that cannot start,
 * 3 sign-in required, 4 network, 5 keychain locked. Nothing is recorded unless `--record JOB-ID`: then one
 * history row under that job ID, trigger `exec`, with the broker's counts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { systemClock } from '../../core/clock.js';
import { DelegateError } from '../../core/errors/delegate-error.js';
import { authContext } from '../../core/auth/auth-context.js';
import { acquireTokenSilently, signedOut } from '../../core/auth/silent-token.js';
import { endpointsFor } from '../../core/auth/cloud-endpoints.js';
import { checkResource } from '../../core/auth/resource-check.js';
import { resolveProfile } from '../../core/config/profile-resolver.js';
import { HistoryStore, historyPath } from '../../core/history/history-store.js';
import { stateDir } from '../../core/home/home-paths.js';
import { healthBeforeRun } from '../../core/jobs/health-before-run.js';
import { openScriptSession, type ScriptSession, type TokenInEnv } from '../../core/jobs/kinds/script-session.js';
import { toRunError } from '../../core/jobs/runner.js';
import { signInRefusalIn } from '../../core/jobs/sign-in-refusal.js';
import { transportOptionsFor } from '../../core/net/profile-transport-options.js';
import { tokenEnvRefusal } from '../../../shared/jobs/token-env-names.js';
import { GRAPH_ALIAS } from '../../core/broker/broker-resources.js';
import { JOB_ID_PATTERN } from '../../../shared/models/job-id.js';
import type { RunBrokerCounts, RunError, RunStatus } from '../../../shared/models/job-run.js';
import { badInput, type CliIo } from '../cli-io.js';

const USAGE = 'delegate exec [--profile NAME] [--token-env NAME[=RESOURCE]]... [--record JOB-ID] -- COMMAND [ARGS]';

interface ExecOptions {
  profile?: string;
  tokens: TokenInEnv[];
  record?: string;
  command: string[];
}

export async function runExec(args: string[], io: CliIo): Promise<number> {
  const options = parseExec(args);
  if (options === 'help') {
    io.out(`${USAGE}\n\nRuns COMMAND once with Delegate's token broker (IDENTITY_ENDPOINT/IDENTITY_HEADER, for Azure SDKs'\nDefaultAzureCredential and ManagedIdentityCredential) and the tokens named by --token-env in its\nenvironment; the command acts as the signed-in user. Exits with the command's exit code.\n--token-env GRAPH_TOKEN gives a Graph token; --token-env SP=https://contoso.sharepoint.com another resource's\n(which the broker then serves too, besides Graph and the profile's extra resources).\n--record JOB-ID records the run in the history under that job ID.\n`);
    return 0;
  }
  const history = options.record === undefined ? null : new HistoryStore(historyPath(io.home));
  const started = history?.startRun({ jobId: options.record as string, trigger: 'exec', scheduledFor: null, startedAt: systemClock.now().toISOString(), attempt: 1 });
  const finish = (status: RunStatus, summary: string | null, error: RunError | null, broker: RunBrokerCounts | null) => {
    if (history && started) history.finishRun(started.id, { status, endedAt: systemClock.now().toISOString(), summary, error, outputTail: null, broker });
  };
  try {
    let session: ScriptSession;
    try {
      session = await prepare(io, options);
    } catch (error) {
      // Not started: recorded as the runner records it (a person must act — sign in, unlock the keychain: skipped),
      // then Delegate's exit code.
      const runError = toRunError(error);
      finish(signInRefusalIn(error) ? 'skipped' : 'failed', null, runError, null);
      throw error;
    }
    let outcome: { code: number; summary: string; error: RunError | null };
    try {
      outcome = await runCommand(options.command, session);
    } catch (error) {
      await session.broker.close();
      finish('failed', null, toRunError(error), session.broker.counts());
      throw error;
    }
    await session.broker.close();
    finish(outcome.code === 0 ? 'succeeded' : 'failed', outcome.summary, outcome.error, session.broker.counts());
    return outcome.code;
  } finally {
    history?.close();
  }
}

/** Options up to `--` (or up to the first word that is not an option); the rest is the command, untouched. */
function parseExec(args: string[]): ExecOptions | 'help' {
  const options: ExecOptions = { tokens: [], command: [] };
  let index = 0;
  const value = (name: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const next = args[++index];
    if (next === undefined || next === '--') throw badInput(`exec: ${name} needs a value.`, `Usage: ${USAGE}`);
    return next;
  };
  for (; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') {
      index++;
      break;
    }
    if (!arg.startsWith('-')) break;
    const [name, inline] = arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--help' || name === '-h') return 'help';
    else if (name === '--profile') options.profile = value(name, inline);
    else if (name === '--record') options.record = value(name, inline);
    else if (name === '--token-env') options.tokens.push(tokenEnv(value(name, inline)));
    else throw badInput(`exec: unknown option "${arg}".`, `Usage: ${USAGE} (put the command after --)`);
  }
  options.command = args.slice(index);
  if (options.command.length === 0 || options.command[0] === '') throw badInput('exec: which command? Give it after --.', `Usage: ${USAGE}`);
  if (options.record !== undefined && !JOB_ID_PATTERN.test(options.record)) {
    throw badInput(`exec: "${options.record}" is not a job ID.`, 'Use up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.');
  }
  const names = options.tokens.map((token) => token.env);
  const twice = names.find((name, position) => names.indexOf(name) !== position);
  if (twice) throw badInput(`exec: --token-env ${twice} is given twice.`, 'Give each variable once.');
  return options;
}

/** `GRAPH_TOKEN` (the profile's Graph scopes) or `SP_TOKEN=https://contoso.sharepoint.com` (that resource's). */
function tokenEnv(spec: string): TokenInEnv {
  const equals = spec.indexOf('=');
  const env = equals === -1 ? spec : spec.slice(0, equals);
  const refusal = tokenEnvRefusal(env);
  if (refusal) throw badInput(`exec: --token-env ${env} cannot carry a token: ${refusal}.`, 'Use a name of your own: letters, digits and _, not starting with a digit, e.g. --token-env GRAPH_TOKEN.');
  if (equals === -1) return { env };
  return { env, resource: checkResource(spec.slice(equals + 1)) };
}

/** The profile, its health, the env tokens and the broker: everything that can fail before the command starts. */
async function prepare(io: CliIo, options: ExecOptions): Promise<ScriptSession> {
  const { profile, persisted } = resolveProfile(io.home, options.profile);
  const auth = authContext(io.home, systemClock, profile);
  if (!persisted) throw signedOut(auth);
  const health = await healthBeforeRun(auth);
  if (health.status === 'signed-out' || health.status === 'expired' || health.status === 'blocked') {
    const blocked = health.status === 'blocked';
    throw new DelegateError({
      code: blocked ? 'blocked-by-policy' : 'sign-in-required',
      message: `Profile "${profile.name}" needs you to sign in, so the command was not started. ${health.reason}`,
      action: blocked ? `Sign in with the browser: \`delegate login --browser --profile ${profile.name}\`.` : `Sign in again: \`delegate login --profile ${profile.name}\`.`,
    });
  }
  return openScriptSession({
    stateDir: stateDir(io.home),
    network: transportOptionsFor(io.home, profile),
    tokens: options.tokens,
    issue: (request) => acquireTokenSilently(auth, { ...request, partition: 'standard' }),
    graphRoot: endpointsFor(profile).graphBaseUrl,
    extraResources: profile.extraResources,
    // A resource named with --token-env is one this run was asked to act on: its SDK calls get it too.
    broker: { resources: [GRAPH_ALIAS, ...profile.extraResources, ...options.tokens.flatMap((token) => (token.resource ? [token.resource] : []))] },
    owner: 'delegate exec',
    notAllowedAdvice: `Add it to the profile's extra resources (\`delegate profiles set ${profile.name} --resource URL\`, once per resource: the list is replaced), or name it for this run with --token-env NAME=URL.`,
    log: (line) => io.err(`delegate: ${line}\n`),
  });
}

/** Runs the command with the terminal's stdio; resolves with its exit code (128 + n for signal n). */
async function runCommand(command: string[], session: ScriptSession): Promise<{ code: number; summary: string; error: RunError | null }> {
  const [program, ...programArgs] = command as [string, ...string[]];
  let child: ChildProcess | undefined;
  const forward = (signal: NodeJS.Signals) => () => {
    // From a terminal, Ctrl+C and a hang-up have already reached the command (same process group): not twice.
    if (signal !== 'SIGTERM' && process.stdin.isTTY) return;
    child?.kill(signal);
  };
  // Left to their default, SIGHUP would end delegate alone: the command running on, orphaned, and the run
  // recorded as running for good. Handled, delegate outlives the command, records how it ended, closes the broker.
  // Installed BEFORE the command starts: it may print and be signalled before this process runs another line.
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    child = spawn(program, programArgs, { env: session.env, stdio: 'inherit', windowsHide: false });
    const started = child;
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      started.once('error', reject);
      started.once('exit', (code, signal) => resolve({ code, signal }));
    }).catch((error: NodeJS.ErrnoException) => {
      throw new DelegateError({
        code: 'invalid-input',
        message: error.code === 'ENOENT' ? `exec: the program "${program}" was not found.` : `exec: the program "${program}" could not be started: ${session.redact(error.message)}.`,
        action: 'Give a full path, or a program on PATH, that is executable.',
      });
    });
    const code = exit.code ?? 128 + (exit.signal ? (constants.signals[exit.signal] ?? 0) : 0);
    const ended = exit.code === null ? `was ended by ${exit.signal}` : `exited with ${exit.code}`;
    const failure = session.broker.lastFailure();
    const error: RunError | null = code === 0 ? null : {
      code: 'script-failed',
      message: `The command ${ended}.${failure ? ` The token broker refused it a token: ${failure}` : ''}`,
      action: 'See what the command printed.',
    };
    return { code, summary: `${program} ${ended}`, error };
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}


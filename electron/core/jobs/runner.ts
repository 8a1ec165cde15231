/**
 * The runner: runs one job now, records it, retries it, and says what happened.
 *
 * Before each run the profile's health is checked: one that needs a person (expired, revoked, blocked, signed
 * out) gives `skipped` with that reason — never an interactive prompt; tokens are silent only. A run that takes
 * longer than `timeoutMinutes` is stopped (a script's whole process tree with it) and is `timed-out`. Failed
 * and timed-out runs are retried with exponential backoff, each retry its own history row. A run of a job that
 * is still running (here, or in another process on the same home) is `skipped`, never overlapped.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { describeOsError, isOsError } from '../errors/os-error.js';
import { acquireLock, type ReleaseLock } from '../fs/file-lock.js';
import { ensurePrivateDir } from '../home/delegate-home.js';
import { jobLockPath, runLocksDir, stateDir } from '../home/home-paths.js';
import { authContext } from '../auth/auth-context.js';
import { healthBeforeRun } from './health-before-run.js';
import { signInRefusalIn } from './sign-in-refusal.js';
import { acquireTokenSilently } from '../auth/silent-token.js';
import { endpointsFor } from '../auth/cloud-endpoints.js';
import { transportOptionsFor } from '../net/profile-transport-options.js';
import { resolveProfile } from '../config/profile-resolver.js';
import { redactSecrets } from '../history/redact.js';
import { resolveJobPath } from './job-checks.js';
import { downloadStateDir } from '../graph/graph-factory.js';
import { executeAction } from './kinds/execute-action.js';
import { ActionOutcomeError } from './kinds/action-outcome.js';
import { KILL_GRACE_MS } from './kinds/script.js';
import { mayRetry, occurrenceKey, timedOutNote } from './retry-rule.js';
import type { Clock } from '../clock.js';
import type { Job } from '../../../shared/jobs/job-schema.js';
import type { GraphApi, KindContext } from './kinds/kind-context.js';
import type { RunEvents } from './run-events.js';
import { scopeProblemBeforeRun } from './job-scopes.js';
import type { FinishedRun, JobRun, NewJobRun, RunBrokerCounts, RunError, RunStatus, RunTrigger } from '../../../shared/models/job-run.js';
import type { Profile } from '../../../shared/models/profile.js';

export interface RunRecorder {
  startRun(run: NewJobRun): JobRun;
  finishRun(id: number, finished: FinishedRun): JobRun;
}

export interface GraphFactoryOptions {
  baseUrl: string;
  /** Silent only; `forceRefresh` after Graph answered 401 to a token that looked valid; `claims` to answer a CAE challenge. */
  getToken: (options?: { forceRefresh?: boolean; claims?: string }) => Promise<string>;
  caFile?: string;
  /** The profile's proxy setting from config.json (see transportOptionsFor). */
  proxy?: string;
  proxySource?: 'profile' | 'config';
  /** Where download records live (`<home>/state/downloads`). */
  stateDir?: string;
}

export interface RunnerOptions {
  home: string;
  clock: Clock;
  history: RunRecorder;
  createGraph: (options: GraphFactoryOptions) => GraphApi;
  events?: RunEvents;
  /** Backoff between retries; injected in tests. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Shutdown: stops waiting for retries and ends runs still going. */
  signal?: AbortSignal;
  /** Lines for the daemon's or the app's log (a script's token broker refusing a request). */
  log?: (line: string) => void;
}

/** Longest wait between two tries, whatever the job's backoff doubles to. */
const MAX_BACKOFF_MS = 60 * 60_000;

class RunTimeout extends Error {
  constructor(readonly minutes: number) {
    super(`The run took longer than ${minutes} minute${minutes === 1 ? '' : 's'} and was stopped.`);
  }
}

export class Runner {
  constructor(private readonly options: RunnerOptions) {}

  /** Runs a job, with its retries; resolves with the last try's history row. */
  async run(job: Job, trigger: RunTrigger, scheduledFor: Date | null): Promise<JobRun> {
    const release = await this.lockJob(job);
    if (!release) {
      return this.record(job, trigger, scheduledFor, 1, () => ({
        status: 'skipped',
        error: { code: 'already-running', message: 'The previous run of this job was still going, so this one was skipped.' },
      }));
    }
    try {
      const tries = 1 + job.retries.attempts;
      const key = occurrenceKey(job, scheduledFor);
      let last: JobRun | undefined;
      for (let attempt = 1; attempt <= tries; attempt++) {
        last = await this.record(job, attempt === 1 ? trigger : 'retry', scheduledFor, attempt, (context) => this.attempt(job, context, key));
        // A mail, post or request that may already have taken effect is never repeated blindly (retry-rule.ts).
        if (!mayRetry(job, last) || attempt === tries || this.options.signal?.aborted) break;
        const backoff = Math.min(MAX_BACKOFF_MS, job.retries.backoffSeconds * 1000 * 2 ** (attempt - 1));
        await (this.options.wait ?? defaultWait)(backoff, this.options.signal ?? new AbortController().signal).catch(() => undefined);
        if (this.options.signal?.aborted) break;
      }
      return last as JobRun;
    } finally {
      release();
    }
  }

  private async lockJob(job: Job): Promise<ReleaseLock | null> {
    const lockPath = jobLockPath(this.options.home, job.id);
    ensurePrivateDir(runLocksDir(this.options.home));
    try {
      // Held for the whole run: only a dead holder makes it stale, never its age.
      return await acquireLock(lockPath, { timeoutMs: 0, staleAfterMs: Number.POSITIVE_INFINITY });
    } catch (error) {
      if (isDelegateError(error) && error.code === 'cache-locked') return null;
      throw error;
    }
  }

  /** Starts a history row, does the work, finishes the row and emits the events. */
  private async record(
    job: Job,
    trigger: RunTrigger,
    scheduledFor: Date | null,
    attempt: number,
    work: (context: { outputTail: string | null; setOutput: (tail: string) => void; setBroker: (counts: RunBrokerCounts) => void }) => Promise<Partial<FinishedRun> & { status: RunStatus }> | (Partial<FinishedRun> & { status: RunStatus }),
  ): Promise<JobRun> {
    const started = this.options.history.startRun({ jobId: job.id, trigger, scheduledFor: scheduledFor?.toISOString() ?? null, startedAt: this.options.clock.now().toISOString(), attempt });
    this.options.events?.emit({ type: 'run-started', run: started });
    const box = {
      outputTail: null as string | null,
      setOutput: (tail: string) => (box.outputTail = tail),
      broker: null as RunBrokerCounts | null,
      setBroker: (counts: RunBrokerCounts) => (box.broker = counts),
    };
    let outcome: Partial<FinishedRun> & { status: RunStatus };
    try {
      outcome = await work(box);
    } catch (error) {
      outcome = { status: 'failed', error: toRunError(error) };
    }
    const finished = this.options.history.finishRun(started.id, {
      status: outcome.status,
      endedAt: this.options.clock.now().toISOString(),
      summary: outcome.summary ?? null,
      error: outcome.error ?? null,
      outputTail: outcome.outputTail ?? box.outputTail,
      broker: box.broker,
    });
    this.options.events?.emit({ type: 'run-finished', run: finished });
    if (finished.status === 'failed' || finished.status === 'timed-out') this.options.events?.emit({ type: 'run-failed', run: finished });
    return finished;
  }

  private async attempt(job: Job, box: { setOutput: (tail: string) => void; setBroker: (counts: RunBrokerCounts) => void }, key: string): Promise<Partial<FinishedRun> & { status: RunStatus }> {
    const { profile } = resolveProfile(this.options.home, job.profile);
    const auth = authContext(this.options.home, this.options.clock, profile);
    const health = await healthBeforeRun(auth);
    if (health.status === 'signed-out' || health.status === 'expired' || health.status === 'blocked') {
      return { status: 'skipped', error: signInNeeded(profile, health.status === 'blocked' ? 'blocked-by-policy' : 'sign-in-required', health.reason) };
    }
    const lacking = scopeProblemBeforeRun(this.options.home, job, profile.name);
    if (lacking) return { status: 'skipped', error: lacking };

    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(new RunTimeout(job.timeoutMinutes)), job.timeoutMinutes * 60_000);
    const stopOnShutdown = () => controller.abort(this.options.signal?.reason ?? new Error('Delegate is shutting down.'));
    this.options.signal?.addEventListener('abort', stopOnShutdown, { once: true });
    let kindError: unknown;
    try {
      const network = transportOptionsFor(this.options.home, profile);
      // Tokens for a script are standard ones; Delegate's own Graph calls use CAE tokens (auth/cae-partition.ts).
      const issueToken = (request: { scopes?: readonly string[]; resource?: string; forceRefresh?: boolean } = {}) => acquireTokenSilently(auth, { ...request, partition: 'standard' });
      const token = (request: { scopes?: readonly string[]; resource?: string; forceRefresh?: boolean } = {}) => issueToken(request).then((issued) => issued.accessToken);
      const context: KindContext = {
        job,
        graph: this.options.createGraph({
          baseUrl: endpointsFor(profile).graphBaseUrl,
          getToken: (options) =>
            acquireTokenSilently(auth, { partition: 'cae', forceRefresh: options?.forceRefresh ?? false, ...(options?.claims !== undefined ? { claims: options.claims } : {}) }).then((issued) => issued.accessToken),
          stateDir: downloadStateDir(this.options.home),
          ...network,
        }),
        network,
        token,
        signal: controller.signal,
        resolvePath: (path) => resolveJobPath({ baseDir: this.options.home }, path),
        occurrenceKey: key,
        stateDir: stateDir(this.options.home),
        now: () => this.options.clock.now(),
        reportOutput: (tail) => box.setOutput(tail),
        issueToken,
        brokerDefaults: { graphRoot: endpointsFor(profile).graphBaseUrl, extraResources: profile.extraResources },
        reportBroker: (counts) => box.setBroker(counts),
        ...(this.options.log ? { log: this.options.log } : {}),
      };
      // Kept for a timeout: the kind's own verdict (e.g. "may have been sent") must decide whether to retry.
      const work = executeAction(context).catch((error: unknown) => {
        kindError = error;
        throw error;
      });
      const result = await settleAfterAbort(work, controller.signal, KILL_GRACE_MS + 2_000);
      return { status: 'succeeded', summary: result.summary, ...(result.outputTail !== undefined ? { outputTail: result.outputTail } : {}) };
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof RunTimeout) {
        // The kind found that what it was doing when stopped may have taken effect: no retry, and the row says so.
        if (kindError instanceof ActionOutcomeError && kindError.outcome === 'unknown') {
          const verdict = kindError.toRunError();
          return { status: 'timed-out', error: { ...verdict, message: `${reason.message} ${verdict.message}` } };
        }
        return { status: 'timed-out', error: { code: 'timed-out', message: `${reason.message}${timedOutNote(job)}`, action: `Raise timeoutMinutes for job "${job.id}" if the work really takes longer.` } };
      }
      if (this.options.signal?.aborted && controller.signal.aborted) {
        return { status: 'interrupted', error: { code: 'interrupted', message: 'Delegate was stopped while this run was going.' } };
      }
      if (signInRefusalIn(reason)) {
        return { status: 'skipped', error: toRunError(reason) };
      }
      return { status: 'failed', error: toRunError(reason) };
    } finally {
      clearTimeout(timeout);
      this.options.signal?.removeEventListener('abort', stopOnShutdown);
    }
  }
}

function signInNeeded(profile: Profile, code: 'sign-in-required' | 'blocked-by-policy', reason: string): RunError {
  return {
    code,
    message: `Skipped: profile "${profile.name}" needs you to sign in. ${reason}`,
    action: code === 'blocked-by-policy' ? `Sign in with the browser: \`delegate login --browser --profile ${profile.name}\`.` : `Sign in again: \`delegate login --profile ${profile.name}\`, or "Sign in again…" in the tray.`,
  };
}

/** Any error as the history's RunError, with secrets redacted. */
export function toRunError(error: unknown): RunError {
  const withRunError = error as { toRunError?: () => RunError };
  if (typeof withRunError?.toRunError === 'function') return withRunError.toRunError();
  if (error instanceof DelegateError) {
    const data = error.toData();
    return { code: data.code, message: redactSecrets(data.message), action: data.action, ...(data.aadsts !== undefined ? { aadsts: data.aadsts } : {}) };
  }
  if (isOsError(error)) return toRunError(describeOsError(error));
  return { code: 'unexpected', message: redactSecrets(`Something unexpected went wrong: ${error instanceof Error ? error.message : String(error)}`) };
}

/**
 * Resolves with the work; once the signal fires, gives the work up to `graceMs` to clean up (a script ends
 * its process tree and reports its output), then rejects with the signal's reason either way.
 */
function settleAfterAbort<T>(work: Promise<T>, signal: AbortSignal, graceMs: number): Promise<T> {
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      const giveUp = setTimeout(() => reject(signal.reason), graceMs);
      work.then(
        () => reject(signal.reason),
        () => reject(signal.reason),
      ).finally(() => clearTimeout(giveUp));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function defaultWait(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal });
}

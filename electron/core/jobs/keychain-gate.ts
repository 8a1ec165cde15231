/**
 * Scheduled runs wait for a locked keychain: one `skipped` row per job per outage, then silence, then they resume
 * by themselves the moment the keychain can be read again — no probe, no person.
 *
 * The first run that meets the locked keychain is recorded `skipped` (keychain-locked) by the runner as usual, and
 * remembered here. While it is remembered, each further due run of that job first asks the keychain (quietly over
 * D-Bus on Linux; a throwaway entry elsewhere): still locked → no run and no new row (the one row and the
 * profile's health already say why); usable → the outage is over and the run goes ahead. Runs a person starts
 * (`delegate run`, Run now) never pass here: they always run and are always recorded.
 *
 * Per job rather than per keychain: each job's own history then says why it did not run.
 */
import { authContext } from '../auth/auth-context.js';
import { checkKeychain, type KeychainState } from '../auth/keychain-state.js';
import { resolveProfile } from '../config/profile-resolver.js';
import type { Clock } from '../clock.js';
import type { Job } from '../../../shared/jobs/job-schema.js';
import type { JobRun } from '../../../shared/models/job-run.js';

export interface KeychainGateOptions {
  home: string;
  clock: Clock;
  log?: (line: string) => void;
}

export class KeychainGate {
  /** Job id → the one `skipped` row recorded for the current outage. */
  private readonly outages = new Map<string, JobRun>();

  constructor(private readonly options: KeychainGateOptions) {}

  /** Runs `run` unless the job is waiting for a keychain that is still locked. */
  async dispatch(job: Job, run: () => Promise<JobRun>): Promise<JobRun> {
    const waiting = this.outages.get(job.id);
    if (waiting) {
      const keychain = await this.check(job);
      if (keychain.state === 'locked') return waiting;
      this.outages.delete(job.id);
      this.options.log?.(`keychain: usable again; job ${job.id} runs again`);
    }
    const result = await run();
    if (result.status === 'skipped' && result.error?.code === 'keychain-locked') {
      this.outages.set(job.id, result);
      this.options.log?.(`keychain: locked; job ${job.id} waits and runs again by itself once it is unlocked (${result.error.message})`);
    }
    return result;
  }

  /** True while a job waits for the keychain. */
  isWaiting(jobId: string): boolean {
    return this.outages.has(jobId);
  }

  private async check(job: Job): Promise<KeychainState> {
    try {
      const { profile } = resolveProfile(this.options.home, job.profile);
      const context = authContext(this.options.home, this.options.clock, profile);
      return await checkKeychain(context.profile, context.paths, { thorough: true });
    } catch {
      // A profile that cannot be resolved now is the runner's to report: let the run go ahead.
      return { state: 'usable' };
    }
  }
}

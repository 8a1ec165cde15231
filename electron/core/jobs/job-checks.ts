/**
 * Checks of a job against the world outside the file: does its profile exist, are its local files there.
 *
 * A missing local file is a warning, not an error: an earlier job (an ETL at 06:50) may well produce the
 * attachment the 07:00 job sends. The run fails with a precise message if it is still missing then.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Job } from '../../../shared/jobs/job-schema.js';
import { credentialOverrides } from '../broker/broker-env.js';

export interface JobWorld {
  /** Profiles that exist and are valid. */
  profiles: ReadonlySet<string>;
  /** The profile a job without `profile:` uses, if any. */
  defaultProfile: string | undefined;
  /** Relative paths in the jobs file are relative to this folder (Delegate's home). */
  baseDir: string;
}

export interface WorldProblem {
  severity: 'error' | 'warning';
  segments: PropertyKey[];
  message: string;
}

export function resolveJobPath(world: Pick<JobWorld, 'baseDir'>, path: string): string {
  return isAbsolute(path) ? path : resolve(world.baseDir, path);
}

export function checkJobAgainstWorld(job: Job, world: JobWorld): WorldProblem[] {
  const problems: WorldProblem[] = [];
  if (job.profile !== undefined && !world.profiles.has(job.profile)) {
    const known = [...world.profiles];
    problems.push({ severity: 'error', segments: ['profile'], message: `unknown profile "${job.profile}"${known.length > 0 ? ` (profiles: ${known.join(', ')})` : ' (no profiles yet: `delegate login` creates one)'}` });
  }
  if (job.profile === undefined && world.defaultProfile === undefined) {
    problems.push({ severity: 'error', segments: ['profile'], message: 'no profile given and there is no default profile: add `profile: NAME` or run `delegate profiles default NAME`' });
  }
  const file = (segments: PropertyKey[], path: string | undefined, what: string) => {
    if (path === undefined) return;
    const full = resolveJobPath(world, path);
    if (!existsSync(full)) problems.push({ severity: 'warning', segments, message: `${what} ${full} does not exist (yet): the run will fail unless it is there by then` });
  };
  const action = job.action;
  switch (action.kind) {
    case 'mail.send':
      file(['action', 'body', 'file'], action.body.file, 'the body file');
      action.attachments.forEach((attachment, index) => file(['action', 'attachments', index], attachment, 'the attachment'));
      break;
    case 'teams.message':
      file(['action', 'body', 'file'], action.body.file, 'the body file');
      break;
    case 'files.upload':
      file(['action', 'source'], action.source, 'the file to upload');
      break;
    case 'script':
      if (action.cwd !== undefined) {
        const cwd = resolveJobPath(world, action.cwd);
        if (!existsSync(cwd) || !statSync(cwd).isDirectory()) problems.push({ severity: 'warning', segments: ['action', 'cwd'], message: `the working folder ${cwd} does not exist` });
      }
      if (/[\\/]/.test(action.command)) file(['action', 'command'], action.command, 'the program');
      // The job's env wins over the broker's (it is written on purpose), but it should not do so unnoticed.
      for (const name of credentialOverrides(action.env)) {
        problems.push({ severity: 'warning', segments: ['action', 'env', name], message: `${name} in the job's env changes which credential Azure SDKs pick or where the token broker is: the script may not use Delegate's broker (remove it to use the signed-in user's tokens)` });
      }
      break;
    default:
      break;
  }
  return problems;
}

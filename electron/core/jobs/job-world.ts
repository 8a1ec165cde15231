/**
 * The jobs file as the engine sees it: loaded against the current profiles, with the file's folder as base.
 */
import { loadConfig } from '../config/config-store.js';
import { jobsFilePath, loadJobsFile, type LoadedJobs } from './jobs-file.js';
import type { JobWorld } from './job-checks.js';

export function jobWorld(home: string): JobWorld {
  const config = loadConfig(home);
  const profiles = new Set(config.entries.filter((entry) => entry.ok).map((entry) => entry.name));
  // A bad defaultProfile is no default at all (jobs without `profile:` say so), never a silent switch to another.
  const onlyProfile = config.entries.length === 1 && !config.defaultProfileProblem ? config.entries[0]?.name : undefined;
  return { profiles, defaultProfile: config.defaultProfile ?? onlyProfile, baseDir: home };
}

export function loadHomeJobs(home: string): LoadedJobs {
  return loadJobsFile(jobsFilePath(home), jobWorld(home));
}

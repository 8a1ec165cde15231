/**
 * The jobs file as the engine sees it: loaded against the current profiles, with the file's folder as base.
 */
import { loadConfig, type LoadedConfig } from '../config/config-store.js';
import { jobsFilePath, loadJobsFile, type LoadedJobs } from './jobs-file.js';
import type { JobWorld } from './job-checks.js';

/** `config`: the home's config.json as the caller already read it (`delegate jobs` needs it again for the scopes). */
export function jobWorld(home: string, config: LoadedConfig = loadConfig(home)): JobWorld {
  const profiles = new Set(config.entries.filter((entry) => entry.ok).map((entry) => entry.name));
  // A bad defaultProfile is no default at all (jobs without `profile:` say so), never a silent switch to another.
  const onlyProfile = config.entries.length === 1 && !config.defaultProfileProblem ? config.entries[0]?.name : undefined;
  return { profiles, defaultProfile: config.defaultProfile ?? onlyProfile, baseDir: home };
}

export function loadHomeJobs(home: string, config?: LoadedConfig): LoadedJobs {
  return loadJobsFile(jobsFilePath(home), jobWorld(home, config));
}

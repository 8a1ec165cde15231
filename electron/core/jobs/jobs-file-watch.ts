/**
 * Tells the engine when the jobs file changed: the home's `jobs.yaml`, and the file it links to, if it is a link.
 *
 * Without watching a linked file's target folder too, the scheduler kept running the old jobs until a restart,
 * and said nothing (settings-file-watch.ts).
 */
import { jobsFilePath } from './jobs-file.js';
import { watchSettingsFile, type SettingsFileWatch } from '../fs/settings-file-watch.js';

export type JobsFileWatch = SettingsFileWatch;

export function watchJobsFile(home: string, onChange: () => void, log?: (line: string) => void): JobsFileWatch {
  return watchSettingsFile(jobsFilePath(home), onChange, { what: 'jobs file', ...(log ? { log } : {}) });
}

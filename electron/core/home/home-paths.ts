/**
 * Every path Delegate derives from a name inside its home, in one place.
 *
 * Names come from hand-edited files (config.json, jobs.yaml), the window (IPC), the command line and Graph. A
 * name such as `..` or `../../x` once made `profiles remove` delete the whole home, or a folder beside it. So
 * each derivation here checks the name against its pattern AND checks that the resolved path is still inside
 * the folder meant for it (no `..`, no absolute path, no NUL): two independent guards, so a pattern loosened
 * later cannot reopen the hole.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DelegateError } from '../errors/delegate-error.js';
import { PROFILE_NAME_PATTERN } from '../../../shared/models/profile.js';
import { JOB_ID_PATTERN } from '../../../shared/models/job-id.js';
import { folderNameProblem, windowsDeviceProblem } from '../../../shared/models/portable-name.js';

/** Why a profile name cannot be used, or undefined when it can. */
export function profileNameProblem(name: string): string | undefined {
  if (PROFILE_NAME_PATTERN.test(name)) return folderNameProblem(name);
  if (name === '') return 'a profile name must not be empty';
  return 'a profile name is up to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit (no "/", "\\" or "..")';
}

/** Throws a clear error unless `name` is a usable profile name. */
export function assertProfileName(name: string): void {
  const problem = profileNameProblem(name);
  if (problem) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `${quoteName(name)} is not a valid profile name: ${problem}.`,
      action: 'Use a name such as "work" or "contoso-admin". A profile with such a name in config.json must be renamed there by hand; Delegate leaves its files alone.',
    });
  }
}

/** Throws a clear error unless `id` is a usable job id. */
export function assertJobId(id: string): void {
  const device = windowsDeviceProblem(id);
  if (!JOB_ID_PATTERN.test(id) || device) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `${quoteName(id)} is not a valid job id: ${device ?? 'up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit'}.`,
      action: 'Check the job id in jobs.yaml.',
    });
  }
}

/**
 * `parent/name`, refusing anything that would land elsewhere: an empty name, `.`/`..`, a separator, an
 * absolute path or a NUL byte. `what` names the kind of thing for the error ("profile folder").
 */
export function containedPath(parent: string, name: string, what: string): string {
  const base = resolve(parent);
  const target = resolve(base, name);
  const rel = relative(base, target);
  const escapes =
    name.includes('\0') || name === '' || rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) || rel.includes(sep) || rel !== name;
  if (escapes) {
    throw new DelegateError({
      code: 'invalid-input',
      message: `Refusing to use ${quoteName(name)} as a ${what}: it would point outside ${base}.`,
      action: 'Use a plain name (letters, digits, dots, dashes, underscores) without "/", "\\" or "..".',
    });
  }
  return join(base, name);
}

/** `<home>/profiles`: the folder every profile's folder lives in. */
export function profilesDir(home: string): string {
  return join(home, 'profiles');
}

/** `<home>/profiles/<name>`, for a valid profile name only. */
export function profileDir(home: string, name: string): string {
  assertProfileName(name);
  return containedPath(profilesDir(home), name, 'profile folder');
}

/** `<home>/runs`: the per-job lock files. */
export function runLocksDir(home: string): string {
  return join(home, 'runs');
}

/** `<home>/runs/<job id>.lock`, for a valid job id only. */
export function jobLockPath(home: string, jobId: string): string {
  assertJobId(jobId);
  return containedPath(runLocksDir(home), `${jobId}.lock`, 'job lock file');
}

/** `<home>/state`: what Delegate remembers between runs (download records, saved attachments, scheduler state). */
export function stateDir(home: string): string {
  return join(home, 'state');
}

/** `<home>/state/downloads`: download records, each named by a hash (download-state.ts), never by a name. */
export function downloadStateDir(home: string): string {
  return join(stateDir(home), 'downloads');
}

/** `<state>/mail-attachments/<job id>.json`: which attachments a mail.attachments job has saved, for a valid job id only. */
export function savedAttachmentsPath(state: string, jobId: string): string {
  assertJobId(jobId);
  return containedPath(join(state, 'mail-attachments'), `${jobId}.json`, 'saved-attachments record');
}

/** A name as it may be shown: JSON-quoted, so `..`, control characters and an empty name are all visible. */
function quoteName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

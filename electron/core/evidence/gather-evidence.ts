/**
 * Gathers an evidence pack's facts from Delegate's home: the profiles (client, authority, tenant, scopes granted
 * and configured, where the cache lives), the home's file modes, each job with what it touches and its schedule,
 * 90 days of runs per job, and the hashes of the running files.
 *
 * It reads config.json, the profiles' metadata, the jobs file and the history, and never the token cache: the
 * scopes granted are the `scp` of the last Graph access token, decoded when it was issued and kept in the
 * profile's metadata (token-scopes.ts). So no token can reach the pack, even by mistake, and writing one needs
 * neither the keychain nor the network.
 */
import { existsSync } from 'node:fs';
import { DAY_MS, type Clock } from '../clock.js';
import { authorityUrl, endpointsFor } from '../auth/cloud-endpoints.js';
import { readMetadata } from '../auth/profile-metadata.js';
import { loadConfig, type LoadedConfig } from '../config/config-store.js';
import { configPath, profilePaths } from '../config/profile-paths.js';
import { resolveProfile } from '../config/profile-resolver.js';
import { HistoryStore, historyPath, type StatusCounts } from '../history/history-store.js';
import { describeSchedule } from '../../../shared/jobs/job-schedule.js';
import { jobWorld } from '../jobs/job-world.js';
import { jobsFilePath, loadJobsFile } from '../jobs/jobs-file.js';
import { isDelegateError } from '../errors/delegate-error.js';
import { listDamagedFiles } from '../fs/damaged-file.js';
import { presetForClientId } from '../../../shared/client-presets.js';
import { KNOWN_CLOUDS } from '../../../shared/clouds.js';
import type { Profile } from '../../../shared/models/profile.js';
import { hashRunningFiles } from './binary-hashes.js';
import { cacheFacts } from './cache-facts.js';
import { fileModeFact, homeFileModes } from './file-modes.js';
import { describeJobTouches } from './job-touches.js';
import type { EvidenceFacts, JobFacts, ProfileFacts, RunCounts, RunningFile } from './evidence-facts.js';

/** How far back the pack counts runs: the history a reviewer asks about ("what did it do last quarter?"). */
export const EVIDENCE_HISTORY_DAYS = 90;

export interface GatherOptions {
  home: string;
  clock: Clock;
  version: string;
  /** One profile (by name; the default profile when undefined), or every profile with `all`. */
  profile?: string;
  all?: boolean;
  runningFiles: readonly RunningFile[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export async function gatherEvidence(options: GatherOptions): Promise<EvidenceFacts> {
  const { home, clock } = options;
  const platform = options.platform ?? process.platform;
  const now = clock.now();
  const config = loadConfig(home);
  const chosen = chooseProfiles(options, config);
  const profileNames = new Set(chosen.map((profile) => profile.name));

  const world = jobWorld(home);
  const loaded = loadJobsFile(jobsFilePath(home), world);
  const history = readRunCounts(home, new Date(now.getTime() - EVIDENCE_HISTORY_DAYS * DAY_MS));
  const jobsOfProfiles = loaded.jobs.filter((job) => options.all || profileNames.has(job.profile ?? world.defaultProfile ?? ''));
  const jobs: JobFacts[] = jobsOfProfiles.map((job) => {
    const touches = describeJobTouches(job);
    return {
      id: job.id,
      name: job.name ?? null,
      kind: job.action.kind,
      enabled: job.enabled,
      profile: job.profile ?? world.defaultProfile ?? null,
      schedule: job.schedule,
      scheduleInWords: describeSchedule(job),
      timezone: job.timezone ?? null,
      access: touches.access,
      touches: touches.touches,
      runs: history.counts.get(job.id) ?? emptyCounts(),
    };
  });
  // Runs of jobs since removed from the file: only in a pack of everything, where they cannot belong to another profile.
  const inFile = new Set(loaded.jobs.map((job) => job.id));
  const formerJobs = options.all ? [...history.counts].filter(([id]) => !inFile.has(id)).map(([id, runs]) => ({ id, runs })) : [];

  return {
    generatedAt: now.toISOString(),
    version: options.version,
    platform: `${platform} ${process.arch}, Node ${process.versions.node}${process.versions.electron ? `, Electron ${process.versions.electron}` : ''}`,
    home,
    homeFiles: homeFileModes(home, { config: configPath(home), jobs: jobsFilePath(home), history: historyPath(home) }),
    profiles: chosen.map((profile) => profileFacts(home, profile, config.defaultProfile === profile.name, platform)),
    invalidProfiles: options.all ? config.entries.flatMap((entry) => (entry.ok ? [] : [{ name: entry.name, problems: entry.problems }])) : [],
    jobs,
    jobsFile: {
      path: loaded.path,
      exists: loaded.exists,
      error: loaded.fileError?.message ?? null,
      problems: loaded.problems.map((problem) => `${problem.severity}: ${problem.path}${problem.line !== undefined ? ` (line ${problem.line})` : ''}: ${problem.message}`),
    },
    formerJobs,
    historyDays: EVIDENCE_HISTORY_DAYS,
    historyError: history.error,
    // Listed after reading: opening the history may itself have just set a damaged one aside.
    historyKeptAside: listDamagedFiles(home)
      .filter((kept) => kept.file === historyPath(home) && kept.at >= new Date(now.getTime() - EVIDENCE_HISTORY_DAYS * DAY_MS).toISOString())
      .map((kept) => ({ at: kept.at, keptAs: kept.keptAs })),
    binaries: await hashRunningFiles(options.runningFiles, platform),
  };
}

function chooseProfiles(options: GatherOptions, config: LoadedConfig): Profile[] {
  if (options.all) return config.entries.flatMap((entry) => (entry.ok ? [entry.profile] : []));
  const { profile, persisted } = resolveProfile(options.home, options.profile, options.env ?? process.env, config);
  // The built-in default before the first sign-in: nothing is configured, so there is nothing to vouch for.
  return persisted ? [profile] : [];
}

function profileFacts(home: string, profile: Profile, isDefault: boolean, platform: NodeJS.Platform): ProfileFacts {
  const paths = profilePaths(home, profile.name);
  const { metadata } = readMetadata(paths);
  const endpoints = endpointsFor(profile);
  const refused = metadata.refusedScopes && metadata.refusedScopes.clientId.toLowerCase() === profile.clientId.toLowerCase() ? metadata.refusedScopes.scopes : [];
  return {
    name: profile.name,
    isDefault,
    clientId: profile.clientId,
    clientApp: presetForClientId(profile.clientId)?.label ?? null,
    cloud: profile.cloud === 'custom' ? 'Custom (a sign-in host and Graph URL set by hand)' : KNOWN_CLOUDS[profile.cloud].label,
    authorityHost: endpoints.authorityHost,
    authority: authorityUrl(profile),
    graphBaseUrl: endpoints.graphBaseUrl,
    tenantConfigured: profile.tenant,
    caFile: profile.caFile ?? null,
    account: metadata.account ? { username: metadata.account.username, tenantId: metadata.account.tenantId } : null,
    lastInteractiveAuth: metadata.lastInteractiveAuth,
    lastSilentAuth: metadata.lastSilentAuth,
    signInFlow: metadata.signInFlow,
    configuredScopes: profile.scopes,
    extraResources: profile.extraResources,
    tokenScopes: metadata.account ? metadata.tokenScopes : null,
    signInScopes: metadata.account ? metadata.grantedScopes : [],
    refusedScopes: refused,
    cache: cacheFacts(profile, paths, platform),
    profileFiles: [
      fileModeFact('Profile folder', paths.dir, platform),
      fileModeFact('Sign-in record (no secrets)', paths.meta, platform),
      fileModeFact(profile.cacheBackend === 'plaintext' || platform === 'win32' ? 'Token cache file' : "Token cache placeholder (the keychain's timestamp file)", paths.cache, platform),
    ],
  };
}

function readRunCounts(home: string, since: Date): { counts: Map<string, RunCounts>; error: string | null } {
  const path = historyPath(home);
  // Opening the store would create an empty history: a pack describes the home, it does not change it.
  if (!existsSync(path)) return { counts: new Map(), error: null };
  let store: HistoryStore | undefined;
  try {
    store = new HistoryStore(path);
    const byJob = store.countsByJobSince(since);
    return { counts: new Map([...byJob].map(([id, entry]) => [id, toRunCounts(entry.counts, entry.lastStartedAt, entry.lastFailureAt)])), error: null };
  } catch (error) {
    return { counts: new Map(), error: isDelegateError(error) ? `${error.message} ${error.action}` : error instanceof Error ? error.message : String(error) };
  } finally {
    store?.close();
  }
}

function toRunCounts(counts: StatusCounts, lastRunAt: string | null, lastFailureAt: string | null): RunCounts {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return {
    total,
    succeeded: counts.succeeded,
    failed: counts.failed,
    timedOut: counts['timed-out'],
    skipped: counts.skipped,
    interrupted: counts.interrupted,
    running: counts.running,
    lastRunAt,
    lastFailureAt,
  };
}

function emptyCounts(): RunCounts {
  return { total: 0, succeeded: 0, failed: 0, timedOut: 0, skipped: 0, interrupted: 0, running: 0, lastRunAt: null, lastFailureAt: null };
}

/**
 * `delegate status [--probe] [--json]`: the health of a profile; with --probe, a forced silent refresh first.
 * Exit 0 when the sign-in works (ok, warning), 3 when a person must sign in, 4 when a probe could not reach
 * Entra ID (the status is then left as it was), 5 when the keychain holding the sign-in is locked or not running.
 *
 * Without --probe it only reads (config, metadata, the keychain's state and entries), so it loads no msal: the
 * probe is imported when asked for, and the keychain is read without msal-node-extensions (quiet-keychain-state.ts,
 * keychain-token-partitions.ts). The D-Bus question goes first and the rest loads meanwhile (status-reads.ts).
 * test/bench/cli-bench.ts holds it to 1.5x of Node doing the same reads.
 */
import { quietKeychainState, withKeychainState } from '../../core/auth/quiet-keychain-state.js';
import { badInput, type CliIo } from '../cli-io.js';
import { parseCommand } from '../parse-options.js';
import type { ProfileMetadata } from '../../core/auth/profile-metadata.js';
import type { DamagedFile } from '../../core/fs/damaged-file.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

/** Damaged-file notes printed under the status; the rest are counted. */
const DAMAGED_NOTES = 5;

const USAGE = 'delegate status [--profile NAME] [--probe] [--json]';

export async function runStatus(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('status', args, { profile: { type: 'string' }, probe: { type: 'boolean' }, json: { type: 'boolean' } }, USAGE);
  if (values.help) {
    io.out(`${USAGE}\n\nShows the sign-in health. --probe first asks Entra ID (a forced silent refresh).\nExit codes: 0 ok or warning, 3 sign-in required, 4 network (probe), 5 keychain locked (unlock it; runs wait).\n`);
    return 0;
  }
  if (positionals.length > 0) throw badInput(`status: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  // The keychain's Locked state, asked before anything else: dbus-send answers while the rest loads and reads
  // (unused for a plaintext profile, or when nobody is signed in).
  const keychain = values.probe ? undefined : quietKeychainState({ cacheBackend: 'keychain' });
  const {
    resolveProfile, authContext, systemClock, readMetadata, computeHealth, listDamagedFiles, readTokenPartitions, readsWithKeytar, loadKeychainReader,
    describePartitions, authorityUrl, endpointsFor, isDelegateError, printJson, reportError, toErrorData, ExitCode, formatHealth,
  } = await import('./status-reads.js');
  const { profile } = resolveProfile(io.home, values.profile);
  const context = authContext(io.home, systemClock, profile);
  let health: ProfileHealth;
  let probeError: unknown;
  let metadata: ProfileMetadata;
  let damagedFiles: DamagedFile[];
  if (values.probe && readMetadata(context.paths).metadata.account) {
    const { probe } = await import('../../core/auth/probe.js');
    const report = await probe(context);
    health = report.health;
    probeError = report.error;
    // The probe records what it learned (a refusal in lastAuthError): the rest reads the record as it is now.
    metadata = readMetadata(context.paths).metadata;
    damagedFiles = listDamagedFiles(io.home);
  } else {
    const read = readMetadata(context.paths);
    metadata = read.metadata;
    if (read.problem) io.err(`delegate: ${read.problem}\n`);
    health = computeHealth(profile, metadata, systemClock.now());
    damagedFiles = listDamagedFiles(io.home);
    // The keychain's state matters only where it holds a sign-in (live-health.ts's withKeychainOf, quietly).
    if (keychain && health.account && profile.cacheBackend !== 'plaintext') {
      // keytar's addon loads while dbus-send answers; a failure to load shows where the entries are read.
      if (readsWithKeytar(profile)) tryQuietly(loadKeychainReader);
      health = withKeychainState(health, await keychain);
    }
  }
  const networkFailure = isDelegateError(probeError) && probeError.code === 'network';
  const partitions = health.status === 'keychain-locked' ? null : await readTokenPartitions(context, metadata.account, systemClock.now());
  if (values.json) {
    printJson(io, {
      damagedFiles,
      ...health,
      cloud: profile.cloud,
      authority: authorityUrl(profile),
      graphBaseUrl: endpointsFor(profile).graphBaseUrl,
      cacheLocation: profile.cacheBackend === 'plaintext' ? context.paths.cache : 'os-keychain',
      // For support: the last refusal with Entra's own answer (error codes, suberror, trace and correlation IDs).
      lastAuthError: metadata.lastAuthError,
      ...(partitions ? { tokenPartitions: partitions } : {}),
      ...(probeError ? { probeError: toErrorData(probeError) } : {}),
    });
  } else {
    io.out(formatHealth(profile, health, context.paths.cache));
    if (partitions) io.out(`${describePartitions(partitions)}\n`);
    // The newest few: a file damaged on every start would otherwise bury the status under hundreds of notes.
    for (const damaged of damagedFiles.slice(-DAMAGED_NOTES)) io.out(`Note: ${damaged.message}\n`);
    const more = damagedFiles.length - DAMAGED_NOTES;
    if (more > 0) io.out(`Note: ${more} older damaged file(s) kept aside too, the oldest from ${damagedFiles[0]?.at}; \`delegate status --json\` lists them all.\n`);
    if (networkFailure) io.err(`delegate: the probe could not reach Entra ID, so the status above is unchanged.\n  ${toErrorData(probeError).message}\n`);
  }
  if (networkFailure) return ExitCode.network;
  if (health.status === 'keychain-locked') return ExitCode.keychainLocked;
  if (probeError && health.status !== 'expired' && health.status !== 'blocked') {
    // The probe failed for another reason (a missing CA file, a damaged profile): say so, do not report ok.
    // (With --json the health above already carries `probeError`; the person-readable form goes to stderr.)
    return reportError(io, probeError, false);
  }
  return health.status === 'expired' || health.status === 'signed-out' || health.status === 'blocked' ? ExitCode.signInRequired : ExitCode.ok;
}

function tryQuietly(work: () => unknown): void {
  try {
    work();
  } catch {
    // Only a head start: the same work runs again where its failure counts.
  }
}

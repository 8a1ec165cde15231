/**
 * The keychain holding the profile's sign-in: a unique entry written, read back and deleted, the way sign-in
 * stores the token cache (the same keytar/libsecret path, service "Delegate").
 *
 * On Linux the Secret Service is asked quietly first (its `Locked` property, keychain-state.ts): a locked
 * keyring fails at once with the fix, and no keytar call is started that would wait on an unlock prompt — such
 * a call cannot be cancelled and would hold doctor (and the app's worker thread) until D-Bus gives up.
 */
import { verifyKeychain } from '../auth/cache-persistence.js';
import { KEYCHAIN_SERVICE } from '../auth/keychain-names.js';
import { secretServiceState, unlockAdvice } from '../auth/keychain-state.js';
import { withKeychainDeadline } from '../auth/keychain-deadline.js';
import { isDelegateError } from '../errors/delegate-error.js';
import { ensurePrivateDir } from '../home/delegate-home.js';
import type { DoctorContext } from './doctor-context.js';
import type { DoctorFinding } from '../../../shared/models/doctor-report.js';

/** The name people know the keychain by, on this system. */
export function keychainName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'the macOS login keychain';
  if (platform === 'win32') return 'Windows Credential Manager (DPAPI)';
  return 'the Secret Service keyring (GNOME Keyring or KWallet, default collection)';
}

export async function checkKeychain(context: DoctorContext): Promise<DoctorFinding> {
  const { profile } = context;
  const name = keychainName();
  const title = `Keychain: write, read and delete a test entry`;
  if (profile.cacheBackend === 'plaintext') {
    return {
      id: 'keychain',
      area: 'keychain',
      status: 'pass',
      title,
      detail: `Not used: profile "${profile.name}" keeps its token cache in a plaintext file readable only by you (${context.paths.cache}), by your choice.`,
      data: { backend: 'plaintext' },
    };
  }
  const lockedFinding = (reason: string): DoctorFinding => ({
    id: 'keychain',
    area: 'keychain',
    status: 'fail',
    code: 'keychain-locked',
    title,
    detail: `${name[0]?.toUpperCase()}${name.slice(1)} is locked or not running (${reason}), so Delegate cannot read or store the sign-in of profile "${profile.name}".`,
    action: `${unlockAdvice()} Then check again. The sign-in itself is unchanged.`,
    data: { keychain: name, service: KEYCHAIN_SERVICE },
  });
  if (process.platform === 'linux') {
    const quiet = await secretServiceState();
    if (quiet.state === 'locked') return lockedFinding(quiet.reason);
  }
  const started = Date.now();
  try {
    // The test entry's marker file goes beside the cache, as at sign-in; a profile never signed in has no folder yet.
    ensurePrivateDir(context.paths.dir);
    await withKeychainDeadline(verifyKeychain(profile, context.paths));
  } catch (error) {
    const reason = isDelegateError(error) ? (error.detail ?? error.message) : error instanceof Error ? error.message : String(error);
    if (/locked|not answering|did not answer/i.test(reason)) return lockedFinding(reason);
    return {
      id: 'keychain',
      area: 'keychain',
      status: 'fail',
      code: 'keychain-unavailable',
      title,
      detail: `${name[0]?.toUpperCase()}${name.slice(1)} refused a test entry (${reason}).`,
      action: isDelegateError(error) ? error.action : `${unlockAdvice()} Then check again.`,
      data: { keychain: name, service: KEYCHAIN_SERVICE },
    };
  }
  return {
    id: 'keychain',
    area: 'keychain',
    status: 'pass',
    title,
    detail: `${name[0]?.toUpperCase()}${name.slice(1)} stored, returned and deleted a unique test entry (service "${KEYCHAIN_SERVICE}") in ${Date.now() - started} ms.`,
    data: { keychain: name, service: KEYCHAIN_SERVICE },
  };
}

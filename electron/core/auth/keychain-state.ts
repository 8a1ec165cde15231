/**
 * Whether the OS keychain that holds a profile's sign-in can be used right now — a state of its own, apart from
 * the sign-in.
 *
 * A Secret Service collection locked after sign-in (screen lock, a keyring daemon restart) answers every lookup
 * with "nothing here", exactly like an entry that was removed, and refuses writes ("Cannot create an item in a
 * locked collection"). Read as a sign-in problem that used to mark the profile EXPIRED until someone probed. So
 * when the cache looks empty, or the keychain fails, Delegate asks the keychain itself before blaming the sign-in:
 * - Linux: the default collection's `Locked` property over D-Bus (`dbus-send`, in the `dbus` package every desktop
 *   has). Reading a property never shows an unlock prompt, so the app can ask every minute.
 * - Elsewhere, or without `dbus-send`: a throwaway entry is written, read back and deleted (verifyKeychain). That
 *   may show the system's unlock prompt, so it is only done where the sign-in is needed anyway (`thorough`).
 */
import { execFile } from 'node:child_process';
import { DelegateError, isDelegateError } from '../errors/delegate-error.js';
import { verifyKeychain } from './cache-persistence.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import type { Profile } from '../../../shared/models/profile.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

export type KeychainState =
  | { state: 'usable' }
  /** Locked, not running, or refusing: the sign-in cannot be read now but is not known to be bad. */
  | { state: 'locked'; reason: string }
  /** Cannot be told without a check that may prompt the person (see `thorough`). */
  | { state: 'unknown' };

export interface KeychainCheckOptions {
  /** Allow the write-read-delete check where no quiet one exists (it may show an unlock prompt). */
  thorough?: boolean;
}

/** The Secret Service answered that its keyring is locked (as opposed to not answering at all). */
const KEYRING_LOCKED = 'the Secret Service keyring is locked';

/** How long the D-Bus question may take; gnome-keyring answers in milliseconds, a hung bus must not hang a run. */
const DBUS_TIMEOUT_MS = 5_000;

export async function checkKeychain(profile: Profile, paths: ProfilePaths, options: KeychainCheckOptions = {}): Promise<KeychainState> {
  if (profile.cacheBackend === 'plaintext') return { state: 'usable' };
  // DPAPI is bound to the Windows sign-in itself: it cannot be locked while this user's processes run.
  if (process.platform === 'win32') return { state: 'usable' };
  if (process.platform === 'linux') {
    const quiet = await secretServiceState();
    if (quiet.state !== 'unknown') return quiet;
  }
  if (!options.thorough) return { state: 'unknown' };
  try {
    await verifyKeychain(profile, paths);
    return { state: 'usable' };
  } catch (error) {
    const cause = error instanceof DelegateError ? (error.toData().detail ?? error.message) : String(error);
    return { state: 'locked', reason: cause };
  }
}

/** Asks the Secret Service whether its default collection (where libsecret keeps Delegate's entry) is locked. */
export function secretServiceState(): Promise<KeychainState> {
  const args = [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets/aliases/default',
    'org.freedesktop.DBus.Properties.Get',
    'string:org.freedesktop.Secret.Collection',
    'string:Locked',
  ];
  return new Promise((resolve) => {
    execFile('dbus-send', args, { timeout: DBUS_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ state: 'unknown' });
        // Killed by the timeout, dbus-send has said nothing: name the silence, not dbus-send's command line.
        const said = error.killed ? `no answer within ${DBUS_TIMEOUT_MS / 1000} seconds` : `${stderr}`.trim().split('\n')[0] || error.message;
        // No Secret Service on the bus (not running, restarting, no bus at all): locked for all Delegate can do.
        // Any other D-Bus error (an implementation without the default alias) proves nothing either way.
        if (/ServiceUnknown|NameHasNoOwner|NoReply|Failed to open connection|Spawn|Timeout|Disconnected/i.test(said) || error.killed) {
          return resolve({ state: 'locked', reason: `the Secret Service is not answering: ${said}` });
        }
        return resolve({ state: 'unknown' });
      }
      if (/boolean true/.test(stdout)) return resolve({ state: 'locked', reason: KEYRING_LOCKED });
      if (/boolean false/.test(stdout)) return resolve({ state: 'usable' });
      resolve({ state: 'unknown' });
    });
  });
}

/** The error a token request meets while the keychain is locked: not a sign-in problem, nothing to re-do. */
export function keychainLocked(profile: Pick<Profile, 'name'>, reason: string): DelegateError {
  return new DelegateError({
    code: 'keychain-locked',
    message: `The keychain that holds the sign-in of profile "${profile.name}" is locked or not running (${reason}), so Delegate cannot read it right now. The sign-in itself is fine.`,
    action: `${unlockAdvice()} Scheduled runs wait and start again by themselves once it is unlocked; there is no need to sign in again.`,
    detail: reason,
  });
}

/** The health to show while the keychain is locked: the sign-in's own numbers, with the fix in words. */
export function withKeychainState(health: ProfileHealth, keychain: KeychainState): ProfileHealth {
  if (keychain.state !== 'locked') return health;
  // A sign-in Entra ID has refused, or nobody signed in, stays what it is: unlocking would not be enough.
  if (health.status !== 'ok' && health.status !== 'warning' && health.status !== 'unknown') return health;
  return { ...health, status: 'keychain-locked', reason: `The keychain is locked (${keychain.reason}), so Delegate cannot read your sign-in right now; runs wait. ${unlockAdvice()}` };
}

export function unlockAdvice(): string {
  if (process.platform === 'darwin') return 'Unlock your login keychain (log in again, or unlock it in Keychain Access).';
  return 'Unlock your keyring: unlock the screen or log in to the desktop again, or unlock the "Login" keyring in Passwords and Keys (Seahorse) or KWallet; if the keyring daemon was restarted, unlocking it once is enough.';
}

/**
 * verifyKeychain (a throwaway entry written, read and deleted) for a step about to store a sign-in. A keychain
 * that refuses because it is locked is `keychain-locked` (exit 5: unlock it and try again), not "unavailable"
 * (exit 1, with advice to give up on the keychain for a plaintext file).
 */
export async function verifyWritableKeychain(profile: Profile, paths: ProfilePaths): Promise<void> {
  try {
    await verifyKeychain(profile, paths);
  } catch (error) {
    // Only a keyring that says it is locked: one that is not there at all is "unavailable", with both fixes.
    if (isDelegateError(error) && error.code === 'keychain-unavailable') {
      const state = await checkKeychain(profile, paths).catch(() => null);
      if (state?.state === 'locked' && state.reason === KEYRING_LOCKED) throw new DelegateError(keychainLocked(profile, state.reason).toData(), { cause: error });
    }
    throw error;
  }
}

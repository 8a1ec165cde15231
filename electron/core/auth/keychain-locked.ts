/**
 * The error of a keychain that is locked or not running: not a sign-in problem, nothing to re-do. Apart from
 * keychain-state.ts so the cached `delegate token` path and `delegate status` can say it without loading
 * msal-node-extensions.
 */
import { DelegateError } from '../errors/delegate-error.js';
import type { KeychainState } from './secret-service-state.js';
import type { Profile } from '../../../shared/models/profile.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

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

/**
 * The keychain's state as a read-only command needs it: asked quietly, with nothing that can prompt, and without
 * loading msal-node-extensions.
 *
 * The light half of keychain-state.ts, for `delegate status`: that module also verifies a keychain by writing to
 * it (verifyWritableKeychain), so it imports cache-persistence.ts and with it msal-node-extensions, whose ESM
 * build costs ~45 ms of start-up — more than the whole status may take. Same answers as keychain-state.ts's
 * `checkKeychain` without `thorough` and its `withKeychainState`; once keychain-state.ts loads msal-node-extensions
 * only when it verifies, it can re-export these and this file can go.
 */
import { execFile } from 'node:child_process';
import type { KeychainState } from './keychain-state.js';
import type { Profile } from '../../../shared/models/profile.js';
import type { ProfileHealth } from '../../../shared/models/health.js';

/** The Secret Service answered that its keyring is locked (as opposed to not answering at all). */
const KEYRING_LOCKED = 'the Secret Service keyring is locked';

/** How long the D-Bus question may take; gnome-keyring answers in milliseconds, a hung bus must not hang a run. */
const DBUS_TIMEOUT_MS = 5_000;

/** checkKeychain(profile, paths) of keychain-state.ts, never thorough: no check that may show an unlock prompt. */
export async function quietKeychainState(profile: Pick<Profile, 'cacheBackend'>): Promise<KeychainState> {
  if (profile.cacheBackend === 'plaintext') return { state: 'usable' };
  // DPAPI is bound to the Windows sign-in itself: it cannot be locked while this user's processes run.
  if (process.platform === 'win32') return { state: 'usable' };
  if (process.platform === 'linux') return secretServiceState();
  return { state: 'unknown' };
}

/** Asks the Secret Service whether its default collection (where libsecret keeps Delegate's entry) is locked. */
function secretServiceState(): Promise<KeychainState> {
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

/** The health to show while the keychain is locked: the sign-in's own numbers, with the fix in words. */
export function withKeychainState(health: ProfileHealth, keychain: KeychainState): ProfileHealth {
  if (keychain.state !== 'locked') return health;
  // A sign-in Entra ID has refused, or nobody signed in, stays what it is: unlocking would not be enough.
  if (health.status !== 'ok' && health.status !== 'warning' && health.status !== 'unknown') return health;
  return { ...health, status: 'keychain-locked', reason: `The keychain is locked (${keychain.reason}), so Delegate cannot read your sign-in right now; runs wait. ${unlockAdvice()}` };
}

function unlockAdvice(): string {
  if (process.platform === 'darwin') return 'Unlock your login keychain (log in again, or unlock it in Keychain Access).';
  return 'Unlock your keyring: unlock the screen or log in to the desktop again, or unlock the "Login" keyring in Passwords and Keys (Seahorse) or KWallet; if the keyring daemon was restarted, unlocking it once is enough.';
}

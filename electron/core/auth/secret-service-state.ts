/**
 * The quiet question to the Secret Service: is its default collection (where libsecret keeps Delegate's entry)
 * locked? One `dbus-send` reading the `Locked` property, which never shows an unlock prompt (keychain-state.ts).
 * Apart from keychain-state.ts so the cached `delegate token` path can ask it without loading msal-node-extensions.
 */
import { execFile } from 'node:child_process';

export type KeychainState =
  | { state: 'usable' }
  /** Locked, not running, or refusing: the sign-in cannot be read now but is not known to be bad. */
  | { state: 'locked'; reason: string }
  /** Cannot be told without a check that may prompt the person (see `thorough`). */
  | { state: 'unknown' };

/** The Secret Service answered that its keyring is locked (as opposed to not answering at all). */
export const KEYRING_LOCKED = 'the Secret Service keyring is locked';

/** How long the D-Bus question may take; gnome-keyring answers in milliseconds, a hung bus must not hang a run. */
const DBUS_TIMEOUT_MS = 5_000;

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

/**
 * The keychain a service can (or cannot) reach, and the options where it cannot, said the same way by
 * `delegate service install`, the README and the daemon's start log.
 *
 * Linux: the sign-in sits in the Secret Service's login keyring, which GNOME Keyring unlocks with the login
 * password. A systemd user service started at boot with nobody logged in (`loginctl enable-linger`) finds it
 * locked; scheduled runs then wait (one `skipped` row per job) and start again once it is unlocked. macOS: a
 * LaunchAgent runs only inside a login, when the login keychain is unlocked. Windows: the task runs at logon, and
 * DPAPI is bound to that logon.
 */
import { loadConfig } from '../config/config-store.js';
import { secretServiceState, type KeychainState } from '../auth/keychain-state.js';

export const PLAINTEXT_OPT_IN = 'delegate profiles set NAME --plaintext-cache, then delegate login --profile NAME';

/** The options, one per line, for a keyring that is locked when no one is logged in. */
export function headlessKeyringOptions(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') {
    return [
      'The sign-in is in your login keychain. A LaunchAgent runs only while you are logged in, when that keychain is unlocked; after a reboot, jobs start at your next login.',
      `For a Mac that must run jobs with nobody logged in, the only option is the plaintext cache: ${PLAINTEXT_OPT_IN} (a file only you and root can read; \`delegate status\` shows PLAINTEXT).`,
    ];
  }
  if (platform === 'win32') {
    return ['The sign-in is protected by DPAPI with your Windows logon; the task runs at your logon, so it can read it. Jobs do not run while you are logged off.'];
  }
  return [
    'The sign-in is in the Secret Service keyring (GNOME Keyring), which your login password unlocks. With nobody logged in (a service started at boot after `loginctl enable-linger`) it stays locked: scheduled runs wait (one `skipped` run per job) and start again by themselves once it is unlocked. Your options:',
    '  1. Unlock it at login through PAM: with pam_gnome_keyring in the PAM stack of your login (`auth optional pam_gnome_keyring.so` and `session optional pam_gnome_keyring.so auto_start`, in /etc/pam.d/login, /etc/pam.d/sshd or your display manager\'s file), every password login — desktop, console or SSH — unlocks it, and it stays unlocked while that login lasts. A login by SSH key alone cannot unlock it (no password).',
    `  2. Opt in to the plaintext cache for the profile your jobs use: ${PLAINTEXT_OPT_IN} (a 0600 file in Delegate's home, readable by you and root; \`delegate status\` shows PLAINTEXT).`,
  ];
}

/**
 * One line for the daemon's start log when a profile keeps its sign-in in a keychain that is locked or not
 * running right now, with the options; undefined when all is well or it cannot be told without a prompt.
 */
export async function keychainStartNotice(
  home: string,
  options: { platform?: NodeJS.Platform; state?: () => Promise<KeychainState> } = {},
): Promise<string | undefined> {
  const platform = options.platform ?? process.platform;
  // Only Linux can be asked quietly (reading a D-Bus property never prompts); elsewhere a LaunchAgent or a logon
  // task runs inside a login, where the keychain is open.
  if (platform !== 'linux') return undefined;
  let names: string[];
  try {
    names = loadConfig(home).entries.flatMap((entry) => (entry.ok && entry.profile.cacheBackend !== 'plaintext' ? [entry.name] : []));
  } catch {
    return undefined; // A broken config.json is reported by the engine itself.
  }
  if (names.length === 0) return undefined;
  const state = await (options.state ?? secretServiceState)();
  if (state.state !== 'locked') return undefined;
  const who = names.length === 1 ? `profile "${names[0]}"` : `profiles ${names.map((name) => `"${name}"`).join(', ')}`;
  return `keychain: locked or not running at start (${state.reason}); ${who} cannot be read until it is unlocked. ${headlessKeyringOptions('linux').join(' ')}`;
}

/**
 * Locks and unlocks the test session's gnome-keyring `login` collection over the Secret Service D-Bus API
 * (secret-service.py, with Debian's python3-dbus), as a screen lock or a keyring restart would.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./secret-service.py', import.meta.url));
/** The password scripts/test.sh unlocks the test keyring with. */
export const TEST_KEYRING_PASSWORD = 'delegate-test';

function call(...args: string[]): string {
  // Debian's Python, which has python3-dbus; a `python3` earlier on PATH may be another one.
  return execFileSync('/usr/bin/python3', [SCRIPT, ...args], { encoding: 'utf8', timeout: 20_000 }).trim();
}

export function lockKeyring(): void {
  if (call('lock') !== 'locked') throw new Error('the login collection did not lock');
}

export function unlockKeyring(password = TEST_KEYRING_PASSWORD): void {
  call('unlock', password);
  if (keyringState() !== 'unlocked') throw new Error('the login collection did not unlock');
}

export function keyringState(): 'locked' | 'unlocked' {
  return call('state') as 'locked' | 'unlocked';
}

/**
 * A keychain read that cannot hang for minutes.
 *
 * keytar waits on libsecret, and libsecret waits on D-Bus: a Secret Service that is stopped, stuck, or waiting on
 * an unlock prompt nobody answers holds each read for 50 seconds (two 25-second D-Bus timeouts) or, behind a
 * prompt, for as long as the prompt stays up — `delegate token` then hung for well over a minute and a scheduled
 * run with it. So a read that has not answered after a few seconds asks the Secret Service quietly (the `Locked`
 * property, keychain-state.ts, itself bounded): if it is locked or not answering, the read fails at once as a
 * keychain error (the caller maps it to keychain-locked); if it is usable, the read is simply slow and is awaited.
 * Linux only: elsewhere there is no quiet question to ask.
 */
import { secretServiceUsableAnswer } from './secret-service-quick.js';
import { secretServiceState } from './secret-service-state.js';

/** A healthy gnome-keyring answers in milliseconds; a slow disk or a busy bus still well within this. */
const PATIENCE_MS = 3_000;

/** Thrown when the keychain is locked or stopped answering; callers map it to keychain-locked (cache-plugin.ts). */
export class KeychainUnusable extends Error {
  override name = 'KeychainUnusable';
}

/**
 * Before a read that would otherwise block the process's exit: asks the Secret Service first (over the bus's
 * socket; if that does not say "usable", one `dbus-send`) and throws if it is locked or not answering. A keytar read left hanging in libuv's thread pool
 * keeps even an exiting process alive until it times out, so `delegate token` must not start one.
 */
export async function ensureKeychainAnswers(): Promise<void> {
  if (process.platform !== 'linux') return;
  // A healthy keyring says so over the bus's socket in a millisecond, without a process; any other answer is
  // dbus-send's to give (secret-service-quick.ts).
  if (await secretServiceUsableAnswer()) return;
  const keychain = await secretServiceState();
  if (keychain.state === 'locked') throw new KeychainUnusable(keychain.reason);
}

export async function withKeychainDeadline<T>(read: Promise<T>, patienceMs = PATIENCE_MS): Promise<T> {
  if (process.platform !== 'linux') return read;
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), patienceMs);
    timer.unref();
  });
  try {
    const first = await Promise.race([read, slow]);
    if (first !== 'slow') return first;
  } finally {
    clearTimeout(timer);
  }
  const keychain = await secretServiceState();
  if (keychain.state === 'locked') {
    // The pending read is abandoned; its late answer or error must not surface as an unhandled rejection.
    read.catch(() => undefined);
    throw new KeychainUnusable(`the Secret Service keyring did not answer within ${Math.round(patienceMs / 1000)} seconds (${keychain.reason})`);
  }
  return read;
}

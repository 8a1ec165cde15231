/**
 * `delegate token`'s fast entry. bin/delegate.cjs requires it first for `delegate token …` — built alone to
 * dist/cli/token.cjs: one CommonJS file, no zod, no msal — and it serves a still-valid cached access token the
 * way the command itself would (commands/token.ts, run by main.ts).
 *
 * Whatever it is not sure of — --json, --help, bad input, a home or a file the full path must judge, no usable
 * cached token — it leaves alone (`left`, or `not-cached` after reading the cache): the launcher then runs the whole CLI (dist/cli/main.js),
 * which does everything it always did, errors and refreshes included. The one thing said here is a keychain
 * that is locked or not answering (exit 5), as main() would say it: the full path would only meet it again.
 */
import { readCachedAccessToken, type KeychainCacheRead } from '../core/auth/cached-token-reader.js';
import { askSecretServiceEarly } from '../core/auth/secret-service-quick.js';
import { resolveDelegateHome } from '../core/home/delegate-home.js';
import { checkDelegateHome } from '../core/home/home-check.js';
import { processIo, reportError } from './cli-io.js';
import { parseTokenArgs } from './commands/token-args.js';

/**
 * `answered`: printed the token, or the keychain-locked error, with process.exitCode set. `not-cached`: the cache
 * was read and holds no usable token for this request (the full path then goes straight to msal: reading it again
 * a moment later would only repeat this). `left`: not looked at; the full path does everything.
 */
export type FastTokenOutcome = 'answered' | 'not-cached' | 'left';

/** With `not-cached`, the keychain entry as read (when it was): the refresh's first cache lookup uses it. */
export interface FastTokenResult {
  outcome: FastTokenOutcome;
  keychainRead?: KeychainCacheRead;
}

export async function serveCachedToken(args: string[]): Promise<FastTokenResult> {
  // The keychain's "are you usable?" travels while the files are read and keytar loads (keychain-deadline.ts).
  askSecretServiceEarly();
  // One turn of the event loop: the socket connects and the question goes out now, so the bus answers while the
  // files are read and keytar loads (all synchronous) instead of after them.
  await new Promise((resolve) => setImmediate(resolve));
  const home = resolveDelegateHome();
  let request;
  try {
    checkDelegateHome(home);
    const parsed = parseTokenArgs(args);
    if (parsed.help || parsed.json) return { outcome: 'left' };
    request = parsed.request;
  } catch {
    return { outcome: 'left' }; // the full path reports it, in its words
  }
  const io = processIo(home);
  try {
    let keychainRead: KeychainCacheRead | undefined;
    const cached = await readCachedAccessToken(home, request, Date.now(), (read) => (keychainRead = read));
    if (!cached) return keychainRead ? { outcome: 'not-cached', keychainRead } : { outcome: 'not-cached' };
    // Without a terminal the token is printed with no newline, so it can go straight into a header.
    io.out(process.stdout.isTTY ? `${cached}\n` : cached);
    process.exitCode = 0;
  } catch (error) {
    // Only keychain-locked leaves readCachedAccessToken; every other problem reads as "no cached token".
    process.exitCode = reportError(io, error, false);
  }
  return { outcome: 'answered' };
}

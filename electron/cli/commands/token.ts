/**
 * `delegate token [--scope S]... [--resource URL] [--json]`: prints only the access token, for scripts.
 *
 * A still-valid cached token is served without loading msal; otherwise the full path refreshes silently.
 * Never interactive: a needed sign-in is exit 3 with the reason on stderr. Without a terminal the token is
 * printed with no newline, so `subprocess.check_output(["delegate", "token"])` can go straight into a header.
 */
import { readCachedAccessToken, type KeychainCacheRead } from '../../core/auth/cached-token-reader.js';
import { printJson, type CliIo } from '../cli-io.js';
import { parseTokenArgs, USAGE } from './token-args.js';

/**
 * `cacheRead`: the fast entry (token-entry.ts) has just read the cache for these args and found no usable token;
 * `keychainRead`: the keychain entry as it read it, for the refresh's first cache lookup.
 */
export async function runToken(args: string[], io: CliIo, options: { cacheRead?: boolean; keychainRead?: KeychainCacheRead } = {}): Promise<number> {
  const { request, json, help } = parseTokenArgs(args);
  if (help) return usage(io);
  // Without a terminal the token is printed with no newline, so it can go straight into a header.
  if (!json && !options.cacheRead) {
    const cached = await readCachedAccessToken(io.home, request, Date.now());
    if (cached) {
      io.out(process.stdout.isTTY ? `${cached}\n` : cached);
      return 0;
    }
  }
  const { acquireForCli } = await import('./token-full-path.js');
  const issued = await acquireForCli(io.home, request, options.cacheRead ? options.keychainRead : undefined);
  if (json) printJson(io, issued);
  else io.out(process.stdout.isTTY ? `${issued.accessToken}\n` : issued.accessToken);
  return 0;
}

function usage(io: CliIo): number {
  io.out(`${USAGE}\n\nPrints an access token for the profile's Graph scopes (or the given ones, or another resource's\n.default token) from the signed-in cache, refreshing it silently when needed. Never prompts.\nExit codes: 0 ok, 2 bad input, 3 sign-in required, 4 network, 5 keychain locked.\n`);
  return 0;
}

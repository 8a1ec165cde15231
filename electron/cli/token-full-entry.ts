/**
 * `delegate token` when its fast entry (token-entry.ts) left it: a refresh, --json, --help, or any problem to
 * report. Built alone to dist/cli/token-full.cjs — CommonJS, which loads msal-node and the rest about 25 ms
 * sooner than the split ESM CLI — and run exactly as main.ts runs the command (run-command.ts).
 */
import { resolveDelegateHome } from '../core/home/delegate-home.js';
import { processIo } from './cli-io.js';
import { runCommand } from './run-command.js';
import type { KeychainCacheRead } from '../core/auth/cached-token-reader.js';

/**
 * `cacheRead`: the fast entry has just read the cache and found no usable token for these args; `keychainRead`:
 * the keychain entry as it read it.
 */
export function runTokenCommand(args: string[], options: { cacheRead?: boolean; keychainRead?: KeychainCacheRead } = {}): Promise<number> {
  return runCommand('token', async () => {
    const { runToken } = await import('./commands/token.js');
    return (commandArgs, io) => runToken(commandArgs, io, { cacheRead: options.cacheRead === true, ...(options.keychainRead ? { keychainRead: options.keychainRead } : {}) });
  }, args, processIo(resolveDelegateHome()));
}

/**
 * `delegate logout`: removes the account, its tokens and the keychain entry.
 */
import { systemClock } from '../../core/clock.js';
import { authContext } from '../../core/auth/auth-context.js';
import { signOut } from '../../core/auth/sign-out.js';
import { resolveProfile } from '../../core/config/profile-resolver.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { parseCommand } from '../parse-options.js';

const USAGE = 'delegate logout [--profile NAME] [--json]';

export async function runLogout(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('logout', args, { profile: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (values.help) {
    io.out(`${USAGE}\n\nSigns out: removes the account and its tokens from the cache and the keychain.\n`);
    return 0;
  }
  if (positionals.length > 0) throw badInput(`logout: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  const { profile, persisted } = resolveProfile(io.home, values.profile);
  const removed = persisted ? (await signOut(authContext(io.home, systemClock, profile))).removedAccounts : [];
  if (values.json) printJson(io, { profile: profile.name, signedOut: true, removedAccounts: removed });
  else io.out(removed.length > 0 ? `Signed out ${removed.join(', ')} from profile "${profile.name}"; its tokens and keychain entry are gone.\n` : `Nobody was signed in on profile "${profile.name}".\n`);
  return 0;
}

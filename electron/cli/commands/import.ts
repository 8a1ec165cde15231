/**
 * `delegate import --msal-cache PATH [--profile P] [--account UPN] [--remove-source] [--json]`: moves the sign-in
 * in another program's plaintext MSAL token cache (msal Python's SerializableTokenCache, msal-node's TokenCache)
 * into the profile's keychain entry, proven by a refresh before it counts.
 */
import { systemClock } from '../../core/clock.js';
import { authContext } from '../../core/auth/auth-context.js';
import { resolveProfile } from '../../core/config/profile-resolver.js';
import { importMsalCache, type ImportReport } from '../../core/import/import-msal-cache.js';
import { otherCopiesAdvice } from '../../core/import/remove-source-file.js';
import { saveProfile } from '../../core/profiles/profile-service.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { parseCommand } from '../parse-options.js';

const USAGE = 'delegate import --msal-cache PATH [--profile NAME] [--account UPN] [--remove-source] [--json]';

export async function runImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'import',
    args,
    { 'msal-cache': { type: 'string' }, profile: { type: 'string' }, account: { type: 'string' }, 'remove-source': { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (values.help) return usage(io);
  if (positionals.length > 0) throw badInput(`import: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  const path = values['msal-cache'];
  if (path === undefined || path.trim() === '') throw badInput('import: which file? --msal-cache PATH is required.', `Usage: ${USAGE}`);
  const { profile, persisted } = resolveProfile(io.home, values.profile);
  const report = await importMsalCache(authContext(io.home, systemClock, profile), {
    path,
    ...(values.account !== undefined ? { account: values.account } : {}),
    removeSource: values['remove-source'] === true,
    // The built-in default profile is saved by its first sign-in, as `delegate login` does.
    onImported: async () => {
      if (!persisted) await saveProfile(io.home, profile);
    },
  });
  if (values.json) printJson(io, { ...report, otherCopies: otherCopiesAdvice(report.source, report.sourceRemoval ?? undefined) });
  else io.out(describe(report));
  return 0;
}

function describe(report: ImportReport): string {
  const lines = [
    `Imported the sign-in of ${report.account.username} (tenant ${report.account.tenantId}) into profile "${report.profile}"${report.merged ? ', which was already signed in as that account' : ''}; it is in ${report.cacheBackend === 'keychain' ? 'the OS keychain' : "the profile's own plaintext cache file (this profile uses --plaintext-cache)"} now.`,
    `  Refresh token: yes${report.familyRefreshToken ? ' — a family refresh token (FOCI): other Microsoft apps of the family accept it too' : ''}. Entra ID issued a new token from it just now.`,
    `  Scopes in the file: ${report.scopesInFile.join(' ') || '(none recorded)'}`,
    `  Scopes of the new token: ${(report.tokenScopes ?? report.grantedScopes).join(' ')}`,
    `  Sign-in expiry: ${report.daysRemaining ?? '?'} days left${report.expiresAt ? ` (until ${report.expiresAt.slice(0, 10)})` : ''}, counted from this refresh, which restarts Entra ID's inactivity window.`,
    report.refreshTokenIssuedAt
      ? `  The file's refresh token was issued ${report.refreshTokenIssuedAt}${report.refreshTokenIssuedAtSource === 'access-token' ? ' (judged by its newest access token)' : ''}; when you last signed in interactively is not in the file.`
      : `  When the file's refresh token was issued, and when you last signed in interactively, are not in the file: unknown. Your tenant may still end the session earlier (sign-in frequency, password change).`,
  ];
  if (report.sourceReadableByOthers) {
    lines.push(`  ${report.source} was readable by other users of this computer: its refresh token may have been copied. To make every copy useless, sign out everywhere (My Account → "Sign out everywhere") and sign in again with \`delegate login\`.`);
  }
  if (report.sourceRemoval) {
    lines.push(`Removed ${report.source}: overwritten with zeros, then deleted.`, `  ${otherCopiesAdvice(report.source, report.sourceRemoval)}`);
  } else {
    lines.push(
      `${report.source} still holds a working refresh token in plain text. Once your scripts get their tokens from Delegate (\`delegate token\`, \`delegate exec\`), delete it: \`shred -u ${report.source}\`, or run this import again with --remove-source.`,
    );
  }
  lines.push('Scripts that still use that file will sign in again and write a new one: point them at `delegate token` instead.');
  return `${lines.join('\n')}\n`;
}

function usage(io: CliIo): number {
  io.out(
    `${USAGE}\n\nImports the sign-in from an MSAL token cache file (msal Python's SerializableTokenCache, msal-node's\nTokenCache) into the profile's keychain entry: the refresh token of the profile's client ID, sign-in host\nand tenant. It is redeemed once before it counts; if that fails, nothing changes. --account picks one of\nseveral accounts. --remove-source then overwrites the file with zeros and deletes it.\nExit codes: 0 ok, 1 failed, 2 bad input or a file that does not fit the profile, 3 its refresh token no\nlonger works, 4 network, 5 keychain locked.\n`,
  );
  return 0;
}

/**
 * `delegate token [--scope S]... [--resource URL] [--json]`: prints only the access token, for scripts.
 *
 * A still-valid cached token is served without loading msal; otherwise the full path refreshes silently.
 * Never interactive: a needed sign-in is exit 3 with the reason on stderr. Without a terminal the token is
 * printed with no newline, so `subprocess.check_output(["delegate", "token"])` can go straight into a header.
 */
import { readCachedAccessToken } from '../../core/auth/cached-token-reader.js';
import { checkResource } from '../../core/auth/resource-check.js';
import { checkScopes } from '../../core/auth/scope-check.js';
import { badInput, printJson, type CliIo } from '../cli-io.js';
import { parseCommand } from '../parse-options.js';

const USAGE = 'delegate token [--profile NAME] [--scope SCOPE]... [--resource URL] [--json]';

export async function runToken(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'token',
    args,
    { profile: { type: 'string' }, scope: { type: 'string', multiple: true }, resource: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (values.help) return usage(io);
  if (positionals.length > 0) throw badInput(`token: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  if (values.scope && values.resource) throw badInput('token: give either --scope or --resource, not both.', 'A token is for one resource: Graph scopes, or another resource\'s .default.');
  const scopes = values.scope?.flatMap((scope) => scope.split(/[\s,]+/)).filter(Boolean);
  // Both checked before the cache or msal is touched: bad input is exit 2 and sends nothing anywhere.
  if (values.resource !== undefined) checkResource(values.resource);
  if (scopes) checkScopes(scopes);
  // `--profile "$EMPTY"` is a name given, not none: it must not quietly become the default profile's token.
  const request = { ...(values.profile !== undefined ? { profileName: values.profile } : {}), ...(scopes ? { scopes } : {}), ...(values.resource ? { resource: values.resource } : {}) };

  if (!values.json) {
    const cached = await readCachedAccessToken(io.home, request, Date.now());
    if (cached) {
      io.out(process.stdout.isTTY ? `${cached}\n` : cached);
      return 0;
    }
  }
  const { acquireForCli } = await import('./token-full-path.js');
  const issued = await acquireForCli(io.home, request);
  if (values.json) printJson(io, issued);
  else io.out(process.stdout.isTTY ? `${issued.accessToken}\n` : issued.accessToken);
  return 0;
}

function usage(io: CliIo): number {
  io.out(`${USAGE}\n\nPrints an access token for the profile's Graph scopes (or the given ones, or another resource's\n.default token) from the signed-in cache, refreshing it silently when needed. Never prompts.\nExit codes: 0 ok, 2 bad input, 3 sign-in required, 4 network, 5 keychain locked.\n`);
  return 0;
}

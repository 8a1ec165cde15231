/**
 * `delegate token`'s command line, checked: shared by the command (token.ts) and its fast entry (token-entry.ts),
 * which must not load the command's msal path.
 */
import { checkResource } from '../../core/auth/resource-check.js';
import { checkScopes } from '../../core/auth/scope-check.js';
import { badInput } from '../cli-io.js';
import { parseCommand } from '../parse-options.js';
import type { CachedTokenRequest } from '../../core/auth/cached-token-reader.js';

export const USAGE = 'delegate token [--profile NAME] [--scope SCOPE]... [--resource URL] [--json]';

export interface TokenArgs {
  request: CachedTokenRequest;
  json: boolean;
  help: boolean;
}

/** The command line checked: bad input is exit 2 and sends nothing anywhere (before the cache or msal is touched). */
export function parseTokenArgs(args: string[]): TokenArgs {
  const { values, positionals } = parseCommand(
    'token',
    args,
    { profile: { type: 'string' }, scope: { type: 'string', multiple: true }, resource: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (values.help) return { request: {}, json: false, help: true };
  if (positionals.length > 0) throw badInput(`token: unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  if (values.scope && values.resource) throw badInput('token: give either --scope or --resource, not both.', 'A token is for one resource: Graph scopes, or another resource\'s .default.');
  const scopes = values.scope?.flatMap((scope) => scope.split(/[\s,]+/)).filter(Boolean);
  if (values.resource !== undefined) checkResource(values.resource);
  if (scopes) checkScopes(scopes);
  // `--profile "$EMPTY"` is a name given, not none: it must not quietly become the default profile's token.
  const request = { ...(values.profile !== undefined ? { profileName: values.profile } : {}), ...(scopes ? { scopes } : {}), ...(values.resource ? { resource: values.resource } : {}) };
  return { request, json: values.json ?? false, help: false };
}

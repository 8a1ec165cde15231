/**
 * The MSAL token cache file format ("unified cache"), as msal Python's SerializableTokenCache and msal-node's
 * TokenCache serialise it: one JSON object with the sections AccessToken, RefreshToken, IdToken, Account and
 * AppMetadata, each a map from msal's cache key to an entry with snake_case fields.
 *
 * Both libraries write the same field names (msal/token_cache.py `__add`, msal-node's Serializer). What differs is
 * the values: msal Python keeps the authority's host name without its port as `environment` and the authority's
 * tenant segment (`organizations`) as `realm`; msal-node keeps its cloud's preferred cache host
 * (`login.windows.net`, or `host:port` for a custom authority) and the tenant ID from the ID token. Entries of
 * other kinds (a client-credentials access token has no account: `home_account_id` null) are allowed and ignored.
 *
 * Unknown fields and sections (newer msal versions add some) are kept out of the parsed value, never refused.
 * Validation errors name the entry and field, never a value: the values are tokens.
 */
import * as z from 'zod/mini';
import { DelegateError } from '../errors/delegate-error.js';

const text = z.string();
const optionalText = z.optional(z.nullable(z.string()));

const accessTokenEntry = z.object({
  credential_type: z.literal('AccessToken'),
  secret: text,
  home_account_id: optionalText,
  environment: text,
  client_id: text,
  realm: optionalText,
  target: optionalText,
  cached_at: optionalText,
  expires_on: optionalText,
});

const refreshTokenEntry = z.object({
  credential_type: z.literal('RefreshToken'),
  secret: text,
  home_account_id: text,
  environment: text,
  client_id: text,
  target: optionalText,
  /** "1" when it is a family refresh token (FOCI): any app of Microsoft's family may redeem it. */
  family_id: optionalText,
  /** msal Python: when this refresh token was written, i.e. issued (seconds since the epoch, as a string). */
  last_modification_time: optionalText,
});

const idTokenEntry = z.object({
  credential_type: z.literal('IdToken'),
  secret: text,
  home_account_id: text,
  environment: text,
  client_id: text,
  realm: optionalText,
});

const accountEntry = z.object({
  home_account_id: text,
  environment: text,
  realm: optionalText,
  username: optionalText,
  local_account_id: optionalText,
  authority_type: optionalText,
});

const appMetadataEntry = z.object({
  client_id: text,
  environment: text,
  family_id: optionalText,
});

const section = <T extends z.ZodMiniType>(entry: T) => z.optional(z.record(z.string(), entry));

const cacheFileSchema = z.object({
  AccessToken: section(accessTokenEntry),
  RefreshToken: section(refreshTokenEntry),
  IdToken: section(idTokenEntry),
  Account: section(accountEntry),
  AppMetadata: section(appMetadataEntry),
});

export type MsalCacheFile = z.output<typeof cacheFileSchema>;
export type MsalAccessToken = z.output<typeof accessTokenEntry>;
export type MsalRefreshToken = z.output<typeof refreshTokenEntry>;
export type MsalIdToken = z.output<typeof idTokenEntry>;
export type MsalAccount = z.output<typeof accountEntry>;

/** Parses a cache file's text; refuses (exit 2) anything that is not an MSAL token cache, saying where. */
export function parseMsalCacheFile(contents: string, path: string): MsalCacheFile {
  let json: unknown;
  try {
    json = JSON.parse(contents);
  } catch (error) {
    // JSON.parse's message quotes the text around the fault, which may be a token: only its position is kept.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw notACache(path, `it is not JSON${position ? ` (the text breaks off at character ${position})` : ''}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw notACache(path, 'it is JSON, but not an object with the sections AccessToken, RefreshToken, IdToken, Account and AppMetadata');
  const known = ['AccessToken', 'RefreshToken', 'IdToken', 'Account', 'AppMetadata'];
  if (!known.some((name) => Object.hasOwn(json, name))) {
    throw notACache(path, `it is JSON, but has none of the sections an MSAL cache has (AccessToken, RefreshToken, IdToken, Account, AppMetadata)${describeKeys(json)}`);
  }
  const parsed = cacheFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map(String).join(' → ') : '';
    // The path's middle part is msal's cache key: home account ID, host, client ID and scopes — no secret.
    throw notACache(path, `its entry ${where || '(top level)'} is not what MSAL writes (${issue?.message ?? 'invalid'})`);
  }
  return parsed.data;
}

function describeKeys(json: object): string {
  const keys = Object.keys(json).slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40)));
  return keys.length > 0 ? `; its top-level keys are ${keys.join(', ')}${Object.keys(json).length > 5 ? ', …' : ''}` : '; it is an empty object';
}

function notACache(path: string, why: string): DelegateError {
  return new DelegateError({
    code: 'invalid-input',
    message: `${path} is not an MSAL token cache: ${why}.`,
    action: 'Give the file your MSAL code saves with SerializableTokenCache.serialize() (msal Python) or TokenCache.serialize() (msal-node), e.g. ~/.ms365_utils/.msal_token_cache.json. Nothing was imported.',
  });
}

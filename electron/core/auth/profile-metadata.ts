/**
 * Per-profile metadata beside the cache: who is signed in and when Entra ID last vouched for the
 * refresh token. No secrets, ever. Written atomically under a lock (profile-metadata-writer.ts) so the app and
 * the CLI can both update it.
 */
import { existsSync } from 'node:fs';
import { DelegateError } from '../errors/delegate-error.js';
import { readRegularFile } from '../fs/read-regular-file.js';
import * as z from 'zod/mini';
import { keepDamagedFile } from '../fs/damaged-file.js';
import { withOsWords } from '../errors/os-error.js';
import type { ProfilePaths } from '../config/profile-paths.js';
import { entraAnswerSchema } from './entra-answer.js';
import { quickMetadata } from './metadata-quick-read.js';

/**
 * Built on first use, not at load: readMetadata asks metadata-quick-read.ts first, and a meta.json it is sure of
 * never needs the schema (constructing it costs a few milliseconds of every `delegate token` refresh).
 */
function buildMetadataSchema() {
  const isoDate = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date'));

  return z.object({
    version: z.literal(1),
    account: z.nullable(z.object({ username: z.string(), tenantId: z.string(), homeAccountId: z.string(), environment: z.string() })),
    /** How the current session was started: device code sessions are protocol-tracked by Conditional Access. */
    signInFlow: z._default(z.nullable(z.enum(['device-code', 'browser'])), null),
    /** Scopes Entra granted at the last interactive sign-in. */
    grantedScopes: z._default(z.array(z.string()), []),
    lastInteractiveAuth: z.nullable(isoDate),
    /**
     * What the last Graph access token really carried: its `scp`, decoded (token-claims.ts). The truth about what
     * jobs can do, which the scopes asked for are not: Entra may grant more (everything consented) or, after
     * Microsoft changes a client's pre-authorisation, less.
     */
    tokenScopes: z._default(z.nullable(z.object({ scopes: z.array(z.string()), at: isoDate })), null),
    /** Scopes Microsoft refused to this client ID (AADSTS65002), found by asking scope by scope (scope-refusal.ts). */
    refusedScopes: z._default(z.nullable(z.object({ clientId: z.string(), scopes: z.array(z.string()), at: isoDate })), null),
    /**
     * The sign-in came from another program's MSAL cache file (`delegate import`), not from a sign-in in Delegate:
     * when, from where, and when that file's refresh token was issued if it said (else null: unknown).
     */
    imported: z._default(z.nullable(z.object({ at: isoDate, source: z.string(), refreshTokenIssuedAt: z.nullable(isoDate) })), null),
    /** The last time a refresh token was redeemed silently (a refresh or a probe): it slides the 90-day window. */
    lastSilentAuth: z.nullable(isoDate),
    lastProbe: z.nullable(
      z.object({
        at: isoDate,
        outcome: z.enum(['ok', 'sign-in-required', 'blocked', 'network-error', 'error']),
        message: z.optional(z.string()),
        aadsts: z.optional(z.number()),
      }),
    ),
    /** The last time silent acquisition (by anything: probe, token, a job) learned that a person must act. */
    lastAuthError: z.nullable(
      z.object({
        at: isoDate,
        code: z.string(),
        message: z.string(),
        action: z.string(),
        aadsts: z.optional(z.number()),
        /** Entra's own answer (error, error_codes, suberror, trace/correlation IDs), for support. */
        entra: z.optional(entraAnswerSchema()),
      }),
    ),
  });
}

let built: ReturnType<typeof buildMetadataSchema> | undefined;

export function metadataSchema(): ReturnType<typeof buildMetadataSchema> {
  built ??= buildMetadataSchema();
  return built;
}

export type ProfileMetadata = z.output<ReturnType<typeof buildMetadataSchema>>;

export const EMPTY_METADATA: ProfileMetadata = {
  version: 1,
  account: null,
  signInFlow: null,
  grantedScopes: [],
  lastInteractiveAuth: null,
  tokenScopes: null,
  refusedScopes: null,
  imported: null,
  lastSilentAuth: null,
  lastProbe: null,
  lastAuthError: null,
};

/**
 * Reads the metadata; a missing file is an empty one. A damaged file (hand edits, a disk fault) is kept aside
 * (fs/damaged-file.ts) — never overwritten by the next update — and read as empty, which shows the profile as
 * signed out rather than inventing a state; `problem` says so.
 */
export function readMetadata(paths: ProfilePaths): { metadata: ProfileMetadata; problem?: string } {
  if (!existsSync(paths.meta)) return { metadata: structuredClone(EMPTY_METADATA) };
  let reason: string;
  try {
    const json: unknown = JSON.parse(readRegularFile(paths.meta));
    // A file certainly valid is read without zod; anything else (damage, an odd shape) is the schema's to judge.
    const quick = quickMetadata(json);
    if (quick) return { metadata: quick };
    const parsed = metadataSchema().safeParse(json);
    if (parsed.success) return { metadata: parsed.data };
    reason = parsed.error.issues[0]?.message ?? 'invalid';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { metadata: structuredClone(EMPTY_METADATA) };
    // A named pipe or a device in its place: not read (that would wait forever) and not moved aside (not ours).
    if (code === 'ENOTREGULAR') {
      throw new DelegateError({ code: 'file-access', message: `${(error as Error).message}: Delegate keeps this profile's sign-in record there.`, action: 'Move it out of the way; Delegate then shows the profile as signed out until you sign in again.' });
    }
    // Not damage but the file system (a folder there, no permission, a disk error): moving it aside would hide a
    // good sign-in record and show the profile signed out. Say what is wrong instead.
    if (code !== undefined) throw withOsWords(error, { path: paths.meta });
    reason = (error as Error).message;
  }
  const kept = keepDamagedFile(paths.meta, {
    what: "The profile's sign-in record",
    reason,
    consequence: 'shows the profile as signed out; sign in again to use it (the keychain entry is untouched)',
  });
  const problem = kept ? kept.message : `${paths.meta} is damaged (${reason}).`;
  return { metadata: structuredClone(EMPTY_METADATA), problem };
}

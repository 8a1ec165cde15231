/**
 * Secret redaction: replaces anything token-shaped in free text with `[redacted]`.
 *
 * History, output tails and logs keep text that scripts and Microsoft Graph produced. A script that prints its
 * Authorization header or a token response must not leave a working credential on disk, so the patterns match
 * shapes rather than known values: they also catch tokens Delegate never saw (a script's own). They lean towards
 * redacting: losing a 100-character opaque ID from a log costs less than leaking a refresh token.
 */
export const REDACTED = '[redacted]';

/** A JWT (or JWE): a base64url JSON header (`eyJ` is `{"`) and 2–4 more parts; an unsigned token's last part is empty. */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+){0,2}/g;

/** `Bearer <b64token>` (RFC 6750). 16+ characters so that prose such as "the Bearer token expired" stays readable. */
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]{16,}=*/gi;

/**
 * OAuth fields in a token response, form body or query string (`"refresh_token": "…"`, `client_secret=…`).
 * These names occur only in protocol data, so their values are redacted whatever they look like.
 */
const OAUTH_FIELD =
  /\b(access_token|refresh_token|id_token|client_secret|client_assertion|code_verifier|device_code)(\\?["']?\s*[:=]\s*\\?["']?)(?!\[redacted\])[^\s"'&,;}\\]+/gi;

/**
 * Refresh tokens: Entra ID's (`0.A…`, `1.A…`) and Microsoft accounts' (`M.C5_BAY.…`). Real ones run to hundreds
 * of characters of base64url with dots and a few symbols; 40+ keeps version numbers such as `1.Alpha` safe.
 */
const REFRESH_TOKEN = /\b(?:[01]\.A|M\.[A-Za-z0-9]{1,8}_[A-Za-z0-9]{2,8}\.)[A-Za-z0-9_\-.*!$]{40,}/g;

/** An Entra ID client secret: three characters, a digit and `Q~`, then 34 more (31+, taken whole). */
const CLIENT_SECRET = /\b[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,}/g;

/**
 * The password in a URL's `user:password@` (a proxy URL in a script's printed environment, `curl -v` output):
 * Delegate hands scripts HTTPS_PROXY with the proxy's credentials, and a script that prints it must not store them.
 * A password Delegate already wrote as `***` (doctor, messages) is left as it is.
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)(?!\[redacted\]@|\*\*\*@)[^\s@/?#]+@/gi;

/** A long run of base64 or base64url characters; judged by `isOpaqueSecret`, because file paths match it too. */
const LONG_RUN = /[A-Za-z0-9_\-+/]{100,}={0,2}/g;

/** Returns `text` with every token-shaped part replaced by `[redacted]`. Idempotent. */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(JWT, REDACTED)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(OAUTH_FIELD, `$1$2${REDACTED}`)
    .replace(REFRESH_TOKEN, REDACTED)
    .replace(CLIENT_SECRET, REDACTED)
    .replace(LONG_RUN, redactLongRun);
}

/** `redactSecrets` for optional fields. */
export function redactOptional(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : redactSecrets(text);
}

function redactLongRun(run: string): string {
  // A line of dashes or a long word is not a secret: random tokens mix letters and digits.
  if (!/[A-Za-z]/.test(run) || !/\d/.test(run)) return run;
  const looksLikePath = run.includes('/') && !run.includes('+') && !run.endsWith('=');
  if (!looksLikePath) return REDACTED;
  // A path: only a piece between slashes that is itself a long base64url run is a secret.
  return run
    .split('/')
    .map((piece) => (piece.length >= 100 && /[A-Za-z]/.test(piece) && /\d/.test(piece) ? REDACTED : piece))
    .join('/');
}

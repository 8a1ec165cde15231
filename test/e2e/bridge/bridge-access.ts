/**
 * Who may talk to the bridge: only the person who started it, as Jupyter does it.
 *
 * The bridge runs the real core, so anything that reaches it can change a profile's Graph URL and run a job —
 * that is, receive the person's access token. Every local process can reach 127.0.0.1, so the loopback alone
 * proves nothing. Each launch makes a random secret and prints it in the window's URL (`/?token=…`); the first
 * load trades it for an HttpOnly, SameSite=Strict cookie and redirects to the clean URL (so the secret is not
 * left in the history or in Referer headers). Every request — page, assets, API, events — must then carry the
 * cookie or `Authorization: Bearer <secret>` (for Node clients in tests), or it is refused and does nothing.
 *
 * Host and Origin are checked too: a web page on a name that resolves to 127.0.0.1 (DNS rebinding) sends its own
 * name as Host, and a page on another port of 127.0.0.1 (the same *site*, so SameSite does not stop its cookies)
 * sends its own Origin.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The query parameter of the launch URL that carries the secret. */
export const TOKEN_PARAMETER = 'token';

export type AccessDecision =
  | { kind: 'allowed' }
  /** A valid launch URL: set the cookie and send the browser to the clean URL. */
  | { kind: 'exchange'; setCookie: string; location: string }
  | { kind: 'refused'; status: 401 | 403; reason: string };

export interface BridgeAccess {
  /** The per-launch secret (base64url of 32 random bytes). */
  readonly secret: string;
  /** The cookie's name, per port: cookies are not kept apart by port, so two bridges must not share one. */
  readonly cookieName: string;
  decide(request: IncomingMessage): AccessDecision;
}

/** Equal-length digests, so the comparison takes the same time whatever the guess and whatever its length. */
function sameSecret(given: string, secret: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (header(request, 'cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function createBridgeAccess(origin: string, secret = randomBytes(32).toString('base64url')): BridgeAccess {
  const host = new URL(origin).host;
  const cookieName = `delegate-bridge-${new URL(origin).port}`;
  return {
    secret,
    cookieName,
    decide(request) {
      if (header(request, 'host') !== host) return { kind: 'refused', status: 403, reason: `the Host header is not ${host} (a page on another name that points here)` };
      const from = header(request, 'origin');
      if (from !== undefined && from !== origin) return { kind: 'refused', status: 403, reason: `it did not come from Delegate's own window (Origin ${from.slice(0, 100)})` };
      const url = new URL(request.url ?? '/', origin);
      const offered = url.searchParams.get(TOKEN_PARAMETER);
      if (offered !== null) {
        if (request.method !== 'GET' || !sameSecret(offered, secret)) return { kind: 'refused', status: 401, reason: 'the token in the URL is not this window\'s' };
        url.searchParams.delete(TOKEN_PARAMETER);
        return {
          kind: 'exchange',
          setCookie: `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
          location: `${url.pathname}${url.search}`,
        };
      }
      const authorization = header(request, 'authorization');
      const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
      const cookie = cookieValue(request, cookieName);
      if ((bearer !== undefined && sameSecret(bearer, secret)) || (cookie !== undefined && sameSecret(cookie, secret))) return { kind: 'allowed' };
      return { kind: 'refused', status: 401, reason: 'it carries neither the window\'s cookie nor its secret' };
    },
  };
}

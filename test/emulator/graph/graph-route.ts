import type { EmulatorContext } from '../emulator-context.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import type { RouteParams } from '../http/router.js';
import type { GraphCaller } from './access-token-check.js';
import type { GraphErrorSpec } from './graph-error.js';
import type { GraphResponse } from './graph-response.js';

/**
 * One Graph endpoint: the delegated scopes that allow it (any one suffices) and a handler that
 * turns an authenticated call into a JSON answer or a Graph error. New endpoints are new files of
 * this shape, listed in graph-router.ts.
 */

export interface GraphCall {
  readonly request: EmulatorRequest;
  readonly context: EmulatorContext;
  /** Named groups of the route's pattern, percent-decoded. */
  readonly params: RouteParams;
  readonly caller: GraphCaller;
  /** Runs another Graph request as the same caller (what `$batch` does with its items). */
  readonly dispatch: (request: EmulatorRequest) => Promise<GraphResponse>;
}

type Headers = Readonly<Record<string, string>>;

export type GraphResult =
  /** JSON; `body` undefined means no body at all (202 from sendMail, 204). */
  | { readonly status: number; readonly body: unknown; readonly headers?: Headers }
  | { readonly status: number; readonly bytes: Buffer; readonly contentType: string; readonly headers?: Headers }
  | { readonly error: GraphErrorSpec };

export interface GraphRoute {
  readonly method: string;
  /** Matched against the path after `/graph`, e.g. `/v1.0/me`. */
  readonly pattern: RegExp;
  /** Any one of these delegated scopes lets the call through; empty means any valid token. */
  readonly anyOfScopes: readonly string[];
  /** The handler reads the body itself from `request.content` (uploads), so it is not buffered. */
  readonly streamsBody?: boolean;
  readonly handle: (call: GraphCall) => GraphResult | Promise<GraphResult>;
}

/** Reads a JSON body; `undefined` for an empty one, an error spec for one that does not parse. */
export function parseJsonBody(request: EmulatorRequest): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  if (request.body.trim().length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(request.body) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

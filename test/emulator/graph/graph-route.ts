import type { EmulatorContext } from '../emulator-context.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import type { RouteParams } from '../http/router.js';
import type { GraphCaller } from './access-token-check.js';
import type { GraphErrorSpec } from './graph-error.js';

/**
 * One Graph endpoint: the delegated scopes that allow it (any one suffices) and a handler that
 * turns an authenticated call into a JSON answer or a Graph error. New endpoints (mail, files,
 * Teams) are new files of this shape, listed in graph-router.ts.
 */

export interface GraphCall {
  readonly request: EmulatorRequest;
  readonly context: EmulatorContext;
  readonly params: RouteParams;
  readonly caller: GraphCaller;
}

export type GraphResult =
  | { readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly error: GraphErrorSpec };

export interface GraphRoute {
  readonly method: string;
  /** Matched against the path after `/graph`, e.g. `/v1.0/me`. */
  readonly pattern: RegExp;
  readonly anyOfScopes: readonly string[];
  readonly handle: (call: GraphCall) => GraphResult | Promise<GraphResult>;
}

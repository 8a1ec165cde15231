import type { ServerResponse } from 'node:http';
import type { EmulatorClock } from './clock.js';
import type { EmulatorRequest } from './http/emulator-request.js';
import type { RouteParams } from './http/router.js';
import type { EmulatorState } from './state/emulator-state.js';
import type { SigningKey } from './tokens/signing-key.js';

/** What every handler can reach: the clock, the state, the signing key and the public URLs. */
export interface EmulatorContext {
  readonly clock: EmulatorClock;
  readonly state: EmulatorState;
  readonly signingKey: SigningKey;
  /** `https://127.0.0.1:N`: the authority host. */
  readonly origin: string;
  /** `https://127.0.0.1:N/graph`. */
  readonly graphBaseUrl: string;
}

export type RequestHandler = (
  request: EmulatorRequest,
  response: ServerResponse,
  context: EmulatorContext,
  params: RouteParams,
) => void | Promise<void>;

/**
 * The contract's channel names, and nothing else of it, for the preload.
 *
 * The contract (shared/ipc/ipc-contract.ts) builds its channels from zod schemas; importing it would put zod in
 * the preload. These maps are checked against the contract by the compiler (`satisfies` fails on a missing or
 * an extra name) and by a test against REQUEST_CHANNELS / EVENT_CHANNELS at run time.
 */
import type { EventChannel, RequestChannel } from '../../shared/ipc/ipc-contract.js';

const requestNames = {
  'app:get-state': true,
  'app:set-profile': true,
  'auth:start-device-code': true,
  'auth:start-browser': true,
  'auth:cancel': true,
  'auth:copy-code-and-open': true,
  'auth:probe': true,
  'auth:sign-out': true,
  'jobs:list': true,
  'jobs:run-now': true,
  'jobs:set-enabled': true,
  'jobs:set-paused': true,
  'history:query': true,
  'history:get-run': true,
  'settings:get': true,
  'settings:check-scopes': true,
  'settings:save-profile': true,
  'settings:remove-profile': true,
  'settings:set-default-profile': true,
  'settings:set-launch-at-login': true,
  'settings:check-setup': true,
  'settings:open-logs-folder': true,
  'settings:write-evidence': true,
  'jobs:get-source': true,
  'jobs:save': true,
  'jobs:delete': true,
  'dialog:pick-path': true,
} as const satisfies Record<RequestChannel, true>;

const eventNames = {
  'auth:state': true,
  'health:changed': true,
  'jobs:changed': true,
  'run:updated': true,
  'app:navigate': true,
  'app:paused': true,
  'config:changed': true,
} as const satisfies Record<EventChannel, true>;

export const REQUEST_CHANNEL_NAMES: ReadonlySet<string> = new Set(Object.keys(requestNames));
export const EVENT_CHANNEL_NAMES: ReadonlySet<string> = new Set(Object.keys(eventNames));

export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && REQUEST_CHANNEL_NAMES.has(channel);
}

export function isEventChannel(channel: unknown): channel is EventChannel {
  return typeof channel === 'string' && EVENT_CHANNEL_NAMES.has(channel);
}

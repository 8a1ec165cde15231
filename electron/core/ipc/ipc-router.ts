/**
 * The main side of the IPC boundary, free of Electron so it is tested (and fuzzed) under plain Node.
 *
 * Every request is checked in this order: a known channel, a trusted sender (the app's own page, top frame),
 * an input that matches the channel's schema. Whatever goes back — an answer or an event — passes
 * `toRendererSafe`, which redacts anything token-shaped: tokens never reach the renderer, even by mistake.
 * Errors cross as data (`{code, message, action}`); nothing here throws at the caller.
 */
import { describeOsError, isOsError } from '../errors/os-error.js';
import { isDelegateError } from '../errors/delegate-error.js';
import { redactSecrets } from '../history/redact.js';
import { requestChannels, type RequestChannel } from '../../../shared/ipc/ipc-contract.js';
import type { IpcResult } from '../../../shared/ipc/ipc-models.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { IpcHandlers } from './ipc-handlers.js';

export interface SenderInfo {
  /** The URL of the frame that sent the message. */
  url: string;
  /** True when it came from the window's top frame, not an iframe. */
  isMainFrame: boolean;
}

export interface IpcRouterOptions {
  isTrustedSender(sender: SenderInfo): boolean;
  /** Told about every refused request, for the log. */
  onRefused?(channel: string, reason: string): void;
}

export type IpcRouter = (channel: unknown, input: unknown, sender: SenderInfo) => Promise<IpcResult<unknown>>;

export function createIpcRouter(handlers: IpcHandlers, options: IpcRouterOptions): IpcRouter {
  return async (channel, input, sender) => {
    if (typeof channel !== 'string' || !Object.hasOwn(requestChannels, channel)) {
      // Never String() an arbitrary value: a hostile object can make that throw.
      return refuse(options, typeof channel === 'string' ? channel.slice(0, 80) : Object.prototype.toString.call(channel), 'unknown channel');
    }
    if (!sender || !options.isTrustedSender(sender)) return refuse(options, channel, 'the request did not come from Delegate\'s own window');
    const known = channel as RequestChannel;
    const parsed = requestChannels[known].input.safeParse(input);
    if (!parsed.success) return refuse(options, channel, `invalid input: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'} ${issue.message}`).join('; ')}`);
    try {
      const handler = handlers[known] as (value: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: toRendererSafe(value) };
    } catch (error) {
      return { ok: false, error: toRendererSafe(errorData(error)) };
    }
  };
}

/** A deep copy of a value with every token-shaped string redacted (and nothing that is not plain data). */
export function toRendererSafe<T>(value: T): T {
  if (value === undefined) return value;
  return JSON.parse(redactSecrets(JSON.stringify(value))) as T;
}

function refuse(options: IpcRouterOptions, channel: string, reason: string): IpcResult<unknown> {
  options.onRefused?.(channel, reason);
  return { ok: false, error: { code: 'invalid-input', message: `Request refused (${channel}): ${reason}.`, action: 'This is a bug in the window; reload it.' } };
}

function errorData(error: unknown): ErrorData {
  if (isDelegateError(error)) return error.toData();
  if (isOsError(error)) return describeOsError(error).toData();
  return { code: 'unexpected', message: `Something unexpected went wrong: ${error instanceof Error ? error.message : String(error)}`, action: 'Try again; if it keeps happening, report it.' };
}

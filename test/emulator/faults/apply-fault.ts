import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorContext } from '../emulator-context.js';
import { sendEntraError } from '../entra/entra-responses.js';
import { sendGraphError } from '../graph/graph-error.js';
import { workloadForPath } from '../graph/graph-workload.js';
import type { EmulatorRequest } from '../http/emulator-request.js';
import type { HeaderMap } from '../http/responses.js';
import type { FaultTarget, QueuedFault } from '../state/fault-store.js';
import { graphFaultError } from './graph-fault-error.js';
import { injectedEntraError } from './injected-entra-error.js';

/**
 * Carries out one queued fault. Returns 'continue' when the fault was only a delay (or `resetAfter`,
 * `replaceBody`) and
 * the request should now be served normally.
 */
export async function applyFault(
  fault: QueuedFault,
  target: FaultTarget,
  request: EmulatorRequest,
  response: ServerResponse,
  context: EmulatorContext,
): Promise<'handled' | 'continue'> {
  if (fault.delayMs !== undefined) await sleep(fault.delayMs);
  if (fault.reset) {
    // Destroying the socket mid-request is what a dropped connection looks like to the client.
    response.socket?.destroy();
    return 'handled';
  }
  if (fault.resetAfter) {
    dropAnswer(response);
    return 'continue';
  }
  if (fault.replaceBody !== undefined) {
    replaceAnswerBody(response, Buffer.from(fault.replaceBody));
    return 'continue';
  }
  const retryAfter: HeaderMap = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
  if (target.endpoint === 'graph' || target.endpoint === 'sharepoint') {
    const spec = graphFaultError(fault, workloadForPath(target.path, target.endpoint));
    return spec === undefined ? 'continue' : send(() => sendGraphError(request, response, context, spec));
  }
  if (fault.aadsts !== undefined || fault.error !== undefined || fault.status !== undefined) {
    const spec =
      fault.aadsts === undefined && fault.error === undefined
        ? injectedEntraError({ ...fault, aadsts: 50000 }, request, context)
        : injectedEntraError(fault, request, context);
    return send(() => sendEntraError(request, response, context, spec, retryAfter));
  }
  return 'continue';
}

function send(write: () => void): 'handled' {
  write();
  return 'handled';
}

/**
 * Lets the request be carried out, then destroys the connection instead of answering: the work is done on the
 * server, but the client sees ECONNRESET / socket hang up and cannot tell whether it was.
 */
function dropAnswer(response: ServerResponse): void {
  const drop = (): void => {
    response.socket?.destroy();
  };
  // Headers are only sent with the first write or end, so swallowing these three keeps every byte back.
  response.flushHeaders = () => undefined;
  response.write = ((..._args: unknown[]) => {
    drop();
    return false;
  }) as ServerResponse['write'];
  response.end = ((..._args: unknown[]) => {
    drop();
    return response;
  }) as ServerResponse['end'];
}

/**
 * Lets the request be carried out and answered with its real status and headers, but with `body` in place of
 * what it would have said (Content-Length matching): a success whose text a proxy or gateway mangled.
 */
function replaceAnswerBody(response: ServerResponse, body: Buffer): void {
  const writeHead = response.writeHead.bind(response) as (status: number, headers: Record<string, string | number>) => ServerResponse;
  const end = response.end.bind(response) as (chunk: Buffer) => ServerResponse;
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    const given = rest.find((value): value is Record<string, string | number> => typeof value === 'object' && value !== null && !Array.isArray(value)) ?? {};
    const headers = Object.fromEntries(Object.entries(given).filter(([name]) => name.toLowerCase() !== 'content-length'));
    return writeHead(status, { ...headers, 'Content-Length': body.length });
  }) as ServerResponse['writeHead'];
  response.write = ((..._args: unknown[]) => true) as ServerResponse['write'];
  response.end = ((..._args: unknown[]) => end(body)) as ServerResponse['end'];
}

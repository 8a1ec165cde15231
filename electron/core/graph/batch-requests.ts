/**
 * JSON batching (`POST /$batch`): up to 20 Graph requests in one round trip, answered in any order.
 *
 * Each inner request succeeds or fails on its own, so `batch` returns every status instead of throwing on the
 * first error. Inner requests throttled with 429/503 (504 for idempotent ones) are sent again in a smaller
 * batch after the longest Retry-After among them, within the client's attempt limit; those still throttled
 * after that come back with their 429 for the caller to report. Longer lists are split into batches of 20.
 */
import { DelegateError } from '../errors/delegate-error.js';
import type { GraphContext } from './graph-context.js';
import { readJson } from './response-body.js';
import { isIdempotent, isRetryableStatus } from './retry-policy.js';

export interface BatchRequest {
  /** Unique within the call; the answer carries it back. */
  id: string;
  method: string;
  /** Relative to the version root, as Graph wants: `/me/messages?$top=5`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BatchResponse {
  id: string;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Graph's limit per $batch request. */
export const MAX_BATCH_REQUESTS = 20;

interface WireResponse {
  id?: unknown;
  status?: unknown;
  body?: unknown;
  headers?: unknown;
}

export async function sendBatch(context: GraphContext, requests: BatchRequest[], signal?: AbortSignal): Promise<BatchResponse[]> {
  checkIds(requests);
  const answers = new Map<string, BatchResponse>();
  for (let start = 0; start < requests.length; start += MAX_BATCH_REQUESTS) {
    await sendGroup(context, requests.slice(start, start + MAX_BATCH_REQUESTS), answers, signal);
  }
  return requests.map((request) => {
    const answer = answers.get(request.id);
    if (!answer) throw missingAnswer(request.id);
    return answer;
  });
}

async function sendGroup(context: GraphContext, group: BatchRequest[], answers: Map<string, BatchResponse>, signal: AbortSignal | undefined): Promise<void> {
  const { exchange } = context;
  const url = context.url('/$batch');
  let pending = group;
  for (let attempt = 1; ; attempt += 1) {
    const result = await exchange.run(
      {
        method: 'POST',
        url,
        what: `POST /$batch (${pending.length} requests)`,
        authenticated: true,
        timeout: 'deadline',
        // The envelope is as safe to resend as the least safe request inside it.
        idempotent: pending.every((request) => isIdempotent(request.method)),
        headers: { 'content-type': 'application/json' },
        body: { kind: 'bytes', bytes: Buffer.from(JSON.stringify({ requests: pending.map(toWire) })) },
        ...(signal ? { signal } : {}),
      },
      (response) => readJson<{ responses?: WireResponse[] }>(response),
    );

    const again: BatchRequest[] = [];
    let longestWaitSeconds: number | undefined;
    let lastStatus = 0;
    for (const wire of Array.isArray(result?.responses) ? result.responses : []) {
      const request = pending.find((candidate) => candidate.id === String(wire.id));
      if (!request) continue;
      const answer = fromWire(request.id, wire);
      const retryAfter = exchange.retryAfterSeconds(answer.headers?.['retry-after']);
      const worthWaiting = retryAfter === undefined || retryAfter <= exchange.maxRetryAfterSeconds;
      if (attempt < exchange.maxAttempts && worthWaiting && isRetryableStatus(answer.status, isIdempotent(request.method))) {
        again.push(request);
        lastStatus = answer.status;
        if (retryAfter !== undefined) longestWaitSeconds = Math.max(longestWaitSeconds ?? 0, retryAfter);
      } else {
        answers.set(request.id, answer);
      }
    }
    const unanswered = pending.find((request) => !answers.has(request.id) && !again.includes(request));
    if (unanswered) throw missingAnswer(unanswered.id);
    if (again.length === 0) return;
    const waitMs = longestWaitSeconds !== undefined ? longestWaitSeconds * 1000 : exchange.backoffMs(attempt);
    await exchange.pause({ attempt, waitMs, status: lastStatus, reason: `${again.length} of ${pending.length} batched requests throttled` }, signal);
    pending = again;
  }
}

function toWire(request: BatchRequest): Record<string, unknown> {
  const wire: Record<string, unknown> = { id: request.id, method: request.method.toUpperCase(), url: request.url };
  const headers = { ...request.headers };
  if (request.body !== undefined) {
    wire.body = request.body;
    // Graph rejects an inner body without a Content-Type.
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  if (Object.keys(headers).length > 0) wire.headers = headers;
  return wire;
}

function fromWire(id: string, wire: WireResponse): BatchResponse {
  const answer: BatchResponse = { id, status: typeof wire.status === 'number' ? wire.status : Number(wire.status ?? 0), body: wire.body };
  if (typeof wire.headers === 'object' && wire.headers !== null) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(wire.headers as Record<string, unknown>)) headers[name.toLowerCase()] = String(value);
    answer.headers = headers;
  }
  return answer;
}

function checkIds(requests: BatchRequest[]): void {
  const seen = new Set<string>();
  for (const request of requests) {
    if (request.id.length === 0 || seen.has(request.id)) {
      throw new DelegateError({
        code: 'invalid-input',
        message: request.id.length === 0 ? 'A batched request has an empty id.' : `Two batched requests share the id "${request.id}".`,
        action: 'Give every request in a batch its own id.',
      });
    }
    seen.add(request.id);
  }
}

function missingAnswer(id: string): DelegateError {
  return new DelegateError({
    code: 'unexpected',
    message: `Microsoft Graph's $batch answer has nothing for the request "${id}".`,
    action: 'Try again; if it lasts, report it with the job definition.',
  });
}

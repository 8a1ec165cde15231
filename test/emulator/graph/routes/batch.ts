import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { graphFaultError } from '../../faults/graph-fault-error.js';
import { headerValue, type EmulatorRequest } from '../../http/emulator-request.js';
import { newGuid } from '../../ids.js';
import { graphErrorResponse, graphErrors, type GraphErrorSpec } from '../graph-error.js';
import type { GraphResponse } from '../graph-response.js';
import { isRecord, parseJsonBody, type GraphCall, type GraphRoute } from '../graph-route.js';
import { workloadForPath } from '../graph-workload.js';

/**
 * `POST /$batch`, Graph's JSON batching: up to 20 requests `{id, method, url, headers, body,
 * dependsOn}` run as the caller, answered by `{responses: [{id, status, headers, body}]}` with
 * status 200 for the batch itself. An item whose dependency failed gets 424. Binary bodies travel
 * base64 both ways. Faults queued for an item's path hit that item, as Graph throttles items one by
 * one.
 *
 * Items run one after another in request order (dependencies first); Graph may run independent
 * items in parallel and answer in any order, so clients must match responses by `id`.
 */

const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

function invalidBatch(message: string): { error: GraphErrorSpec } {
  return { error: graphErrors.badRequest(message) };
}

function parseItems(body: unknown): BatchItem[] | string {
  if (!isRecord(body) || !Array.isArray(body.requests)) return "Invalid batch payload format: expected {\"requests\": [...]}.";
  if (body.requests.length === 0) return 'Invalid batch payload format: the batch has no requests.';
  if (body.requests.length > MAX_BATCH_REQUESTS) return `The batch has ${body.requests.length} requests; JSON batching allows at most ${MAX_BATCH_REQUESTS}.`;
  const items: BatchItem[] = [];
  for (const entry of body.requests) {
    if (!isRecord(entry)) return 'Invalid batch payload format: every request must be an object.';
    const { id, method, url, headers, dependsOn } = entry;
    if (typeof id !== 'string' || id.length === 0) return "Invalid batch payload format: every request needs a string 'id'.";
    if (typeof method !== 'string' || typeof url !== 'string') return `Invalid batch payload format: request '${id}' needs 'method' and 'url'.`;
    if (items.some((item) => item.id.toLowerCase() === id.toLowerCase())) return `Invalid batch payload format: the id '${id}' is used twice.`;
    if (headers !== undefined && !isRecord(headers)) return `Invalid batch payload format: 'headers' of request '${id}' must be an object.`;
    if (dependsOn !== undefined && (!Array.isArray(dependsOn) || !dependsOn.every((other) => typeof other === 'string'))) {
      return `Invalid batch payload format: 'dependsOn' of request '${id}' must be an array of ids.`;
    }
    items.push({
      id,
      method: method.toUpperCase(),
      url,
      headers: Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)])),
      body: entry.body,
      dependsOn: (dependsOn ?? []) as string[],
    });
  }
  for (const item of items) {
    const unknown = item.dependsOn.find((other) => !items.some((candidate) => candidate.id.toLowerCase() === other.toLowerCase()));
    if (unknown !== undefined) return `Invalid batch payload format: request '${item.id}' depends on unknown request '${unknown}'.`;
  }
  return items;
}

/** Dependencies before dependants, otherwise request order; undefined on a cycle. */
function executionOrder(items: readonly BatchItem[]): BatchItem[] | undefined {
  const ordered: BatchItem[] = [];
  const placed = new Set<string>();
  while (ordered.length < items.length) {
    const next = items.find((item) => !placed.has(item.id.toLowerCase()) && item.dependsOn.every((other) => placed.has(other.toLowerCase())));
    if (next === undefined) return undefined;
    ordered.push(next);
    placed.add(next.id.toLowerCase());
  }
  return ordered;
}

function itemRequest(call: GraphCall, item: BatchItem): EmulatorRequest | GraphErrorSpec {
  if (/^[a-z]+:/i.test(item.url)) return graphErrors.badRequest(`Batch item '${item.id}': the url must be relative to the version, like '/me/messages'.`);
  const url = new URL(`${call.context.graphBaseUrl}/v1.0${item.url.startsWith('/') ? '' : '/'}${item.url}`);
  if (/^\/graph\/v1\.0\/\$batch\/?$/.test(url.pathname)) return graphErrors.badRequest('A batch cannot contain another $batch request.');
  const contentType = item.headers['content-type'];
  let bytes = Buffer.alloc(0);
  if (item.body !== undefined && item.body !== null) {
    if (contentType === undefined) return graphErrors.badRequest(`Batch item '${item.id}' has a body but no Content-Type header.`);
    const isJson = /json/i.test(contentType);
    if (isJson) bytes = Buffer.from(typeof item.body === 'string' ? item.body : JSON.stringify(item.body));
    else if (typeof item.body === 'string') bytes = Buffer.from(item.body, 'base64');
    else return graphErrors.badRequest(`Batch item '${item.id}': a ${contentType} body must be a base64 string.`);
  }
  const outer = call.request;
  const authorization = headerValue(outer.headers, 'authorization');
  return {
    method: item.method,
    url,
    path: url.pathname,
    headers: { ...item.headers, ...(authorization === undefined ? {} : { authorization }), 'content-length': String(bytes.length) },
    body: bytes.toString('utf8'),
    content: Readable.from([bytes]),
    bodyTooLarge: false,
    form: new URLSearchParams(),
    requestId: newGuid(),
    clientRequestId: outer.clientRequestId,
    correlationId: outer.correlationId,
  };
}

function batchResponse(id: string, response: GraphResponse): Record<string, unknown> {
  const { body } = response;
  const headers: Record<string, string> = { ...response.headers };
  if (body.kind !== 'none') headers['Content-Type'] = body.contentType;
  return {
    id,
    status: response.status,
    headers,
    ...(body.kind === 'json' ? { body: body.value } : body.kind === 'bytes' ? { body: body.bytes.toString('base64') } : {}),
  };
}

async function runItem(call: GraphCall, item: BatchItem): Promise<GraphResponse> {
  const built = itemRequest(call, item);
  if (!('url' in built)) return graphErrorResponse(call.request, call.context, built);
  const path = built.path.slice('/graph'.length);
  const fault = call.context.state.faults.take({ endpoint: 'graph', method: built.method, grantType: undefined, path });
  if (fault?.delayMs !== undefined) await sleep(fault.delayMs);
  const faultError = fault === undefined ? undefined : graphFaultError(fault, workloadForPath(path));
  if (faultError !== undefined) return graphErrorResponse(built, call.context, faultError);
  return call.dispatch(built);
}

export const batchRoute: GraphRoute = {
  method: 'POST',
  pattern: /^\/v1\.0\/\$batch\/?$/,
  anyOfScopes: [],
  handle: async (call) => {
    const json = parseJsonBody(call.request);
    if (!json.ok) return { error: graphErrors.unreadableJson() };
    const items = parseItems(json.value);
    if (typeof items === 'string') return invalidBatch(items);
    const order = executionOrder(items);
    if (order === undefined) return invalidBatch('Invalid batch payload format: the dependsOn references form a cycle.');

    const statuses = new Map<string, number>();
    const answers = new Map<string, Record<string, unknown>>();
    for (const item of order) {
      const failedDependency = item.dependsOn.some((other) => (statuses.get(other.toLowerCase()) ?? 0) >= 400);
      const response = failedDependency
        ? graphErrorResponse(call.request, call.context, { status: 424, code: 'FailedDependency', message: 'A request this request depends on failed.' })
        : await runItem(call, item);
      statuses.set(item.id.toLowerCase(), response.status);
      answers.set(item.id, batchResponse(item.id, response));
    }
    return { status: 200, body: { responses: items.map((item) => answers.get(item.id)) } };
  },
};

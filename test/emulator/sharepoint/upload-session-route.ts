import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { ContentLengthError } from '../content/blob-store.js';
import type { EmulatorContext } from '../emulator-context.js';
import { graphHeaders, sendGraphError, type GraphErrorSpec } from '../graph/graph-error.js';
import { writeGraphResponse } from '../graph/graph-response.js';
import { UPLOAD_SESSION_LIFETIME_MS } from '../graph/routes/files/create-upload-session.js';
import { driveErrors } from '../graph/routes/files/drive-errors.js';
import { driveItemJson } from '../graph/routes/files/drive-item-json.js';
import { headerValue, type EmulatorRequest } from '../http/emulator-request.js';
import { sendJson } from '../http/responses.js';
import type { UploadSession } from '../state/upload-session-store.js';
import { uploadSessionId } from './sharepoint-urls.js';

/**
 * An upload session's URL, as Graph's createUploadSession page describes it:
 *
 * - `PUT` with `Content-Range: bytes a-b/total` appends one fragment. Fragments must arrive in
 *   order, at most 60 MiB each and, except the last, a multiple of 320 KiB. An overlapping
 *   fragment gets 416 `invalidRange`/`fragmentOverlap`, a gap 416 `fragmentOutOfOrder`. Until the
 *   file is complete the answer is 202 `{expirationDateTime, nextExpectedRanges}`; the last
 *   fragment commits the file (201 new, 200 replaced, 409 nameAlreadyExists under `fail`).
 * - `GET` reports the status; `DELETE` cancels (204).
 *
 * The URL is pre-authenticated: a request carrying an Authorization header is refused with 401,
 * which Graph's docs warn may happen.
 */

const FRAGMENT_MULTIPLE = 320 * 1024;
const MAX_FRAGMENT_BYTES = 60 * 1024 * 1024;

function expectedRanges(session: UploadSession): string[] {
  const received = session.partial.received;
  return session.totalSize === undefined ? [`${received}-`] : [`${received}-${session.totalSize - 1}`];
}

function statusBody(session: UploadSession): Record<string, unknown> {
  return { expirationDateTime: session.expiresAt.toISOString(), nextExpectedRanges: expectedRanges(session) };
}

function invalidRange(message: string, innerCode: string, status = 416): GraphErrorSpec {
  return { status, code: 'invalidRange', message, innerError: { code: innerCode } };
}

async function discard(session: UploadSession, context: EmulatorContext): Promise<void> {
  context.state.uploadSessions.remove(session.id);
  await context.state.blobs.remove(session.partial.path);
}

/** The session the URL names, if its token matches and it has not expired; expired ones are cleaned up. */
async function liveSession(request: EmulatorRequest, context: EmulatorContext): Promise<UploadSession | undefined> {
  const session = context.state.uploadSessions.get(uploadSessionId(request.url) ?? '');
  if (session === undefined || session.token !== request.url.searchParams.get('tempauth')) return undefined;
  if (session.expiresAt.getTime() <= context.clock.now().getTime()) {
    await discard(session, context);
    return undefined;
  }
  return session;
}

function parseContentRange(header: string | undefined): { start: number; end: number; total: number } | undefined {
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return end < start || end >= total ? undefined : { start, end, total };
}

async function commit(session: UploadSession, request: EmulatorRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const store = context.state.drives;
  const blob = session.partial.finish();
  context.state.uploadSessions.remove(session.id);
  const now = context.clock.now();
  const existing = session.replaceItemId === undefined ? undefined : store.item(session.driveId, session.replaceItemId);
  if (existing !== undefined) {
    const item = await store.replaceContent(existing, blob, session.author, now);
    return writeGraphResponse(response, { status: 200, headers: graphHeaders(request), body: { kind: 'json', value: driveItemJson(item, context), contentType: 'application/json' } });
  }
  const parent = store.item(session.driveId, session.parentId);
  const placed = parent === undefined ? undefined : await store.placeFile(parent, session.name, blob, session.conflictBehavior, session.author, now);
  if (placed === undefined || placed.outcome === 'conflict') {
    await context.state.blobs.remove(blob.path);
    return sendGraphError(request, response, context, placed === undefined ? driveErrors.itemNotFound() : driveErrors.uploadNameConflict());
  }
  writeGraphResponse(response, {
    status: placed.outcome === 'created' ? 201 : 200,
    headers: graphHeaders(request),
    body: { kind: 'json', value: driveItemJson(placed.item, context), contentType: 'application/json' },
  });
}

async function putFragment(session: UploadSession, request: EmulatorRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const fail = (spec: GraphErrorSpec): void => sendGraphError(request, response, context, spec);
  const range = parseContentRange(headerValue(request.headers, 'content-range'));
  if (range === undefined) return fail(driveErrors.invalidRequest("The Content-Range header is missing or malformed; send 'bytes {first}-{last}/{total}'."));
  const length = range.end - range.start + 1;
  const contentLength = headerValue(request.headers, 'content-length');
  if (contentLength !== undefined && Number(contentLength) !== length) {
    return fail(driveErrors.invalidRequest('The Content-Range header length does not match the provided number of bytes.'));
  }
  if (session.totalSize !== undefined && range.total !== session.totalSize) {
    return fail(invalidRange('Declared total size for this fragment is different from that of the upload session.', 'fragmentLengthMismatch', 400));
  }
  if (length > MAX_FRAGMENT_BYTES) return fail({ status: 413, code: 'invalidRequest', message: 'A fragment may hold at most 60 MiB.', innerError: { code: 'maxFragmentLengthExceeded' } });
  const received = session.partial.received;
  if (session.busy || range.start < received) return fail(invalidRange('Uploaded fragment overlaps with existing data.', 'fragmentOverlap'));
  if (range.start > received) return fail(invalidRange('Uploaded fragment is out of order.', 'fragmentOutOfOrder'));
  if (range.end + 1 < range.total && length % FRAGMENT_MULTIPLE !== 0) {
    return fail(
      driveErrors.invalidRequest(`Fragment size ${length} is not a multiple of 320 KiB (327,680 bytes); only the last fragment may be shorter.`, 'invalidFragmentSize'),
    );
  }

  session.busy = true;
  try {
    await session.partial.append(request.content ?? Readable.from([]), length);
  } catch (error) {
    if (error instanceof ContentLengthError) return fail(driveErrors.invalidRequest('The Content-Range header length does not match the provided number of bytes.'));
    // The fragment broke off (the client hung up): its bytes are forgotten and nobody is listening.
    if (response.socket === null || response.socket.destroyed) return;
    throw error;
  } finally {
    session.busy = false;
  }
  session.totalSize = range.total;
  session.expiresAt = new Date(context.clock.now().getTime() + UPLOAD_SESSION_LIFETIME_MS);
  if (session.partial.received < range.total) return sendJson(response, 202, statusBody(session), graphHeaders(request));
  await commit(session, request, response, context);
}

export async function serveUploadSession(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  if (headerValue(request.headers, 'authorization') !== undefined) {
    return sendGraphError(request, response, context, {
      status: 401,
      code: 'unauthenticated',
      message: 'The upload URL is pre-authenticated: do not send an Authorization header with it.',
    });
  }
  const session = await liveSession(request, context);
  if (session === undefined) {
    return sendGraphError(request, response, context, { status: 404, code: 'itemNotFound', message: 'The upload session was not found or has expired.', innerError: { code: 'uploadSessionNotFound' } });
  }
  if (request.method === 'PUT') return putFragment(session, request, response, context);
  if (request.method === 'GET') return sendJson(response, 200, statusBody(session), graphHeaders(request));
  if (request.method === 'DELETE') {
    await discard(session, context);
    response.writeHead(204, graphHeaders(request));
    response.end();
    return;
  }
  sendGraphError(request, response, context, { status: 405, code: 'invalidRequest', message: `The upload URL accepts PUT, GET and DELETE, not ${request.method}.` });
}

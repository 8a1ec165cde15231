import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { EmulatorContext } from '../emulator-context.js';
import { driveErrors } from '../graph/routes/files/drive-errors.js';
import { graphHeaders, sendGraphError } from '../graph/graph-error.js';
import { parseByteRange } from '../http/byte-range.js';
import { headerValue, type EmulatorRequest } from '../http/emulator-request.js';

/**
 * The pre-authenticated download URL: streams the file from disk (flat memory for any size) with
 * Content-Length, Accept-Ranges and 206 Partial Content for a `Range` header. The `tempauth`
 * token in the query is the only credential; an expired one (emulator clock) gets 401.
 */

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|"/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function serveDownload(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const link = context.state.downloadLinks.get(request.url.searchParams.get('tempauth') ?? '');
  if (link === undefined || link.expiresAt.getTime() <= context.clock.now().getTime()) {
    return sendGraphError(request, response, context, { status: 401, code: 'unauthenticated', message: 'The pre-authenticated download URL is invalid or has expired; ask Graph for a new one.' });
  }
  const item = context.state.drives.item(link.driveId, link.itemId);
  const content = item?.content;
  if (item === undefined || content === undefined || request.url.searchParams.get('UniqueId')?.toUpperCase() !== item.uniqueId) {
    return sendGraphError(request, response, context, driveErrors.itemNotFound());
  }

  const size = content.size;
  const range = parseByteRange(headerValue(request.headers, 'range'), size);
  const headers: Record<string, string | number> = {
    ...graphHeaders(request),
    'Content-Type': item.mimeType ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: `"{${item.uniqueId}},${item.version}"`,
    'Last-Modified': item.lastModifiedDateTime.toUTCString(),
    'Content-Disposition': contentDisposition(item.name),
  };
  if (range.kind === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
    response.end();
    return;
  }
  const start = range.kind === 'part' ? range.start : 0;
  const end = range.kind === 'part' ? range.end : size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  response.writeHead(range.kind === 'part' ? 206 : 200, {
    ...headers,
    'Content-Length': length,
    ...(range.kind === 'part' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (request.method === 'HEAD' || length === 0) {
    response.end();
    return;
  }
  try {
    await pipeline(createReadStream(content.path, { start, end }), response);
  } catch {
    // The client went away mid-download; there is no one left to answer.
    response.destroy();
  }
}

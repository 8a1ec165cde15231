import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../emulator-context.js';
import { sendGraphError } from '../graph/graph-error.js';
import type { EmulatorRequest, ReadOptions } from '../http/emulator-request.js';
import { serveDownload } from './download-route.js';
import { isDownloadPath, isUploadSessionPath, SHAREPOINT_PREFIX } from './sharepoint-urls.js';
import { serveUploadSession } from './upload-session-route.js';

/**
 * The SharePoint host behind Graph's file URLs, under `/sharepoint`: pre-authenticated downloads
 * and upload sessions. No bearer token here; the `tempauth` query value is the credential.
 */

export { SHAREPOINT_PREFIX };

/** Fragments stream to disk, never into memory. */
export const SHAREPOINT_READ_OPTIONS: ReadOptions = { stream: true };

export async function handleSharePointRequest(request: EmulatorRequest, response: ServerResponse, context: EmulatorContext): Promise<void> {
  const path = request.path.slice(SHAREPOINT_PREFIX.length);
  if (isDownloadPath(path)) {
    if (request.method === 'GET' || request.method === 'HEAD') return serveDownload(request, response, context);
    return sendGraphError(request, response, context, { status: 405, code: 'invalidRequest', message: 'A download URL accepts GET and HEAD.' });
  }
  if (isUploadSessionPath(path)) return serveUploadSession(request, response, context);
  sendGraphError(request, response, context, { status: 404, code: 'itemNotFound', message: `The emulator's SharePoint host has nothing at ${path}.` });
}

/**
 * `files.upload`: a local file to a OneDrive/SharePoint folder (an upload session for large files).
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readLocalFile } from './message-body.js';
import { folderPath } from './drive-paths.js';
import { formatBytes } from './files-download.js';
import type { Job } from '../../../../shared/jobs/job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type FilesUpload = Extract<Job['action'], { kind: 'files.upload' }>;

export async function uploadFile(context: KindContext, action: FilesUpload): Promise<KindResult> {
  const source = context.resolvePath(action.source);
  // A clear "does not exist" before any network traffic (readLocalFile words it), without reading a big file.
  const size = await stat(source).then((info) => info.size, () => readLocalFile(source, 'the file to upload').then(() => 0));
  const parent = await folderPath(context, action.destination);
  const item = await context.graph.upload(parent, basename(source), source, { conflictBehavior: action.conflictBehavior, signal: context.signal });
  return { summary: `Uploaded ${basename(source)} (${formatBytes(size)}) as ${item.name ?? basename(source)}` };
}

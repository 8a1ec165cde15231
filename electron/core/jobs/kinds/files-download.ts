/**
 * `files.download`: a OneDrive/SharePoint file to a local path, streamed, written atomically, skipped when
 * unchanged since the last download.
 */
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { drivePath } from './drive-paths.js';
import type { Job } from '../../../../shared/jobs/job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type FilesDownload = Extract<Job['action'], { kind: 'files.download' }>;

export async function downloadFile(context: KindContext, action: FilesDownload): Promise<KindResult> {
  const destination = context.resolvePath(action.destination);
  await mkdir(dirname(destination), { recursive: true });
  const { content } = await drivePath(context, action.source);
  const result = await context.graph.download(content, destination, { signal: context.signal, skipIfUnchanged: action.skipIfUnchanged });
  if (result.skipped) return { summary: `${basename(destination)} is unchanged since the last download; nothing transferred` };
  return { summary: `Downloaded ${basename(destination)} (${formatBytes(result.bytes)}, sha256 ${result.sha256.slice(0, 12)}…) to ${destination}` };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * `graph.request`: any Graph call; the response optionally saved to a file (written atomically).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatBytes } from './files-download.js';
import type { Job } from '../job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type GraphRequest = Extract<Job['action'], { kind: 'graph.request' }>;

export async function callGraph(context: KindContext, action: GraphRequest): Promise<KindResult> {
  const response = await context.graph.request<unknown>(action.method, action.path, { ...(action.body !== undefined ? { body: action.body } : {}), signal: context.signal });
  let saved = '';
  if (action.saveTo) {
    const target = context.resolvePath(action.saveTo);
    await mkdir(dirname(target), { recursive: true });
    const text = typeof response.body === 'string' ? response.body : `${JSON.stringify(response.body, null, 2)}\n`;
    await writeFile(`${target}.partial`, text, { mode: 0o600 });
    await rename(`${target}.partial`, target);
    saved = `; ${formatBytes(Buffer.byteLength(text))} saved to ${target}`;
  }
  return { summary: `${action.method} ${action.path} → HTTP ${response.status}${saved}` };
}

/**
 * `graph.request`: any Graph call; the response optionally saved to a file (written atomically). Anything but
 * GET is sent at most once: not resent after a broken connection or a 5xx (even PUT and DELETE, whose effect
 * on someone else's data Delegate cannot know), and the history says it may have been done.
 */
import { atMostOnce } from './action-outcome.js';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatBytes } from './files-download.js';
import type { Job } from '../job-schema.js';
import type { KindContext, KindResult } from './kind-context.js';

type GraphRequest = Extract<Job['action'], { kind: 'graph.request' }>;

export async function callGraph(context: KindContext, action: GraphRequest): Promise<KindResult> {
  const send = () =>
    context.graph.request<unknown>(action.method, action.path, {
      ...(action.body !== undefined ? { body: action.body } : {}),
      signal: context.signal,
      ...(action.method === 'GET' ? {} : { idempotent: false }),
    });
  const response =
    action.method === 'GET'
      ? await send()
      : await atMostOnce(
          send,
          `${action.method} ${action.path} may have been done; Delegate did not send it again.`,
          'Check whether it took effect before running the job again.',
        );
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

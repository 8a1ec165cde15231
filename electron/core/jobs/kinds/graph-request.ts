/**
 * `graph.request`: any Graph call; the response optionally saved to a file (written atomically). Anything but
 * GET is sent at most once: not resent after a broken connection or a 5xx (even PUT and DELETE, whose effect
 * on someone else's data Delegate cannot know), and the history says it may have been done. An answer that cannot
 * be saved after such a request went through fails the run without a retry (`action-done`).
 */
import { ActionOutcomeError, atMostOnce } from './action-outcome.js';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatBytes } from './files-download.js';
import type { Job } from '../../../../shared/jobs/job-schema.js';
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
    const text = typeof response.body === 'string' ? response.body : `${JSON.stringify(response.body, null, 2)}\n`;
    try {
      await saveAnswer(target, text);
    } catch (error) {
      if (action.method === 'GET') throw error;
      // The request itself took effect: a retry of the job would do it a second time for a file write.
      throw new ActionOutcomeError(
        'done',
        `${action.method} ${action.path} was done (HTTP ${response.status}), but its answer could not be saved to ${target}; Delegate did not send it again.`,
        `Fix ${target} (a folder in the way, permissions, free space); the request itself must not be repeated.`,
        { cause: error },
      );
    }
    saved = `; ${formatBytes(Buffer.byteLength(text))} saved to ${target}`;
  }
  return { summary: `${action.method} ${action.path} → HTTP ${response.status}${saved}` };
}

async function saveAnswer(target: string, text: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(`${target}.partial`, text, { mode: 0o600 });
  try {
    await rename(`${target}.partial`, target);
  } catch (error) {
    await rm(`${target}.partial`, { force: true }).catch(() => undefined);
    throw error;
  }
}

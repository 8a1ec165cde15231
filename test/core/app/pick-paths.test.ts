/**
 * `dialog:pick-path` through the IPC router to the platform's dialog, with the e2e bridge's scriptable platform:
 * the window gets exactly what the person picked, an empty list when they cancel, and nothing without a dialog.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppService } from '../../../electron/core/app/app-service.js';
import { JobEngine } from '../../../electron/core/jobs/job-engine.js';
import { createIpcHandlers } from '../../../electron/core/ipc/ipc-handlers.js';
import { createIpcRouter } from '../../../electron/core/ipc/ipc-router.js';
import { makeHome } from '../../support/test-home.js';
import { createRecordingPlatform, type RecordingPlatform } from '../../e2e/bridge/recording-platform.js';
import type { GraphApi } from '../../../electron/core/jobs/kinds/kind-context.js';

const SENDER = { url: 'app://delegate/index.html', isMainFrame: true };
const noGraph = (): GraphApi => {
  throw new Error('no Graph in this test');
};

let home: { home: string; cleanup: () => void };
let engine: JobEngine | undefined;
let service: AppService | undefined;

beforeEach(() => {
  home = makeHome();
});
afterEach(async () => {
  service?.dispose();
  await engine?.stop(0);
  service = undefined;
  engine = undefined;
  home.cleanup();
});

async function routerWith(platform: RecordingPlatform | Omit<RecordingPlatform, 'pickPaths'>) {
  engine = await JobEngine.start({ home: home.home, createGraph: noGraph });
  service = new AppService({ home: home.home, version: '0.0.0-test', engine, platform });
  return createIpcRouter(createIpcHandlers(service), { isTrustedSender: (sender) => sender.url.startsWith('app://delegate/') && sender.isMainFrame });
}

describe('picking paths in a native dialog', () => {
  it('answers what the person picked, in order, and an empty list when they cancel', async () => {
    const platform = createRecordingPlatform();
    const router = await routerWith(platform);
    platform.queuePaths(['/home/adele/ca.pem']);
    platform.queuePaths(['/a/one.pdf', '/a/two.pdf']);
    expect(await router('dialog:pick-path', { purpose: 'ca-file', defaultPath: '/etc/ssl' }, SENDER)).toEqual({ ok: true, value: { paths: ['/home/adele/ca.pem'] } });
    expect(await router('dialog:pick-path', { purpose: 'open-files' }, SENDER)).toEqual({ ok: true, value: { paths: ['/a/one.pdf', '/a/two.pdf'] } });
    expect(await router('dialog:pick-path', { purpose: 'folder' }, SENDER)).toEqual({ ok: true, value: { paths: [] } });
    expect(platform.pathsAsked).toEqual([{ purpose: 'ca-file', defaultPath: '/etc/ssl' }, { purpose: 'open-files' }, { purpose: 'folder' }]);
  });

  it('a purpose the contract does not know is refused before any dialog opens', async () => {
    const platform = createRecordingPlatform();
    const router = await routerWith(platform);
    expect(await router('dialog:pick-path', { purpose: 'read-file', defaultPath: '/etc/shadow' }, SENDER)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(platform.pathsAsked).toEqual([]);
  });

  it('where there is no dialog, nothing is picked', async () => {
    const { pickPaths: _none, ...withoutDialog } = createRecordingPlatform();
    const router = await routerWith(withoutDialog);
    expect(await router('dialog:pick-path', { purpose: 'open-file' }, SENDER)).toEqual({ ok: true, value: { paths: [] } });
  });
});

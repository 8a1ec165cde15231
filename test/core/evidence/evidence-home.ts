/**
 * A Delegate home for evidence tests, built from the real writers (profiles, metadata file, jobs file, history)
 * without a sign-in: the pack reads records, not the token cache, so none is needed.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { profilePaths } from '../../../electron/core/config/profile-paths.js';
import { EMPTY_METADATA, type ProfileMetadata } from '../../../electron/core/auth/profile-metadata.js';
import { HistoryStore, historyPath } from '../../../electron/core/history/history-store.js';
import type { RunStatus } from '../../../shared/models/job-run.js';
import type { ProfileChanges } from '../../../electron/core/profiles/profile-service.js';

export async function addSignedInProfile(home: string, name: string, changes: ProfileChanges, metadata: Partial<ProfileMetadata> = {}): Promise<void> {
  await addProfile(home, name, changes);
  const paths = profilePaths(home, name);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const meta: ProfileMetadata = {
    ...EMPTY_METADATA,
    account: { username: `${name}@contoso.com`, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', homeAccountId: 'uid.utid', environment: 'login.microsoftonline.com' },
    lastInteractiveAuth: '2026-11-20T08:00:00.000Z',
    signInFlow: 'device-code',
    ...metadata,
  };
  writeFileSync(paths.meta, JSON.stringify(meta), { mode: 0o600 });
}

export function recordRuns(home: string, runs: Array<{ jobId: string; startedAt: string; status: Exclude<RunStatus, 'running'> }>): void {
  const store = new HistoryStore(historyPath(home));
  try {
    for (const run of runs) {
      const started = store.startRun({ jobId: run.jobId, trigger: 'schedule', scheduledFor: run.startedAt, startedAt: run.startedAt, attempt: 1 });
      store.finishRun(started.id, { status: run.status, endedAt: run.startedAt, summary: null, error: run.status === 'succeeded' ? null : { code: 'graph-error', message: 'no' }, outputTail: null });
    }
  } finally {
    store.close();
  }
  chmodSync(historyPath(home), 0o600);
}

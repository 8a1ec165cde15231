/**
 * The app service over a real engine in a throwaway home with one unreachable profile, as the window's job editing
 * uses it: `start(text)` writes jobs.yaml (none when text is undefined) and starts both; `heard` collects the
 * `jobs:changed` views the window would receive. Registers its own beforeEach/afterEach.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { AppService } from '../../../electron/core/app/app-service.js';
import { JobEngine } from '../../../electron/core/jobs/job-engine.js';
import { createGraphClient } from '../../../electron/core/graph/graph-factory.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { makeHome } from '../../support/test-home.js';
import { createRecordingPlatform } from '../../e2e/bridge/recording-platform.js';
import type { JobsView } from '../../../shared/ipc/ipc-models.js';

const UNREACHABLE = { cloud: 'custom', authorityHost: 'https://127.0.0.1:1', graphBaseUrl: 'https://127.0.0.1:1/graph', cacheBackend: 'plaintext' as const };

export interface JobEditingHome {
  /** The home's jobs.yaml. */
  readonly path: string;
  readonly home: string;
  /** Every `jobs:changed` view announced since the test began. */
  readonly heard: JobsView[];
  start(text?: string): Promise<AppService>;
}

export function useJobEditingHome(): JobEditingHome {
  let made: { home: string; cleanup: () => void };
  let engine: JobEngine | undefined;
  let service: AppService | undefined;
  const heard: JobsView[] = [];

  beforeEach(async () => {
    made = makeHome();
    await addProfile(made.home, 'emu', UNREACHABLE);
    heard.length = 0;
  });
  afterEach(async () => {
    service?.dispose();
    await engine?.stop(0);
    service = undefined;
    engine = undefined;
    made.cleanup();
  });

  return {
    get path() {
      return join(made.home, 'jobs.yaml');
    },
    get home() {
      return made.home;
    },
    heard,
    async start(text) {
      if (text !== undefined) writeFileSync(join(made.home, 'jobs.yaml'), text);
      engine = await JobEngine.start({ home: made.home, createGraph: createGraphClient });
      service = new AppService({ home: made.home, version: '0.0.0-test', engine, platform: createRecordingPlatform() });
      service.events.onAny((channel, payload) => {
        if (channel === 'jobs:changed') heard.push(payload as JobsView);
      });
      return service;
    },
  };
}

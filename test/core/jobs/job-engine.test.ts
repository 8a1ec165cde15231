import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobEngine } from '../../../electron/core/jobs/job-engine.js';
import { HistoryStore, historyPath } from '../../../electron/core/history/history-store.js';
import { addProfile } from '../../../electron/core/profiles/profile-service.js';
import { updateConfig } from '../../../electron/core/config/config-writer.js';
import { makeHome } from '../../support/test-home.js';
import type { GraphApi } from '../../../electron/core/jobs/kinds/kind-context.js';

let home: string;
let cleanup: () => void;
let engine: JobEngine | undefined;
const logs: string[] = [];
const noGraph = (): GraphApi => {
  throw new Error('no Graph in this test');
};

beforeEach(async () => {
  ({ home, cleanup } = makeHome());
  logs.length = 0;
  await addProfile(home, 'work', { scopes: ['User.Read'] });
});
afterEach(async () => {
  await engine?.stop(0);
  engine = undefined;
  cleanup();
});

const job = (id: string) => `  - id: ${id}\n    schedule: "0 7 * * *"\n    action: { kind: graph.request, path: /me }\n`;
const writeJobs = (text: string) => writeFileSync(join(home, 'jobs.yaml'), text);
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log:\n${logs.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the job engine', () => {
  it('reloads the jobs file when it changes, and keeps the running jobs when an edit breaks the file', async () => {
    writeJobs(`jobs:\n${job('first')}`);
    engine = await JobEngine.start({ home, createGraph: noGraph, log: (line) => logs.push(line) });
    expect(engine.jobs().jobs.map((candidate) => candidate.id)).toEqual(['first']);
    writeJobs(`jobs:\n${job('first')}${job('second')}`);
    await until(() => engine?.jobs().jobs.length === 2, 'the reload');
    writeJobs(`jobs:\n  - id: [broken\n`);
    await until(() => engine?.jobs().fileError !== undefined, 'the broken file to be noticed');
    expect(engine.jobs().jobs.map((candidate) => candidate.id)).toEqual(['first', 'second']);
    expect(logs.join("\n")).toMatch(/not valid YAML: .*\(keeping the 2 job\(s\) of the version read at /);
  });

  it('refuses a second engine on the same home', async () => {
    engine = await JobEngine.start({ home, createGraph: noGraph });
    await expect(JobEngine.start({ home, createGraph: noGraph })).rejects.toMatchObject({ code: 'scheduler-running' });
  });

  it('applies the history retention configured in config.json when it starts', async () => {
    const history = new HistoryStore(historyPath(home));
    const old = new Date(Date.now() - 10 * 24 * 60 * 60_000).toISOString();
    const kept = new Date().toISOString();
    for (const startedAt of [old, kept]) {
      const run = history.startRun({ jobId: 'x', trigger: 'manual', scheduledFor: null, startedAt, attempt: 1 });
      history.finishRun(run.id, { status: 'succeeded', endedAt: startedAt, summary: 'ok', error: null, outputTail: null });
    }
    history.close();
    await updateConfig(home, (raw) => {
      raw.history = { keepDays: 7 };
    });
    engine = await JobEngine.start({ home, createGraph: noGraph, log: (line) => logs.push(line) });
    expect(logs).toContain('history: removed 1 run(s) past the retention period');
    expect(engine.history.recentRuns({}).runs.map((run) => run.startedAt)).toEqual([kept]);
  });
});

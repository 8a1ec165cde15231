/**
 * The Delegate home the CLI benchmark measures: profile `bench` signed in through the emulator (its cache in the
 * keychain), 100 jobs of every kind in jobs.yaml, and a history with 30 runs of each, as a busy home would have.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { HistoryStore, historyPath } from '../../electron/core/history/history-store.js';
import type { TestEmulator } from '../support/emulator.js';

export const BENCH_PROFILE = 'bench';
export const BENCH_JOBS = 100;
export const RUNS_PER_JOB = 30;

/** Profile `bench` added for the emulator and signed in (its cache in the keychain): what every CLI benchmark starts from. */
export async function signInBenchProfile(emulator: TestEmulator, home: string): Promise<void> {
  if ((await emulator.addProfile(home, BENCH_PROFILE)).code !== 0) throw new Error('profile add failed');
  if ((await emulator.signIn(home, BENCH_PROFILE)).code !== 0) throw new Error('sign-in failed');
}

export async function prepareBenchHome(emulator: TestEmulator, home: string): Promise<void> {
  await signInBenchProfile(emulator, home);
  const jobs = Array.from({ length: BENCH_JOBS }, (_, i) => benchJob(i));
  writeFileSync(join(home, 'jobs.yaml'), stringify({ jobs }));
  writeHistory(home, jobs.map((job) => job.id));
}

/** One job of each kind in turn, with the schedules, time zones and options people write. */
function benchJob(i: number): { id: string } & Record<string, unknown> {
  const id = `job-${String(i).padStart(3, '0')}`;
  const minute = [0, 15, 30, 45][Math.floor(i / 5) % 4];
  const common = {
    id,
    name: `Bench job ${i}`,
    // 17 different patterns: people repeat a few schedules, at various minutes.
    schedule: [`${minute} 7 * * 1-5`, '*/15 * * * *', `${minute} 2 1 * *`, `${minute} */4 * * *`, `${minute} 9 * * 1`][i % 5],
    ...(i % 3 === 0 ? { timezone: 'Europe/Berlin' } : {}),
    ...(i % 10 === 9 ? { enabled: false } : {}),
    profile: BENCH_PROFILE,
  };
  const folder = `Reports/${id}`;
  const actions = [
    { kind: 'mail.send', to: 'megan.bowen@contoso.onmicrosoft.com', subject: `Report ${i}`, body: { text: 'The nightly numbers are attached.' } },
    { kind: 'files.download', source: { drive: 'me', path: `${folder}/latest.csv` }, destination: `downloads/${id}.csv` },
    { kind: 'teams.message', chatId: '19:a7e3c1b95d2f4068b4e1c9d7a3f52e60@thread.v2', body: { text: `Job ${i} done` } },
    { kind: 'mail.attachments', folder: 'inbox', filter: { subjectContains: 'Invoice', unreadOnly: true }, saveTo: `invoices/${id}` },
    { kind: 'graph.request', method: 'GET', path: '/me/messages?$top=5', saveTo: `graph/${id}.json` },
    { kind: 'script', command: 'python3', args: ['-c', 'print(1)'] },
  ];
  return { ...common, action: actions[i % actions.length] };
}

function writeHistory(home: string, jobIds: string[]): void {
  const store = new HistoryStore(historyPath(home));
  const start = Date.parse('2026-11-01T00:00:00Z');
  store.transaction(() => {
    for (let n = 0; n < RUNS_PER_JOB; n++) {
      for (const [j, jobId] of jobIds.entries()) {
        const startedAt = new Date(start + (n * jobIds.length + j) * 60_000).toISOString();
        const run = store.startRun({ jobId, trigger: 'schedule', scheduledFor: startedAt, startedAt, attempt: 1 });
        const failed = (n + j) % 17 === 0;
        store.finishRun(run.id, {
          status: failed ? 'failed' : 'succeeded',
          endedAt: new Date(Date.parse(startedAt) + 1_500).toISOString(),
          summary: failed ? null : `Sent 'Report ${j}' to 3 recipients`,
          error: failed ? { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' } : null,
          outputTail: null,
        });
      }
    }
  });
  store.close();
}

/**
 * A second Delegate process for the history tests.
 *
 * - `crash PATH` records runs, then waits to be killed with one run still going;
 * - `write PATH JOB COUNT START_AT` records COUNT finished runs from START_AT (epoch ms), each its own write, as a
 *   job runner does;
 * - `warn PATH` opens the store, then raises an unrelated warning, which must still be printed.
 */
import { HistoryStore } from '../../../electron/core/history/history-store.js';

const [mode, path, jobId = 'job', countText = '0', startAtText = '0'] = process.argv.slice(2);
if (!mode || !path) throw new Error('usage: history-child.ts crash|write|warn PATH [JOB COUNT START_AT]');

const store = new HistoryStore(path);
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();

function recordFinished(job: string, i: number): void {
  const run = store.startRun({ jobId: job, trigger: 'schedule', scheduledFor: at(i), startedAt: at(i), attempt: 1 });
  store.finishRun(run.id, { status: 'succeeded', endedAt: at(i), summary: `run ${i} of ${job}`, error: null, outputTail: null });
}

if (mode === 'crash') {
  for (let i = 0; i < 50; i++) recordFinished('steady', i);
  const running = store.startRun({ jobId: 'doomed', trigger: 'manual', scheduledFor: null, startedAt: at(50), attempt: 1 });
  process.stdout.write(`running ${running.id}\n`);
  setInterval(() => undefined, 60_000); // wait for SIGKILL, never closing the store
} else if (mode === 'write') {
  // Start writing at an agreed instant, so that two writers really overlap.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtText) - Date.now())));
  for (let i = 0; i < Number(countText); i++) recordFinished(jobId, i);
  store.close();
  process.stdout.write('done\n');
} else if (mode === 'warn') {
  store.close();
  process.emitWarning('an unrelated warning', 'DeprecationWarning');
} else {
  throw new Error(`unknown mode ${mode}`);
}

/**
 * Benchmark: 10,000 jobs — how long the scheduler takes to validate them, to compute every next run, and one
 * scheduler tick over all of them, and the memory they hold. Prints numbers; asserts nothing.
 * Run: npx tsx test/bench/scheduler-bench.ts
 */
import { parseJobs } from '../../electron/core/jobs/jobs-file.js';
import { nextRunAfter } from '../../shared/jobs/job-schedule.js';
import { Scheduler } from '../../electron/core/jobs/scheduler.js';

const COUNT = Number(process.env.BENCH_JOBS ?? 10_000);
const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', undefined];
const patterns = ['0 7 * * 1-5', '*/15 * * * *', '30 2 * * *', '0 */4 * * *', '15 9 1 * *', '0 18 * * 5'];
const lines = ['jobs:'];
for (let index = 0; index < COUNT; index++) {
  const zone = zones[index % zones.length];
  lines.push(`  - id: job-${index}`, `    schedule: "${patterns[index % patterns.length]}"`);
  if (zone) lines.push(`    timezone: ${zone}`);
  lines.push('    action: { kind: graph.request, path: /me }');
}
const text = lines.join('\n');
const world = { profiles: new Set(['work']), defaultProfile: 'work', baseDir: '/tmp' };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let started = performance.now();
const loaded = parseJobs('/tmp/jobs.yaml', text, world);
const parseMs = performance.now() - started;
if (loaded.jobs.length !== COUNT) throw new Error(`expected ${COUNT} valid jobs, got ${loaded.jobs.length}: ${loaded.problems[0]?.message}`);

const now = new Date('2026-11-21T12:00:00Z');
const nextTimes: number[] = [];
for (let round = 0; round < 5; round++) {
  started = performance.now();
  for (const job of loaded.jobs) nextRunAfter(job, now);
  nextTimes.push(performance.now() - started);
}

const book = new Map<string, string>();
let clock = now;
const scheduler = new Scheduler({
  clock: { now: () => clock },
  book: { lastScheduled: (id) => book.get(id) ?? null, setLastScheduled: (id, iso) => void book.set(id, iso) },
  dispatch: async () => undefined,
  maxConcurrent: 4,
});
started = performance.now();
scheduler.setJobs(loaded.jobs);
const setJobsMs = performance.now() - started;
const tickTimes: number[] = [];
for (let round = 0; round < 5; round++) {
  clock = new Date(clock.getTime() + 60_000);
  started = performance.now();
  scheduler.tick();
  tickTimes.push(performance.now() - started);
}
started = performance.now();
const earliest = scheduler.nextDue();
const nextDueMs = performance.now() - started;
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;

console.log(`scheduler benchmark — ${COUNT} jobs, node ${process.version}`);
console.log(`  parse + validate jobs.yaml (${(text.length / 1024).toFixed(0)} KB): ${parseMs.toFixed(0)} ms`);
console.log(`  next run of every job:                ${median(nextTimes).toFixed(1)} ms (median of 5)`);
console.log(`  scheduler.setJobs:                    ${setJobsMs.toFixed(1)} ms`);
console.log(`  one tick over all jobs:               ${median(tickTimes).toFixed(1)} ms (median of 5)`);
console.log(`  earliest next due (the timer's wait): ${nextDueMs.toFixed(1)} ms -> ${earliest?.toISOString()}`);
console.log(`  heap held by jobs + scheduler:        ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB${global.gc ? '' : ' (run with --expose-gc for a steadier number)'}`);

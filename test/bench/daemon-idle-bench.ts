/**
 * Benchmark: the CPU an idle `delegate daemon` uses over 60 s (jobs scheduled, none due), from /proc.
 * Prints numbers; asserts nothing. Run: npx tsx test/bench/daemon-idle-bench.ts [seconds]
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DELEGATE_BIN, cliEnv, runCli } from '../support/cli.js';
import { makeHome } from '../support/test-home.js';

const SECONDS = Number(process.argv[2] ?? 60);
const ticksPerSecond = 100; // USER_HZ on Linux

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

const { home, cleanup } = makeHome();
try {
  await runCli(['profiles', 'add', 'work', '--scopes', 'User.Read'], { home });
  const jobs = ['jobs:'];
  for (let index = 0; index < 50; index++) jobs.push(`  - id: job-${index}`, '    schedule: "0 3 1 1 *"', '    action: { kind: graph.request, path: /me }');
  writeFileSync(join(home, 'jobs.yaml'), jobs.join('\n'));
  const daemon = spawn(process.execPath, [DELEGATE_BIN, 'daemon'], { env: cliEnv(home), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => daemon.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('daemon started') && resolve()));
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // past start-up
  const pid = daemon.pid as number;
  const before = cpuTicks(pid);
  const rssBefore = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const used = (cpuTicks(pid) - before) / ticksPerSecond;
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  daemon.kill('SIGTERM');
  await new Promise((resolve) => daemon.on('close', resolve));
  console.log(`idle daemon — 50 jobs, none due, ${SECONDS} s: CPU ${(used * 1000).toFixed(0)} ms (${((used / SECONDS) * 100).toFixed(3)} % of one core); RSS ${(rssBefore / 1024).toFixed(0)} → ${(rss / 1024).toFixed(0)} MB`);
} finally {
  cleanup();
}

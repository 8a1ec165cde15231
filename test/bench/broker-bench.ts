/**
 * Benchmark: the token broker a script's Azure SDK talks to, and what `delegate exec` adds to starting a program.
 *
 * - `delegate exec -- node -e 0` against `node -e 0`: Delegate's start, the broker's start and stop, the child's
 *   environment (medians of N runs, interleaved).
 * - One broker request (a cached Graph token, a new connection each time, as azure-identity does): median and
 *   95th percentile of M sequential requests from inside `delegate exec`.
 *
 * Run with `npm run bench` (inside a private D-Bus session with gnome-keyring, like the tests).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEmulator } from '../support/emulator.js';
import { DELEGATE_BIN, cliEnv } from '../support/cli.js';
import { makeHome } from '../support/test-home.js';
import { BENCH_PROFILE, signInBenchProfile } from './bench-home.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const REQUESTS = Number(process.env.BENCH_BROKER_REQUESTS ?? 200);

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout }));
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

async function main(): Promise<void> {
  const emulator = await startTestEmulator();
  const { home, cleanup } = makeHome();
  try {
    await signInBenchProfile(emulator, home);
    const env = { ...cliEnv(home), NODE_EXTRA_CA_CERTS: emulator.caFile };
    // The emulator's Graph root stands in for https://graph.microsoft.com, which the broker serves by default.
    const graphUrl = (JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')) as { profiles: Record<string, { graphBaseUrl: string }> }).profiles.bench?.graphBaseUrl ?? '';
    const commands: Record<string, string[]> = {
      'node -e 0': ['-e', '0'],
      'delegate exec -- node -e 0': [DELEGATE_BIN, 'exec', '--profile', BENCH_PROFILE, '--', process.execPath, '-e', '0'],
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    for (const args of Object.values(commands)) await run(args, env); // warm-up
    for (let i = 0; i < RUNS; i++) {
      for (const [name, args] of Object.entries(commands)) {
        const timed = await run(args, env);
        if (timed.code !== 0) throw new Error(`${name} failed`);
        times[name]?.push(timed.ms);
      }
    }
    const client = fileURLToPath(new URL('./broker-client.mjs', import.meta.url));
    const answered = await run([DELEGATE_BIN, 'exec', '--profile', BENCH_PROFILE, '--', process.execPath, client, String(REQUESTS), graphUrl], env);
    if (answered.code !== 0) throw new Error(`broker client failed (exit ${answered.code})`);
    const latencies = JSON.parse(answered.stdout) as number[];
    const first = latencies.shift() as number;

    console.log(`\ntoken broker benchmark — ${new Date().toISOString()}, node ${process.version}`);
    for (const [name, values] of Object.entries(times)) console.log(`${name.padEnd(30)} median ${percentile(values, 50).toFixed(1).padStart(7)} ms over ${RUNS} runs`);
    const overhead = percentile(times['delegate exec -- node -e 0'] ?? [], 50) - percentile(times['node -e 0'] ?? [], 50);
    console.log(`delegate exec adds ${overhead.toFixed(1)} ms to starting a program`);
    console.log(`broker request (cached token, new connection): first ${first.toFixed(2)} ms; then median ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms over ${latencies.length}`);
  } finally {
    cleanup();
    await emulator.close();
  }
}

await main();

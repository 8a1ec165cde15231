/**
 * Benchmark: the cold start of the CLI's hot paths against the strongest fair baselines, time and peak memory.
 *
 * - `delegate token` with a valid cached access token, and with none (one refresh), beside the floor (Node and
 *   one keytar read of the same keychain entry, floor-token.cjs), bare msal-node + msal-node-extensions scripts on
 *   the same cache as ESM (bare-msal-token.mjs) and as CommonJS (bare-msal-token.cjs), and `node -e 0`.
 *   NODE_EXTRA_CA_CERTS is the emulator's one-certificate CA for every command alike (ENVIRONMENT.md).
 * - `delegate status` (cached, no network) beside its floor (floor-status.cjs: Node and the same reads).
 * - `delegate jobs` with 100 jobs and 3,000 runs of history beside its floor (floor-jobs.cjs).
 *   Nothing is fetched in these two, so NODE_EXTRA_CA_CERTS is unset for all their commands.
 *
 * Every command is a new process, run through rss-runner.py (fork, exec, wait4): the wall time from fork to reaped
 * and the peak RSS (ru_maxrss). N runs each (BENCH_RUNS, default 15) after one warm-up, interleaved so machine noise
 * hits every command alike; medians. Run with `npm run bench` (a private D-Bus session with gnome-keyring);
 * BENCH_ONLY=status,jobs (or token) runs only those tables.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { DELEGATE_BIN, cliEnv } from '../support/cli.js';
import { makeHome } from '../support/test-home.js';
import { httpsJson } from '../support/https-json.js';
import { BENCH_JOBS, BENCH_PROFILE, RUNS_PER_JOB, prepareBenchHome } from './bench-home.js';
import { median, startRunner, type Measured, type Runner } from './measure.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'token,status,jobs').split(','));
const require = createRequire(import.meta.url);
const keytar = require('keytar') as {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
};
const here = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));
const NODE = process.execPath;

interface Row {
  name: string;
  argv: string[];
  /** What a successful run prints, else the run is an error (a benchmark of a failing command is worthless). */
  check: (stdout: string) => boolean;
  /** Runs before each measured run (the refresh column empties the access tokens). */
  before?: () => Promise<void>;
}

type Samples = Record<string, Measured[]>;

/** One warm-up of each row (file cache, a fresh access token), then `RUNS` rounds of every row in turn. */
async function measureRows(runner: Runner, rows: Row[], env: NodeJS.ProcessEnv): Promise<Samples> {
  const samples: Samples = Object.fromEntries(rows.map((row) => [row.name, []]));
  for (let round = -1; round < RUNS; round++) {
    for (const row of rows) {
      await row.before?.();
      const measured = await runner.measure(row.argv, env);
      if (measured.code !== 0 || !row.check(measured.stdout)) {
        throw new Error(`${row.name} failed (exit ${measured.code}, round ${round}): ${measured.stdout.slice(0, 400)}`);
      }
      if (round >= 0) samples[row.name]?.push(measured);
    }
  }
  return samples;
}

const ms = (runs: Measured[]) => median(runs.map((run) => run.ms));
const mib = (runs: Measured[]) => median(runs.map((run) => run.maxrssKiB)) / 1024;
const cell = (runs: Measured[]) => `${ms(runs).toFixed(1).padStart(7)} ms ${mib(runs).toFixed(1).padStart(6)} MiB`;
const ratio = (runs: Measured[], base: Measured[] | undefined) => (base ? `${(ms(runs) / ms(base)).toFixed(2)}x` : '—').padStart(7);
const NAME_WIDTH = 40;
const RUNTIME_FLOOR: Row = { name: 'node -e 0 (the runtime)', argv: [NODE, '-e', '0'], check: () => true };
/** What printing one local date costs a fresh Node (ICU's data), which both status and jobs and their floors pay. */
const LOCAL_DATE: Row = { name: 'node + one local date (ICU)', argv: [NODE, '-e', 'new Date().toLocaleString()'], check: () => true };
const TOKEN_FLOOR = 'floor: node + one keytar read';
const BARE_ESM = 'bare msal-node + extensions (ESM)';
const BARE_CJS = 'bare msal-node + extensions (CJS)';
const aToken = (stdout: string) => stdout.length >= 100;

/** `delegate token`, cached and with one refresh, against the floor and both bare msal scripts. */
async function tokenTable(runner: Runner, emulator: TestEmulator, home: string): Promise<void> {
  const config = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'));
  const profile = config.profiles[BENCH_PROFILE];
  const account = `msal-cache/${profile.id}`;
  const authority = `${emulator.authorityHost}/organizations`;
  const metadata = (await httpsJson(emulator.caFile, 'GET', `${authority}/v2.0/.well-known/openid-configuration`)).body;
  const host = new URL(emulator.authorityHost).host;
  const cloudDiscovery = { tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }] };
  const cachePath = join(home, 'profiles', BENCH_PROFILE, 'msal-cache.json');
  const bareArgs = [cachePath, 'Delegate', account, profile.clientId, authority, JSON.stringify(metadata), JSON.stringify(cloudDiscovery), profile.scopes.join(' ')];

  /** Drops every cached access token so the next command must redeem the refresh token once. */
  async function expireAccessTokens(): Promise<void> {
    const cache = JSON.parse((await keytar.getPassword('Delegate', account)) ?? '{}');
    cache.AccessToken = {};
    await keytar.setPassword('Delegate', account, JSON.stringify(cache));
  }
  const rows = (refresh: boolean): Row[] => {
    const before = refresh ? { before: expireAccessTokens } : {};
    return [
      RUNTIME_FLOOR,
      // The floor reads whatever is cached; it never refreshes, so it runs as in the cached column.
      { name: TOKEN_FLOOR, argv: [NODE, here('floor-token.cjs'), 'Delegate', account], check: () => true },
      { name: 'delegate token', argv: [NODE, DELEGATE_BIN, 'token', '--profile', BENCH_PROFILE], check: aToken, ...before },
      { name: BARE_ESM, argv: [NODE, here('bare-msal-token.mjs'), ...bareArgs], check: aToken, ...before },
      { name: BARE_CJS, argv: [NODE, here('bare-msal-token.cjs'), ...bareArgs], check: aToken, ...before },
    ];
  };
  const env = { ...cliEnv(home), NODE_EXTRA_CA_CERTS: emulator.caFile };
  const cached = await measureRows(runner, rows(false), env);
  const refreshed = await measureRows(runner, rows(true), env);

  console.log('\n`delegate token` (NODE_EXTRA_CA_CERTS = the emulator\'s CA for all)');
  console.log(`${''.padEnd(NAME_WIDTH)} ${'cached access token'.padEnd(22)} vs floor vs CJS   ${'one refresh'.padEnd(22)} vs floor vs CJS`);
  for (const name of Object.keys(cached)) {
    const c = cached[name] ?? [];
    const r = refreshed[name] ?? [];
    console.log(`${name.padEnd(NAME_WIDTH)} ${cell(c)} ${ratio(c, cached[TOKEN_FLOOR])} ${ratio(c, cached[BARE_CJS])}   ${cell(r)} ${ratio(r, refreshed[TOKEN_FLOOR])} ${ratio(r, refreshed[BARE_CJS])}`);
  }
  console.log('(The floor never refreshes: in the refresh column it is still one keychain read, no network.)');
  console.log('CLI for Microsoft 365 (`m365 util accesstoken get`) is not run here: it cannot be pointed at a custom authority');
  console.log('host such as the emulator; ENVIRONMENT.md measured it on this machine type at 495 ms (cached).');
  const ours = ms(cached['delegate token'] ?? []);
  console.log(`delegate token (cached) vs 495 ms: ${(ours / 495).toFixed(3)}x (target < 0.15x); vs CJS bare msal: ${(ours / ms(cached[BARE_CJS] ?? [])).toFixed(2)}x, vs ESM bare msal: ${(ours / ms(cached[BARE_ESM] ?? [])).toFixed(2)}x (target < 1.0)`);
}

/** A command that only reads local state, against its floor; nothing is fetched, so NODE_EXTRA_CA_CERTS is unset. */
async function localTable(runner: Runner, home: string, title: string, floor: Row, command: Row): Promise<void> {
  const env = cliEnv(home);
  delete env.NODE_EXTRA_CA_CERTS;
  const samples = await measureRows(runner, [RUNTIME_FLOOR, LOCAL_DATE, floor, command], env);
  console.log(`\n${title} (NODE_EXTRA_CA_CERTS unset)`);
  console.log(`${''.padEnd(NAME_WIDTH)} ${'time and peak RSS'.padEnd(22)} vs floor`);
  for (const [name, runs] of Object.entries(samples)) console.log(`${name.padEnd(NAME_WIDTH)} ${cell(runs)} ${ratio(runs, samples[floor.name])}`);
  const icu = ms(samples[LOCAL_DATE.name] ?? []) - ms(samples[RUNTIME_FLOOR.name] ?? []);
  console.log(`(Both print local dates: the first toLocaleString loads ICU's locale and time zone data, ${icu.toFixed(0)} ms here, in each.)`);
  const versus = ms(samples[command.name] ?? []) / ms(samples[floor.name] ?? []);
  console.log(`${command.name} vs its floor: ${versus.toFixed(2)}x (target <= 1.5x)${versus <= 1.5 ? '' : ' — OVER'}`);
}

async function main(): Promise<void> {
  const emulator = await startTestEmulator();
  const runner = startRunner();
  const { home, cleanup } = makeHome();
  try {
    await prepareBenchHome(emulator, home);
    console.log(`\nCLI cold-start benchmark — ${RUNS} interleaved runs each, medians of wall time and peak RSS (ru_maxrss), ${new Date().toISOString()}, node ${process.version}`);
    if (ONLY.has('token')) await tokenTable(runner, emulator, home);
    if (ONLY.has('status')) {
      await localTable(runner, home, '`delegate status` (cached, no network)',
        { name: 'floor: node + the reads status needs', argv: [NODE, here('floor-status.cjs'), home, BENCH_PROFILE], check: (stdout) => stdout.includes('until') },
        { name: 'delegate status', argv: [NODE, DELEGATE_BIN, 'status', '--profile', BENCH_PROFILE], check: (stdout) => stdout.includes('Tokens for Delegate') });
    }
    if (ONLY.has('jobs')) {
      await localTable(runner, home, `\`delegate jobs\` (${BENCH_JOBS} jobs, ${BENCH_JOBS * RUNS_PER_JOB} runs of history)`,
        { name: 'floor: node + the reads jobs needs', argv: [NODE, here('floor-jobs.cjs'), home], check: (stdout) => stdout.split('\n').length > BENCH_JOBS },
        { name: `delegate jobs (${BENCH_JOBS} jobs)`, argv: [NODE, DELEGATE_BIN, 'jobs'], check: (stdout) => stdout.split('\n').filter((line) => line.startsWith('  last: ')).length === BENCH_JOBS });
    }
  } finally {
    runner.close();
    cleanup();
    await emulator.close();
  }
}

await main();

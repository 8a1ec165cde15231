/**
 * A developer's tool for issue 11 (not the benchmark: `npm run bench`, test/bench/cli-bench.ts, is): times variants of
 * `delegate token` against the same signed-in emulator profile, interleaved in one loop so the noise of a shared
 * machine hits every variant alike, and reports medians of wall time and of peak RSS (wait4's ru_maxrss, read by
 * a python3 fork/exec wrapper that times only the child).
 *
 *   bash scripts/token-variants.sh [VARIANTS.json]    (a private D-Bus with gnome-keyring, like scripts/bench.sh)
 *
 * VARIANTS.json: {"name": ["node args…"], …}; in the args, {bin} is the checkout's bin/delegate.cjs, {profile}
 * the profile, {cache} its cache file, {account} its keychain account, {clientId}, {authority}, {scopes},
 * {metadata} and {cloudDiscovery} what test/bench/bare-msal-token.mjs takes. Without one: node -e 0, the floor
 * (node and one keytar read), the checkout's `delegate token` and the bare msal scripts (CommonJS and ESM). RUNS (15) and MODES (cached,refresh) from the environment;
 * SHELL_CMD runs one shell command in the set-up instead (the fills as FILL_* variables).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEmulator } from '../test/support/emulator.js';
import { DELEGATE_BIN, cliEnv } from '../test/support/cli.js';
import { makeHome } from '../test/support/test-home.js';
import { httpsJson } from '../test/support/https-json.js';
import { BENCH_PROFILE, signInBenchProfile } from '../test/bench/bench-home.js';
import { median } from '../test/bench/measure.js';

const RUNS = Number(process.env.RUNS ?? 15);
const MODES = (process.env.MODES ?? 'cached,refresh').split(',');
const require = createRequire(import.meta.url);
const keytar = require('keytar') as {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
};

// Times the child alone (fork to wait4) and reads its peak RSS; prints "ms kib status" on fd 3.
const WRAPPER = `
import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
ms = (time.perf_counter() - t) * 1000
os.write(3, f"{ms} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
`;

interface Timed {
  ms: number;
  rssKib: number;
  code: number;
  stdout: string;
  stderr: string;
}

function timeCommand(args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', WRAPPER, process.execPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let report = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (report += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const [ms, rss, code] = report.split(' ').map(Number);
      resolve({ ms: ms ?? NaN, rssKib: rss ?? NaN, code: code ?? -1, stdout, stderr });
    });
  });
}

async function main(): Promise<void> {
  const emulator = await startTestEmulator();
  const { home, cleanup } = makeHome();
  try {
    await signInBenchProfile(emulator, home);
    const profile = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles[BENCH_PROFILE];
    const account = `msal-cache/${profile.id}`;
    const authority = `${emulator.authorityHost}/organizations`;
    const metadata = (await httpsJson(emulator.caFile, 'GET', `${authority}/v2.0/.well-known/openid-configuration`)).body;
    const host = new URL(emulator.authorityHost).host;
    const cloudDiscovery = { tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }] };
    const env = { ...cliEnv(home), NODE_EXTRA_CA_CERTS: emulator.caFile };
    const fill: Record<string, string> = {
      bin: DELEGATE_BIN,
      profile: BENCH_PROFILE,
      cache: join(home, 'profiles', BENCH_PROFILE, 'msal-cache.json'),
      account,
      clientId: profile.clientId,
      authority,
      scopes: profile.scopes.join(' '),
      metadata: JSON.stringify(metadata),
      cloudDiscovery: JSON.stringify(cloudDiscovery),
    };
    // SHELL_CMD: run one shell command in this set-up instead (profiling, poking around), with the fills as env.
    if (process.env.SHELL_CMD) {
      // Not spawnSync: the emulator answers from this process's event loop.
      const shell = spawn('bash', ['-c', process.env.SHELL_CMD], { env: { ...env, ...Object.fromEntries(Object.entries(fill).map(([key, value]) => [`FILL_${key}`, value])) }, stdio: 'inherit' });
      await new Promise((resolve) => shell.on('close', resolve));
      return;
    }
    const bareArgs = ['{cache}', 'Delegate', '{account}', '{clientId}', '{authority}', '{metadata}', '{cloudDiscovery}', '{scopes}'];
    const here = fileURLToPath(new URL('.', import.meta.url));
    const variants: Record<string, string[]> = process.argv[2]
      ? JSON.parse(readFileSync(process.argv[2], 'utf8'))
      : {
          'node -e 0': ['-e', '0'],
          'floor: node + keytar read': [join(here, 'token-variants/keytar-floor.cjs'), '{account}'],
          'delegate token': ['{bin}', 'token', '--profile', '{profile}'],
          'bare msal (CJS)': [join(here, 'token-variants/bare-msal-token.cjs'), ...bareArgs],
          'bare msal (ESM)': [join(here, '../test/bench/bare-msal-token.mjs'), ...bareArgs],
        };
    const commands = Object.entries(variants).map(([name, args]) => [name, args.map((arg) => arg.replace(/\{(\w+)\}/g, (_, key: string) => fill[key] ?? `{${key}}`))] as const);

    async function expireAccessTokens(): Promise<void> {
      const cache = JSON.parse((await keytar.getPassword('Delegate', account)) ?? '{}');
      cache.AccessToken = {};
      await keytar.setPassword('Delegate', account, JSON.stringify(cache));
    }
    const isNode0 = (args: readonly string[]) => args[0] === '-e';

    const rows: Record<string, Record<string, { ms: number[]; rss: number[] }>> = {};
    for (const [name] of commands) rows[name] = Object.fromEntries(MODES.map((mode) => [mode, { ms: [], rss: [] }]));
    for (const [, args] of commands) await timeCommand(args, env); // warm-up: the OS file cache, the compile cache
    for (const mode of MODES) {
      for (let run = 0; run < RUNS; run++) {
        for (const [name, args] of commands) {
          if (mode === 'refresh' && !isNode0(args)) await expireAccessTokens();
          const timed = await timeCommand(args, env);
          if (timed.code !== 0 || (!isNode0(args) && timed.stdout.length < 100)) throw new Error(`${name} failed (${mode} run ${run}): ${timed.code} ${timed.stderr}`);
          rows[name]?.[mode]?.ms.push(timed.ms);
          rows[name]?.[mode]?.rss.push(timed.rssKib);
        }
      }
    }
    console.log(`\n${RUNS} interleaved runs each, medians, node ${process.version}, ${new Date().toISOString()}`);
    console.log(`${'variant'.padEnd(34)}${MODES.map((mode) => `${mode} ms`.padStart(14) + `${mode} MiB`.padStart(14)).join('')}`);
    for (const [name, modes] of Object.entries(rows)) {
      console.log(`${name.padEnd(34)}${MODES.map((mode) => median(modes[mode]?.ms ?? []).toFixed(1).padStart(14) + (median(modes[mode]?.rss ?? []) / 1024).toFixed(1).padStart(14)).join('')}`);
    }
  } finally {
    cleanup();
    await emulator.close();
  }
}

await main();

/**
 * Benchmark: 1 GiB through Delegate's Graph client against the emulator, with curl on the same URL for scale.
 *
 * The emulator runs as a child process, so the memory measured here is the client's alone. In order:
 * 1. upload a 1 GiB local file through an upload session (GraphClient.upload, default 10 MiB chunks);
 * 2. download it back through `/content`'s 302 (GraphClient.download: stream, SHA-256, fsync, rename);
 * 3. download the same pre-authenticated URL with `curl --cacert` (what a script would do).
 * Uploading first means the bench needs only Graph's own file routes, no seeding through the control API.
 *
 * Downloads run BENCH_RUNS times (default 3), GraphClient and curl interleaved so machine noise hits both;
 * medians are printed. GraphClient's time includes its fsync (the atomic write makes the file durable before
 * the rename); curl does not sync, so "curl + fsync" adds one fsync of curl's file for a like-for-like figure.
 *
 * Prints MiB/s and this process's peak RSS over its baseline during each transfer (sampled every 20 ms;
 * target: flat, under 100 MB over baseline), and curl's peak RSS from /proc. Asserts nothing.
 *
 *   npx tsx test/bench/transfer-bench.ts
 *   BENCH_BYTES=268435456 BENCH_RUNS=5 npx tsx test/bench/transfer-bench.ts   # another size, more runs
 *   NODE_OPTIONS=--expose-gc npx tsx test/bench/transfer-bench.ts             # collect garbage before each baseline
 *
 * NODE_EXTRA_CA_CERTS is removed for the emulator and curl alike (ENVIRONMENT.md): trust comes from the CA file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { GraphClient } from '../../electron/core/graph/graph-client.js';
import type { RunningEmulator } from '../emulator/index.js';
import { EmulatorClient, GRAPH_POWERSHELL } from '../emulator/tests/support/emulator-client.js';

const BYTES = Number(process.env.BENCH_BYTES ?? 1024 * 1024 * 1024);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const FOLDER = '/me/drive/root:/Bench';
const FILE_NAME = 'transfer-bench.bin';
const SCOPES = 'openid profile offline_access User.Read Files.ReadWrite.All Sites.ReadWrite.All';
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MIB = 1024 * 1024;

interface EmulatorUrls {
  authorityHost: string;
  graphBaseUrl: string;
  caFile: string;
  controlUrl: string;
}

/** The emulator's `npm run emulator` entry in a child process; resolves with the one JSON line it prints. */
async function startEmulatorChild(): Promise<{ child: ChildProcess; urls: EmulatorUrls }> {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const child = spawn(join(REPO, 'node_modules/.bin/tsx'), ['test/emulator/main.ts', '--port', '0', '--quiet', '--device-code-interval', '1'], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as Readable });
  for await (const line of lines) {
    lines.close();
    return { child, urls: JSON.parse(line) as EmulatorUrls };
  }
  throw new Error('emulator: exited before printing its URLs');
}

/** Writes `size` bytes of random content (a 1 MiB random block, restamped per MiB) and returns its SHA-256. */
async function writeSource(path: string, size: number): Promise<string> {
  const block = randomBytes(MIB);
  const hash = createHash('sha256');
  let written = 0;
  const source = Readable.from(
    (function* () {
      while (written < size) {
        const length = Math.min(MIB, size - written);
        block.writeUInt32LE(written / MIB, 0);
        const chunk = Buffer.from(block.subarray(0, length));
        hash.update(chunk);
        written += length;
        yield chunk;
      }
    })(),
  );
  await pipeline(source, createWriteStream(path));
  return hash.digest('hex');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Runs `work` while sampling this process's RSS; returns seconds and the peak over the RSS just before. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakOverBaselineMiB: number; baselineMiB: number }> {
  globalThis.gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, seconds, peakOverBaselineMiB: (peak - baseline) / MIB, baselineMiB: baseline / MIB };
  } finally {
    clearInterval(sampler);
  }
}

/** curl on the pre-authenticated URL; its peak RSS read from /proc while it runs (Linux). */
function curlDownload(url: string, caFile: string, destination: string): Promise<{ seconds: number; bytes: number; peakRssMiB: number | undefined }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    const started = performance.now();
    const child = spawn('curl', ['-sS', '--fail', '--cacert', caFile, '-o', destination, '-w', '%{size_download}', url], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let peakKiB: number | undefined;
    const sampler = setInterval(() => {
      void readFile(`/proc/${child.pid}/status`, 'utf8').then(
        (status) => {
          const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
          if (hwm !== undefined) peakKiB = Math.max(peakKiB ?? 0, Number(hwm));
        },
        () => undefined,
      );
    }, 20);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`curl exited with ${code}`));
      resolve({ seconds: (performance.now() - started) / 1000, bytes: Number(output), peakRssMiB: peakKiB === undefined ? undefined : peakKiB / 1024 });
    });
  });
}

async function fsyncFile(path: string): Promise<number> {
  const started = performance.now();
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function rate(bytes: number, seconds: number): string {
  return `${(bytes / MIB / seconds).toFixed(1)} MiB/s`;
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'delegate-transfer-bench-'));
  const { child, urls } = await startEmulatorChild();
  try {
    // EmulatorClient reads only the URLs and the CA file of a RunningEmulator; the child gave us those.
    const emulator = new EmulatorClient(urls as unknown as RunningEmulator);
    // Graph PowerShell: SharePoint sites (Sites.ReadWrite.All) are outside what Microsoft pre-authorises Office for.
    const tokens = await emulator.signIn(GRAPH_POWERSHELL, SCOPES);
    const client = new GraphClient({ baseUrl: urls.graphBaseUrl, caFile: urls.caFile, getToken: async () => tokens.access_token });

    const source = join(scratch, 'source.bin');
    process.stderr.write(`writing ${(BYTES / MIB).toFixed(0)} MiB of random content…\n`);
    const sourceSha = await writeSource(source, BYTES);

    process.stderr.write('upload (GraphClient, upload session)…\n');
    const upload = await measured(() => client.upload(FOLDER, FILE_NAME, source, { conflictBehavior: 'replace' }));

    const contentPath = `${FOLDER}/${FILE_NAME}:/content`;
    const viaClient = join(scratch, 'via-client.bin');
    const viaCurl = join(scratch, 'via-curl.bin');
    const clientRuns: Array<{ seconds: number; peakOverBaselineMiB: number; baselineMiB: number; sha256: string }> = [];
    const curlRuns: Array<{ seconds: number; fsyncSeconds: number; peakRssMiB: number | undefined; sha256: string }> = [];
    for (let run = 1; run <= RUNS; run += 1) {
      process.stderr.write(`download ${run}/${RUNS} (GraphClient, then curl)…\n`);
      await rm(viaClient, { force: true });
      const download = await measured(() => client.download(contentPath, viaClient));
      clientRuns.push({ seconds: download.seconds, peakOverBaselineMiB: download.peakOverBaselineMiB, baselineMiB: download.baselineMiB, sha256: download.result.sha256 });

      // curl gets the same pre-authenticated URL the client was redirected to, straight away.
      const redirect = await client.request<unknown>('GET', contentPath);
      const location = redirect.headers.location;
      if (redirect.status !== 302 || !location) throw new Error(`expected a 302 from /content, got ${redirect.status}`);
      await rm(viaCurl, { force: true });
      const curl = await curlDownload(location, urls.caFile, viaCurl);
      const fsyncSeconds = await fsyncFile(viaCurl);
      curlRuns.push({ seconds: curl.seconds, fsyncSeconds, peakRssMiB: curl.peakRssMiB, sha256: run === RUNS ? await sha256Of(viaCurl) : '' });
    }

    const clientSeconds = median(clientRuns.map((run) => run.seconds));
    const curlSeconds = median(curlRuns.map((run) => run.seconds));
    const curlSyncedSeconds = median(curlRuns.map((run) => run.seconds + run.fsyncSeconds));
    const clientPeak = Math.max(...clientRuns.map((run) => run.peakOverBaselineMiB));
    const curlPeak = Math.max(...curlRuns.map((run) => run.peakRssMiB ?? 0));
    const clientShaOk = clientRuns.every((run) => run.sha256 === sourceSha);
    const curlShaOk = curlRuns.at(-1)?.sha256 === sourceSha;
    const all = (values: number[]) => values.map((seconds) => rate(BYTES, seconds).replace(' MiB/s', '')).join(', ');

    const lines = [
      `Transfer bench: ${(BYTES / MIB).toFixed(0)} MiB, emulator in a child process, Node ${process.version}, downloads: median of ${RUNS}`,
      `  upload   GraphClient          ${rate(BYTES, upload.seconds).padStart(12)}  ${upload.seconds.toFixed(1)} s  peak RSS +${upload.peakOverBaselineMiB.toFixed(1)} MiB over ${upload.baselineMiB.toFixed(0)} MiB  (item size ${upload.result.size ?? '?'})`,
      `  download GraphClient (fsync)  ${rate(BYTES, clientSeconds).padStart(12)}  ${clientSeconds.toFixed(1)} s  peak RSS +${clientPeak.toFixed(1)} MiB over ${clientRuns[0]?.baselineMiB.toFixed(0)} MiB  (runs: ${all(clientRuns.map((run) => run.seconds))}; sha256 ${clientShaOk ? 'matches' : 'DIFFERS'})`,
      `  download curl                 ${rate(BYTES, curlSeconds).padStart(12)}  ${curlSeconds.toFixed(1)} s  curl peak RSS ${curlPeak.toFixed(1)} MiB  (runs: ${all(curlRuns.map((run) => run.seconds))}; sha256 ${curlShaOk ? 'matches' : 'DIFFERS'})`,
      `  download curl + fsync         ${rate(BYTES, curlSyncedSeconds).padStart(12)}  ${curlSyncedSeconds.toFixed(1)} s`,
      `  GraphClient download time / curl + fsync: ${(clientSeconds / curlSyncedSeconds).toFixed(2)}×`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    client.close();
  } finally {
    // Wait for the emulator to go: tsx forwards the signal to its own child, which needs a moment.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();

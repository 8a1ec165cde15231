/**
 * The token broker's lifetime in the daemon: two runs at once each get their own endpoint and secret, and on
 * SIGTERM every endpoint closes — even one a slow client holds open — the scripts end and the runs are recorded.
 */
import { readFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { writeJobs } from '../support/jobs.js';
import type { JobRun } from '../../shared/models/job-run.js';

const setup = useEmulatorHome({ signedIn: true });
const groups: number[] = [];
afterEach(() => {
  for (const group of groups.splice(0)) {
    // Only a real process group of a script this test started (never 0 or 1: that would be us or init).
    if (Number.isInteger(group) && group > 1 && group !== process.pid) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
});

/** A script job that notes its broker and process group, then works for two minutes. */
function brokerSleeper(id: string) {
  const script = `echo "$IDENTITY_ENDPOINT" > ${id}.endpoint; echo "$IDENTITY_HEADER" > ${id}.secret; ps -o pgid= $$ | tr -d ' ' > ${id}.pgid; sleep 120`;
  return { id, schedule: '* * * * * *', catchUp: 'none', profile: 'emu', action: { kind: 'script', command: 'bash', args: ['-c', script], tokens: [] } };
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Status of a token request to `endpoint` with `secret`, or the connection error's code. */
function ask(endpoint: string, secret: string): Promise<number | string> {
  return new Promise((resolve) => {
    const outgoing = request(`${endpoint}?api-version=2019-08-01&resource=${encodeURIComponent(setup.emulator.graphBaseUrl)}`, { headers: { 'X-IDENTITY-HEADER': secret }, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    outgoing.end();
  });
}

describe('the token broker in the daemon', () => {
  it('gives two runs at once their own endpoint and secret, and on SIGTERM closes both, even one a slow client holds, ends the scripts and records the runs', async () => {
    writeJobs(setup.home, [brokerSleeper('a'), brokerSleeper('b')]);
    const daemon = startCli(['daemon', '--grace', '1'], { home: setup.home });
    const file = (name: string) => join(setup.home, name);
    const [endpointA, secretA, endpointB, secretB] = await until('both scripts', () => {
      const values = [read(file('a.endpoint')), read(file('a.secret')), read(file('b.endpoint')), read(file('b.secret')), read(file('a.pgid')), read(file('b.pgid'))];
      return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
    }) as [string, string, string, string];
    groups.push(Number(read(file('a.pgid'))), Number(read(file('b.pgid'))));
    expect(endpointA).not.toBe(endpointB);
    expect(secretA).not.toBe(secretB);
    expect(await ask(endpointA, secretA)).toBe(200);
    expect(await ask(endpointB, secretA)).toBe(401); // run A's secret is worth nothing at run B's broker

    // A slow client holding run A's broker open mid-request: the stop must not wait for it.
    const slow = connectTcp({ host: '127.0.0.1', port: Number(new URL(endpointA).port) });
    slow.on('error', () => undefined);
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write('GET /msi/token HTTP/1.1\r\nHost: 127.0.0.1\r\n');

    daemon.child.kill('SIGTERM');
    expect((await daemon.done).code).toBe(0);
    slow.destroy();
    expect(await ask(endpointA, secretA)).toBe('ECONNREFUSED');
    expect(await ask(endpointB, secretB)).toBe('ECONNREFUSED');
    for (const group of groups) {
      expect(() => process.kill(-group, 0), `process group ${group} outlived its run`).toThrow();
    }
    const runs = JSON.parse((await runCli(['history', '--json', '--limit', '100'], { home: setup.home })).stdout) as JobRun[];
    for (const id of ['a', 'b']) {
      expect(runs.filter((run) => run.jobId === id && run.status === 'running')).toEqual([]);
      expect(runs.find((run) => run.jobId === id && run.status === 'interrupted'), `${id} recorded interrupted`).toMatchObject({ error: { code: 'interrupted' } });
    }
    expect(runs.find((run) => run.jobId === 'a' && run.status === 'interrupted')?.broker).toEqual({ ok: 1, refused: 0 });
  });
});

/**
 * The acceptance of issue 9 item 5 for the daemon: after a daemon run against the emulator, `<home>/logs` holds
 * the daemon's start, each run's start and end with its ids (Graph's request-id and client-request-id on a
 * failure), the sign-in keeper's start-up probe, and no token the emulator issued, anywhere.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogFile } from '../../electron/core/logging/log-file.js';
import { runCli, startCli } from '../support/cli.js';
import { useEmulatorHome } from '../support/emulator-home.js';
import { writeJobs } from '../support/jobs.js';
import { readAllFiles } from '../support/test-home.js';
import { until } from '../support/until.js';
import type { JobRun } from '../../shared/models/job-run.js';

const setup = useEmulatorHome({ signedIn: true });
const everySecond = { schedule: '* * * * * *', catchUp: 'none', profile: 'emu' };

async function history(): Promise<JobRun[]> {
  return JSON.parse((await runCli(['history', '--json', '--limit', '100'], { home: setup.home })).stdout) as JobRun[];
}

function daemonEntries(): Array<Record<string, unknown>> {
  return readFileSync(join(setup.home, 'logs', 'daemon.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the daemon log file', () => {
  it('after a daemon run, logs/ holds the start, each run with its ids and a failure with its Graph request ids, and no issued token', async () => {
    writeJobs(setup.home, [
      { id: 'whoami', ...everySecond, action: { kind: 'graph.request', path: '/me' } },
      { id: 'missing-file', ...everySecond, action: { kind: 'graph.request', path: '/me/drive/root:/No such report.xlsx' } },
    ]);
    const daemon = startCli(['daemon'], { home: setup.home });
    const [ok, failed] = await until('a finished run of each job', async () => {
      const runs = await history();
      const done = (jobId: string) => runs.find((run) => run.jobId === jobId && run.status !== 'running');
      const pair = [done('whoami'), done('missing-file')];
      return pair.every(Boolean) ? (pair as [JobRun, JobRun]) : undefined;
    });
    // The daemon's sign-in keeper probes every signed-in profile a moment after start.
    const probeLine = await until('the start-up probe in daemon.log', () => daemonEntries().find((entry) => String(entry.message).startsWith('probe emu (start)')));
    daemon.child.kill('SIGTERM');
    expect((await daemon.done).code).toBe(0);
    expect(probeLine.message).toMatch(/health ok/);
    expect(ok.status).toBe('succeeded');
    expect(failed.status).toBe('failed');

    const entries = daemonEntries();
    expect(entries).toContainEqual(expect.objectContaining({ level: 'info', message: expect.stringContaining(`daemon started for ${setup.home}`) as unknown }));
    expect(entries).toContainEqual(expect.objectContaining({ message: 'jobs file: 2 job(s) scheduled, 2 problem(s)' }));
    expect(entries.every((entry) => entry.source === 'daemon' && typeof entry.time === 'string')).toBe(true);
    expect(entries).toContainEqual(expect.objectContaining({ event: 'run-started', runId: ok.id, jobId: 'whoami' }));
    expect(entries).toContainEqual(expect.objectContaining({ event: 'run-finished', level: 'info', runId: ok.id, jobId: 'whoami', status: 'succeeded', durationMs: expect.any(Number) as unknown }));
    const failure = entries.find((entry) => entry.event === 'run-finished' && entry.runId === failed.id);
    expect(failure).toMatchObject({ level: 'error', status: 'failed', errorCode: 'itemNotFound', httpStatus: 404, requestId: expect.any(String) as unknown, clientRequestId: expect.any(String) as unknown });
    expect(failure?.message).toContain(`request-id ${String(failure?.requestId)}, client-request-id ${String(failure?.clientRequestId)}`);
    expect(entries.at(-1)?.message).toBe('daemon stopped');

    // Nothing the emulator issued — access, refresh or ID token — appears in any log file.
    const issued = await setup.emulator.issuedTokens();
    expect(issued.length).toBeGreaterThan(0);
    for (const file of readAllFiles(join(setup.home, 'logs'))) {
      for (const token of issued) expect(file.contents.includes(token), `${file.path} holds an issued token`).toBe(false);
      if (process.platform !== 'win32') expect(statSync(file.path).mode & 0o777, file.path).toBe(0o600);
    }

    // And `delegate logs` reads them back.
    const logs = await runCli(['logs', '--source', 'daemon', '--lines', 'all'], { home: setup.home });
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(new RegExp(`daemon error run #${failed.id} missing-file failed after \\d+\\.\\d s \\(schedule\\): itemNotFound: `));
  });

  it('a second daemon that is refused says why in daemon.log, as well as on stderr', async () => {
    writeJobs(setup.home, []);
    const first = startCli(['daemon'], { home: setup.home });
    await until('the first daemon', () => (/daemon started/.test(first.stdoutText()) ? true : undefined));
    const second = await runCli(['daemon'], { home: setup.home });
    first.child.kill('SIGTERM');
    await first.done;
    expect(second.code).toBe(1);
    expect(daemonEntries()).toContainEqual(
      expect.objectContaining({ level: 'error', event: 'daemon-start-failed', code: 'scheduler-running', message: expect.stringContaining('Another Delegate scheduler is already running') as unknown }),
    );
  });

  it('a scheduler lock left by a process that is gone is taken over, and daemon.log says so', async () => {
    writeJobs(setup.home, []);
    // A lock as a crashed scheduler leaves it: a PID that no process has (above Linux's pid_max), this host.
    writeFileSync(join(setup.home, 'scheduler.lock'), `4194999 ${hostname()} ${Date.now() - 60_000} deadbeefdeadbeef - delegate-scheduler`);
    const daemon = startCli(['daemon'], { home: setup.home });
    await until('the daemon', () => (/daemon started/.test(daemon.stdoutText()) ? true : undefined));
    daemon.child.kill('SIGTERM');
    expect((await daemon.done).code).toBe(0);
    expect(daemonEntries()).toContainEqual(
      expect.objectContaining({ level: 'warn', event: 'lock-recovered', lock: join(setup.home, 'scheduler.lock'), message: expect.stringContaining('process 4194999') as unknown }),
    );
  });

  it("stores a line quoting the emulator's real issued tokens redacted: raw, as a Bearer header and as form fields", async () => {
    const access = (await runCli(['token'], { home: setup.home })).stdout.trim();
    expect(access).toMatch(/^eyJ/);
    const issued = await setup.emulator.issuedTokens();
    const log = new LogFile({ home: setup.home, source: 'daemon' });
    for (const token of [access, ...issued]) {
      log.error(`script printed ${token}`);
      log.error(`curl -H "Authorization: Bearer ${token}"`, { header: `Bearer ${token}` });
      log.error(`body grant_type=refresh_token&refresh_token=${token}&client_id=x`);
    }
    log.close();
    const text = readFileSync(join(setup.home, 'logs', 'daemon.log'), 'utf8');
    for (const token of [access, ...issued]) expect(text.includes(token), `token ${token.slice(0, 12)}… was written`).toBe(false);
  });
});

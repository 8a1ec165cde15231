/**
 * `delegate logs`: the app's and the daemon's log files read back through the real CLI.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFile } from '../../electron/core/logging/log-file.js';
import type { LogSource } from '../../electron/core/logging/log-entry.js';
import { runCli, startCli } from '../support/cli.js';
import { makeHome } from '../support/test-home.js';
import { until } from '../support/until.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

const MINUTE = 60_000;

/** Writes lines as the app or the daemon would, dated `minutesAgo` before now. */
function write(source: LogSource, lines: Array<[minutesAgo: number, message: string]>, options: { maxBytes?: number; keepFiles?: number } = {}) {
  let at = new Date();
  const log = new LogFile({ home, source, now: () => at, ...options });
  for (const [minutesAgo, message] of lines) {
    at = new Date(Date.now() - minutesAgo * MINUTE);
    log.info(message);
  }
  log.close();
}

const messages = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^\S+ \S+\s+\S+\s+/, ''));

describe('delegate logs', () => {
  it('with no logs yet says where they will be, and exits 0', async () => {
    const result = await runCli(['logs'], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`No log files yet in ${join(home, 'logs')}`);
  });

  it('prints the app and daemon lines merged in time order, rotated files included, one readable line each', async () => {
    write('daemon', [[50, 'daemon started'], [40, `run #1 report started ${'x'.repeat(600)}`], [30, `run #1 report succeeded ${'y'.repeat(600)}`], [10, 'daemon stopped']], { maxBytes: 1024 });
    write('app', [[45, 'app started'], [20, 'notification: report failed']]);
    expect(readdirSync(join(home, 'logs')).filter((name) => name.startsWith('daemon.log.')).length).toBeGreaterThan(0);
    const result = await runCli(['logs'], { home });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines.map((line) => line.split(/\s+/)[3])).toEqual(['daemon', 'app', 'run', 'run', 'notification:', 'daemon']);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z daemon info {2}daemon started$/);
    expect(lines[1]).toMatch(/Z app {4}info {2}app started$/);
  });

  it('--since takes an age or an ISO time and shows only the lines from then on', async () => {
    write('daemon', [[3 * 60, 'three hours ago'], [90, 'ninety minutes ago'], [5, 'five minutes ago']]);
    expect(messages((await runCli(['logs', '--since', '2h'], { home })).stdout)).toEqual(['ninety minutes ago', 'five minutes ago']);
    expect(messages((await runCli(['logs', '--since', '10m'], { home })).stdout)).toEqual(['five minutes ago']);
    const iso = new Date(Date.now() - 100 * MINUTE).toISOString();
    expect(messages((await runCli(['logs', '--since', iso], { home })).stdout)).toEqual(['ninety minutes ago', 'five minutes ago']);
    const none = await runCli(['logs', '--since', '1m'], { home });
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('No log lines since');
  });

  it.each([
    [['--since', 'yesterday'], '--since "yesterday" is neither a date nor an age'],
    [['--since', '2026-02-30'], '--since "2026-02-30" is neither a date nor an age'],
    [['--source', 'cli'], '--source "cli" is not a log source'],
    [['--lines', '0'], '--lines "0" is not a whole number'],
    [['--lines', 'many'], '--lines "many" is not a whole number'],
    [['extra'], 'unexpected argument "extra"'],
  ])('refuses %j with exit 2 and what it accepts', async (args, said) => {
    const result = await runCli(['logs', ...args], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(said);
    expect(result.stderr).toContain('What to do:');
  });

  it('--source keeps one process, --json prints the stored objects, --lines the last N and says what it left out', async () => {
    write('daemon', [[30, 'daemon one'], [10, 'daemon two']]);
    write('app', [[20, 'app one']]);
    expect(messages((await runCli(['logs', '--source', 'daemon'], { home })).stdout)).toEqual(['daemon one', 'daemon two']);
    const json = (await runCli(['logs', '--json', '--source', 'app'], { home })).stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(json).toEqual([{ time: expect.any(String) as unknown, level: 'info', source: 'app', pid: process.pid, message: 'app one' }]);
    const last = await runCli(['logs', '--lines', '2'], { home });
    expect(messages(last.stdout)).toEqual(['app one', 'daemon two']);
    expect(last.stderr).toContain('the last 2 of 3 lines; --lines all shows every one');
  });

  it('prints a message holding escape sequences and newlines on one line, with them made visible', async () => {
    write('daemon', [[1, 'job \u001b]0;pwned\u0007 said:\nline two']]);
    const result = await runCli(['logs'], { home });
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('\\u001b]0;pwned\\u0007 said:\\u000aline two');
  });

  it('--follow prints lines written after it started, across a rotation, until Ctrl+C (exit 0)', async () => {
    write('daemon', [[5, 'before follow']]);
    const follow = startCli(['logs', '--follow'], { home });
    try {
      await until('the first line', () => (follow.stdoutText().includes('before follow') ? true : undefined));
      write('app', [[0, 'app line while following']]);
      await until('the app line', () => (follow.stdoutText().includes('app line while following') ? true : undefined));
      // Small files: these lines rotate daemon.log more than once while the follower looks every half second.
      write(
        'daemon',
        Array.from({ length: 30 }, (_, n): [number, string] => [0, `burst ${String(n).padStart(2, '0')} ${'z'.repeat(100)}`]),
        { maxBytes: 1024, keepFiles: 50 },
      );
      await until('the last burst line', () => (follow.stdoutText().includes('burst 29') ? true : undefined));
    } finally {
      follow.child.kill('SIGINT');
    }
    const result = await follow.done;
    expect(result.code).toBe(0);
    const bursts = messages(result.stdout).filter((message) => message.startsWith('burst'));
    expect(bursts.map((message) => message.slice(0, 8))).toEqual(Array.from({ length: 30 }, (_, n) => `burst ${String(n).padStart(2, '0')}`));
  });
});

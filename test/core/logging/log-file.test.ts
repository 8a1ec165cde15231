import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFile, openLogFile } from '../../../electron/core/logging/log-file.js';
import { makeHome } from '../../support/test-home.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = makeHome()));
afterEach(() => cleanup());

const posix = process.platform !== 'win32';
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the log writer', () => {
  it('writes one JSON line per event with the time, level, source, process and message', () => {
    const log = openLogFile(home, 'daemon', { now: () => new Date('2026-12-01T08:00:00.000Z') });
    log.info('daemon started', { event: 'daemon-started', jobs: 3 });
    log.error('run #4 report failed', { requestId: 'abc', message: 'cannot replace the message', time: 'cannot replace the time' });
    log.close();
    expect(lines(join(home, 'logs', 'daemon.log'))).toEqual([
      { time: '2026-12-01T08:00:00.000Z', level: 'info', source: 'daemon', pid: process.pid, message: 'daemon started', event: 'daemon-started', jobs: 3 },
      { time: '2026-12-01T08:00:00.000Z', level: 'error', source: 'daemon', pid: process.pid, message: 'run #4 report failed', requestId: 'abc' },
    ]);
  });

  it('keeps a message with newlines on one line, so it cannot forge a second entry', () => {
    const log = openLogFile(home, 'app');
    log.info('first\n{"time":"2030-01-01T00:00:00Z","level":"info","source":"daemon","message":"forged"}');
    log.close();
    const stored = lines(join(home, 'logs', 'app.log'));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.message).toContain('forged');
  });

  it.skipIf(!posix)('creates the folder 0700 and the file 0600, and puts them back when something loosened them', () => {
    const first = openLogFile(home, 'app');
    first.info('one');
    first.close();
    const folder = join(home, 'logs');
    const file = join(folder, 'app.log');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(folder, 0o755);
    chmodSync(file, 0o644);
    const second = openLogFile(home, 'app');
    second.info('two');
    second.close();
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates by size, keeping the newest lines in the configured number of files, each within the limit', () => {
    const log = new LogFile({ home, source: 'daemon', maxBytes: 2048, keepFiles: 3 });
    for (let n = 0; n < 200; n++) log.info(`line ${n} ${'x'.repeat(40)}`);
    log.close();
    const names = readdirSync(join(home, 'logs')).sort();
    expect(names).toEqual(['daemon.log', 'daemon.log.1', 'daemon.log.2']);
    for (const name of names) expect(statSync(join(home, 'logs', name)).size).toBeLessThanOrEqual(2048);
    const kept = ['daemon.log.2', 'daemon.log.1', 'daemon.log'].flatMap((name) => lines(join(home, 'logs', name)).map((entry) => entry.message as string));
    // The newest lines, in order, with no gap between files; the oldest were dropped.
    const numbers = kept.map((message) => Number(/line (\d+)/.exec(message)?.[1]));
    expect(numbers.at(-1)).toBe(199);
    expect(numbers).toEqual(numbers.map((_, index) => (numbers[0] as number) + index));
    expect(numbers[0]).toBeGreaterThan(0);
  });

  it.skipIf(!posix)('gives rotated files the same private mode', () => {
    const log = new LogFile({ home, source: 'app', maxBytes: 1024, keepFiles: 2 });
    for (let n = 0; n < 40; n++) log.info(`line ${n} ${'y'.repeat(40)}`);
    log.close();
    for (const name of readdirSync(join(home, 'logs'))) expect(statSync(join(home, 'logs', name)).mode & 0o777).toBe(0o600);
  });

  it('loses no line when two writers of one log rotate it in turn (a second daemon starting while one runs)', () => {
    const a = new LogFile({ home, source: 'daemon', maxBytes: 1024, keepFiles: 50 });
    const b = new LogFile({ home, source: 'daemon', maxBytes: 1024, keepFiles: 50 });
    for (let n = 0; n < 150; n++) (n % 3 === 0 ? b : a).info(`${n % 3 === 0 ? 'b' : 'a'} ${n} ${'z'.repeat(30)}`);
    a.close();
    b.close();
    const all = readdirSync(join(home, 'logs')).flatMap((name) => lines(join(home, 'logs', name)).map((entry) => entry.message as string));
    const numbers = all.map((message) => Number(message.split(' ')[1])).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 150 }, (_, n) => n));
    expect(readdirSync(join(home, 'logs')).filter((name) => name.endsWith('.rotating'))).toEqual([]);
  });

  it('never throws when the logs folder cannot be created, says so once on stderr, and records the loss once it can write again', () => {
    writeFileSync(join(home, 'logs'), 'a file where the folder belongs');
    const warnings: string[] = [];
    const log = openLogFile(home, 'daemon', { warn: (text) => warnings.push(text) });
    expect(() => {
      log.info('one');
      log.error('two');
      log.info('three');
    }).not.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`cannot write the log file ${join(home, 'logs', 'daemon.log')}`);
    expect(warnings[0]).toContain('Jobs keep running');
    rmSync(join(home, 'logs'));
    log.info('four');
    log.close();
    const stored = lines(join(home, 'logs', 'daemon.log'));
    expect(stored.map((entry) => entry.message)).toEqual([expect.stringMatching(/could not be written for a while .*; 3 line\(s\) were lost/), 'four']);
    expect(stored[0]).toMatchObject({ level: 'warn', event: 'log-lost', lost: 3 });
  });

  it('never throws when the log file is a folder', () => {
    mkdirSync(join(home, 'logs', 'app.log'), { recursive: true });
    const warnings: string[] = [];
    const log = openLogFile(home, 'app', { warn: (text) => warnings.push(text) });
    expect(() => log.info('one')).not.toThrow();
    expect(warnings).toHaveLength(1);
  });

  it('never throws when stderr itself is gone', () => {
    writeFileSync(join(home, 'logs'), 'not a folder');
    const log = openLogFile(home, 'app', {
      warn: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => log.info('one')).not.toThrow();
  });

  it.skipIf(!posix)('does not follow a link planted at the log file name', () => {
    mkdirSync(join(home, 'logs'), { recursive: true });
    const target = join(home, 'elsewhere.txt');
    writeFileSync(target, 'precious\n');
    symlinkSync(target, join(home, 'logs', 'app.log'));
    const log = openLogFile(home, 'app', { warn: () => undefined });
    log.info('hello');
    log.close();
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
  });

  it('reopens the file when it was moved away, instead of writing into the moved file', () => {
    const log = openLogFile(home, 'app');
    log.info('before');
    rmSync(join(home, 'logs', 'app.log'));
    log.info('after');
    log.close();
    expect(existsSync(join(home, 'logs', 'app.log'))).toBe(true);
    expect(lines(join(home, 'logs', 'app.log')).map((entry) => entry.message)).toEqual(['after']);
  });

  it('redacts token shapes and proxy passwords in messages and fields before anything reaches the disk', () => {
    const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJzY3AiOiJNYWlsLlNlbmQifQ.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2g';
    const bearer = 'Bearer Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA';
    const refresh = '1.AXkAabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_-abcdefghij';
    const form = 'refresh_token=opaque-value-42&client_id=abc';
    const proxy = 'http://alice:S3cr3t-pa55@proxy.example.test:8080';
    const log = openLogFile(home, 'daemon');
    log.error(`script printed ${jwt} and Authorization: ${bearer}; body ${form}; HTTPS_PROXY=${proxy}`, { output: `${refresh} ${proxy}`, header: bearer });
    log.close();
    const text = readFileSync(join(home, 'logs', 'daemon.log'), 'utf8');
    for (const secret of [jwt, 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA', refresh, 'opaque-value-42', 'S3cr3t-pa55']) expect(text).not.toContain(secret);
    // What is left still says what happened.
    expect(text).toContain('Authorization: Bearer [redacted]');
    expect(text).toContain('refresh_token=[redacted]');
    expect(text).toContain('http://alice:[redacted]@proxy.example.test:8080');
  });
});
